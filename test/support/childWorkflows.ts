import type { Client, WorkflowHandle } from '@temporalio/client';

/**
 * The most child workflows a parent had open at once, from its history (authoritative: the server
 * records when each child was initiated and when it closed).
 */
export async function maxChildrenInFlight(handle: WorkflowHandle): Promise<number> {
  const history = await handle.fetchHistory();
  let open = 0;
  let max = 0;
  for (const event of history.events ?? []) {
    if (event.startChildWorkflowExecutionInitiatedEventAttributes) open += 1;
    if (
      event.startChildWorkflowExecutionFailedEventAttributes
      || event.childWorkflowExecutionCompletedEventAttributes
      || event.childWorkflowExecutionFailedEventAttributes
      || event.childWorkflowExecutionCanceledEventAttributes
      || event.childWorkflowExecutionTerminatedEventAttributes
      || event.childWorkflowExecutionTimedOutEventAttributes
    ) open -= 1;
    max = Math.max(max, open);
  }
  return max;
}

/** The run ids of a workflow's executions, following continue-as-new from the first. */
export async function executionChain(client: Client, workflowId: string, firstRunId: string): Promise<string[]> {
  const chain = [firstRunId];
  for (;;) {
    const history = await client.workflow.getHandle(workflowId, chain.at(-1)).fetchHistory();
    const next = history.events?.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId;
    if (!next) return chain;
    chain.push(next);
  }
}
