/**
 * What the calendar and CSV exports say about each service. Pure: labels
 * come from the caller (already localized); values that a program reads back
 * (dates, ids, amounts, modes, periods) stay in fixed, language-free formats.
 */

import { type CalendarEvent, calendarUid } from './icsWriter';
import { type CsvCell, writeCsv } from './csvWriter';
import { isoDay } from './expiryDay';
import { parseDuration } from './duration';
import { ucentsToDecimalString } from './money';
import { type OutlookKind, outlookKind, type OutlookService, pricePerPeriod } from './outlook';

export interface ExportService extends OutlookService {
  readonly name: string;
  readonly displayName: string;
}

/** "12.99", "0.50", "3.14159": at least two decimals, no trailing zeros beyond them. */
export function decimalAmount(ucents: number): string {
  return ucentsToDecimalString(ucents).replace(/(\.\d\d\d*?)0+$/, '$1');
}

export interface RenewalFacts {
  readonly kind: OutlookKind;
  readonly expiry?: string;
  readonly period?: string;
  readonly ucents?: number;
  readonly currency?: string;
}

/** Expiry day, renew period and the price of one renewal, as far as the listing tells. */
export function renewalFacts(service: ExportService): RenewalFacts {
  const expiry = isoDay(service.expirationDate);
  const period = parseDuration(service.renewPeriod) !== undefined ? service.renewPeriod : service.pricing?.duration;
  const periodDuration = parseDuration(period);
  const pricingDuration = parseDuration(service.pricing?.duration);
  const ucents = service.pricing?.ucents;
  const priced =
    periodDuration !== undefined &&
    pricingDuration !== undefined &&
    ucents !== undefined &&
    Number.isSafeInteger(ucents) &&
    ucents >= 0 &&
    !!service.pricing?.currency;
  return {
    kind: outlookKind(service),
    expiry,
    period: periodDuration === undefined ? undefined : period,
    ucents: priced ? pricePerPeriod(ucents, pricingDuration, periodDuration) : undefined,
    currency: priced ? service.pricing?.currency : undefined,
  };
}

export interface CsvLabels {
  /** Column titles: type, name, id, expiry, renew mode, period, price, currency. */
  readonly header: readonly string[];
  readonly type: (type: string) => string;
}

export function servicesCsv(services: Iterable<ExportService>, labels: CsvLabels): string {
  const rows: CsvCell[][] = [];
  for (const s of services) {
    const facts = renewalFacts(s);
    rows.push([
      labels.type(s.type),
      s.displayName,
      s.serviceId,
      facts.expiry,
      facts.kind,
      facts.period,
      facts.ucents === undefined ? undefined : decimalAmount(facts.ucents),
      facts.currency,
    ]);
  }
  return writeCsv(labels.header, rows, new Set([0, 1]));
}

export interface CalendarLabels {
  readonly summary: (service: ExportService, facts: RenewalFacts) => string;
  readonly description: (service: ExportService, facts: RenewalFacts) => string;
  readonly alarm: (service: ExportService) => string;
  readonly url?: (service: ExportService) => string | undefined;
}

/** One event per service with a readable expiry, on its expiry day; alarms at the warning window and 7 days. */
export function calendarEvents(services: Iterable<ExportService>, accountId: string, warningDays: number, labels: CalendarLabels): CalendarEvent[] {
  const events: CalendarEvent[] = [];
  for (const s of services) {
    if (s.lifecycleState === 'terminated') continue;
    const facts = renewalFacts(s);
    if (facts.expiry === undefined) continue;
    events.push({
      uid: calendarUid(accountId, s.serviceId),
      date: facts.expiry,
      summary: labels.summary(s, facts),
      description: labels.description(s, facts),
      url: labels.url?.(s),
      alarmDays: [warningDays, 7],
      alarmText: labels.alarm(s),
    });
  }
  return events;
}
