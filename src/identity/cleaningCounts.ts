/** How often each cleaning rule altered or dropped a value in one run, keyed by rule and field. */
export class CleaningCounts {
  private readonly counts = new Map<string, number>();

  add(rule: string, field: string, n = 1): void {
    const key = `${rule}\t${field}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + n);
  }

  rows(): Array<{ rule: string; field: string; count: number }> {
    return [...this.counts].map(([key, count]) => {
      const [rule = '', field = ''] = key.split('\t');
      return { rule, field, count };
    }).sort((a, b) => a.rule.localeCompare(b.rule) || a.field.localeCompare(b.field));
  }

  get(rule: string, field: string): number {
    return this.counts.get(`${rule}\t${field}`) ?? 0;
  }
}
