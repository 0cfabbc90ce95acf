import type { RenewApi } from './sessionDeps';

/** Order states after which nothing more happens to an order. */
const FINAL = new Set(['delivered', 'cancelled', 'cancelling', 'unknown']);

export function isFinalStatus(status: string): boolean {
  return FINAL.has(status);
}

/**
 * Follows a paid order (`checking` → `delivering` → `delivered`) until it reaches a
 * final state, the caller stops caring, or about 20 minutes at the default pace.
 */
export async function followOrder(
  api: Pick<RenewApi, 'getOrderStatus'>,
  orderId: number,
  pollMs: number,
  stopped: () => boolean,
  onStatus: (status: string) => void,
): Promise<string> {
  let status = 'checking';
  for (let attempt = 0; attempt < 600 && !stopped(); attempt++) {
    status = await api.getOrderStatus(orderId);
    onStatus(status);
    if (isFinalStatus(status)) break;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  return status;
}

/** Order and PDF links open only when they are well-formed https URLs. */
export function safeOrderLink(url: string | null | undefined): string | undefined {
  return url && /^https:\/\//i.test(url) && URL.canParse(url) ? url : undefined;
}
