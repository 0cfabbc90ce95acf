/**
 * Builds what the outlook webview shows from the listed services: every text
 * formatted here (amounts, months, names), the chart laid out (outlookChart),
 * and opaque tokens for services. Pure: `t` is vscode.l10n.t in the extension.
 */
import type { ServiceSummary, ServiceType } from '../../ovh';
import type { OutlookState } from '../../protocol/outlook';
import { monthStacks, type Outlook, type OutlookKind, renewalOutlook, UCENTS_PER_UNIT } from '../../renewal';
import { formatMonth, formatMoney, formatOvhDay, productTypeText } from '../../format';
import { outlookChart } from './outlookChart';
import type { Translate } from '../../translate';

export interface OutlookInput {
  readonly services: readonly { readonly accountId: string; readonly service: ServiceSummary }[];
  readonly loading: boolean;
  readonly now: Date;
  readonly span: 12 | 36;
  readonly currency?: string;
  readonly month?: string;
  readonly locale: string;
}

export interface OutlookBuild {
  readonly state: OutlookState;
  /** Token → service, for "open its renew panel". Tokens are valid for this state only. */
  readonly tokens: ReadonlyMap<string, { accountId: string; serviceId: number }>;
  readonly outlook: Outlook;
}

function kindText(kind: OutlookKind, t: Translate): string {
  if (kind === 'automatic') return t('Automatic (will be charged)');
  if (kind === 'manual') return t('Manual (needs your order)');
  return t('Set to end (not charged)');
}

function strings(t: Translate, span: number): OutlookState['strings'] {
  return {
    title: t('Renewal Outlook'),
    chartLabel: t('Renewal costs per month over the next {0} months', span),
    span12: t('12 months'),
    span36: t('36 months'),
    currency: t('Currency'),
    automatic: kindText('automatic', t),
    manual: kindText('manual', t),
    ending: kindText('ending', t),
    total: t('Total'),
    month: t('Month'),
    tableCaption: t('Renewal costs per month, as a table'),
    servicesIn: t('Renewals in {0}'),
    noCharges: t('No renewal this month.'),
    loading: t('Loading services…'),
    empty: t('No service with a price and a renewal date to show yet.'),
    barHint: t('Press Enter to list the renewals of this month.'),
    openHint: t('Opens the renew panel of this service'),
  };
}

export function buildOutlookState(input: OutlookInput, t: Translate): OutlookBuild {
  const { locale } = input;
  const byId = new Map<number, { accountId: string; service: ServiceSummary }>();
  for (const entry of input.services) if (!byId.has(entry.service.serviceId)) byId.set(entry.service.serviceId, entry);
  const outlook = renewalOutlook(
    [...byId.values()].map((entry) => entry.service),
    input.now,
    input.span,
  );
  const codes = outlook.totals.map((total) => total.currency);
  // The currency with the most at stake first: the account's own in practice.
  const ranked = [...outlook.totals].sort((a, b) => b.withEnding - a.withEnding).map((total) => total.currency);
  const currency = input.currency && codes.includes(input.currency) ? input.currency : ranked[0];
  const money = (ucents: number): string => formatMoney(ucents, currency ?? 'N/A', locale);
  const typeLabel = (type: string): string => productTypeText(type as ServiceType, t);

  const stacks = currency ? monthStacks(outlook, currency) : [];
  const months = stacks.map((stack, i) => {
    const charges = outlook.months[i].charges.filter((c) => c.currency === currency);
    const kindSum = (kind: OutlookKind): number => charges.filter((c) => c.kind === kind).reduce((sum, c) => sum + c.ucents, 0);
    return {
      month: stack.month,
      label: formatMonth(stack.month, locale, 'long'),
      shortLabel: formatMonth(stack.month, locale, 'short'),
      total: stack.total / UCENTS_PER_UNIT,
      totalText: money(stack.total),
      count: charges.length,
      segments: stack.segments.map((segment) => ({
        kind: segment.kind,
        typeLabel: typeLabel(segment.type),
        value: segment.ucents / UCENTS_PER_UNIT,
        text: money(segment.ucents),
        count: segment.count,
      })),
      byKind: { automatic: money(kindSum('automatic')), manual: money(kindSum('manual')), ending: money(kindSum('ending')) },
    };
  });
  const chart = outlookChart(
    months.map((m) => m.segments.map((segment) => segment.value)),
    (value) => money(Math.round(value * UCENTS_PER_UNIT)),
  );

  const totals = outlook.totals
    .filter((total) => total.currency === currency)
    .flatMap((total) => [
      { label: kindText('automatic', t), text: money(total.automatic) },
      { label: kindText('manual', t), text: money(total.manual) },
      { label: t('Total without the services set to end'), text: money(total.withoutEnding) },
      { label: t('Total if the services set to end were kept'), text: money(total.withEnding) },
    ]);
  const notes: string[] = [];
  // Terminated services renew no more: leaving them out is not worth a note.
  const unpriced = outlook.skipped.filter((skip) => skip.reason !== 'terminated').length;
  if (unpriced > 0) notes.push(t('{0} services are left out: OVHcloud gave no price, period or renewal date for them.', unpriced));
  const others = codes.filter((code) => code !== currency);
  if (others.length > 0) notes.push(t('Amounts in {0} are shown separately: choose the currency above.', others.join(', ')));

  const tokens = new Map<string, { accountId: string; serviceId: number }>();
  let selected: OutlookState['selected'];
  const month = months.find((m) => m.month === input.month);
  if (month) {
    const charges = outlook.months.find((m) => m.month === month.month)!.charges.filter((c) => c.currency === currency);
    selected = {
      month: month.month,
      label: month.label,
      services: charges.map((charge, i) => {
        const entry = byId.get(charge.serviceId)!;
        const token = `s${i}`;
        tokens.set(token, { accountId: entry.accountId, serviceId: charge.serviceId });
        return {
          token,
          name: entry.service.displayName,
          typeLabel: typeLabel(charge.type),
          dateText: formatOvhDay(charge.date, locale) ?? charge.date,
          amountText: money(charge.ucents),
          kind: charge.kind,
          kindLabel: kindText(charge.kind, t),
        };
      }),
    };
  }
  const phase = months.some((m) => m.count > 0) ? 'ready' : input.loading ? 'loading' : 'empty';
  return {
    state: {
      phase,
      span: input.span,
      currency,
      currencies: codes.map((code) => ({ code, label: code })),
      months,
      chart,
      totals,
      notes,
      selected,
      strings: strings(t, input.span),
    },
    tokens,
    outlook,
  };
}
