/**
 * "What needs renewing soon?" across accounts: the count behind the view badge and the
 * status-bar item, the list in the daily notification, and the once-a-day rule. Pure.
 */
import type { Translate } from '../../translate';
import type { ServiceSummary } from '../../ovh';
import { compareEntries } from './layout';
import { factsOf, isAttachedOption, needsAttention, type ServiceFacts } from './serviceFacts';
import { expiryText } from './serviceText';

export interface AccountServices {
  readonly accountId: string;
  readonly services: readonly ServiceSummary[];
}

export interface AttentionItem {
  readonly accountId: string;
  readonly facts: ServiceFacts;
}

/**
 * Services expired or expiring within the warning window, soonest first. Terminated
 * services are excluded (nothing left to renew), and so are options listed with their
 * parent (they renew with it).
 */
export function attentionItems(accounts: readonly AccountServices[], now: Date, warningDays: number, locale: string): AttentionItem[] {
  const items: AttentionItem[] = [];
  for (const { accountId, services } of accounts) {
    const listed = new Set(services.map((service) => service.serviceId));
    for (const service of services) {
      if (isAttachedOption(service, listed)) continue;
      const facts = factsOf(service, now, warningDays);
      if (needsAttention(facts.urgency)) items.push({ accountId, facts });
    }
  }
  const compare = compareEntries('expiry', locale);
  return items.sort((a, b) => compare(a.facts, b.facts));
}

/** The notification line: how many, then the first few with their expiry. */
export function attentionMessage(items: readonly AttentionItem[], warningDays: number, locale: string, t: Translate, shown = 3): string {
  const names = items.slice(0, shown).map((item) => `${item.facts.service.displayName} (${expiryText(item.facts, locale, t)})`);
  const more = items.length - names.length;
  const list = more > 0 ? t('{0} and {1} more', names.join(', '), more) : names.join(', ');
  return items.length === 1
    ? t('1 OVHcloud service has expired or expires within {0} days: {1}', warningDays, list)
    : t('{0} OVHcloud services have expired or expire within {1} days: {2}', items.length, warningDays, list);
}

/** The local calendar day of `now`, e.g. "2026-11-29": the notification shows once per such day. */
export function localDayKey(now: Date): string {
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function shouldNotify(options: { enabled: boolean; count: number; lastShownDay: unknown; now: Date }): boolean {
  return options.enabled && options.count > 0 && options.lastShownDay !== localDayKey(options.now);
}
