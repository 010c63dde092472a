import { isWholeNumber } from '../datasetFiles/decimalText.js';
import { mapCsvLine } from '../datasetFiles/csvLines.js';
import { rejectLine, type LineOutcome } from '../datasetFiles/lineOutcome.js';
import { millionsToUnits } from './millionsToUnits.js';

export const MAVEN_ACCOUNT_COLUMNS = ['account', 'sector', 'year_established', 'revenue', 'employees', 'office_location', 'subsidiary_of'] as const;

// Misspellings in the published file; the original text stays in `record`.
const SECTOR_SPELLING: Readonly<Record<string, string>> = { technolgy: 'technology' };
const COUNTRY_SPELLING: Readonly<Record<string, string>> = { Philipines: 'Philippines' };

/**
 * accounts.csv → raw.accounts. The file has no account id: the company name is the key (it is
 * also how sales_pipeline.account and subsidiary_of refer to an account). `revenue` is in millions
 * of USD (data_dictionary.csv); year_established and subsidiary_of have no landing column and stay in `record`.
 */
export function mapMavenAccount(text: string, position: string): LineOutcome {
  const object = 'accounts';
  return mapCsvLine(text, MAVEN_ACCOUNT_COLUMNS, object, position, (record) => {
    const name = record.account.trim();
    if (!name) return rejectLine(object, position, 'missing_id', 'account (the company name, used as id) is empty', text);
    const revenue = record.revenue.trim();
    const annualRevenue = revenue === '' ? null : millionsToUnits(revenue);
    if (revenue !== '' && annualRevenue === null) {
      return rejectLine(object, position, 'bad_number', `revenue is not a number of millions: ${JSON.stringify(record.revenue)}`, text);
    }
    const employees = record.employees.trim();
    if (employees !== '' && !isWholeNumber(employees)) {
      return rejectLine(object, position, 'bad_number', `employees is not a whole number: ${JSON.stringify(record.employees)}`, text);
    }
    const sector = record.sector.trim();
    const office = record.office_location.trim();
    return {
      row: {
        entity: 'accounts',
        sourceObject: object,
        sourceId: name,
        modifiedAt: null,
        position,
        record,
        fields: {
          name,
          industry: sector === '' ? null : (SECTOR_SPELLING[sector] ?? sector),
          employees: employees === '' ? null : Number(employees),
          annual_revenue: annualRevenue,
          currency: 'USD',
          country: office === '' ? null : (COUNTRY_SPELLING[office] ?? office),
        },
      },
    };
  });
}
