import type { Order, Price, ServiceSummary } from '../../ovh';
import type { Translate } from '../../translate';
import type { PanelState, Row } from '../../protocol/renewPanel';
import { dateTimeFormat, formatDuration, formatMoney, ovhCalendarDay, priceUcents, relativeDays, type RenewOptionRow } from '../../renewal';

/** Turns domain data into the display texts of the panel, in the user's language. */
export class PanelFormat {
  private readonly dates: Intl.DateTimeFormat;

  constructor(
    private readonly t: Translate,
    private readonly locale: string,
  ) {
    // Shared: creating a formatter costs milliseconds, and every panel formats dates.
    this.dates = dateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
  }

  date(value: string | Date | null | undefined): string {
    // OVH strings: the day OVH wrote. Dates we computed are already calendar days at 00:00 UTC.
    const date = value instanceof Date ? value : ovhCalendarDay(value);
    return date ? this.dates.format(date) : this.t('no expiry date');
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

  servicesText(row: RenewOptionRow): string {
    return row.servicesDetails.map((detail) => detail.serviceName ?? detail.serviceType ?? `#${detail.serviceId}`).join(', ');
  }

  service(summary: ServiceSummary): PanelState['service'] {
    return {
      serviceId: summary.serviceId,
      displayName: summary.displayName,
      typeLabel: summary.productDescription ?? summary.type,
      expiryText: this.date(summary.expirationDate),
    };
  }

  row(row: RenewOptionRow, selectedServiceId: number): Row {
    return {
      key: row.key,
      periodLabel: this.periodLabel(row),
      months: row.months,
      services: row.servicesDetails.map((detail) => ({
        name: detail.serviceName ?? `#${detail.serviceId}`,
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

  preview(row: RenewOptionRow, order: Pick<Order, 'priceWithoutTax' | 'tax' | 'priceWithTax'>): NonNullable<PanelState['preview']> {
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

  order(order: Order, status: string, summary: ServiceSummary | undefined): NonNullable<PanelState['order']> {
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
