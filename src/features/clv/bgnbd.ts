import { ClvFitError } from './clvFitError.js';
import { type BgnbdData, validateBgnbdData } from './bgnbdData.js';
import { compressBgnbdData, type WeightedBgnbdData } from './compressSummary.js';
import { type ClvFitOptions, fitOnLogScale } from './fitOnLogScale.js';
import { type RepeatLevels, repeatLevels } from './repeatLevels.js';
import { hyp2f1, logAddExp, logGamma } from './specialFunctions.js';

export type { BgnbdData } from './bgnbdData.js';
export type { ClvFitOptions } from './fitOnLogScale.js';
export type { WeightedBgnbdData } from './compressSummary.js';

/** BG/NBD parameters: purchase rates ~ Gamma(r, alpha), dropout probability ~ Beta(a, b). */
export interface BgnbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

export interface BgnbdFit extends BgnbdParams {
  logLikelihood: number;
  iterations: number;
  converged: boolean;
}

function checkParams(params: BgnbdParams): void {
  const { r, alpha, a, b } = params;
  for (const [name, value] of [['r', r], ['alpha', alpha], ['a', a], ['b', b]] as const) {
    if (!(value > 0) || !Number.isFinite(value)) throw new RangeError(`BG/NBD: parameter ${name} must be finite and > 0, got ${value}`);
  }
}

/**
 * Sum of individual BG/NBD log-likelihoods (FHL 2005 eq. 6), without input checks.
 * Written in logs throughout, with the two purchase-history terms joined by log-sum-exp, so large x
 * or T do not overflow. Triple i's term counts weight[i] times (see compressBgnbdData).
 * `levels` must be repeatLevels(data.x, data.weight): the gamma-function terms are summed per level.
 * ln(α + T), ln(α + t_x) and ln(b + x − 1) are taken once per distinct value (see timeGrid), not
 * once per triple: the same numbers, summed in the same order, for a fraction of the logarithms.
 */
export function sumBgnbdLogLikelihood(
  r: number,
  alpha: number,
  a: number,
  b: number,
  data: WeightedBgnbdData,
  levels: RepeatLevels,
): number {
  const { x, weight } = data;
  const grid = timeGrid(data);
  const logAlphaT = logsOfShifted(grid.T, alpha, grid.logT);
  const logAlphaTx = logsOfShifted(grid.tx, alpha, grid.logTx);
  const logBx = grid.logBx;
  for (let k = 1; k < logBx.length; k++) logBx[k] = Math.log(b + k - 1);
  const { tIndex, txIndex } = grid;
  const logA = Math.log(a);
  let total = data.customers * r * Math.log(alpha);
  for (let i = 0; i < x.length; i++) {
    const xi = x[i]!;
    const rx = r + xi;
    const alive = -rx * logAlphaT[tIndex[i]!]!;
    if (xi === 0) {
      total += weight[i]! * alive;
      continue;
    }
    const droppedOut = logA - logBx[xi]! - rx * logAlphaTx[txIndex[i]!]!;
    total += weight[i]! * logAddExp(alive, droppedOut);
  }
  const gammaConstant = -logGamma(r) + logGamma(a + b) - logGamma(b);
  for (let k = 0; k < levels.values.length; k++) {
    const xk = levels.values[k]!;
    total += levels.counts[k]! * (logGamma(r + xk) + logGamma(b + xk) - logGamma(a + b + xk) + gammaConstant);
  }
  return total;
}

/** Distinct values of T and t_x with each triple's index into them, and buffers for their logarithms. */
interface TimeGrid {
  T: DistinctValues;
  tx: DistinctValues;
  tIndex: Int32Array;
  txIndex: Int32Array;
  logT: Float64Array;
  logTx: Float64Array;
  /** ln(b + x − 1) by integer x (entry 0 unused). */
  logBx: Float64Array;
}

interface DistinctValues {
  values: Float64Array;
  index: Int32Array;
}

function distinctValues(column: Float64Array): DistinctValues {
  const position = new Map<number, number>();
  const index = new Int32Array(column.length);
  for (let i = 0; i < column.length; i++) {
    const value = column[i]!;
    let at = position.get(value);
    if (at === undefined) {
      at = position.size;
      position.set(value, at);
    }
    index[i] = at;
  }
  return { values: Float64Array.from(position.keys()), index };
}

function logsOfShifted({ values }: DistinctValues, shift: number, out: Float64Array): Float64Array {
  for (let k = 0; k < values.length; k++) out[k] = Math.log(shift + values[k]!);
  return out;
}

// Summaries use whole days, so a million customers share about a thousand values of T and of t_x.
const grids = new WeakMap<WeightedBgnbdData, TimeGrid>();

function timeGrid(data: WeightedBgnbdData): TimeGrid {
  let grid = grids.get(data);
  if (!grid) {
    const T = distinctValues(data.T);
    const tx = distinctValues(data.tx);
    let maxX = 0;
    for (let i = 0; i < data.x.length; i++) maxX = Math.max(maxX, data.x[i]!);
    grid = {
      T, tx, tIndex: T.index, txIndex: tx.index,
      logT: new Float64Array(T.values.length), logTx: new Float64Array(tx.values.length), logBx: new Float64Array(maxX + 1),
    };
    grids.set(data, grid);
  }
  return grid;
}

/** BG/NBD log-likelihood of the whole summary at `params`. */
export function bgnbdLogLikelihood(params: BgnbdParams, data: BgnbdData): number {
  checkParams(params);
  validateBgnbdData(data, false);
  const compressed = compressBgnbdData(data);
  return sumBgnbdLogLikelihood(params.r, params.alpha, params.a, params.b, compressed, repeatLevels(compressed.x, compressed.weight));
}

/**
 * Maximum-likelihood BG/NBD fit (Nelder–Mead on log-parameters, from all ones).
 * Customers with identical (x, tx, T) are merged into weighted triples once, before optimising.
 * Throws ClvFitError when the data cannot identify the model, e.g. no repeat buyers.
 */
export function fitBgnbd(data: BgnbdData, options: ClvFitOptions = {}): BgnbdFit {
  validateBgnbdData(data, true);
  const compressed = compressBgnbdData(data);
  const levels = repeatLevels(compressed.x, compressed.weight);
  const fit = fitOnLogScale(
    'BG/NBD',
    4,
    (p) => sumBgnbdLogLikelihood(p[0]!, p[1]!, p[2]!, p[3]!, compressed, levels),
    options,
  );
  const p = fit.params;
  return { r: p[0]!, alpha: p[1]!, a: p[2]!, b: p[3]!, logLikelihood: fit.logLikelihood, iterations: fit.iterations, converged: fit.converged };
}

function checkCustomer(x: number, tx: number, T: number): void {
  if (!(x >= 0) || !Number.isInteger(x) || !(tx >= 0) || !(T >= tx) || !Number.isFinite(T)) {
    throw new RangeError(`BG/NBD: need integer x >= 0 and finite 0 <= tx <= T, got x = ${x}, tx = ${tx}, T = ${T}`);
  }
}

/** P(customer still alive at T | x, tx, T) (Fader, Hardie & Lee, "Computing P(alive) using the BG/NBD model"). */
export function probabilityAlive(params: BgnbdParams, x: number, tx: number, T: number): number {
  checkParams(params);
  checkCustomer(x, tx, T);
  return aliveProbability(params, x, tx, T);
}

function aliveProbability({ r, alpha, a, b }: BgnbdParams, x: number, tx: number, T: number): number {
  if (x === 0) return 1;
  // Odds of having dropped out, in logs: the power term overflows for long-lapsed heavy buyers.
  const logOdds = Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
  return 1 / (1 + Math.exp(logOdds));
}

/** Nudge for the removable singularities at a = 1 and (for x = 0) a + b = 1. */
const NUDGE = 1e-6;

/**
 * E[purchases in (T, T + t] | x, tx, T] (FHL 2005 eq. 10). It factors as P(alive) times
 *   (a+b+x-1)/(a-1) · [1 - ((α+T)/(α+T+t))^(r+x) · 2F1(r+x, b+x; a+b+x-1; z)],  z = t/(α+T+t).
 * Euler's transformation 2F1(A,B;C;z) = (1-z)^(C-A-B) 2F1(C-A, C-B; C; z) turns the bracket into
 *   1 - (1-z)^(a-1) · 2F1(a+b-1-r, a-1; a+b+x-1; z),
 * whose series converges much faster (its parameters no longer grow with x).
 */
export function expectedPurchases(params: BgnbdParams, t: number, x: number, tx: number, T: number): number {
  checkParams(params);
  checkCustomer(x, tx, T);
  if (!(t >= 0) || !Number.isFinite(t)) throw new RangeError(`BG/NBD: horizon t must be finite and >= 0, got ${t}`);
  if (t === 0) return 0;
  const { a, b } = params;
  const growth = (aa: number, bb: number) => purchasesIfAlive(params.r, params.alpha, aa, bb, t, x, T);
  let ifAlive: number;
  if (Math.abs(a - 1) < NUDGE) ifAlive = (growth(1 - NUDGE, b) + growth(1 + NUDGE, b)) / 2;
  else if (x === 0 && Math.abs(a + b - 1) < NUDGE) ifAlive = (growth(a, 1 - a - NUDGE) + growth(a, 1 - a + NUDGE)) / 2;
  else ifAlive = growth(a, b);
  return ifAlive * aliveProbability(params, x, tx, T);
}

function purchasesIfAlive(r: number, alpha: number, a: number, b: number, t: number, x: number, T: number): number {
  const z = t / (alpha + T + t);
  const logOneMinusZ = Math.log(alpha + T) - Math.log(alpha + T + t);
  const c = a + b + x - 1;
  const bracket = 1 - Math.exp((a - 1) * logOneMinusZ) * hyp2f1(a + b - 1 - r, a - 1, c, z);
  return (c / (a - 1)) * bracket;
}

export { ClvFitError };
