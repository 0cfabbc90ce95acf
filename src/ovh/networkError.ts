import { OvhApiError, type OvhErrorKind } from './errors';

const KINDS: Record<string, OvhErrorKind> = {
  ETIMEDOUT: 'timeout',
  ECONNREFUSED: 'connectionRefused',
  ECONNRESET: 'connectionReset',
  EPIPE: 'connectionReset',
};

/** A request that got no HTTP answer at all: refused, reset, timed out, TLS failure… */
export function networkError(method: string, path: string, cause: unknown): OvhApiError {
  const code = (cause as { code?: unknown } | undefined)?.code;
  const message = cause instanceof Error ? cause.message : '';
  const kind = (typeof code === 'string' && KINDS[code]) || (message.includes('socket hang up') ? 'connectionReset' : 'network');
  return new OvhApiError({ kind, method, path, errorCode: typeof code === 'string' ? code : undefined, cause });
}
