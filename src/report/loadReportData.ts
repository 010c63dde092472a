import type { Knex } from 'knex';
import { BadInputError } from '../badInputError.js';
import { kpiDefinitions } from './data/kpiDefinitions.js';
import { publishedQuarters } from './data/publishedQuarters.js';
import { quarterComparison } from './data/quarterComparison.js';
import { rfmGrid } from './data/rfmGrid.js';
import { segmentMigration } from './data/segmentMigration.js';
import { segmentPersonas } from './data/segmentPersonas.js';
import { segmentSuggestions } from './data/segmentSuggestions.js';
import { snapshotComparison } from './data/snapshotComparison.js';
import { snapshotHistory } from './data/snapshotHistory.js';
import { ALL_CUSTOMERS, REPORT_SCHEMES, type QuarterRun, type ReportData } from './reportData.js';
import type { ReportRequest } from './reportRequest.js';

const RUN_HINT = 'publish a run with an as-of date in that quarter (segflow run --as-of DATE --wait)';

function findQuarter(quarters: readonly QuarterRun[], quarter: string, flag: string): QuarterRun {
  const found = quarters.find((q) => q.quarter === quarter);
  if (found) return found;
  if (quarters.length === 0) throw new BadInputError(`${flag} ${quarter}: no quarter has a published KPI snapshot yet`, RUN_HINT);
  throw new BadInputError(
    `${flag} ${quarter} has no published KPI snapshot`,
    `choose one of ${quarters.map((q) => q.quarter).join(', ')}, or ${RUN_HINT}`,
  );
}

/** Everything the report shows, read from the published output views only. */
export async function loadReportData(db: Knex, request: ReportRequest): Promise<ReportData> {
  const quarters = await publishedQuarters(db);
  const current = findQuarter(quarters, request.quarter, '--quarter');
  const previous = request.compareGiven
    ? findQuarter(quarters, request.compareQuarter, '--compare')
    : quarters.find((q) => q.quarter === request.compareQuarter) ?? null;
  const definitions = await kpiDefinitions(db);
  const history = await snapshotHistory(db, [...REPORT_SCHEMES, ALL_CUSTOMERS], current.quarterStart, definitions);
  const present = new Set(history.filter((s) => s.quarter === current.quarter).map((s) => s.scheme));
  const available = REPORT_SCHEMES.filter((scheme) => present.has(scheme));
  const schemes = request.scheme ? available.filter((scheme) => scheme === request.scheme) : available;
  if (request.scheme && schemes.length === 0) {
    throw new BadInputError(
      `the published run of ${current.quarter} has no ${request.scheme} segments`,
      available.length > 0 ? `choose --scheme ${available.join(' or ')}, or leave --scheme out` : 'leave --scheme out',
    );
  }
  const shown = history.filter((s) => s.scheme === ALL_CUSTOMERS || (schemes as readonly string[]).includes(s.scheme));
  const labels = new Map(shown.filter((s) => s.quarter === current.quarter).map((s) => [`${s.scheme}/${s.segmentId}`, s.segmentLabel]));
  const consecutive = request.compareQuarter === request.previousQuarter;
  const comparison = !previous
    ? []
    : consecutive
      ? await quarterComparison(db, [...schemes, ALL_CUSTOMERS], current.quarter, previous.quarter, shown)
      : snapshotComparison(definitions, shown, current.quarter, previous.quarter);
  const migration = previous && consecutive ? await segmentMigration(db, schemes, previous.quarter, current.quarter) : [];
  return {
    current,
    compareQuarter: request.compareQuarter,
    previous,
    consecutive,
    schemes,
    definitions,
    history: shown,
    comparison,
    migration,
    suggestions: await segmentSuggestions(db, current.runId, schemes, (scheme, id) => labels.get(`${scheme}/${id}`)),
    personas: await segmentPersonas(db, current.runId, schemes),
    rfmGrid: schemes.includes('rfm') ? await rfmGrid(db, current.runId) : [],
  };
}
