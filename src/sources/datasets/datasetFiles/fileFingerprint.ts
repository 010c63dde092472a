import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';

/**
 * The watermark of a static file: `<latest mtime, ISO-8601> sha256:<hash of the files' bytes>`.
 * The mtime comes first so a newer file compares greater as a string (the driver only moves a
 * watermark forward); the hash decides whether the content changed, so a file that was merely
 * touched is not re-landed.
 */
export async function fileFingerprint(paths: readonly string[]): Promise<string> {
  const hash = createHash('sha256');
  let latest = 0;
  for (const path of paths) {
    latest = Math.max(latest, (await stat(path)).mtimeMs);
    hash.update(`${basename(path)}\n`);
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  }
  return `${new Date(Math.floor(latest)).toISOString()} sha256:${hash.digest('hex')}`;
}

/** Whether a stored watermark fingerprints the same content as `fingerprint`. */
export function sameFileContent(watermark: string | null, fingerprint: string): boolean {
  if (watermark === null) return false;
  const content = (mark: string) => mark.slice(mark.indexOf(' sha256:'));
  return watermark.includes(' sha256:') && content(watermark) === content(fingerprint);
}
