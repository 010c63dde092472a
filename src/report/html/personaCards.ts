import { formatCount, formatShare } from '../formatNumbers.js';
import type { PersonaTrait, SegmentPersona } from '../reportData.js';
import { escapeHtml } from './escapeHtml.js';

/** Plain names for the features persona cards compare; others are shown by column name. */
const FEATURE_NAMES: Readonly<Record<string, string>> = {
  recency_days: 'Days since last purchase',
  frequency: 'Orders',
  monetary: 'Net revenue',
  aov: 'Average order value',
  tenure_days: 'Days as a customer',
  inter_purchase_days: 'Days between orders',
  orders_90d: 'Orders in the last 90 days',
  revenue_365d: 'Revenue in the last year',
  product_breadth: 'Distinct products',
  return_rate: 'Return rate',
  p_alive: 'Probability still active',
  clv_predicted_365d: 'Predicted 12-month value',
};

const plain = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
const signed = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' });

function trait(t: PersonaTrait): string {
  const name = FEATURE_NAMES[t.feature] ?? t.feature.replaceAll('_', ' ');
  return `<li>${escapeHtml(name)}: ${plain.format(t.segmentMean)} against ${plain.format(t.populationMean)} overall `
    + `(${signed.format(t.z)} sd)</li>`;
}

function card(persona: SegmentPersona): string {
  const value = persona.monetaryShare === null ? 'no value share' : `${formatShare(persona.monetaryShare)} of value`;
  const traits = persona.traits.length > 0
    ? `<ul>${persona.traits.map(trait).join('')}</ul>`
    : `<p class="empty">${persona.customers === 0 ? 'No customer in this segment.' : 'Close to the average customer on every feature.'}</p>`;
  return `<article class="persona" data-segment="${persona.segmentId}"><h4>${escapeHtml(persona.label)}</h4>`
    + `<div class="stats">${formatCount(persona.customers)} customers · ${formatShare(persona.customerShare)} of customers · ${value}</div>`
    + `<p class="description">${escapeHtml(persona.description)}</p>${traits}`
    + (persona.action ? `<p class="action"><strong>Suggested action:</strong> ${escapeHtml(persona.action)}</p>` : '')
    + '</article>';
}

/** One card per segment: size, value, what sets it apart, what to do. */
export function personaCards(personas: readonly SegmentPersona[]): string {
  if (personas.length === 0) return '<p class="empty">The run has no persona cards for this scheme.</p>';
  return `<div class="personas">${personas.map(card).join('')}</div>`;
}
