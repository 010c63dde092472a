import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { projectRoot } from '../../src/paths.js';

export const fixtures = join(projectRoot, 'test', 'fixtures');
export const smallCsv = join(fixtures, 'online_retail_small.csv');
export const smallCsvGz = join(fixtures, 'online_retail_small.csv.gz');
export const onlineRetailFile = join(loadConfig().dataDir, 'online-retail', 'online_retail.csv.gz');
