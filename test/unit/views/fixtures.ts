import { english } from '../../../src/translate';
import type { ServiceSummary } from '../../../src/ovh/serviceSummary';

/** A fixed "now" for the views tests: 2026-03-10 12:00 UTC. */
export const NOW = new Date('2026-03-10T12:00:00Z');
const DAY = 86_400_000;

/** An OVH-style expiry `days` days after NOW's calendar day, at Paris midnight (+01:00 in winter). */
export function expiringIn(days: number): string {
  const day = new Date(Date.UTC(2026, 2, 10) + days * DAY);
  return `${day.toISOString().slice(0, 10)}T00:00:00+01:00`;
}

let nextId = 1000;

export function service(partial: Partial<ServiceSummary> & { displayName: string }): ServiceSummary {
  const serviceId = partial.serviceId ?? nextId++;
  return {
    serviceId,
    name: partial.name ?? partial.displayName,
    type: 'domain',
    pendingActions: [],
    renewMode: 'automatic',
    lifecycleState: 'active',
    expirationDate: expiringIn(100),
    ...partial,
  };
}

/** vscode.l10n.t's behaviour without VS Code: English, {n} placeholders. */
export const t = english;
