import { isOvhApiError, type OrderDetail } from '../../ovh';
import { parseDuration, totalMonths } from '../../renewal';

/**
 * The judgments money depends on, each made in one place and only on proof. Everything
 * else in the money core asks these functions; none guesses on its own.
 */

/**
 * OVH's JSON error classes that answer a request before anything is done: the request was
 * malformed, not allowed, about something absent, or in conflict with the current state.
 */
const REFUSAL_CLASS = /^Client::(BadRequest|Unauthorized|Forbidden|NotFound|Conflict)\b/;
const REFUSAL_STATUS = new Set([400, 401, 403, 404, 409]);
/** OVH's own words for "the checks did not finish": the request may still be acted on. */
const UNFINISHED = /timeout|timed out|retry later|try again later/i;

/**
 * Nothing was done: only a 4xx answer with a JSON body whose class says OVH refused before
 * acting (or OVH's 460, which names the service's expiry). A 408 (OVH's front answers an HTML page under load, possibly after passing the
 * request on), 429, 5xx, an HTML or empty body, "Check timeout. Please retry later", a reset
 * and a client timeout all leave the outcome unknown.
 */
export function refusedBeforeActing(error: unknown): boolean {
  if (!isOvhApiError(error) || error.status === undefined) return false;
  if (UNFINISHED.test(error.serverMessage ?? '')) return false;
  // OVH's own 460 "This Service is expired" carries a message and no class: refused for the service's state.
  if (error.status === 460) return error.kind === 'expiredService' && error.serverMessage !== undefined;
  return REFUSAL_STATUS.has(error.status) && REFUSAL_CLASS.test(error.errorClass ?? '');
}

/** What the user chose to renew: the services by OVH's names, and the period. */
export interface RenewalIntent {
  readonly serviceNames: readonly string[];
  readonly duration: string;
}

/**
 * How an order's details relate to an intent:
 * - `exact`: every line is a renewal, of exactly the chosen services, for the chosen period
 *   where a line states one;
 * - `other`: it names at least one chosen service but is something else (a bundle, another
 *   period, a non-renewal line): shown for what it is, never paid as this renewal;
 * - `unrelated`: it names none of them.
 */
export type OrderMatch = 'exact' | 'other' | 'unrelated';

export function matchOrder(details: readonly OrderDetail[], intent: RenewalIntent): OrderMatch {
  const wanted = new Set(intent.serviceNames);
  const named = new Set(details.flatMap((detail) => (detail.domain ? [detail.domain] : [])));
  if (![...named].some((name) => wanted.has(name))) return 'unrelated';
  const sameSet = named.size === wanted.size && [...wanted].every((name) => named.has(name));
  const chosenMonths = monthsOf(intent.duration);
  const allRenewals = details.every((detail) => detail.detailType === 'RENEW' && detail.domain);
  const samePeriod = details.every((detail) => {
    const stated = statedMonths(detail.description);
    return stated === undefined || stated === chosenMonths;
  });
  return sameSet && allRenewals && samePeriod && wanted.size > 0 ? 'exact' : 'other';
}

function monthsOf(duration: string): number | undefined {
  const parsed = parseDuration(duration);
  return parsed ? totalMonths(parsed) : undefined;
}

/**
 * The period an order line states in its description ("Renouvellement … - 1 an(s)",
 * "… - 3 mois", "… 12 months"), in months; undefined when it states none we can read.
 */
export function statedMonths(description: string | null | undefined): number | undefined {
  const match = /(\d+)\s*(an\(s\)|ans?|years?|year\(s\)|jaar|jahre?|mois|months?|month\(s\)|maanden|maand|monate?)\b/i.exec(description ?? '');
  if (!match) return undefined;
  const count = Number(match[1]);
  return /^(an|year|jaar|jahr)/i.test(match[2] ?? '') ? count * 12 : count;
}

/** Amounts with tax are equal to the cent. */
export function sameAmount(a: number, b: number): boolean {
  return Math.abs(a - b) < 0.005;
}
