import { WorkflowFailedError } from '@temporalio/client';
import { UserFacingError } from '../userFacingError.js';

function rootCause(error: unknown): unknown {
  let current = error;
  while (current instanceof Error && current.cause) current = current.cause;
  return current;
}

/** One line for stderr: what happened and what to do. Stacks only with SEGFLOW_DEBUG=1. */
export function describeError(error: unknown): string {
  if (error instanceof UserFacingError) return error.toLine();
  if (error instanceof WorkflowFailedError) {
    const cause = rootCause(error);
    const message = cause instanceof Error ? cause.message : String(cause);
    return message.startsWith('segflow:') ? message : `segflow: the run failed: ${message} — see the workflow in the Temporal UI, fix the cause and run again`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return `segflow: unexpected error: ${message} — run again with SEGFLOW_DEBUG=1 for details, and report it if it persists`;
}
