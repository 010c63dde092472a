import { makeApplyCustomerValues } from './applyCustomerValues.js';
import { makeCheckQuality } from './checkQuality.js';
import { makeCleanOrders } from './cleanOrders.js';
import { makeComputeFeatures } from './computeFeatures.js';
import { makeComputeKpis } from './computeKpis.js';
import { makeExtractSource } from './extractSource.js';
import { makeExtractSourceObject } from './extractSourceObject.js';
import { makeFitClv } from './fitClv.js';
import { makeFitClvModel } from './fitClvModel.js';
import { makeFitKmeans } from './fitKmeans.js';
import { makeListPublishedAsOf } from './listPublishedAsOf.js';
import { makeFailRun, makePublishRun } from './publishRun.js';
import { makePlanExtract } from './planExtract.js';
import { makeResolveIdentities } from './resolveIdentities.js';
import { makeScoreFirmographicTiers } from './scoreFirmographicTiers.js';
import { makeScoreRfm } from './scoreRfm.js';
import { makeStartRun } from './startRun.js';
import type { ActivityDeps } from './types.js';
import { makeValueCustomers } from './valueCustomers.js';

export function createActivities(deps: ActivityDeps) {
  return {
    startRun: makeStartRun(deps),
    extractSource: makeExtractSource(deps),
    planExtract: makePlanExtract(deps),
    extractSourceObject: makeExtractSourceObject(deps),
    resolveIdentities: makeResolveIdentities(deps),
    cleanOrders: makeCleanOrders(deps),
    computeFeatures: makeComputeFeatures(deps),
    fitClv: makeFitClv(deps),
    fitClvModel: makeFitClvModel(deps),
    valueCustomers: makeValueCustomers(deps),
    applyCustomerValues: makeApplyCustomerValues(deps),
    scoreRfm: makeScoreRfm(deps),
    scoreFirmographicTiers: makeScoreFirmographicTiers(deps),
    fitKmeans: makeFitKmeans(deps),
    computeKpis: makeComputeKpis(deps),
    checkQuality: makeCheckQuality(deps),
    publishRun: makePublishRun(deps),
    failRun: makeFailRun(deps),
    listPublishedAsOf: makeListPublishedAsOf(deps),
  };
}

export type SegflowActivities = ReturnType<typeof createActivities>;
export type * from './types.js';
export type { RfmCutPoints } from '../src/segmentation/rfmCutPoints.js';
export type { ResolveIdentitiesInput, ResolveIdentitiesResult } from './resolveIdentities.js';
export type { ListPublishedAsOfInput, ListPublishedAsOfResult } from './listPublishedAsOf.js';
export type { CheckQualityInput, CheckQualityResult } from './checkQuality.js';
