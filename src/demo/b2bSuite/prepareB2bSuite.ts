import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CompanyManifest } from '../companyInABox/companyManifest.js';
import { generateCompany } from '../companyInABox/generateCompany.js';
import { startVendorReplays } from './startVendorReplays.js';

export interface B2bSuiteOptions {
  /** Where generated companies are kept: one folder per (customers, seed), reused by later demos. */
  homeDir: string;
  customers: number;
  seed: number;
  log: (line: string) => void;
}

export interface PreparedB2bSuite {
  sourcesFile: string;
  /** Last day of the generated history: the run's as-of date. */
  asOf: string;
  /** Secrets the sources file names, to add to the worker's environment. */
  secrets: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * The company in a box, ready to run: generated once per (customers, seed), its SaaS records served
 * by local API replays, and a sources file pointing at them.
 */
export async function prepareB2bSuite({ homeDir, customers, seed, log }: B2bSuiteOptions): Promise<PreparedB2bSuite> {
  const companyDir = join(homeDir, 'demo', `b2b-suite-${customers}-seed${seed}`);
  const manifestFile = join(companyDir, 'manifest.json');
  let manifest: CompanyManifest;
  if (existsSync(manifestFile)) {
    manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as CompanyManifest;
  } else {
    log(`generating the company in a box (${customers} customers, seed ${seed}) in ${companyDir}`);
    manifest = await generateCompany({ customers, seed, outDir: companyDir });
  }
  const replays = await startVendorReplays(companyDir);
  const template = await readFile(join(companyDir, manifest.sourcesFile), 'utf8');
  const resolved = template.replace(/\$\{(SALESFORCE_URL|HUBSPOT_URL|MARKETO_URL|PARDOT_URL)\}/g, (_, name: keyof typeof replays.urls) => replays.urls[name]);
  // Ports change with every demo, so the resolved file is rewritten each time; watermarks are per source name.
  const sourcesFile = join(companyDir, 'segflow.sources.local.yaml');
  await writeFile(sourcesFile, resolved);
  log(`local API replays: ${Object.entries(replays.urls).map(([name, url]) => `${name.replace('_URL', '').toLowerCase()} ${url}`).join(', ')}`);
  return { sourcesFile, asOf: manifest.parameters.endDate, secrets: replays.secrets, stop: replays.stop };
}
