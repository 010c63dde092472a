#!/usr/bin/env node
import { existsSync } from 'node:fs';

const entry = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('segflow: not built yet — run `npm ci` (or `npm run build`) in the segflow checkout first\n');
  process.exit(1);
}
const { main } = await import(entry.href);
process.exit(await main(process.argv));
