/** Failures arrive wrapped (ChildWorkflowFailure ← ActivityFailure ← ApplicationFailure); the innermost message says what happened. */
export function rootMessage(error: unknown): string {
  let current = error;
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  return current instanceof Error ? current.message : String(current);
}
