import type { LandingReject, LandingRow } from '../connector.js';

/**
 * People who must not land (raw.suppressed_identities, after `segflow forget`). landBatch asks it
 * about every row before the row is checked: a suppressed row becomes a reject, so records read =
 * landed + rejected still holds, and the reject carries no value of the person.
 */
export interface LandingSuppression {
  rejectFor(source: string, row: LandingRow): LandingReject | null;
}
