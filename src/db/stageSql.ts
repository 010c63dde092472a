import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stagesDir } from '../paths.js';

/** The text of sql/stages/<name>.sql. Read per call: the files are small and this keeps no module state. */
export function stageSql(name: string): string {
  return readFileSync(join(stagesDir, `${name}.sql`), 'utf8');
}
