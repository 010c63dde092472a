import type { Readable } from 'node:stream';
import { UserFacingError } from '../../userFacingError.js';
import type { ExportWindow } from './exportWindows.js';
import type { MarketoRestClient } from './marketoRestClient.js';
import type { MarketoObject } from './marketoSettings.js';

export type ExportStatus = 'Created' | 'Queued' | 'Processing' | 'Cancelled' | 'Completed' | 'Failed';

/** One bulk export job as create/enqueue/status report it. */
export interface ExportJob {
  exportId: string;
  format: string;
  status: ExportStatus;
  createdAt?: string;
  queuedAt?: string;
  startedAt?: string;
  finishedAt?: string;
  numberOfRecords?: number;
  fileSize?: number;
  errorMsg?: string;
}

/** The create-export request body for one window of one object. */
export type ExportRequestBody = Record<string, unknown>;

/**
 * Drives Marketo's asynchronous bulk export for one object: create a job for a date window,
 * enqueue it, poll its status until the file is written, then stream the file.
 */
export class BulkExportJobs {
  constructor(
    private readonly client: MarketoRestClient,
    private readonly object: MarketoObject,
    private readonly options: { source: string; pollIntervalMs: number; sleep: (ms: number) => Promise<void> },
  ) {}

  private path(suffix: string): string {
    return `/bulk/v1/${this.object}/export${suffix}`;
  }

  /**
   * A completed export for the window: the one a previous attempt made, when Marketo still has
   * its file, or a new one.
   */
  async completedExport(body: ExportRequestBody, window: ExportWindow, reusable: string | null, signal: AbortSignal): Promise<{ exportId: string; reused: boolean }> {
    if (reusable !== null) {
      const job = await this.statusOrNull(reusable, signal);
      if (job && job.status !== 'Failed' && job.status !== 'Cancelled') {
        await this.waitUntilCompleted(job, window, signal);
        return { exportId: reusable, reused: true };
      }
    }
    const [created] = await this.client.call<ExportJob>('POST', this.path('/create.json'), body, signal);
    if (!created?.exportId) throw new Error(`source "${this.options.source}": ${this.path('/create.json')} returned no exportId`);
    await this.waitUntilCompleted(created, window, signal);
    return { exportId: created.exportId, reused: false };
  }

  openFile(exportId: string, signal: AbortSignal): Promise<Readable> {
    return this.client.openStream(this.path(`/${encodeURIComponent(exportId)}/file.json`), signal);
  }

  private async waitUntilCompleted(job: ExportJob, window: ExportWindow, signal: AbortSignal): Promise<void> {
    let current = job;
    for (;;) {
      switch (current.status) {
        case 'Completed':
          return;
        case 'Failed':
        case 'Cancelled':
          // Transient as far as we know: a retried attempt creates a new export for the window.
          throw new Error(
            `source "${this.options.source}": Marketo ${this.object} export ${current.exportId} (${window.startAt} to ${window.endAt}) ended ${current.status}` +
              (current.errorMsg ? `: ${current.errorMsg}` : ''),
          );
        case 'Created':
          await this.client.call<ExportJob>('POST', this.path(`/${encodeURIComponent(current.exportId)}/enqueue.json`), {}, signal);
          break;
        default:
          await this.options.sleep(this.options.pollIntervalMs);
      }
      signal.throwIfAborted();
      const [next] = await this.client.call<ExportJob>('GET', this.path(`/${encodeURIComponent(current.exportId)}/status.json`), undefined, signal);
      if (!next) throw new Error(`source "${this.options.source}": status of export ${current.exportId} came back empty`);
      current = next;
    }
  }

  /** Status of an export a previous attempt created; null when Marketo no longer knows it. */
  private async statusOrNull(exportId: string, signal: AbortSignal): Promise<ExportJob | null> {
    try {
      const [job] = await this.client.call<ExportJob>('GET', this.path(`/${encodeURIComponent(exportId)}/status.json`), undefined, signal);
      return job ?? null;
    } catch (error) {
      if (error instanceof UserFacingError) return null;
      throw error;
    }
  }
}
