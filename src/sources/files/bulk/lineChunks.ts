import { ChunkBuffers } from './chunkBuffers.js';

const NEWLINE = 0x0a;
const QUOTE = 0x22;

/** A run of whole lines of a file, landed by one COPY. */
export interface LineChunk {
  /** File line number of the chunk's first line (the header is line 1). */
  firstLine: number;
  lineCount: number;
  /** The lines, each ending in \n. */
  bytes: Buffer;
  /**
   * One CSV record per line: the encoder can take the chunk line by line. False when a quote runs
   * across a line end (a multi-line field or a broken line); such chunks go through the JavaScript
   * parser instead.
   */
  plain: boolean;
}

/** Whether every line of the chunk holds an even number of quotes. */
export function isPlainCsvChunk(bytes: Buffer): boolean {
  let at = 0;
  for (;;) {
    const open = bytes.indexOf(QUOTE, at);
    if (open < 0) break;
    const close = bytes.indexOf(QUOTE, open + 1);
    if (close < 0) return false;
    const lineEnd = bytes.indexOf(NEWLINE, open);
    if (lineEnd >= 0 && lineEnd < close) return false;
    at = close + 1;
  }
  return true;
}

/**
 * Cuts a file's bytes into chunks of `chunkLines` lines after its header (given to `onHeader`,
 * which may throw) and after line `afterLine` (already landed). Memory holds one chunk; a chunk's
 * buffer comes from `buffers`, so the caller can hand it back once the chunk has landed.
 */
export async function* lineChunks(
  input: AsyncIterable<Buffer>,
  options: { afterLine: number; chunkLines: number; onHeader: (header: string) => void; buffers?: ChunkBuffers },
): AsyncGenerator<LineChunk> {
  const buffers = options.buffers ?? new ChunkBuffers();
  let line = 0;
  let header: Buffer[] | null = [];
  let pieces: Buffer[] = [];
  let chunkLines = 0;
  let firstLine = 0;
  const take = (): LineChunk => {
    const bytes = buffers.join(pieces);
    const chunk = { firstLine, lineCount: chunkLines, bytes, plain: isPlainCsvChunk(bytes) };
    pieces = [];
    chunkLines = 0;
    return chunk;
  };
  for await (const piece of input) {
    let at = 0;
    while (at < piece.length) {
      if (header !== null) {
        const end = piece.indexOf(NEWLINE, at);
        header.push(piece.subarray(at, end < 0 ? piece.length : end));
        if (end < 0) break;
        options.onHeader(Buffer.concat(header).toString('utf8').replace(/^\uFEFF/, '').replace(/\r$/, ''));
        header = null;
        line = 1;
        at = end + 1;
        continue;
      }
      if (line < options.afterLine) {
        const end = piece.indexOf(NEWLINE, at);
        if (end < 0) break;
        line += 1;
        at = end + 1;
        continue;
      }
      if (chunkLines === 0 && pieces.length === 0) firstLine = line + 1;
      let scan = at;
      let full = false;
      for (;;) {
        const end = piece.indexOf(NEWLINE, scan);
        if (end < 0) break;
        line += 1;
        chunkLines += 1;
        scan = end + 1;
        if (chunkLines === options.chunkLines) {
          full = true;
          break;
        }
      }
      pieces.push(piece.subarray(at, full ? scan : piece.length));
      at = full ? scan : piece.length;
      if (full) yield take();
    }
  }
  if (header !== null) {
    options.onHeader(Buffer.concat(header).toString('utf8').replace(/^\uFEFF/, '').replace(/\r$/, ''));
    return;
  }
  // A last line without its newline still counts; a run of only skipped lines leaves nothing.
  const tail = pieces.reduce((n, p) => n + p.length, 0);
  if (tail > 0 && line >= options.afterLine) {
    const last = pieces[pieces.length - 1]!;
    if (last[last.length - 1] !== NEWLINE) {
      pieces.push(Buffer.from('\n'));
      line += 1;
      chunkLines += 1;
    }
    if (chunkLines > 0) yield take();
  }
}

/** The lines of a chunk with their file line numbers (\r\n endings trimmed). */
export function* chunkLines(chunk: LineChunk): Generator<{ line: number; text: string }> {
  const text = chunk.bytes.toString('utf8');
  let at = 0;
  let line = chunk.firstLine;
  while (at < text.length) {
    const end = text.indexOf('\n', at);
    const stop = end < 0 ? text.length : end;
    yield { line, text: text.slice(at, stop > at && text[stop - 1] === '\r' ? stop - 1 : stop) };
    line += 1;
    at = stop + 1;
  }
}
