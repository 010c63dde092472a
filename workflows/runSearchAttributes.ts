import { patched, upsertSearchAttributes } from '@temporalio/workflow';
import { AS_OF_ATTRIBUTE, STAGE_ATTRIBUTE } from './searchAttributeKeys.js';

/**
 * Keeps the run's SegflowAsOf and SegflowStage search attributes current. Histories recorded
 * before the attributes existed replay without the upserts (patched), so old runs still replay.
 */
export function publishRunSearchAttributes(asOf: string) {
  const enabled = patched('search-attributes');
  if (enabled) upsertSearchAttributes([{ key: AS_OF_ATTRIBUTE, value: new Date(`${asOf}T00:00:00Z`) }, { key: STAGE_ATTRIBUTE, value: 'start' }]);
  return {
    stage(stage: string): void {
      if (enabled) upsertSearchAttributes([{ key: STAGE_ATTRIBUTE, value: stage }]);
    },
  };
}
