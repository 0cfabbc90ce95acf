import { knownName, knownNames, unicodeDomain, type NamedService, type Order, type Price, type ServiceSummary } from '../../ovh';
import type { Translate } from '../../translate';
import type { RenewPanelState, Row } from '../../protocol/renewPanel';
import { decimalToUcents, NO_CURRENCY, parseDuration, priceUcents, type RenewOptionRow } from '../../renewal';
import { formatDay, formatDuration, formatMoney, productTypeText, relativeDays } from '../../format';
import type { JournalEntry } from './orderJournal';

export interface EntryTexts {
  readonly servicesText: string;
  readonly periodText: string;
  readonly newExpiryText: string | undefined;
  readonly withTaxText: string;
}

/** Turns domain data into the display texts of the panel, in the user's language. */
export class PanelFormat {
  constructor(
    private readonly t: Translate,
    private readonly locale: string,
    /**
     * The listing's summaries of the services shown together (the batch's rows, the panel's service): their
     * display names, and which names are shared, so "data-studio.de" says which of the two it is.
     */
    private readonly shownTogether: () => readonly ServiceSummary[] = () => [],
  ) {}

  date(value: string | Date | null | undefined): string {
    // OVH strings: the day OVH wrote. Dates we computed are already calendar days at 00:00 UTC.
    return formatDay(value, this.locale, 'long') ?? this.t('no expiry date');
  }

  money(price: Price): string {
    return formatMoney(priceUcents(price), price.currencyCode, this.locale);
  }

  periodLabel(row: RenewOptionRow): string {
    return formatDuration(row.period, this.locale);
  }

  /** Only when the new expiry counts from an expiry already past: the user would otherwise expect a full period from today. */
  expiryNote(row: RenewOptionRow): string | undefined {
    if (!row.countedFromPastExpiry) return undefined;
    return this.t(
      'Counted from the expiry date, {0}: expires again {1}, {2}.',
      this.date(row.countedFrom),
      this.date(row.newExpiry),
      relativeDays(row.daysUntilNewExpiry, this.locale),
    );
  }

  /** What the longer period saves or costs against renewing the shortest one as often. */
  versusShortest(row: RenewOptionRow): string | undefined {
    const versus = row.versusShortest;
    if (!versus) return undefined;
    const shortest = formatDuration(versus.period, this.locale);
    if (versus.differenceUcents === 0) return this.t('Same price per month as {0}', shortest);
    const amount = formatMoney(Math.abs(versus.differenceUcents), row.currencyCode, this.locale);
    return versus.differenceUcents < 0
      ? this.t('Saves {0} compared with renewing {1} at a time', amount, shortest)
      : this.t('Costs {0} more than renewing {1} at a time', amount, shortest);
  }

  /** What a journal entry buys, made when shown: the journal holds amounts, ids and names, never texts. */
  entry(entry: Pick<JournalEntry, 'serviceNames' | 'services' | 'duration' | 'withTaxValue' | 'currencyCode' | 'newExpiry'>): EntryTexts {
    const period = parseDuration(entry.duration);
    return {
      // The journal keeps OVH's names (what order details must match); people read them in Unicode.
      servicesText: (entry.serviceNames.length > 0 ? entry.serviceNames.map((name) => unicodeDomain(name)) : entry.services.map((id) => `#${id}`)).join(', '),
      periodText: period ? formatDuration(period, this.locale) : entry.duration,
      newExpiryText: entry.newExpiry ? this.date(entry.newExpiry) : undefined,
      withTaxText: formatMoney(decimalToUcents(entry.withTaxValue), entry.currencyCode ?? NO_CURRENCY, this.locale),
    };
  }

  servicesText(row: RenewOptionRow): string {
    return this.serviceNames(row).join(', ');
  }

  /** The names people know (see ovh/serviceNames): Unicode, display names, OVH's product label where two share a name. */
  serviceNames(row: RenewOptionRow): string[] {
    const named = this.named(row);
    // A name shared with another service on screen is as ambiguous as one shared inside the strategy.
    const shown = this.shownTogether();
    const others = shown
      .filter((summary) => !named.some((detail) => detail.serviceId === summary.serviceId))
      .map((summary) => ({ ...summary, type: this.typeOf(summary, summary.productDescription) }));
    return knownNames([...named, ...others], (service) => service.type).slice(0, named.length);
  }

  private named(row: RenewOptionRow): Array<NamedService & { readonly type: string | undefined }> {
    const shown = this.shownTogether();
    return row.servicesDetails.map((detail) => {
      const summary = shown.find((candidate) => candidate.serviceId === detail.serviceId);
      return {
        serviceId: detail.serviceId,
        name: detail.serviceName ?? summary?.name ?? detail.serviceType,
        displayName: summary?.displayName,
        type: this.typeOf(summary, detail.serviceType),
      };
    });
  }

  private typeOf(summary: ServiceSummary | undefined, label: string | null | undefined): string | undefined {
    return label ?? (summary ? productTypeText(summary.type, this.t) : undefined);
  }

  service(summary: ServiceSummary): RenewPanelState['service'] {
    return {
      serviceId: summary.serviceId,
      displayName: knownName(summary),
      typeLabel: summary.productDescription ?? summary.type,
      expiryText: this.date(summary.expirationDate),
    };
  }

  row(row: RenewOptionRow, selectedServiceId: number): Row {
    // The table shows each service's product label beside its name: the name alone.
    const names = this.named(row).map(knownName);
    return {
      key: row.key,
      periodLabel: this.periodLabel(row),
      months: row.months,
      services: row.servicesDetails.map((detail, index) => ({
        name: names[index] ?? `#${detail.serviceId}`,
        type: detail.serviceType ?? '',
        isThisService: detail.serviceId === selectedServiceId,
      })),
      totalText: formatMoney(row.totalUcents, row.currencyCode, this.locale),
      perMonthText: formatMoney(row.perMonthUcents, row.currencyCode, this.locale),
      totalUcents: row.totalUcents,
      perMonthUcents: row.perMonthUcents,
      newExpiryText: this.date(row.newExpiry),
      expiryNoteText: this.expiryNote(row),
      cheapestPerMonth: row.cheapestPerMonth,
      versusShortestText: this.versusShortest(row),
      renewsMore: row.renewsMoreThanSelected,
    };
  }

  preview(row: RenewOptionRow, order: Pick<Order, 'priceWithoutTax' | 'tax' | 'priceWithTax'>): NonNullable<RenewPanelState['preview']> {
    return {
      key: row.key,
      periodLabel: this.periodLabel(row),
      servicesText: this.servicesText(row),
      withoutTaxText: this.money(order.priceWithoutTax),
      taxText: this.money(order.tax),
      withTaxText: this.money(order.priceWithTax),
      newExpiryText: this.date(row.newExpiry),
      expiryNoteText: this.expiryNote(row),
    };
  }

  order(order: Order, status: string, summary: ServiceSummary | undefined): NonNullable<RenewPanelState['order']> {
    const delivered = status === 'delivered';
    return {
      orderId: order.orderId,
      withTaxText: this.money(order.priceWithTax),
      retractionText: order.retractionDate ? this.date(order.retractionDate) : undefined,
      statusLabel: this.status(status),
      paid: status !== 'notPaid',
      delivered,
      hasOrderLink: Boolean(order.url),
      hasPdfLink: Boolean(order.pdfUrl),
      newExpiryText: delivered && summary ? this.date(summary.expirationDate) : undefined,
    };
  }

  status(status: string): string {
    const labels: Record<string, string> = {
      notPaid: this.t('Waiting for payment'),
      checking: this.t('Payment being checked'),
      delivering: this.t('Being delivered'),
      delivered: this.t('Delivered'),
      cancelled: this.t('Cancelled'),
      cancelling: this.t('Being cancelled'),
      documentsRequested: this.t('Documents requested by OVHcloud'),
      manualReview: this.t('OVHcloud is reviewing this order by hand'),
      checksRefused: this.t('Refused by OVHcloud after its checks'),
    };
    return labels[status] ?? status;
  }

  paymentStatus(status: string): string {
    return status === 'EXPIRED' ? this.t('expired') : this.t('not usable ({0})', status);
  }
}
