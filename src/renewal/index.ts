/**
 * Pure renewal domain logic: no VS Code, no network. Shared by the
 * extension, the tests and the benchmarks.
 */

export type { ExpandedService, LegacyService, OvhPrice, RenewDescription, RenewServiceDetail, RenewStrategy, ServiceLike } from './types';

export {
  addDuration,
  compareDurations,
  DAYS_PER_MONTH,
  type Duration,
  DurationSyntaxError,
  formatIsoDuration,
  MAX_DURATION_COMPONENT,
  monthsRatio,
  type MonthsRatio,
  parseDuration,
  parseDurationOrThrow,
  totalMonths,
} from './duration';

export {
  decimalToUcents,
  divideRoundHalfUp,
  type Money,
  NO_CURRENCY,
  perMonthUcents,
  priceUcents,
  sumByCurrency,
  sumUcents,
  UCENTS_PER_UNIT,
  ucentsToDecimalString,
} from './money';

export { ovhCalendarDay, parseOvhDate } from './dates';

export { isoDay, ovhDay } from './expiryDay';

export { countsFromPastExpiry, renewalBase, type RenewedExpiry, renewedExpiry } from './renewedExpiry';

export {
  CRITICAL_DAYS,
  DEFAULT_WARNING_DAYS,
  expirationDateOf,
  type ExpiryBucket,
  type ExpiryStatus,
  expiryStatus,
  type RenewMode,
  renewModeOf,
  willTerminate,
} from './expiry';

export {
  compareRenewStrategies,
  type RenewComparison,
  type RenewOptionIssue,
  type RenewOptionIssueKind,
  type RenewOptionRow,
  sortByPerMonth,
  sortByPeriod,
  sortByTotal,
  type SortDirection,
} from './strategies';

export {
  type BatchBlock,
  type BatchCandidate,
  batchBlock,
  type BatchOption,
  batchTotals,
  type Coverage,
  type CoverageInput,
  defaultOption,
  type ExpiringCandidate,
  type ExpiringScope,
  inScope,
  resolveCoverage,
  soonestFirst,
} from './batch';

export {
  billingDates,
  type CurrencyTotal,
  type MonthStack,
  monthStacks,
  type Outlook,
  type OutlookCharge,
  type OutlookKind,
  outlookKind,
  type OutlookMonth,
  type OutlookService,
  OUTLOOK_KINDS,
  OUTLOOK_SPANS,
  type OutlookSpan,
  pricePerPeriod,
  renewalOutlook,
} from './outlook';

export { type CalendarEvent, calendarUid, escapeText, foldLine, writeCalendar } from './icsWriter';
export { CSV_BOM, type CsvCell, csvField, writeCsv } from './csvWriter';
export { calendarEvents, decimalAmount, type ExportService, renewalFacts, type RenewalFacts, servicesCsv } from './serviceExport';
export * from './renewSettings';

export * from './manualOrder';
