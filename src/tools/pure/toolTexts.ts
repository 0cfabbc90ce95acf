/**
 * What the language-model tools answer, as plain text in the user's language: the
 * services expiring soon, the renewal outlook, one service's renew options, and the
 * confirmation of opening a renew panel. Pure: the tools read the listing the Services
 * view already holds and pass it here with `t` (vscode.l10n.t, or `english` in tests).
 */
import { knownNames, type ServiceSummary } from '../../ovh';
import { compareRenewStrategies, ovhCalendarDay, parseDuration, renewalOutlook, type RenewDescription } from '../../renewal';
import { formatDuration, formatMoney, formatOvhDay, productTypeText, relativeDays } from '../../format';
import type { Translate } from '../../translate';
import { factsOf, isAttachedOption, needsAttention } from '../../views/pure/serviceFacts';

const DAY_MS = 86_400_000;
/** A listing older than this is called out, with how to get a fresh one. */
export const STALE_AFTER_MS = DAY_MS;

/** One signed-in account as the tools see it: its name and the listing the view holds. */
export interface ToolAccount {
  readonly id: string;
  readonly label: string;
  readonly services?: readonly ServiceSummary[];
  /** When OVH answered that listing (epoch ms). */
  readonly fetchedAt?: number;
  readonly signInNeeded: boolean;
  /** The last load failed (the services, if any, are older data). */
  readonly failed: boolean;
}

export interface TextContext {
  readonly t: Translate;
  readonly locale: string;
  readonly now: Date;
}

export function signedOutText(t: Translate): string {
  return t('Nobody is signed in to OVHcloud in VS Code, so there is nothing to read. Run "OVHcloud: Sign In" from the Command Palette, then ask again.');
}

/** The account's heading: its name, and where the data comes from when it matters. */
function accountHeading(account: ToolAccount, { t, locale, now }: TextContext): string {
  const lines = [t('Account {0}', account.label)];
  if (account.signInNeeded)
    lines.push(t('This account needs a new sign-in: run "OVHcloud: Sign In" again. What follows, if anything, is its last known listing.'));
  else if (account.failed) lines.push(t('The last attempt to list its services failed; what follows is its last known listing.'));
  if (account.fetchedAt !== undefined && now.getTime() - account.fetchedAt > STALE_AFTER_MS) {
    const age = relativeDays(-Math.floor((now.getTime() - account.fetchedAt) / DAY_MS), locale);
    lines.push(
      t('This listing is from {0} ({1}) and may be out of date: ask for fresh data to list the services again.', dayText(account.fetchedAt, locale), age),
    );
  }
  return lines.join('\n');
}

const dayText = (epochMs: number, locale: string): string => formatOvhDay(new Date(epochMs).toISOString(), locale) ?? '';

function noListingText(t: Translate): string {
  return t('Nothing is listed for this account yet: ask for fresh data, or open the OVHcloud Services view.');
}

function renewModeWords(service: ServiceSummary, now: Date, t: Translate): string {
  const facts = factsOf(service, now, 0);
  if (facts.terminating) return t('set to end at expiry');
  if (facts.renewMode === 'automatic') return t('automatic renewal');
  if (facts.renewMode === 'manual') return t('manual renewal (needs an order)');
  return t('renewal mode unknown');
}

function priceWords(service: ServiceSummary, { t, locale }: TextContext): string {
  const pricing = service.pricing;
  const period = parseDuration(pricing?.duration);
  if (pricing?.ucents === undefined || !pricing.currency || !period) return t('price of the current period unknown');
  return t('{0} per {1}', formatMoney(pricing.ucents, pricing.currency, locale), formatDuration(period, locale));
}

/** `ovhcloud_expiringServices`: per account, the services expired or expiring within `days`, soonest first. */
export function expiringText(accounts: readonly ToolAccount[], days: number, context: TextContext): string {
  const { t, locale, now } = context;
  if (accounts.length === 0) return signedOutText(t);
  const sections = accounts.map((account) => {
    const heading = accountHeading(account, context);
    if (!account.services) return `${heading}\n${noListingText(t)}`;
    const listed = new Set(account.services.map((service) => service.serviceId));
    const facts = account.services
      .filter((service) => !isAttachedOption(service, listed))
      .map((service) => factsOf(service, now, days))
      .filter((f) => needsAttention(f.urgency))
      .sort((a, b) => (a.status.daysLeft ?? 0) - (b.status.daysLeft ?? 0));
    if (facts.length === 0) return `${heading}\n${t('No service expires within {0} days.', days)}`;
    const lines = facts.map(({ service, status }) => {
      const date = formatOvhDay(service.expirationDate, locale) ?? '';
      const when = status.bucket === 'expired' ? t('expired {0}', relativeDays(status.daysLeft ?? 0, locale)) : relativeDays(status.daysLeft ?? 0, locale);
      return `- ${t('{0} ({1}, service id {2}): expires {3} ({4}); {5}; {6}', service.displayName, productTypeText(service.type, t), service.serviceId, date, when, renewModeWords(service, now, t), priceWords(service, context))}`;
    });
    const count =
      facts.length === 1 ? t('1 service expired or expires within {0} days:', days) : t('{0} services expired or expire within {1} days:', facts.length, days);
    return [heading, count, ...lines].join('\n');
  });
  return sections.join('\n\n');
}

/** `ovhcloud_renewalOutlook`: per account and currency, what renewals cost over `span` months, then month by month. */
export function outlookText(accounts: readonly ToolAccount[], span: number, context: TextContext): string {
  const { t, locale, now } = context;
  if (accounts.length === 0) return signedOutText(t);
  const sections = accounts.map((account) => {
    const heading = accountHeading(account, context);
    if (!account.services) return `${heading}\n${noListingText(t)}`;
    const outlook = renewalOutlook(account.services, now, span);
    if (outlook.totals.length === 0) return `${heading}\n${t('No renewal is due in the next {0} months.', span)}`;
    const lines = [heading, t('Renewals over the next {0} months:', span)];
    for (const total of outlook.totals) {
      const money = (ucents: number): string => formatMoney(ucents, total.currency, locale);
      lines.push(
        `- ${t('{0}: {1} in all; automatic renewals {2}, manual renewals (need an order) {3}; services set to end would add {4}', total.currency, money(total.withoutEnding), money(total.automatic), money(total.manual), money(total.ending))}`,
      );
      const months = outlook.months
        .map((month) => ({
          month: month.month,
          ucents: month.charges.filter((c) => c.currency === total.currency && c.kind !== 'ending').reduce((sum, c) => sum + c.ucents, 0),
        }))
        .filter((month) => month.ucents > 0)
        .map((month) => `${month.month} ${money(month.ucents)}`);
      if (months.length > 0) lines.push(`  ${t('By month: {0}', months.join(', '))}`);
    }
    if (outlook.skipped.length > 0) lines.push(t('{0} services are left out (terminated, or without a date, price or renew period).', outlook.skipped.length));
    return lines.join('\n');
  });
  return sections.join('\n\n');
}

/** A service the user named, found in the listings the view holds. */
export interface FoundService {
  readonly account: ToolAccount;
  readonly service: ServiceSummary;
}

export type Lookup =
  | { readonly kind: 'found'; readonly found: FoundService }
  | { readonly kind: 'none' }
  | { readonly kind: 'ambiguous'; readonly candidates: readonly FoundService[] };

/** Finds a service by id, name or display name (case-insensitive), in one account when `accountLabel` names one. */
export function findService(accounts: readonly ToolAccount[], query: string, accountLabel?: string): Lookup {
  const wanted = query.trim().toLowerCase();
  const scope = accountLabel ? accounts.filter((account) => account.label.toLowerCase().includes(accountLabel.trim().toLowerCase())) : accounts;
  const matches = scope.flatMap((account) =>
    (account.services ?? [])
      .filter((service) => String(service.serviceId) === wanted || service.name.toLowerCase() === wanted || service.displayName.toLowerCase() === wanted)
      .map((service) => ({ account, service })),
  );
  // A name shared by a service and its options: the one without a parent is meant.
  const top = matches.filter((match) => match.service.parentServiceId === undefined);
  const chosen = top.length > 0 ? top : matches;
  if (chosen.length === 1) return { kind: 'found', found: chosen[0] };
  return chosen.length === 0 ? { kind: 'none' } : { kind: 'ambiguous', candidates: chosen };
}

export function lookupProblem(query: string, lookup: Lookup, t: Translate): string | undefined {
  if (lookup.kind === 'none') return t('No listed OVHcloud service is called "{0}". Use its name or service id as the Services view shows it.', query);
  if (lookup.kind === 'ambiguous')
    return t(
      'Several services match "{0}": {1}. Name the account or use the service id.',
      query,
      lookup.candidates
        .map(({ account, service }) =>
          t('{0} ({1}, account {2}, service id {3})', service.displayName, productTypeText(service.type, t), account.label, service.serviceId),
        )
        .join('; '),
    );
  return undefined;
}

/** `ovhcloud_renewOptions`: every renew period and strategy OVH offers for the service, with prices and the new expiry. */
export function renewOptionsText(found: FoundService, descriptions: readonly RenewDescription[], context: TextContext): string {
  const { t, locale, now } = context;
  const { service, account } = found;
  const expiry = ovhCalendarDay(service.expirationDate)?.toISOString() ?? null;
  const rows = compareRenewStrategies(descriptions, service.serviceId, expiry, now).rows.filter((row) => row.renewsSelected);
  const heading = [
    accountHeading(account, context),
    t(
      '{0} ({1}, service id {2}) expires {3}.',
      service.displayName,
      productTypeText(service.type, t),
      service.serviceId,
      formatOvhDay(service.expirationDate, locale) ?? t('no expiry date'),
    ),
  ];
  if (rows.length === 0)
    return [
      ...heading,
      t('OVHcloud offers no manual renewal for this service (it may renew automatically only, or be an option renewed with its parent).'),
    ].join('\n');
  const lines = rows.map((row) => {
    const parts = [
      t(
        '{0}: {1} ({2} per month), new expiry {3}',
        formatDuration(row.period, locale),
        formatMoney(row.totalUcents, row.currencyCode, locale),
        formatMoney(row.perMonthUcents, row.currencyCode, locale),
        formatOvhDay(row.newExpiry.toISOString(), locale) ?? '',
      ),
    ];
    if (row.renewsMoreThanSelected) {
      // Named as people know them, the service itself included, so a hosting that shares the domain's name says which it is.
      const listed = account.services ?? [];
      const named = row.servicesDetails.map((detail) => {
        const summary = listed.find((candidate) => candidate.serviceId === detail.serviceId);
        return {
          serviceId: detail.serviceId,
          name: detail.serviceName ?? summary?.name,
          displayName: summary?.displayName,
          type: summary ? productTypeText(summary.type, t) : (detail.serviceType ?? undefined),
        };
      });
      const names = knownNames(named, (detail) => detail.type);
      parts.push(t('also renews {0}', names.filter((_, index) => named[index]?.serviceId !== service.serviceId).join(', ')));
    }
    if (row.cheapestPerMonth) parts.push(t('cheapest per month'));
    return `- ${parts.join('; ')}`;
  });
  return [
    ...heading,
    t('Renew options (prices without tax; nothing is ordered):'),
    ...lines,
    t('To renew, open the renew panel: the user chooses and confirms there.'),
  ].join('\n');
}

/** What `ovhcloud_openRenewal` asks before opening, and says after. */
export function openRenewalTexts(found: readonly FoundService[], t: Translate): { title: string; message: string; done: string } {
  const names = found.map(({ service, account }) => t('{0} (account {1})', service.displayName, account.label)).join(', ');
  const single = found.length === 1;
  return {
    title: single ? t('Open the OVHcloud renew panel?') : t('Open the OVHcloud batch renew panel?'),
    message: single
      ? t('Opens the renew panel for {0}. Nothing is ordered or paid: the panel shows the prices, and only its own confirmations can place an order.', names)
      : t(
          'Opens the batch renew panel for {0}. Nothing is ordered or paid: the panel shows the prices, and only its own confirmations can place an order.',
          names,
        ),
    done: single
      ? t('Opened the renew panel for {0}. Nothing was ordered or paid: the user chooses a renew option and confirms in the panel.', names)
      : t('Opened the batch renew panel for {0}. Nothing was ordered or paid: the user chooses and confirms in the panel.', names),
  };
}
