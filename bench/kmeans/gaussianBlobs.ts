import { closeSync, existsSync, openSync, readSync, statSync, writeFileSync } from 'node:fs';
import { seededRandom } from '../../src/segmentation/seededRandom.js';

export interface BlobSpec {
  n: number;
  d: number;
  k: number;
  seed: number;
}

/**
 * Like scikit-learn's make_blobs: k centres uniform in [−10, 10]^d, unit-variance Gaussian noise,
 * each point in a uniformly drawn blob. Seeded (mulberry32 + Box–Muller), so every run gets the same data.
 */
export function gaussianBlobs({ n, d, k, seed }: BlobSpec): { values: Float64Array; truth: Int32Array } {
  const random = seededRandom(seed);
  let spare: number | undefined;
  const gaussian = () => {
    if (spare !== undefined) {
      const value = spare;
      spare = undefined;
      return value;
    }
    const radius = Math.sqrt(-2 * Math.log(1 - random()));
    const angle = 2 * Math.PI * random();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
  const centres = Float64Array.from({ length: k * d }, () => 20 * random() - 10);
  const values = new Float64Array(n * d);
  const truth = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const blob = Math.min(k - 1, Math.floor(random() * k));
    truth[i] = blob;
    for (let c = 0; c < d; c++) values[i * d + c] = centres[blob * d + c]! + gaussian();
  }
  return { values, truth };
}

export function blobFilePath(spec: BlobSpec): string {
  return `.segflow/bench/kmeans-blobs-${spec.n}x${spec.d}-k${spec.k}-seed${spec.seed}.f64`;
}

/** Writes the blobs as raw little-endian float64 (numpy.fromfile reads it as is), unless the file is already there. */
export function writeBlobFile(spec: BlobSpec, path: string): void {
  if (existsSync(path) && statSync(path).size === spec.n * spec.d * 8) return;
  const { values } = gaussianBlobs(spec);
  writeFileSync(path, new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
}

/** Reads an .f64 file straight into a SharedArrayBuffer (worker threads then share it without a copy). */
export function readBlobFile(path: string, n: number, d: number): Float64Array {
  const values = new Float64Array(new SharedArrayBuffer(n * d * 8));
  const bytes = new Uint8Array(values.buffer);
  const fd = openSync(path, 'r');
  try {
    let offset = 0;
    while (offset < bytes.length) {
      const read = readSync(fd, bytes, offset, Math.min(1 << 26, bytes.length - offset), offset);
      if (read === 0) throw new Error(`${path} ends after ${offset} bytes; expected ${bytes.length}`);
      offset += read;
    }
  } finally {
    closeSync(fd);
  }
  return values;
}
