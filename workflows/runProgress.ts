import { defineQuery, setHandler } from '@temporalio/workflow';

/** Where a segmentation run is, for `segflow run --wait` and `segflow status`. */
export interface RunProgress {
  /** The stage in progress, or published / failed once the run has ended. */
  stage: string;
  stagesDone: number;
  stagesTotal: number;
  /** Partitions of the current stage; 0 / 0 while stages run unpartitioned. */
  partitionsDone: number;
  partitionsTotal: number;
  /** Records the extract read (0 until it finishes). */
  rows: number;
}

export const runProgressQuery = defineQuery<RunProgress>('progress');

/** Answers the progress query from the run's own state; a query adds nothing to the history. */
export function trackRunProgress(stages: readonly string[], onStage: (stage: string) => void = () => undefined) {
  const progress: RunProgress = { stage: 'start', stagesDone: 0, stagesTotal: stages.length, partitionsDone: 0, partitionsTotal: 0, rows: 0 };
  setHandler(runProgressQuery, () => ({ ...progress }));
  return {
    /** The previous stage (if any) is done and `stage` begins. */
    enter(stage: string): void {
      if (stages.includes(progress.stage)) progress.stagesDone += 1;
      progress.stage = stage;
      progress.partitionsDone = 0;
      progress.partitionsTotal = 0;
      onStage(stage);
    },
    /** Partitions of the current stage: `done` of `total` finished. */
    partitions(done: number, total: number): void {
      progress.partitionsDone = done;
      progress.partitionsTotal = total;
    },
    rows(rows: number): void {
      progress.rows = rows;
    },
    end(outcome: 'published' | 'failed'): void {
      if (outcome === 'published') progress.stagesDone = progress.stagesTotal;
      progress.stage = outcome;
      onStage(outcome);
    },
  };
}
