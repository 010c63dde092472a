export interface NelderMeadOptions {
  /** Iteration budget across all restarts. */
  maxIterations?: number;
  /** Converged when the simplex values span at most tolerance · (1 + |best|). */
  tolerance?: number;
  /** …and every vertex lies within stepTolerance of the best one in each coordinate. */
  stepTolerance?: number;
  /** Edge length of the starting simplex (and of each restart's). */
  initialStep?: number;
  /** Box constraints: every trial point is clamped into [lower, upper]. */
  lower?: number;
  upper?: number;
  /** Restarts from the optimum; Nelder–Mead can stall on a degenerate simplex, a fresh one catches that. */
  maxRestarts?: number;
}

export interface NelderMeadResult {
  x: Float64Array;
  value: number;
  iterations: number;
  converged: boolean;
}

const REFLECT = 1;
const EXPAND = 2;
const CONTRACT = 0.5;
const SHRINK = 0.5;

/**
 * Minimises `f` by the Nelder–Mead simplex method (Lagarias et al. 1998 variant).
 * The point handed to `f` is a reused buffer: read it, do not keep it. Non-finite values count as +Infinity.
 */
export function nelderMead(
  f: (point: Float64Array) => number,
  start: ArrayLike<number>,
  options: NelderMeadOptions = {},
): NelderMeadResult {
  const n = start.length;
  const maxIterations = options.maxIterations ?? 5000;
  const tolerance = options.tolerance ?? 1e-12;
  const stepTolerance = options.stepTolerance ?? 1e-9;
  const step = options.initialStep ?? 0.5;
  const lower = options.lower ?? -Infinity;
  const upper = options.upper ?? Infinity;
  const clamp = (value: number) => Math.min(upper, Math.max(lower, value));
  const evaluate = (point: Float64Array) => {
    const value = f(point);
    return Number.isFinite(value) ? value : Infinity;
  };

  const simplex = Array.from({ length: n + 1 }, () => new Float64Array(n));
  const values = new Float64Array(n + 1);
  const centroid = new Float64Array(n);
  const reflected = new Float64Array(n);
  const trial = new Float64Array(n);
  const best = Float64Array.from(start, clamp);
  let bestValue = evaluate(best);
  let iterations = 0;
  let converged = false;

  // Vertex i is the i-th point of `simplex` after sorting by value (best first).
  const sortSimplex = () => {
    for (let i = 1; i <= n; i++) {
      const point = simplex[i]!;
      const value = values[i]!;
      let j = i - 1;
      while (j >= 0 && values[j]! > value) {
        simplex[j + 1] = simplex[j]!;
        values[j + 1] = values[j]!;
        j--;
      }
      simplex[j + 1] = point;
      values[j + 1] = value;
    }
  };
  const along = (target: Float64Array, from: Float64Array, to: Float64Array, coefficient: number) => {
    for (let k = 0; k < n; k++) target[k] = clamp(from[k]! + coefficient * (to[k]! - from[k]!));
  };
  const hasConverged = () => {
    if (values[n]! - values[0]! > tolerance * (1 + Math.abs(values[0]!))) return false;
    for (let i = 1; i <= n; i++) {
      for (let k = 0; k < n; k++) if (Math.abs(simplex[i]![k]! - simplex[0]![k]!) > stepTolerance) return false;
    }
    return true;
  };

  for (let restart = 0; restart <= (options.maxRestarts ?? 2) && iterations < maxIterations; restart++) {
    const valueAtRestart = bestValue;
    simplex[0]!.set(best);
    values[0] = bestValue;
    for (let i = 1; i <= n; i++) {
      const vertex = simplex[i]!;
      vertex.set(best);
      vertex[i - 1] = clamp(best[i - 1]! + step);
      if (vertex[i - 1] === best[i - 1]) vertex[i - 1] = clamp(best[i - 1]! - step);
      values[i] = evaluate(vertex);
    }
    converged = false;
    while (iterations < maxIterations) {
      sortSimplex();
      if (hasConverged()) {
        converged = true;
        break;
      }
      iterations++;
      const worst = simplex[n]!;
      centroid.fill(0);
      for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) centroid[k]! += simplex[i]![k]! / n;
      along(reflected, centroid, worst, -REFLECT);
      const reflectedValue = evaluate(reflected);
      if (reflectedValue < values[0]!) {
        along(trial, centroid, reflected, EXPAND);
        const expandedValue = evaluate(trial);
        const useExpanded = expandedValue < reflectedValue;
        worst.set(useExpanded ? trial : reflected);
        values[n] = useExpanded ? expandedValue : reflectedValue;
        continue;
      }
      if (reflectedValue < values[n - 1]!) {
        worst.set(reflected);
        values[n] = reflectedValue;
        continue;
      }
      const outside = reflectedValue < values[n]!;
      along(trial, centroid, outside ? reflected : worst, CONTRACT);
      const contractedValue = evaluate(trial);
      if (contractedValue < (outside ? reflectedValue : values[n]!)) {
        worst.set(trial);
        values[n] = contractedValue;
        continue;
      }
      for (let i = 1; i <= n; i++) {
        along(simplex[i]!, simplex[0]!, simplex[i]!, SHRINK);
        values[i] = evaluate(simplex[i]!);
      }
    }
    sortSimplex();
    best.set(simplex[0]!);
    bestValue = values[0]!;
    if (!converged) break;
    if (restart > 0 && valueAtRestart - bestValue <= tolerance * (1 + Math.abs(bestValue))) break;
  }
  return { x: best, value: bestValue, iterations, converged };
}
