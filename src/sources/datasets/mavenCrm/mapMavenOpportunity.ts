import { isCalendarDate, midnightUtc } from '../datasetFiles/calendarDate.js';
import { isDecimal } from '../datasetFiles/decimalText.js';
import { mapCsvLine } from '../datasetFiles/csvLines.js';
import { rejectLine, type LineOutcome } from '../datasetFiles/lineOutcome.js';
import type { MavenLookups } from './mavenLookups.js';

export const MAVEN_PIPELINE_COLUMNS = ['opportunity_id', 'sales_agent', 'product', 'account', 'deal_stage', 'engage_date', 'close_date', 'close_value'] as const;

// data_dictionary.csv: "Prospecting > Engaging > Won / Lost".
const STAGES = ['Prospecting', 'Engaging', 'Won', 'Lost'] as const;

/**
 * sales_pipeline.csv → raw.opportunities. `account` is the company name (accounts' id) and is empty
 * on 1,425 open deals (Prospecting and Engaging) whose company is not known yet; engage_date (the
 * start of Engaging) is empty on Prospecting deals; close_date and close_value only exist once a
 * deal is Won or Lost. Amounts are USD. `record` keeps the line and adds the product's series and
 * list price and the agent's manager and regional office from the lookup tables.
 */
export function mapMavenOpportunity(text: string, position: string, lookups: MavenLookups): LineOutcome {
  const object = 'sales_pipeline';
  return mapCsvLine(text, MAVEN_PIPELINE_COLUMNS, object, position, (record) => {
    const id = record.opportunity_id.trim();
    if (!id) return rejectLine(object, position, 'missing_id', 'opportunity_id is empty', text);
    const stage = STAGES.find((s) => s === record.deal_stage.trim());
    if (!stage) return rejectLine(object, position, 'unknown_stage', `deal_stage ${JSON.stringify(record.deal_stage)} is not one of ${STAGES.join(', ')}`, text);
    for (const column of ['engage_date', 'close_date'] as const) {
      const value = record[column].trim();
      if (value !== '' && !isCalendarDate(value)) return rejectLine(object, position, 'bad_timestamp', `${column} is not a YYYY-MM-DD date: ${JSON.stringify(value)}`, text);
    }
    const closeValue = record.close_value.trim();
    if (closeValue !== '' && !isDecimal(closeValue)) return rejectLine(object, position, 'bad_number', `close_value is not a number: ${JSON.stringify(closeValue)}`, text);
    const engageDate = record.engage_date.trim();
    const closeDate = record.close_date.trim();
    const account = record.account.trim();
    return {
      row: {
        entity: 'opportunities',
        sourceObject: object,
        sourceId: id,
        modifiedAt: null,
        position,
        record: { ...record, product_details: lookups.product(record.product), sales_team: lookups.salesTeam(record.sales_agent) },
        fields: {
          account_source_id: account === '' ? null : account,
          stage,
          amount: closeValue === '' ? null : closeValue,
          currency: 'USD',
          is_closed: stage === 'Won' || stage === 'Lost',
          is_won: stage === 'Won',
          close_date: closeDate === '' ? null : closeDate,
          created_at_source: engageDate === '' ? null : midnightUtc(engageDate),
        },
      },
    };
  });
}
