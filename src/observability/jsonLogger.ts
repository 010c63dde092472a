import { pino, type Logger as PinoLogger } from 'pino';
import { BadInputError } from '../badInputError.js';

export type LogLevelName = 'trace' | 'debug' | 'info' | 'warn' | 'error';

const LEVELS: readonly LogLevelName[] = ['trace', 'debug', 'info', 'warn', 'error'];

/** SEGFLOW_LOG_LEVEL when it names a level, else the fallback; a misspelt level is named, not ignored. */
export function logLevelFrom(env: NodeJS.ProcessEnv, fallback: LogLevelName): LogLevelName {
  const raw = env.SEGFLOW_LOG_LEVEL?.trim().toLowerCase();
  if (!raw) return env.SEGFLOW_DEBUG ? 'debug' : fallback;
  if ((LEVELS as readonly string[]).includes(raw)) return raw as LogLevelName;
  throw new BadInputError(`SEGFLOW_LOG_LEVEL is "${env.SEGFLOW_LOG_LEVEL}", which is not a log level`, `set it to one of ${LEVELS.join(', ')}`);
}

/**
 * One JSON object per line on stderr (stdout carries the CLI's tables and JSON results), with ISO
 * timestamps and the level as a word, so log shippers and `jq` read it without a schema.
 */
export function createJsonLogger(level: LogLevelName, destination: NodeJS.WritableStream | number = 2): PinoLogger {
  return pino(
    {
      level,
      base: { service: 'segflow' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    typeof destination === 'number' ? pino.destination({ fd: destination, sync: true }) : destination,
  );
}
