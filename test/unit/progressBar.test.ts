import { describe, expect, it } from 'vitest';
import { backfillProgressBar, bar, describeBackfillProgress, runProgressBar } from '../../src/cli/progressBar.js';

describe('progress lines', () => {
  it('fill the bar in proportion, empty when the total is unknown', () => {
    expect(bar(3, 12, 12)).toBe('[###---------]');
    expect(bar(12, 12, 4)).toBe('[####]');
    expect(bar(0, 0, 4)).toBe('[----]');
  });

  it('describe a run by its stage, stages done and records read', () => {
    expect(runProgressBar({ stage: 'features', stagesDone: 2, stagesTotal: 9, partitionsDone: 0, partitionsTotal: 0, rows: 541_909 }))
      .toBe('[#####-------------------] stage features (2/9 stages done), 541,909 records read');
  });

  it('show partitions only when a stage has them', () => {
    expect(runProgressBar({ stage: 'features', stagesDone: 2, stagesTotal: 9, partitionsDone: 3, partitionsTotal: 8, rows: 0 }))
      .toBe('[#####-------------------] stage features (2/9 stages done), partitions 3/8');
  });

  it('describe a backfill by dates finished and the dates in flight', () => {
    const progress = { total: 12, done: 4, running: 3, skipped: 1, failed: 1, inFlight: ['2011-07-31', '2011-08-31', '2011-09-30'] };
    expect(describeBackfillProgress(progress)).toBe('6/12 dates: 4 published, 1 skipped, 1 failed, running 2011-07-31 2011-08-31 2011-09-30');
    expect(backfillProgressBar(progress)).toMatch(/^\[############------------\] 6\/12 dates/);
  });
});
