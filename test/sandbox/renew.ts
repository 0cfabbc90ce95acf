import { periodCents } from './catalog';
import { durationMonths } from './dates';
import { badRequest, expiredService, notFound } from './errors';
import { isRecord } from './json';
import { price } from './money';
import type { ServiceRecord } from './model';

/**
 * Renew strategies (GET/POST /service/{id}/renew). A strategy is a set of services renewed
 * together for one period: the service alone, or with its options (includeOptions), or a
 * domain with its web hosting, which renews both.
 */

export interface Strategy {
  readonly services: readonly number[];
  readonly cents: number;
}

export interface RenewChoice {
  readonly renewPeriod: string;
  readonly strategies: readonly Strategy[];
}

export type ServiceLookup = (serviceId: number) => ServiceRecord | undefined;

function withOptions(s: ServiceRecord, includeOptions: boolean): number[] {
  return includeOptions ? [s.serviceId, ...s.optionIds] : [s.serviceId];
}

/** Empty when the service cannot be renewed by order: options, forced automatic, terminated. */
export function renewChoices(s: ServiceRecord, lookup: ServiceLookup, includeOptions: boolean): RenewChoice[] {
  if (s.kind === 'option' || s.automaticOnly || s.lifecycleState === 'terminated') return [];
  const partner = s.bundleId === null ? undefined : lookup(s.bundleId);
  const price = (ids: readonly number[], period: string): number =>
    ids.reduce((sum, id) => {
      const member = lookup(id);
      return member ? sum + periodCents(member.plan, period) : sum;
    }, 0);
  return s.plan.periods.map((period) => {
    const own = withOptions(s, includeOptions);
    const strategies: Strategy[] = [{ services: own, cents: price(own, period) }];
    if (partner && partner.lifecycleState !== 'terminated' && partner.plan.periods.includes(period)) {
      const [hosting, domain] = s.kind === 'hosting' ? [s, partner] : [partner, s];
      const ids = [hosting.serviceId, domain.serviceId, ...(includeOptions ? [...hosting.optionIds, ...domain.optionIds] : [])];
      strategies.push({ services: ids, cents: price(ids, period) });
    }
    return { renewPeriod: period, strategies };
  });
}

/** service.renew.RenewDescription[] */
export function renderChoices(choices: readonly RenewChoice[], lookup: ServiceLookup, prices: 'full' | 'valueOnly' | 'oneBroken' = 'full'): object[] {
  // valueOnly: OVH's own renewal guide shows `{"value": 1.99}` without currency or text.
  // oneBroken: the first strategy's price has no value, so one entry is unreadable.
  const shape = (cents: number, first: boolean): object =>
    prices === 'valueOnly' ? { value: price(cents).value } : prices === 'oneBroken' && first ? { currencyCode: 'EUR', text: price(cents).text } : price(cents);
  return choices.map((c, ci) => ({
    renewPeriod: c.renewPeriod,
    strategies: c.strategies.map((st, si) => ({
      price: shape(st.cents, ci === 0 && si === 0),
      priceInUcents: price(st.cents).priceInUcents,
      services: [...st.services],
      servicesDetails: st.services.map((id) => {
        const member = lookup(id);
        return { serviceId: id, serviceName: member?.name ?? String(id), serviceType: member?.plan.serviceType ?? 'unknown' };
      }),
    })),
  }));
}

export interface RenewRequest {
  readonly dryRun: boolean;
  readonly duration: string;
  readonly services: readonly number[];
  readonly strategy: Strategy;
}

const sameSet = (a: readonly number[], b: readonly number[]): boolean =>
  a.length === b.length && new Set(a).size === a.length && a.every((id) => b.includes(id));

/** Checks a POST /service/{id}/renew body against what GET /service/{id}/renew offers. */
export function validateRenew(serviceId: number, body: unknown, lookup: ServiceLookup): RenewRequest {
  const s = lookup(serviceId);
  if (!s) throw notFound();
  if (s.lifecycleState === 'terminated') throw expiredService();
  if (!isRecord(body)) throw badRequest('Invalid body: expected a JSON object with duration and services');
  const { dryRun = false, duration, services } = body;
  if (typeof dryRun !== 'boolean') throw badRequest('[dryRun] Invalid value: expected a boolean');
  if (duration === undefined) throw badRequest('[duration] Missing parameter');
  if (typeof duration !== 'string' || durationMonths(duration) === undefined) {
    throw badRequest(`[duration] Invalid value ${JSON.stringify(duration)}: expected an ISO 8601 duration such as P1Y`);
  }
  if (services === undefined) throw badRequest('[services] Missing parameter');
  if (!Array.isArray(services) || services.length === 0 || !services.every((id) => Number.isSafeInteger(id))) {
    throw badRequest('[services] Invalid value: expected a non-empty list of service ids');
  }
  const ids = services as number[];
  const choices = [...renewChoices(s, lookup, false), ...renewChoices(s, lookup, true)];
  if (choices.length === 0) throw badRequest(`Service ${serviceId} cannot be renewed by order (renewal is automatic or handled by its parent)`);
  const periods = [...new Set(choices.map((c) => c.renewPeriod))];
  const forPeriod = choices.filter((c) => c.renewPeriod === duration);
  if (forPeriod.length === 0) throw badRequest(`Invalid duration ${duration} for service ${serviceId}: offered renew periods are ${periods.join(', ')}`);
  const strategy = forPeriod.flatMap((c) => c.strategies).find((st) => sameSet(ids, st.services));
  if (!strategy) {
    throw badRequest(`No renew strategy for ${duration} covers services [${ids.join(', ')}] of service ${serviceId}`);
  }
  return { dryRun, duration, services: ids, strategy };
}
