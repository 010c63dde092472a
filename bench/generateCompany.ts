import { parseArgs } from 'node:util';
import { generateCompany } from '../src/demo/companyInABox/generateCompany.js';
import { runBenchMain } from './runBenchMain.js';

/**
 * Generates a company in a box and reports its size and cost:
 *   npx tsx bench/generateCompany.ts --customers 100000 --seed 7 --out .segflow/company
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      customers: { type: 'string', default: '1000' },
      seed: { type: 'string', default: '7' },
      out: { type: 'string', default: '.segflow/company' },
      start: { type: 'string' },
      end: { type: 'string' },
    },
  });
  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 100);
  const started = performance.now();
  const manifest = await generateCompany({
    customers: Number(values.customers),
    seed: Number(values.seed),
    outDir: values.out,
    startDate: values.start,
    endDate: values.end,
  });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage.rss());

  const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
  const groups = new Map<string, { files: number; records: number; bytes: number }>();
  for (const file of manifest.files) {
    const group = /^(ga4|adobe)\/(events_|hit_data_)/.test(file.path) ? file.path.replace(/\d{4}-{0,1}\d{2}-{0,1}\d{2}/, '*') : file.path;
    const sum = groups.get(group) ?? { files: 0, records: 0, bytes: 0 };
    groups.set(group, { files: sum.files + 1, records: sum.records + file.records, bytes: sum.bytes + file.bytes });
  }
  for (const [path, sum] of groups) {
    console.log(`${path.padEnd(42)} ${String(sum.files).padStart(4)} file(s) ${String(sum.records).padStart(12)} records ${mb(sum.bytes).padStart(10)} MB`);
  }
  console.log(`population: ${manifest.population.companies} companies, ${manifest.population.people} people (${manifest.population.b2bPeople} B2B), segments ${JSON.stringify(manifest.population.segments)}`);
  console.log(`total: ${manifest.totals.files} files, ${manifest.totals.records} records, ${mb(manifest.totals.bytes)} MB in ${values.out}`);
  console.log(`seconds: ${seconds.toFixed(1)}, peak RSS: ${mb(peakRss)} MB`);
}

runBenchMain(main);
