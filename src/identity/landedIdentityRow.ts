/** One row of sql/stages/identity_landed_records.sql: a person or account record's identifying values as landed. */
export interface LandedIdentityRow {
  level: 'person' | 'account';
  source: string;
  source_object: string;
  source_id: string;
  member_kind: string;
  email: string | null;
  phone: string | null;
  country: string | null;
  company: string | null;
  website: string | null;
  domain: string | null;
  account_ref: string | null;
  contact_ref: string | null;
}
