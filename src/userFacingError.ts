/**
 * An error a person can act on: what went wrong and how to fix it.
 * The CLI prints it as one line on stderr and exits non-zero, without a stack trace.
 */
export class UserFacingError extends Error {
  constructor(
    message: string,
    readonly fix: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'UserFacingError';
  }

  toLine(): string {
    return `segflow: ${this.message} — ${this.fix}`;
  }
}
