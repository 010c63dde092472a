import { closeSync, openSync, readSync } from 'node:fs';
import { constants, gunzipSync } from 'node:zlib';

const PROBE_BYTES = 64 * 1024;

/**
 * The first line of a (possibly gzipped) file, read synchronously from its first 64 KB so a
 * connector can check a CSV header while it is being created. Null when the file cannot be read.
 */
export function readFirstLineSync(path: string): string | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null;
  }
  try {
    const buffer = Buffer.alloc(PROBE_BYTES);
    const read = readSync(fd, buffer, 0, PROBE_BYTES, 0);
    let bytes = buffer.subarray(0, read);
    if (path.endsWith('.gz')) {
      // A sync flush inflates the truncated start of the stream without demanding its end.
      bytes = gunzipSync(bytes, { finishFlush: constants.Z_SYNC_FLUSH });
    }
    const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
    const end = text.search(/\r?\n/);
    return end < 0 ? text : text.slice(0, end);
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}
