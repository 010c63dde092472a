import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/paths.js';

const workflowsDir = join(projectRoot, 'workflows');
const files = readdirSync(workflowsDir).filter((f) => f.endsWith('.ts'));

/**
 * Workflow code is bundled into Temporal's deterministic sandbox: no I/O libraries, no activity code.
 * @temporalio/common is the SDK's pure shared layer (search attribute keys, failures) and safe there.
 */
describe('workflow imports', () => {
  it.each(files)('%s imports only @temporalio/workflow or common, types, and sibling workflows', (file) => {
    const source = readFileSync(join(workflowsDir, file), 'utf8');
    const imports = [...source.matchAll(/^(import|export)\s+(type\s+)?[^'"]*from\s+'([^']+)'/gm)];
    for (const [statement, , typeOnly, from] of imports) {
      const allowed = from === '@temporalio/workflow' || from === '@temporalio/common' || Boolean(typeOnly) || from!.startsWith('./');
      expect(allowed, statement).toBe(true);
    }
    expect(source).not.toMatch(/Date\.now\(|new Date\(\)|Math\.random\(/);
  });
});
