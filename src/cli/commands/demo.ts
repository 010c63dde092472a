import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { prepareB2bSuite } from '../../demo/b2bSuite/prepareB2bSuite.js';
import { localPiiKey } from '../../identity/localPiiKey.js';
import { ONLINE_RETAIL_SOURCE } from '../../sources/onlineRetailFile.js';
import { UserFacingError } from '../../userFacingError.js';
import { executeRun } from '../executeRun.js';
import { log } from '../log.js';

export const DEMO_AS_OF = '2011-12-09';
const DATASETS = ['online-retail', 'b2b-suite'] as const;

interface DemoOptions {
  dataset: string;
  customers: string;
  seed: string;
}

function wholeNumber(value: string, flag: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UserFacingError(`${flag} must be a whole number from ${min} to ${max} (got "${value}")`, `pass e.g. ${flag} ${min * 10}`);
  return n;
}

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description(`zero-config: start what is missing, run the pipeline on a dataset, print the segments`)
    .option('--dataset <name>', `online-retail (UCI Online Retail as of ${DEMO_AS_OF}) or b2b-suite (the company in a box: Salesforce, HubSpot, Marketo, Pardot, GA4, Adobe and billing exports)`, 'online-retail')
    .option('--customers <n>', 'b2b-suite: people in the generated company', '2000')
    .option('--seed <n>', 'b2b-suite: generator seed', '7')
    .action(async (options: DemoOptions) => {
      const config = loadConfig();
      if (options.dataset === 'online-retail') {
        await executeRun(config, { asOf: DEMO_AS_OF, source: ONLINE_RETAIL_SOURCE, file: undefined, fullRefresh: false, wait: true });
        return;
      }
      if (options.dataset !== 'b2b-suite') {
        throw new UserFacingError(`unknown dataset "${options.dataset}"`, `use --dataset ${DATASETS.join(' or --dataset ')}`);
      }
      const suite = await prepareB2bSuite({
        homeDir: config.homeDir,
        customers: wholeNumber(options.customers, '--customers', 10, 1_000_000),
        seed: wholeNumber(options.seed, '--seed', 0, 0xffffffff),
        log,
      });
      let piiKey = config.piiKey;
      if (!piiKey) {
        const local = await localPiiKey(config.homeDir);
        log(`SEGFLOW_PII_KEY is not set: pseudonymising with the demo's local key in ${local.file}`);
        piiKey = local.key;
      }
      try {
        await executeRun(
          { ...config, piiKey, sourceEnv: { ...config.sourceEnv, ...suite.secrets } },
          { asOf: suite.asOf, source: 'sources-file', file: undefined, sourcesFile: suite.sourcesFile, fullRefresh: false, wait: true },
        );
      } finally {
        await suite.stop();
      }
    });
}
