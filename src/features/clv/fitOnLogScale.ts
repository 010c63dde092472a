import { ClvFitError } from './clvFitError.js';
import { nelderMead } from './nelderMead.js';

export interface ClvFitOptions {
  /** L2 penalty on the log-parameters (shrinks them towards 1); 0 gives plain maximum likelihood. */
  penalty?: number;
  /** Nelder–Mead iteration budget. */
  maxIterations?: number;
  /** Relative tolerance on the objective. */
  tolerance?: number;
  /** Log-parameters are kept in [-logBound, logBound], so parameters in [e^-10, e^10] by default. */
  logBound?: number;
}

export interface LogScaleFit {
  params: Float64Array;
  logLikelihood: number;
  iterations: number;
  converged: boolean;
}

/**
 * Maximises `logLikelihood(params)` over positive parameters by running Nelder–Mead on their logs,
 * which keeps every trial point positive without constraints. Starts at all parameters = 1.
 * `logLikelihood` receives a reused buffer of the (positive) parameters.
 */
export function fitOnLogScale(
  model: string,
  dimension: number,
  logLikelihood: (params: Float64Array) => number,
  options: ClvFitOptions = {},
): LogScaleFit {
  const penalty = options.penalty ?? 0;
  const logBound = options.logBound ?? 10;
  if (!(penalty >= 0) || !Number.isFinite(penalty)) throw new ClvFitError(`${model}: penalty must be a finite number >= 0, got ${penalty}`);
  if (!(logBound > 0)) throw new ClvFitError(`${model}: logBound must be > 0, got ${logBound}`);
  const params = new Float64Array(dimension);
  const objective = (logParams: Float64Array) => {
    let squares = 0;
    for (let k = 0; k < dimension; k++) {
      params[k] = Math.exp(logParams[k]!);
      squares += logParams[k]! * logParams[k]!;
    }
    return -logLikelihood(params) + penalty * squares;
  };
  const result = nelderMead(objective, new Float64Array(dimension), {
    maxIterations: options.maxIterations ?? 5000,
    tolerance: options.tolerance ?? 1e-12,
    lower: -logBound,
    upper: logBound,
  });
  for (let k = 0; k < dimension; k++) params[k] = Math.exp(result.x[k]!);
  const value = logLikelihood(params);
  if (!Number.isFinite(value)) {
    throw new ClvFitError(`${model}: the log-likelihood is not finite at the fitted parameters; the data cannot support a fit`);
  }
  return { params: Float64Array.from(params), logLikelihood: value, iterations: result.iterations, converged: result.converged };
}
