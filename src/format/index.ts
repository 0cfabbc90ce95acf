/**
 * Presentation formatting every feature shares: days and months, amounts, renew periods,
 * product types and the locale, in the user's language. Pure (no VS Code); reads the
 * domain (renewal/) and nothing above it.
 */

export { type DayStyle, formatDay, formatMonth, formatOvhDay, relativeDays } from './dates';
export { formatDuration } from './duration';
export { compareNames, safeLocale } from './locale';
export { formatMoney, isCurrencyCode } from './money';
export { productTypeText } from './productType';
