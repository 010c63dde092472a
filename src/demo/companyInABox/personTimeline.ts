import { DAY_MS, type CompanyParameters } from './companyParameters.js';
import { segmentProfile } from './plantedSegments.js';
import { SYSTEM, type Population } from './population.js';
import { Draws, STREAM } from './randomDraws.js';
import { TIMELINE, type TimelineSpool } from './timelineSpool.js';
import { SITE_PAGES, TRAFFIC_WEIGHTS } from './vocabulary.js';

/** Bits of a session or order record's flags. */
export const VISIT_FLAG = {
  ga4: 1,
  adobe: 2,
  loggedIn: 4,
  /** bits 3-4: device index */
  deviceShift: 3,
  guest: 32,
  secondCustomer: 64,
  refunded: 128,
} as const;

export const SUPPORT_KINDS = ['csat', 'nps', 'ticket'] as const;
/** Support record flag: the response is still open. */
export const SUPPORT_OPEN = 1;
export const NO_SCORE = 255;

/** Email campaign cadence of each marketing platform (days between list sends, first offset). */
export const MARKETO_CADENCE = { everyDays: 28, offsetDays: 3, hourUtc: 9 } as const;
export const PARDOT_CADENCE = { everyDays: 28, offsetDays: 17, hourUtc: 14 } as const;

export const MARKETO_TYPE = { visitWebpage: 1, fillOutForm: 2, sendEmail: 6, emailDelivered: 7, emailBounced: 8, unsubscribe: 9, openEmail: 10, clickEmail: 11 } as const;
/** Pardot visitor activity types (documented values: 1 Click, 2 View, 4 Success, 6 Sent, 11 Open, 12 Unsubscribe Page, 13 Bounced). */
export const PARDOT_TYPE = { click: 1, view: 2, success: 4, sent: 6, open: 11, unsubscribePage: 12, bounced: 13 } as const;

export interface PersonSummary {
  firstSeenMs: number;
  /** Record creation time in each system. */
  salesforceCreatedMs: number;
  hubspotCreatedMs: number;
  marketoCreatedMs: number;
  pardotCreatedMs: number;
  /** Last modification anywhere (SystemModstamp, updatedAt). */
  modifiedMs: number;
  /** Devices (bit per index) seen by GA4 and by Adobe. */
  ga4Devices: number;
  adobeDevices: number;
  primaryCustomerUsed: boolean;
  secondCustomerUsed: boolean;
  orders: number;
  lastOrderMs: number;
}

interface Visit {
  timeMs: number;
  device: number;
  orderOrdinal: number;
}

/** Start of a day plus a time of day that leaves a session room to end before midnight. */
function momentOnDay(dayStartMs: number, draws: Draws): number {
  return dayStartMs + draws.between(6 * 3600, 22 * 3600) * 1000 + draws.below(1000);
}

function dayStart(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

export function campaignSendMs(parameters: CompanyParameters, cadence: { everyDays: number; offsetDays: number; hourUtc: number }, k: number): number {
  return parameters.startMs + (cadence.offsetDays + k * cadence.everyDays) * DAY_MS + cadence.hourUtc * 3_600_000;
}

/**
 * Draws one person's two years: orders (recency, frequency and value from the planted segment),
 * web visits around them, email engagement that fades after the last order, support answers.
 * Dated records go to the spool; the summary feeds the CRM records and the ground truth.
 */
export function generatePersonTimeline(parameters: CompanyParameters, population: Population, person: number, spool: TimelineSpool): PersonSummary {
  const { people } = population;
  const { startMs, endMs } = parameters;
  const profile = segmentProfile(people.segment[person]!);
  const b2b = people.company[person]! >= 0;
  const systems = people.systems[person]!;
  const devices = people.devices[person]!;
  const draws = Draws.for(parameters.seed, STREAM.timeline, person);
  const scale = parameters.days / 730;
  const lastMoment = endMs - 3 * 3_600_000;
  const daysAgo = (days: number) => Math.max(startMs, Math.min(lastMoment, momentOnDay(dayStart(endMs - 1 - days * DAY_MS), draws)));

  // Orders: first and last from the segment's ranges, the rest spread in between.
  const orderCount = profile.minOrders + draws.poisson(profile.extraOrders);
  const lastAgo = draws.between(profile.lastOrderDaysAgo[0], profile.lastOrderDaysAgo[1]) * scale;
  const firstAgo = Math.min(parameters.days - 1, Math.max(lastAgo, draws.between(profile.firstOrderDaysAgo[0], profile.firstOrderDaysAgo[1]) * scale));
  const orderTimes: number[] = [];
  for (let i = 0; i < orderCount; i++) {
    const ago = i === 0 ? lastAgo : i === 1 ? firstAgo : lastAgo + draws.uniform() * (firstAgo - lastAgo);
    orderTimes.push(Math.min(lastMoment, daysAgo(ago)));
  }
  orderTimes.sort((x, y) => x - y);
  const firstOrderMs = orderTimes[0]!;
  const lastOrderMs = orderTimes[orderTimes.length - 1]!;

  // Visits: browsing around the active period, plus the checkout visit of each online order.
  const visits: Visit[] = [];
  const pickDevice = () => (devices === 1 || draws.chance(0.6) ? 0 : draws.below(devices));
  const browseFrom = Math.max(startMs, firstOrderMs - 30 * DAY_MS);
  const browseTo = Math.min(lastMoment, lastOrderMs + profile.browseTailDays * DAY_MS);
  const browseCount = draws.poisson(profile.browseSessions);
  for (let i = 0; i < browseCount; i++) {
    const at = momentOnDay(dayStart(browseFrom + draws.uniform() * Math.max(0, browseTo - browseFrom)), draws);
    visits.push({ timeMs: Math.min(lastMoment, Math.max(startMs, at)), device: pickDevice(), orderOrdinal: -1 });
  }
  const onlineShare = b2b ? 0.6 : 0.92;
  const orderOnline: boolean[] = orderTimes.map(() => draws.chance(onlineShare));
  orderTimes.forEach((timeMs, ordinal) => {
    if (orderOnline[ordinal]) visits.push({ timeMs, device: pickDevice(), orderOrdinal: ordinal });
  });
  visits.sort((x, y) => x.timeMs - y.timeMs || x.orderOrdinal - y.orderOrdinal);

  const firstVisitMs = visits.length > 0 ? visits[0]!.timeMs : firstOrderMs;
  const firstSeenMs = Math.min(firstOrderMs, firstVisitMs) - Math.round(draws.exponential(b2b ? 90 : 20) * DAY_MS);
  const createdAfter = (lagDays: number) => Math.min(lastMoment, firstSeenMs + Math.round(draws.uniform() * lagDays * DAY_MS));
  const summary: PersonSummary = {
    firstSeenMs,
    salesforceCreatedMs: createdAfter(20),
    hubspotCreatedMs: createdAfter(3),
    marketoCreatedMs: createdAfter(5),
    pardotCreatedMs: createdAfter(5),
    modifiedMs: 0,
    ga4Devices: 0,
    adobeDevices: 0,
    primaryCustomerUsed: false,
    secondCustomerUsed: false,
    orders: orderCount,
    lastOrderMs,
  };
  summary.modifiedMs = Math.min(lastMoment, Math.max(summary.salesforceCreatedMs, summary.hubspotCreatedMs) + Math.round(draws.uniform() * (lastMoment - firstSeenMs)));

  const hasSecond = (systems & SYSTEM.secondCustomerNumber) !== 0;
  const orderFlags: number[] = orderTimes.map(() => {
    let flags = 0;
    if (!b2b && draws.chance(0.05)) flags |= VISIT_FLAG.guest;
    else if (hasSecond && draws.chance(0.4)) flags |= VISIT_FLAG.secondCustomer;
    if (draws.chance(profile.refundRate)) flags |= VISIT_FLAG.refunded;
    return flags;
  });

  const visitNumbers = [0, 0, 0];
  for (const visit of visits) {
    const visitNumber = ++visitNumbers[visit.device]!;
    let flags = visit.device << VISIT_FLAG.deviceShift;
    if (draws.chance(0.95)) flags |= VISIT_FLAG.ga4;
    if (draws.chance(0.9)) flags |= VISIT_FLAG.adobe;
    const traffic = visitNumber === 1 && visit.device === 0 ? people.acquisition[person]! : draws.weighted(TRAFFIC_WEIGHTS);
    const sessionSeed = Math.floor(draws.uniform() * 4294967296);
    if (visit.orderOrdinal >= 0) {
      const orderFlag = orderFlags[visit.orderOrdinal]!;
      if ((orderFlag & VISIT_FLAG.guest) === 0) flags |= VISIT_FLAG.loggedIn;
      orderFlags[visit.orderOrdinal] = orderFlag | flags;
    } else {
      if (draws.chance(profile.loginRate)) flags |= VISIT_FLAG.loggedIn;
      spool.add(visit.timeMs, person, TIMELINE.session, flags, visitNumber, traffic, sessionSeed, 0, 0);
    }
    if (visit.orderOrdinal >= 0) spool.add(visit.timeMs, person, TIMELINE.order, orderFlags[visit.orderOrdinal]!, visit.orderOrdinal, traffic, sessionSeed, visitNumber, 0);
    if (flags & VISIT_FLAG.ga4) summary.ga4Devices |= 1 << visit.device;
    if (flags & VISIT_FLAG.adobe) summary.adobeDevices |= 1 << visit.device;
    const loggedIn = (visit.orderOrdinal >= 0 ? orderFlags[visit.orderOrdinal]! : flags) & VISIT_FLAG.loggedIn;
    if (loggedIn && flags & (VISIT_FLAG.ga4 | VISIT_FLAG.adobe)) {
      const second = visit.orderOrdinal >= 0 && (orderFlags[visit.orderOrdinal]! & VISIT_FLAG.secondCustomer) !== 0;
      if (second) summary.secondCustomerUsed = true;
      else summary.primaryCustomerUsed = true;
    }
    if ((systems & SYSTEM.marketo) !== 0 && visit.timeMs >= summary.marketoCreatedMs && draws.chance(0.4)) {
      spool.add(visit.timeMs + 2000, person, TIMELINE.marketo, 0, MARKETO_TYPE.visitWebpage, 0, draws.below(SITE_PAGES.length), 0, 0);
    }
    if ((systems & SYSTEM.pardot) !== 0 && visit.timeMs >= summary.pardotCreatedMs && draws.chance(0.4)) {
      spool.add(visit.timeMs + 3000, person, TIMELINE.pardot, 0, PARDOT_TYPE.view, 0, draws.below(SITE_PAGES.length), 0, 0);
    }
  }
  // Offline orders (sales-assisted, phone) reach billing only.
  orderTimes.forEach((timeMs, ordinal) => {
    const flags = orderFlags[ordinal]!;
    if ((flags & VISIT_FLAG.guest) === 0) {
      if (flags & VISIT_FLAG.secondCustomer) summary.secondCustomerUsed = true;
      else summary.primaryCustomerUsed = true;
    }
    if (!orderOnline[ordinal]) spool.add(timeMs, person, TIMELINE.order, flags, ordinal, 0, 0, 0, 0);
  });

  if (systems & SYSTEM.marketo) emailCampaigns(parameters, draws, spool, person, 'marketo', summary.marketoCreatedMs, lastOrderMs, profile, b2b);
  if (systems & SYSTEM.pardot) emailCampaigns(parameters, draws, spool, person, 'pardot', summary.pardotCreatedMs, lastOrderMs, profile, b2b);

  const supportCount = draws.poisson(profile.supportResponses);
  for (let i = 0; i < supportCount; i++) {
    const after = orderTimes[draws.below(orderTimes.length)]!;
    const opened = after + Math.round((1 + draws.exponential(6)) * DAY_MS);
    if (opened >= lastMoment) continue;
    const kind = draws.weighted([50, 20, 30]);
    const csat = Math.max(1, Math.min(5, Math.round(profile.csatMean + 0.8 * draws.normal())));
    const score = kind === 0 ? csat : kind === 1 ? Math.max(0, Math.min(10, Math.round(profile.csatMean * 2 + 1.5 * draws.normal()))) : NO_SCORE;
    const open = opened > endMs - 10 * DAY_MS && draws.chance(0.5);
    const closeMinutes = open ? 0 : 5 + Math.round(draws.exponential(kind === 2 ? 2880 : 30));
    spool.add(opened, person, TIMELINE.support, open ? SUPPORT_OPEN : 0, kind, score, closeMinutes, 0, 0);
  }
  return summary;
}

function emailCampaigns(
  parameters: CompanyParameters, draws: Draws, spool: TimelineSpool, person: number, platform: 'marketo' | 'pardot',
  createdMs: number, lastOrderMs: number, profile: ReturnType<typeof segmentProfile>, b2b: boolean,
): void {
  const cadence = platform === 'marketo' ? MARKETO_CADENCE : PARDOT_CADENCE;
  const kind = platform === 'marketo' ? TIMELINE.marketo : TIMELINE.pardot;
  const lastMoment = parameters.endMs - 60_000;
  const add = (timeMs: number, type: number, campaign: number, detail: number) => {
    if (timeMs < lastMoment && timeMs >= parameters.startMs) spool.add(timeMs, person, kind, 0, type, campaign, detail, 0, 0);
  };
  // The form that created the record, when that happened inside the window.
  if (createdMs >= parameters.startMs && draws.chance(b2b ? 0.6 : 0.3)) {
    add(createdMs, platform === 'marketo' ? MARKETO_TYPE.fillOutForm : PARDOT_TYPE.success, 0, draws.below(3));
  }
  for (let k = 0; ; k++) {
    const sendMs = campaignSendMs(parameters, cadence, k);
    if (sendMs >= lastMoment) break;
    if (sendMs < createdMs || !draws.chance(profile.emailReach * 0.5)) continue;
    const sentAt = sendMs + draws.below(1_800_000);
    add(sentAt, platform === 'marketo' ? MARKETO_TYPE.sendEmail : PARDOT_TYPE.sent, k, 0);
    if (draws.chance(0.01)) {
      add(sentAt + 60_000 + draws.below(240_000), platform === 'marketo' ? MARKETO_TYPE.emailBounced : PARDOT_TYPE.bounced, k, 0);
      return;
    }
    if (platform === 'marketo') add(sentAt + 1000 + draws.below(120_000), MARKETO_TYPE.emailDelivered, k, 0);
    // Engagement fades once a customer stops buying.
    const fade = sendMs > lastOrderMs + 120 * DAY_MS ? 0.35 : 1;
    if (!draws.chance(profile.openRate * fade)) continue;
    const openedAt = sentAt + 60_000 + Math.round(draws.exponential(6 * 3_600_000));
    add(openedAt, platform === 'marketo' ? MARKETO_TYPE.openEmail : PARDOT_TYPE.open, k, 0);
    if (draws.chance(profile.clickRate / profile.openRate)) {
      add(openedAt + 5000 + draws.below(600_000), platform === 'marketo' ? MARKETO_TYPE.clickEmail : PARDOT_TYPE.click, k, draws.below(3));
    }
    if (draws.chance(profile.unsubscribeRate * 4)) {
      add(openedAt + 30_000 + draws.below(900_000), platform === 'marketo' ? MARKETO_TYPE.unsubscribe : PARDOT_TYPE.unsubscribePage, k, 0);
      return;
    }
  }
}
