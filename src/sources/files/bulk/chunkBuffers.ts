// Buffers kept for reuse: chunks in flight plus the one read ahead.
const MAX_FREE = 4;

/**
 * Chunk buffers that are reused once their chunk has landed: a fresh buffer per chunk (tens of MB)
 * costs a page fault per 4 KB every time, which took about a tenth of the loader's time.
 */
export class ChunkBuffers {
  private readonly free: Buffer[] = [];

  /** The pieces joined into one buffer, a released one when one is large enough. */
  join(pieces: readonly Buffer[]): Buffer {
    let size = 0;
    for (const piece of pieces) size += piece.length;
    const at = this.free.findIndex((buffer) => buffer.length >= size);
    const buffer = at >= 0 ? this.free.splice(at, 1)[0]! : Buffer.allocUnsafeSlow(Math.ceil(size * 1.125));
    let offset = 0;
    for (const piece of pieces) offset += piece.copy(buffer, offset);
    return buffer.subarray(0, size);
  }

  /** A joined buffer whose chunk has landed and is no longer read. */
  release(bytes: Buffer): void {
    if (this.free.length >= MAX_FREE) return;
    this.free.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.buffer.byteLength - bytes.byteOffset));
  }
}
