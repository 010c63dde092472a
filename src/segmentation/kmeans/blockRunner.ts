import { runBlockOperation, type BlockOperation } from './blockKernels.js';
import type { KmeansWorkspace } from './kmeansWorkspace.js';

/** Runs one block operation over every block of a workspace, on one thread or on a worker pool. */
export interface BlockRunner {
  readonly threads: number;
  run(operation: BlockOperation): void | Promise<void>;
}

export function singleThreadRunner(workspace: KmeansWorkspace): BlockRunner {
  return { threads: 1, run: (operation) => runBlockOperation(workspace, operation, 0, workspace.blockCount) };
}

/** Contiguous block range of share `index` out of `shares`. */
export function blockShare(blockCount: number, shares: number, index: number): [number, number] {
  return [Math.floor((index * blockCount) / shares), Math.floor(((index + 1) * blockCount) / shares)];
}
