import { Draws, STREAM } from './randomDraws.js';
import { adobeVisitorHalves, ga4PseudoId } from './sourceIds.js';

/** Browser cookies of a person's devices: one GA4 pseudo id and one Adobe visitor id per device. */

export function ga4PseudoIdOf(seed: number, person: number, device: number, firstSeenMs: number): string {
  return ga4PseudoId(Draws.for(seed, STREAM.person, person, 100 + device), firstSeenMs + device * 86_400_000 * 3);
}

export function adobeVisitorOf(seed: number, person: number, device: number): [string, string] {
  return adobeVisitorHalves(Draws.for(seed, STREAM.person, person, 200 + device));
}

/** How the ground truth spells an Adobe visitor: post_visid_high and post_visid_low joined by "_". */
export function adobeVisitorKey(high: string, low: string): string {
  return `${high}_${low}`;
}
