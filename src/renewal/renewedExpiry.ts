/**
 * The one rule for "when does a service expire after this renewal".
 *
 * OVH adds the renew period to the current validity: the new expiry is the
 * current expiry plus the period, even when that expiry is already in the
 * past (a VPS expired on November 9 and renewed for a month on December 1
 * runs until December 9, not January 1). OVH documents the rule for running
 * services; no public source says otherwise for expired ones, and the
 * sandbox delivers the same date. Only a service without a usable expiry
 * is counted from `now`. Every screen that promises a date uses this.
 */

import { parseOvhDate } from './dates';
import { addDuration, type Duration } from './duration';

const MS_PER_DAY = 86_400_000;

export interface RenewedExpiry {
  /** The date the period is added to. */
  readonly countedFrom: Date;
  /** `countedFrom` is the current expiry (else `now`, because no expiry was known). */
  readonly fromExpiry: boolean;
  /** The current expiry is on an earlier calendar day (UTC) than `now`: the user must be told. */
  readonly fromPastExpiry: boolean;
  readonly newExpiry: Date;
  /**
   * Calendar days (UTC) from `now` to `newExpiry`: 0 today, negative when even
   * the renewed service would already be expired.
   */
  readonly daysUntilNewExpiry: number;
}

function utcDay(date: Date): number {
  return Math.floor(date.getTime() / MS_PER_DAY);
}

/** The date the renewal counts from: the current expiry when known, else `now`. */
export function renewalBase(expirationDate: string | Date | null | undefined, now: Date): { readonly date: Date; readonly fromExpiry: boolean } {
  const expiry = parseOvhDate(expirationDate);
  return expiry === undefined ? { date: new Date(now.getTime()), fromExpiry: false } : { date: expiry, fromExpiry: true };
}

/** The renewal counts from an expiry on an earlier calendar day (UTC) than `now`. */
export function countsFromPastExpiry(expirationDate: string | Date | null | undefined, now: Date): boolean {
  const base = renewalBase(expirationDate, now);
  return base.fromExpiry && utcDay(base.date) < utcDay(now);
}

/** New expiry after renewing for `period`, counted as OVH counts it. */
export function renewedExpiry(expirationDate: string | Date | null | undefined, period: Duration, now: Date): RenewedExpiry {
  if (Number.isNaN(now.getTime())) {
    throw new RangeError('renewedExpiry: invalid "now"');
  }
  const base = renewalBase(expirationDate, now);
  const newExpiry = addDuration(base.date, period);
  return {
    countedFrom: base.date,
    fromExpiry: base.fromExpiry,
    fromPastExpiry: countsFromPastExpiry(expirationDate, now),
    newExpiry,
    daysUntilNewExpiry: utcDay(newExpiry) - utcDay(now),
  };
}
