import type { WorkflowHandle } from '@temporalio/client';

export interface ProgressView<P> {
  /** A line redrawn in place on a terminal. */
  bar(progress: P): string;
  /** A line for logs, printed when it changes. */
  line(progress: P): string;
}

export interface WatchOptions {
  stream?: NodeJS.WriteStream;
  /** How often the workflow is asked. */
  pollMs?: number;
  /** Plain output: at most one line per this interval, unless the text changed. */
  quietMs?: number;
}

/**
 * Shows a workflow's progress query on stderr until `until` settles: a bar redrawn in place on a
 * terminal, plain `segflow: …` lines when stderr is a file or a pipe. Returns what `until` returns.
 */
export async function watchProgress<P, T>(handle: WorkflowHandle, view: ProgressView<P>, until: Promise<T>, options: WatchOptions = {}): Promise<T> {
  const stream = options.stream ?? process.stderr;
  const tty = Boolean(stream.isTTY);
  const pollMs = options.pollMs ?? (tty ? 500 : 1_000);
  const quietMs = options.quietMs ?? 10_000;
  let lastLine = '';
  let lastPrinted = 0;
  let drawn = false;
  const show = (progress: P) => {
    if (tty) {
      // Cut to the terminal width so the line never wraps (a wrapped line cannot be redrawn in place).
      const text = view.bar(progress).slice(0, Math.max(20, (stream.columns || 100) - 1));
      stream.write(`\r\x1b[2K${text}`);
      drawn = true;
      return;
    }
    const text = view.line(progress);
    const now = Date.now();
    if (text !== lastLine || now - lastPrinted >= quietMs) {
      stream.write(`segflow: ${text}\n`);
      lastLine = text;
      lastPrinted = now;
    }
  };
  let settled = false;
  let wake: () => void = () => undefined;
  const poll = async () => {
    while (!settled) {
      // The first workflow task may not have run yet, and a closing workflow stops answering: both are fine to miss.
      const progress = await handle.query<P>('progress').catch(() => undefined);
      if (progress && !settled) show(progress);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs);
        wake = () => { clearTimeout(timer); resolve(); };
      });
    }
  };
  const polling = poll();
  try {
    return await until;
  } finally {
    settled = true;
    wake();
    await polling;
    if (drawn) stream.write('\r\x1b[2K');
  }
}
