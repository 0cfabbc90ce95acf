import { OvhApiError } from './errors';

export interface RetryPolicy {
  /** Retries after the first attempt. */
  readonly retries: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 3, baseDelayMs: 300, maxDelayMs: 30_000 };

/**
 * How long to wait before retry number `attempt` (1-based): Retry-After when OVH
 * sent one, otherwise exponential backoff with jitter so parallel GETs spread out.
 */
export function retryDelayMs(error: OvhApiError, attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  if (error.retryAfterSeconds !== undefined) return Math.min(error.retryAfterSeconds * 1000, policy.maxDelayMs);
  const ceiling = Math.min(policy.baseDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * Runs a GET again on transient failures. Only idempotent reads come here: the
 * transport never passes a POST, because a retried order could be a second order.
 */
export async function withRetry<T>(
  attemptOnce: () => Promise<T>,
  policy: RetryPolicy,
  sleep: (ms: number) => Promise<void>,
  onRetry?: (error: OvhApiError, attempt: number, delayMs: number) => void,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await attemptOnce();
    } catch (error) {
      if (!(error instanceof OvhApiError) || !error.transient || attempt > policy.retries) throw error;
      const delay = retryDelayMs(error, attempt, policy);
      onRetry?.(error, attempt, delay);
      await sleep(delay);
    }
  }
}
