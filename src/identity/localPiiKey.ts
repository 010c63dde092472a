import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * The zero-config demo's pseudonymisation key: made once under SEGFLOW_HOME and kept, so customer
 * ids stay stable from one demo to the next. Production sets SEGFLOW_PII_KEY instead.
 */
export async function localPiiKey(homeDir: string): Promise<{ key: string; file: string }> {
  const file = join(homeDir, 'pii.key');
  try {
    return { key: (await readFile(file, 'utf8')).trim(), file };
  } catch {
    const key = randomBytes(32).toString('hex');
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, `${key}\n`, { mode: 0o600, flag: 'wx' }).catch(async () => undefined);
    return { key: (await readFile(file, 'utf8')).trim(), file };
  }
}
