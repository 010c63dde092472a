/**
 * Deliberately broken rows in the CSV exports, so connectors prove they reject bad input instead
 * of crashing or dropping it (a number that is not one, for files without dates). One of each kind after data rows 10, 20 and 30, then one more every
 * `every` rows; the manifest records how many of each kind every file got.
 */
export const BAD_ROW_KINDS = ['bad_date', 'missing_id', 'broken_quote', 'bad_number'] as const;
export type BadRowKind = (typeof BAD_ROW_KINDS)[number];

export type BadRowCounts = Record<BadRowKind, number>;

export class BadRowSchedule {
  readonly counts: BadRowCounts = { bad_date: 0, missing_id: 0, broken_quote: 0, bad_number: 0 };
  private injected = 0;

  constructor(private readonly every: number, private readonly kinds: readonly BadRowKind[] = ['bad_date', 'missing_id', 'broken_quote']) {}

  /** The kind of bad row to write after the `goodRows`-th good row, if any. */
  after(goodRows: number): BadRowKind | null {
    const due = goodRows === 10 || goodRows === 20 || goodRows === 30 || (goodRows > 30 && goodRows % this.every === 0);
    if (!due) return null;
    const kind = this.kinds[this.injected % this.kinds.length]!;
    this.injected++;
    this.counts[kind]++;
    return kind;
  }

  get total(): number {
    return this.injected;
  }
}

/** A CSV line whose field `index` has a stray quote inside an unquoted value (an RFC 4180 error). */
export function withBrokenQuote(fields: readonly string[], index: number): string {
  return fields.map((f, i) => (i === index ? `${f.slice(0, 2)}"${f.slice(2).replaceAll('"', '')}`.replaceAll(',', ' ') : f)).join(',');
}
