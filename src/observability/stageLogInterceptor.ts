import type { Context } from '@temporalio/activity';
import type { ActivityInterceptors } from '@temporalio/worker';

/** The stage an activity runs (its type) and the run it belongs to, when its input names one. */
function runOf(args: unknown[]): string | undefined {
  const input = args[0];
  if (input && typeof input === 'object' && 'runId' in input && typeof input.runId === 'string') return input.runId;
  return undefined;
}

/**
 * Tags every activity log line with runId and stage, and logs each stage's start and end with its
 * duration and outcome. Inputs carry references only (run id, as-of date, table names), and only
 * the run id is copied into logs: no customer data reaches them.
 */
export function stageLogInterceptor(context: Context): ActivityInterceptors {
  let runId: string | undefined;
  const stage = context.info.activityType;
  return {
    inbound: {
      async execute(input, next) {
        runId = runOf(input.args);
        const started = performance.now();
        context.log.info('stage started');
        try {
          const result = await next(input);
          context.log.info('stage finished', { elapsedMs: Math.round(performance.now() - started) });
          return result;
        } catch (error) {
          context.log.warn('stage failed', { elapsedMs: Math.round(performance.now() - started), error: error instanceof Error ? error.message : String(error) });
          throw error;
        }
      },
    },
    outbound: {
      getLogAttributes: (attributes, next) => next({ ...attributes, stage, ...(runId ? { runId } : {}) }),
    },
  };
}
