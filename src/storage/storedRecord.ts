/**
 * Checks for records this extension wrote itself (globalState, journal files) and reads
 * back at every start. dist/extension.js reads them while activating and painting the
 * tree from the cache; a field-by-field check costs less there than loading and building
 * zod schemas (zod checks everything that comes from the network or a webview, in
 * dist/features.js). Readers copy only the fields they know and return undefined for
 * anything unreadable; they never repair a record.
 */

/** The record's own fields, or undefined when it is not a plain record (null, an array, a number…). */
export function fieldsOf(raw: unknown): Readonly<Record<string, unknown>> | undefined {
  return raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : undefined;
}

export const isString = (value: unknown): value is string => typeof value === 'string';
export const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
export const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';
export const isOneOf = <T extends string>(values: readonly T[], value: unknown): value is T => (values as readonly unknown[]).includes(value);
export const isArrayOf = <T>(check: (item: unknown) => item is T, value: unknown): value is T[] => Array.isArray(value) && value.every((item) => check(item));
/** Absent (or undefined) is fine; present must pass the check. */
export const isOptional = <T>(check: (value: unknown) => value is T, value: unknown): value is T | undefined => value === undefined || check(value);
