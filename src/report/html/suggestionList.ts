import type { SegmentSuggestion } from '../reportData.js';
import { escapeHtml } from './escapeHtml.js';

function item(s: SegmentSuggestion): string {
  const what = s.suggestion === 'merge'
    ? `<strong>Merge</strong> ${escapeHtml(s.segmentLabel)} into ${escapeHtml(s.withSegmentLabel ?? '')}`
    : `<strong>Split</strong> ${escapeHtml(s.segmentLabel)}`;
  return `<li data-suggestion="${s.suggestion}">${what}: ${escapeHtml(s.reason)}</li>`;
}

/** Merge and split suggestions: advice only, the segments are never changed automatically. */
export function suggestionList(suggestions: readonly SegmentSuggestion[]): string {
  if (suggestions.length === 0) return '<p class="empty">No merge or split suggested: every segment is large enough, distinct from the others and reasonably homogeneous.</p>';
  return `<ul class="suggestions">${suggestions.map(item).join('')}</ul>`;
}
