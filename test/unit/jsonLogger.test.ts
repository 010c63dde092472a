import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { BadInputError } from '../../src/badInputError.js';
import { createJsonLogger, logLevelFrom } from '../../src/observability/jsonLogger.js';
import { temporalJsonLogger } from '../../src/observability/temporalJsonLogger.js';

describe('the JSON logger', () => {
  it('takes SEGFLOW_LOG_LEVEL, then SEGFLOW_DEBUG, then the command default', () => {
    expect(logLevelFrom({ SEGFLOW_LOG_LEVEL: 'ERROR' }, 'info')).toBe('error');
    expect(logLevelFrom({ SEGFLOW_DEBUG: '1' }, 'warn')).toBe('debug');
    expect(logLevelFrom({}, 'warn')).toBe('warn');
  });

  it('names a level it does not know instead of ignoring it', () => {
    expect(() => logLevelFrom({ SEGFLOW_LOG_LEVEL: 'verbose' }, 'info')).toThrow(BadInputError);
    expect(() => logLevelFrom({ SEGFLOW_LOG_LEVEL: 'verbose' }, 'info')).toThrow(/"verbose", which is not a log level/);
  });

  it('writes what Temporal logs as one JSON object per line, below the level dropped', () => {
    const out = new PassThrough();
    let written = '';
    out.on('data', (chunk) => { written += chunk; });
    const logger = temporalJsonLogger(createJsonLogger('info', out));
    logger.debug('not shown', { stage: 'clv' });
    logger.info('stage finished', { runId: 'r-1', stage: 'clv', elapsedMs: 12 });
    logger.log('WARN', 'stage failed', { stage: 'rfm' });
    const lines = written.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ level: 'info', msg: 'stage finished', runId: 'r-1', stage: 'clv', elapsedMs: 12, service: 'segflow' });
    expect(lines[1]).toMatchObject({ level: 'warn', msg: 'stage failed', stage: 'rfm' });
    expect(Number.isNaN(Date.parse(String(lines[0]!.time)))).toBe(false);
  });
});
