/**
 * The data cannot support a CLV model fit (or a prediction from it): no customers, no repeat
 * buyers, or inputs that are not valid customer summaries. Thrown instead of returning NaN.
 */
export class ClvFitError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ClvFitError';
  }
}
