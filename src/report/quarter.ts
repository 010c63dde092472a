/** Calendar quarters as the KPI snapshots name them: '2011-Q4'. */

export interface Quarter {
  year: number;
  /** 1..4 */
  number: number;
}

const QUARTER = /^(\d{4})-Q([1-4])$/;

/** The quarter named by text like 2011-Q4 (case-insensitive Q); undefined when it is not one. */
export function parseQuarter(text: string): Quarter | undefined {
  const match = QUARTER.exec(text.trim().toUpperCase());
  if (!match) return undefined;
  return { year: Number(match[1]), number: Number(match[2]) };
}

export function quarterName(quarter: Quarter): string {
  return `${quarter.year}-Q${quarter.number}`;
}

export function previousQuarter(quarter: Quarter): Quarter {
  return quarter.number === 1 ? { year: quarter.year - 1, number: 4 } : { year: quarter.year, number: quarter.number - 1 };
}

/** Negative when a is earlier than b. */
export function compareQuarters(a: Quarter, b: Quarter): number {
  return a.year - b.year || a.number - b.number;
}
