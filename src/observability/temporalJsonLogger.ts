import type { LogLevel, LogMetadata, Logger } from '@temporalio/common';
import type { Logger as PinoLogger } from 'pino';

const METHOD: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/**
 * The Temporal SDK's Logger interface over a pino logger: what the SDK, workflows and activities
 * log (with their workflowId, activityType, attempt, and the runId and stage our interceptor adds)
 * comes out as the same JSON lines as the rest of segflow.
 */
export function temporalJsonLogger(logger: PinoLogger): Logger {
  const log = (level: LogLevel, message: string, meta?: LogMetadata) => {
    logger[METHOD[level] ?? 'info'](meta ?? {}, message);
  };
  return {
    log,
    trace: (message, meta) => log('TRACE', message, meta),
    debug: (message, meta) => log('DEBUG', message, meta),
    info: (message, meta) => log('INFO', message, meta),
    warn: (message, meta) => log('WARN', message, meta),
    error: (message, meta) => log('ERROR', message, meta),
  };
}
