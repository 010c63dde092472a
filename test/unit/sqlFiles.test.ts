import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrationsDir, stagesDir } from '../../src/paths.js';

const withoutComments = (sql: string) => sql.replace(/--.*$/gm, '');
const files = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.sql')).map((f) => join(dir, f));

describe('SQL files', () => {
  it.each([...files(stagesDir), ...files(migrationsDir)])('%s has no "?" (knex would turn it into a bind parameter)', (file) => {
    expect(withoutComments(readFileSync(file, 'utf8'))).not.toContain('?');
  });

  it.each(files(stagesDir))('%s names no binding in a comment (knex would substitute it there too)', (file) => {
    const comments = readFileSync(file, 'utf8').match(/--.*$/gm) ?? [];
    expect(comments.filter((c) => /(^|[^:]):[a-z_]+/.test(c))).toEqual([]);
  });

  it.each(files(stagesDir))('%s states its grain on the first line', (file) => {
    expect(readFileSync(file, 'utf8').split('\n')[0]).toMatch(/^-- grain: /);
  });

  it.each(files(stagesDir))('%s casts with cast(), never ::', (file) => {
    expect(withoutComments(readFileSync(file, 'utf8'))).not.toContain('::');
  });
});
