/** Marketo rejects bulk export date filters spanning more than 31 days. */
export const MAX_WINDOW_MS = 31 * 24 * 60 * 60 * 1000;

export interface ExportWindow {
  /** ISO-8601 UTC without milliseconds, as the bulk export filters want. */
  startAt: string;
  endAt: string;
}

/** Marketo datetimes carry no milliseconds; truncating keeps window edges exact. */
export function marketoTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * Splits [start, end) into consecutive windows of at most 31 days. The first window may be given
 * a fixed end (a resumed export keeps the span it was created with).
 */
export function exportWindows(startMs: number, endMs: number, firstEndMs?: number): ExportWindow[] {
  const windows: ExportWindow[] = [];
  let from = Math.floor(startMs / 1000) * 1000;
  const until = Math.floor(endMs / 1000) * 1000;
  if (firstEndMs !== undefined && firstEndMs > from) {
    windows.push({ startAt: marketoTime(from), endAt: marketoTime(firstEndMs) });
    from = Math.floor(firstEndMs / 1000) * 1000;
  }
  while (from < until) {
    const to = Math.min(from + MAX_WINDOW_MS, until);
    windows.push({ startAt: marketoTime(from), endAt: marketoTime(to) });
    from = to;
  }
  return windows;
}
