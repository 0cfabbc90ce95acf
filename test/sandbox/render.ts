import { periodCents } from './catalog';
import { durationMonths, isoDate, isoDateTime } from './dates';
import { price } from './money';
import type { Account, ServiceRecord } from './model';
import { lifecycleActions } from './renewSettings';

/** Builds OVH wire shapes (services.expanded.Service, serviceList.Service, nichandle) from records. */

function route(s: ServiceRecord): { path: string; url: string; vars: { key: string; value: string }[] } | null {
  if (!s.routePath) return null;
  return { path: s.routePath, url: s.routePath.replace('{serviceName}', s.name), vars: [{ key: 'serviceName', value: s.name }] };
}

function contacts(s: ServiceRecord, account: Account): { customerCode: string; type: string }[] {
  const who: Record<string, string | undefined> = { administrator: s.contactAdmin, billing: s.contactBilling };
  return ['administrator', 'billing', 'technical'].map((type) => ({ customerCode: who[type] ?? account.customerCode, type }));
}

function renewBlock(s: ServiceRecord): object | null {
  if (s.lifecycleState === 'terminated') return null;
  return {
    current: {
      mode: s.renewMode,
      nextDate: isoDateTime(s.expirationMs),
      period: s.renewMode === 'automatic' ? (s.renewPeriodShown ?? s.renewPeriod) : null,
    },
    capacities: { mode: s.automaticOnly ? ['automatic'] : ['automatic', 'manual'] },
  };
}

/** services.expanded.Service */
export function expandedService(s: ServiceRecord, account: Account): object {
  const cents = periodCents(s.plan, s.renewPeriod);
  const terminated = s.lifecycleState === 'terminated';
  return {
    serviceId: s.serviceId,
    parentServiceId: s.parentServiceId,
    route: route(s),
    resource: {
      displayName: s.displayName,
      name: s.name,
      product: { name: s.plan.productName, description: s.plan.productDescription },
      resellingProvider: null,
      state: s.resourceState,
    },
    billing: {
      expirationDate: isoDateTime(s.expirationMs),
      nextBillingDate: terminated ? null : isoDateTime(s.expirationMs),
      plan: { code: s.plan.code, invoiceName: s.plan.invoiceName },
      pricing: {
        capacities: ['renew'],
        description: s.plan.periods[0] === 'P1M' ? 'Monthly fees' : 'Yearly fees',
        duration: s.renewPeriod,
        engagementConfiguration: null,
        interval: 1,
        maximumQuantity: null,
        maximumRepeat: null,
        minimumQuantity: 1,
        minimumRepeat: 1,
        price: price(cents),
        priceInUcents: price(cents).priceInUcents,
        pricingMode: 'default',
        pricingType: 'rental',
      },
      renew: renewBlock(s),
      lifecycle: {
        current: {
          creationDate: isoDateTime(s.creationMs),
          pendingActions: [...s.pendingActions],
          state: s.lifecycleState,
          terminationDate: s.terminationMs === null ? null : isoDateTime(s.terminationMs),
        },
        capacities: { actions: [...lifecycleActions(s)] },
      },
      engagement: s.engagement ?? null,
      engagementRequest: null,
      group: null,
    },
    customer: { contacts: contacts(s, account) },
    tags: [],
  };
}

const LEGACY_MODE: Record<string, string> = { automatic: 'automaticV2016', manual: 'manual' };

/** serviceList.Service, the older /service/{id} view. */
export function legacyService(s: ServiceRecord): object {
  const terminated = s.lifecycleState === 'terminated';
  const r = route(s);
  const possibleModes = s.automaticOnly ? ['automaticForcedProduct'] : ['automaticV2016', 'manual', 'deleteAtExpiration'];
  return {
    creationDate: isoDate(s.creationMs),
    details: [],
    engagementDate: null,
    expirationDate: isoDate(s.expirationMs),
    nextBillingDate: terminated ? null : isoDate(s.expirationMs),
    plan: { code: s.plan.code, product: { name: s.plan.productName } },
    quantity: 1,
    renew: terminated
      ? null
      : {
          dayOfMonth: new Date(s.expirationMs).getUTCDate(),
          interval: s.renewPeriod,
          mode:
            s.kind === 'option'
              ? 'option'
              : s.automaticOnly
                ? 'automaticForcedProduct'
                : s.pendingActions.includes('deleteAtExpiration')
                  ? 'deleteAtExpiration'
                  : (LEGACY_MODE[s.renewMode] ?? 'manual'),
          possibleIntervals: [...s.plan.periods],
          possibleModes,
        },
    resource: { displayName: s.displayName, name: s.name, state: terminated ? 'deleted' : s.resourceState === 'suspended' ? 'suspended' : 'ok' },
    route: r ?? { path: null, url: null, vars: [] },
    state: terminated || s.lifecycleState === 'unrenewed' ? 'expired' : 'ok',
  };
}

/** nichandle.Nichandle for GET /me. */
export function nichandle(account: Account): object {
  return {
    address: '1 rue de la Paix',
    area: null,
    birthCity: null,
    birthDay: null,
    city: 'Roubaix',
    companyNationalIdentificationNumber: null,
    complementaryAddress: null,
    corporationType: null,
    country: 'FR',
    currency: { code: 'EUR', symbol: 'EURO' },
    customerCode: account.customerCode,
    email: account.email,
    fax: null,
    firstname: account.firstname,
    italianSDI: null,
    kycValidated: true,
    language: 'fr_FR',
    legalform: 'individual',
    name: account.name,
    nationalIdentificationNumber: null,
    nichandle: account.nichandle,
    organisation: null,
    ovhCompany: 'ovh',
    ovhSubsidiary: 'FR',
    phone: '+33.123456789',
    phoneCountry: 'FR',
    phoneType: 'mobile',
    sex: null,
    spareEmail: null,
    state: 'complete',
    vat: null,
    zip: '59100',
  };
}

/** services.Service, the per-product GET {route}/serviceInfos view. */
export function serviceInfos(s: ServiceRecord, account: Account): object {
  const deleteAtExpiration = s.pendingActions.includes('deleteAtExpiration');
  const expired = s.lifecycleState === 'terminated' || s.lifecycleState === 'unrenewed';
  const status = expired ? 'expired' : s.pendingActions.includes('autorenewInProgress') ? 'autorenewInProgress' : 'ok';
  return {
    canDeleteAtExpiration: !s.automaticOnly,
    contactAdmin: s.contactAdmin ?? account.nichandle,
    contactBilling: s.contactBilling ?? account.nichandle,
    contactTech: account.nichandle,
    creation: isoDate(s.creationMs),
    domain: s.name,
    engagedUpTo: null,
    expiration: isoDate(s.expirationMs),
    possibleRenewPeriod: s.plan.periods.map((p) => durationMonths(p) ?? 12),
    renew: {
      automatic: s.renewMode === 'automatic',
      deleteAtExpiration,
      forced: s.automaticOnly,
      manualPayment: s.renewMode === 'manual',
      period: durationMonths(s.renewPeriod) ?? 12,
    },
    renewalType: s.automaticOnly ? 'automaticForcedProduct' : s.renewMode === 'manual' ? 'manual' : 'automaticV2016',
    serviceId: s.serviceId,
    status,
  };
}
