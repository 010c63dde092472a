import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { runCli } from '../support/cliProcess.js';

let dir: string;
const cdnowDir = join(loadConfig().dataDir, 'cdnow');

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'segflow-sources-check-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function sourcesFile(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

describe('segflow sources check', () => {
  it('reports every source and object, and fails (exit 1) when one cannot be read', async () => {
    const file = await sourcesFile('mixed.yaml', [
      'sources:',
      `  - { name: cdnow, type: cdnow, path: ${cdnowDir}, file: sample }`,
      '  - name: shop',
      '    type: csv',
      '    path: exports/missing-orders.csv',
      '    entity: orders',
      '    idColumn: order_id',
      '    mapping: { total: total }',
    ].join('\n'));
    const result = await runCli(['sources', 'check', '--sources', file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/cdnow\s+CDNOW_sample\s+ok/);
    expect(result.stdout).toMatch(/shop\s+\S+\s+FAILED/);
    expect(result.stderr).toMatch(/^segflow: 1 of 2 source checks failed — /m);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);

  it('passes (exit 0) when every source is reachable, without landing anything', async () => {
    const file = await sourcesFile('ok.yaml', `sources:\n  - { name: cdnow, type: cdnow, path: ${cdnowDir} }\n`);
    const result = await runCli(['sources', 'check', '--sources', file], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/cdnow\s+CDNOW_master\s+ok/);
  }, 60_000);

  it.each([
    ['not YAML', 'sources: [\n', /is not valid YAML/],
    ['no sources', 'other: 1\n', /has no sources — add a top-level "sources:" list/],
    ['an unknown type', 'sources:\n  - { name: a, type: sftp }\n', /source "a" has unknown type "sftp" — use one of: .*salesforce/],
    ['a duplicate name', 'sources:\n  - { name: a, type: cdnow, path: . }\n  - { name: a, type: cdnow, path: . }\n', /source name "a" is used twice/],
    ['a secret that is not set', 'sources:\n  - { name: crm, type: hubspot, tokenEnv: SEGFLOW_TEST_UNSET_TOKEN }\n', /environment variable SEGFLOW_TEST_UNSET_TOKEN \(named by tokenEnv\) is not set — export SEGFLOW_TEST_UNSET_TOKEN=/],
  ])('names the problem in one line for %s', async (_, text, message) => {
    const file = await sourcesFile(`bad-${Math.random().toString(36).slice(2)}.yaml`, text);
    const result = await runCli(['sources', 'check', '--sources', file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  }, 60_000);
});
