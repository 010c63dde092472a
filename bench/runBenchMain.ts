import { UserFacingError } from '../src/userFacingError.js';

/** A bench's entry point: a bad argument or setting is one line and exit 2, anything else its stack and exit 1. */
export function runBenchMain(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    if (error instanceof UserFacingError) {
      console.error(error.toLine());
      process.exit(2);
    }
    // node:util parseArgs: an unknown option or a missing value.
    if (String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS_')) {
      console.error(`bench: ${(error as Error).message}`);
      process.exit(2);
    }
    console.error(error);
    process.exit(1);
  });
}
