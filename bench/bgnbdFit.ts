/**
 * Fits BG/NBD to a simulated population and times it.
 *   npx tsx bench/bgnbdFit.ts [--customers 1000000] [--seed 1] [--compare] [--keep-same-day]
 * --compare also runs the old per-customer fit (unit weights, no compression) and reports the differences.
 * --keep-same-day counts every purchase instead of merging same-day ones (then the data follow the model exactly).
 */
import { parseArgs } from 'node:util';
import { fitBgnbd, sumBgnbdLogLikelihood, type BgnbdParams } from '../src/features/clv/bgnbd.js';
import { compressBgnbdData, withUnitWeights } from '../src/features/clv/compressSummary.js';
import { fitOnLogScale } from '../src/features/clv/fitOnLogScale.js';
import { repeatLevels } from '../src/features/clv/repeatLevels.js';
import { compressBySort } from './compressBySort.js';
import { createRandom } from './random.js';
import { simulateBgnbd } from './simulateBgnbd.js';

const { values } = parseArgs({
  options: { customers: { type: 'string', default: '1000000' }, seed: { type: 'string', default: '1' }, compare: { type: 'boolean', default: false },
    'keep-same-day': { type: 'boolean', default: false },
  },
});
const customers = Number(values.customers);
const seed = Number(values.seed);
const truth: BgnbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const ms = (since: number) => `${(performance.now() - since).toFixed(0)} ms`;
const say = (line: string) => process.stdout.write(`${line}\n`);

let started = performance.now();
const data = simulateBgnbd(truth, customers, createRandom(seed), {
  firstPurchaseDays: 84,
  calibrationEndDay: 273,
  mergeSameDay: !values['keep-same-day'],
});
say(`customers:          ${customers} (seed ${seed}${values['keep-same-day'] ? ', same-day purchases kept' : ''}), simulated in ${ms(started)}`);
say(`repeat buyers:      ${data.x.filter((x) => x > 0).length}, max x ${data.x.reduce((m, x) => Math.max(m, x), 0)}`);

started = performance.now();
const compressed = compressBgnbdData(data);
say(`distinct triples:   ${compressed.x.length}`);
say(`compression (hash): ${ms(started)}`);
started = performance.now();
const sorted = compressBySort(data);
say(`compression (sort): ${ms(started)} (${sorted.x.length} triples)`);

started = performance.now();
const fit = fitBgnbd(data);
const fitMs = performance.now() - started;
say(`fit (incl. validation + compression): ${fitMs.toFixed(0)} ms, ${fit.iterations} iterations, converged ${fit.converged}`);
say(`log-likelihood:     ${fit.logLikelihood}`);
say('param   true     fitted      rel. error');
for (const name of ['r', 'alpha', 'a', 'b'] as const) {
  say(`${name.padEnd(7)} ${String(truth[name]).padEnd(8)} ${fit[name].toFixed(6).padEnd(11)} ${((fit[name] / truth[name] - 1) * 100).toFixed(2)}%`);
}

if (values.compare) {
  const unit = withUnitWeights(data);
  const levels = repeatLevels(unit.x);
  started = performance.now();
  const old = fitOnLogScale('BG/NBD', 4, (p) => sumBgnbdLogLikelihood(p[0]!, p[1]!, p[2]!, p[3]!, unit, levels));
  say(`uncompressed fit:   ${ms(started)}, ${old.iterations} iterations`);
  const names = ['r', 'alpha', 'a', 'b'] as const;
  const worst = Math.max(...names.map((name, k) => Math.abs(old.params[k]! / fit[name] - 1)));
  say(`max relative parameter difference: ${worst.toExponential(2)}; log-likelihood difference ${(old.logLikelihood - fit.logLikelihood).toExponential(2)}`);
}
say(`rss now ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB, peak ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
