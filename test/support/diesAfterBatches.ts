import type { ExtractedBatch, ExtractRequest, SourceConnector } from '../../src/sources/connector.js';

/**
 * Delegates to a real connector but throws "worker lost" once it has served `batchesBeforeDeath`
 * batches (counted over every extract call), like a worker that dies mid-extract. Set
 * batchesBeforeDeath to Infinity to let the retry run through.
 */
export class DiesAfterBatches implements SourceConnector {
  requests: ExtractRequest[] = [];
  recordsServed = 0;
  private served = 0;

  constructor(private readonly inner: SourceConnector, public batchesBeforeDeath: number) {}

  get name() { return this.inner.name; }
  get type() { return this.inner.type; }
  objects() { return this.inner.objects(); }
  check(signal: AbortSignal) { return this.inner.check(signal); }

  async *extract(request: ExtractRequest): AsyncIterable<ExtractedBatch> {
    this.requests.push(request);
    for await (const batch of this.inner.extract(request)) {
      if (this.served++ >= this.batchesBeforeDeath) throw new Error('worker lost');
      this.recordsServed += batch.recordsRead;
      yield batch;
    }
  }
}
