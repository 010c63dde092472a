import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout root: the nearest folder above this module that holds package.json (works from src/ and dist/src/). */
function findProjectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('segflow: package.json not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
  return dir;
}

export const projectRoot = findProjectRoot();
export const sqlDir = join(projectRoot, 'sql');
export const migrationsDir = join(sqlDir, 'migrations');
export const stagesDir = join(sqlDir, 'stages');

/** Compiled workflows when running from dist/, TypeScript sources under vitest. */
export function workflowsEntry(): string {
  const compiled = join(projectRoot, 'dist', 'workflows', 'index.js');
  const fromDist = fileURLToPath(import.meta.url).includes(`${join(projectRoot, 'dist')}`);
  return fromDist && existsSync(compiled) ? compiled : resolve(projectRoot, 'workflows', 'index.ts');
}
