import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Custom search attributes of segflow workflows: find runs by as-of date or by the stage they are
 * in (`temporal workflow list --query "SegflowStage = 'clv'"`). Dates and stage names only; never
 * personal data, which would end up in the server's visibility store.
 */
export const AS_OF_ATTRIBUTE = defineSearchAttributeKey('SegflowAsOf', SearchAttributeType.DATETIME);
export const STAGE_ATTRIBUTE = defineSearchAttributeKey('SegflowStage', SearchAttributeType.KEYWORD);

export const SEGFLOW_SEARCH_ATTRIBUTES = [AS_OF_ATTRIBUTE, STAGE_ATTRIBUTE] as const;
