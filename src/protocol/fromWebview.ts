import * as z from 'zod/mini';

/**
 * A webview's message reaches the host as a structured clone: a plain object with only its
 * own fields. zod reads fields through the prototype chain, so without this check an object
 * that merely inherits `type: 'pay'` would pass as a payment request. Anything that is not
 * a plain object (own fields only) is refused before the message schema looks at it.
 */
export function fromWebview<T extends z.ZodMiniType>(schema: T) {
  return z.pipe(z.custom<unknown>(isPlainObject), schema);
}

function isPlainObject(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
