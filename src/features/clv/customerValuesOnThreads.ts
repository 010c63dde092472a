import type { BgnbdFit } from './bgnbd.js';
import type { CalibrationSummary } from './calibrationSummary.js';
import type { ClvThreads } from './clvThreads.js';
import type { CustomerValues } from './customerValue.js';
import { CLV_SETTINGS, columnsOf } from './fitClvOnThreads.js';
import type { GammaGammaFit } from './gammaGamma.js';

/** Per-customer values go to the threads in this many slices, so a thread that finishes early takes more. */
const VALUE_SLICES = 8;

/** Per-customer values computed slice by slice on the threads, joined back in customer order (each customer's values depend on it alone). */
export async function customerValuesOnThreads(threads: ClvThreads, bgnbd: BgnbdFit, gammaGamma: GammaGammaFit, summary: CalibrationSummary): Promise<CustomerValues> {
  const n = summary.x.length;
  const size = Math.max(1, Math.ceil(n / VALUE_SLICES));
  const slices = await Promise.all(
    Array.from({ length: Math.ceil(n / size) }, (_, s) =>
      threads.run({ task: 'values', bgnbd, gammaGamma, summary: columnsOf(summary, s * size, Math.min(n, (s + 1) * size)), settings: CLV_SETTINGS }),
    ),
  );
  const joined: CustomerValues = { pAlive: new Float64Array(n), expectedPurchases: new Float64Array(n), expectedAov: new Float64Array(n), clv: new Float64Array(n) };
  slices.forEach((slice, s) => {
    if (slice.task !== 'values') throw new Error(`a CLV thread answered a values task with ${slice.task}`);
    for (const key of ['pAlive', 'expectedPurchases', 'expectedAov', 'clv'] as const) joined[key].set(slice.values[key], s * size);
  });
  return joined;
}
