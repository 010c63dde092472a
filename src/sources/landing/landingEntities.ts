/** Column type of a mapped landing column; decides how a value is checked and written. */
export type LandingColumnType = 'text' | 'integer' | 'numeric' | 'boolean' | 'timestamptz' | 'date';

interface EntitySpec {
  table: string;
  /** Mapped columns after the common ones (run_id … record), in table order. */
  columns: Readonly<Record<string, LandingColumnType>>;
  /** Whether (run_id, source, source_object, source_id) is unique, so a batch can be upserted. */
  keyed: boolean;
}

// Mirrors sql/migrations/*_landing_contract.sql; test/db/landingContract.test.ts compares the two.
export const LANDING_ENTITIES = {
  accounts: {
    table: 'raw.accounts',
    keyed: true,
    columns: {
      name: 'text', domain: 'text', website: 'text', industry: 'text', employees: 'integer', annual_revenue: 'numeric',
      currency: 'text', country: 'text', region: 'text', city: 'text', created_at_source: 'timestamptz',
    },
  },
  contacts: {
    table: 'raw.contacts',
    keyed: true,
    columns: {
      account_source_id: 'text', email: 'text', phone: 'text', first_name: 'text', last_name: 'text', job_title: 'text',
      country: 'text', lifecycle_stage: 'text', created_at_source: 'timestamptz',
    },
  },
  leads: {
    table: 'raw.leads',
    keyed: true,
    columns: {
      email: 'text', phone: 'text', first_name: 'text', last_name: 'text', company: 'text', country: 'text', channel: 'text',
      status: 'text', converted_contact_source_id: 'text', converted_account_source_id: 'text', converted_at: 'timestamptz',
      created_at_source: 'timestamptz',
    },
  },
  opportunities: {
    table: 'raw.opportunities',
    keyed: true,
    columns: {
      account_source_id: 'text', contact_source_id: 'text', lead_source_id: 'text', name: 'text', stage: 'text', amount: 'numeric',
      currency: 'text', is_closed: 'boolean', is_won: 'boolean', close_date: 'date', created_at_source: 'timestamptz',
    },
  },
  orders: {
    table: 'raw.orders',
    keyed: true,
    columns: {
      customer_source_id: 'text', account_source_id: 'text', email: 'text', ordered_at: 'timestamptz', currency: 'text',
      total: 'numeric', status: 'text', country: 'text',
    },
  },
  order_lines: {
    table: 'raw.order_lines',
    keyed: false,
    columns: {
      order_source_id: 'text', customer_source_id: 'text', ordered_at: 'timestamptz', sku: 'text', description: 'text',
      quantity: 'numeric', unit_price: 'numeric', currency: 'text', country: 'text',
    },
  },
  web_events: {
    table: 'raw.web_events',
    keyed: true,
    columns: {
      visitor_id: 'text', user_id: 'text', session_id: 'text', event_name: 'text', occurred_at: 'timestamptz', page_url: 'text',
      channel: 'text', campaign: 'text', revenue: 'numeric', currency: 'text',
    },
  },
  marketing_events: {
    table: 'raw.marketing_events',
    keyed: true,
    columns: {
      contact_source_id: 'text', email: 'text', event_type: 'text', campaign: 'text', channel: 'text', occurred_at: 'timestamptz',
    },
  },
  support_responses: {
    table: 'raw.support_responses',
    keyed: true,
    columns: {
      contact_source_id: 'text', account_source_id: 'text', email: 'text', kind: 'text', score: 'numeric', status: 'text',
      opened_at: 'timestamptz', closed_at: 'timestamptz',
    },
  },
  marketing_spend: {
    table: 'raw.marketing_spend',
    keyed: true,
    columns: {
      period_start: 'date', period_end: 'date', channel: 'text', campaign: 'text', amount: 'numeric', currency: 'text',
    },
  },
} as const satisfies Record<string, EntitySpec>;

export type LandingEntity = keyof typeof LANDING_ENTITIES;

/** Columns every landing table starts with, in table order. */
export const COMMON_LANDING_COLUMNS = [
  'run_id', 'source', 'source_object', 'source_id', 'source_modified_at', 'extracted_at', 'position', 'record',
] as const;

/** Normalised marketing event types (raw.marketing_events.event_type). */
export const MARKETING_EVENT_TYPES = ['send', 'open', 'click', 'bounce', 'unsubscribe', 'form_fill', 'other'] as const;
export type MarketingEventType = (typeof MARKETING_EVENT_TYPES)[number];

export function isLandingEntity(name: string): name is LandingEntity {
  return Object.hasOwn(LANDING_ENTITIES, name);
}
