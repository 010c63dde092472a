import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

/**
 * A file's bytes as a stream, gunzipped on the fly when its name ends in .gz. A read error of the
 * file itself (ENOENT, EACCES) surfaces on the returned stream, so one catch sees every failure.
 */
export function openMaybeGzipped(path: string): Readable {
  const raw = createReadStream(path);
  if (!path.endsWith('.gz')) return raw;
  const gunzip = createGunzip();
  raw.on('error', (error) => gunzip.destroy(error));
  return raw.pipe(gunzip);
}
