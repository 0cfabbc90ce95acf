import { durationMonths } from './dates';

/** A product plan as the sandbox prices and labels it. Prices are realistic, not OVH's. */
export interface Plan {
  readonly code: string;
  readonly invoiceName: string;
  readonly productName: string;
  readonly productDescription: string;
  /** Label used in RenewStrategy.servicesDetails[].serviceType. */
  readonly serviceType: string;
  /** Renew periods offered for this plan, shortest first. */
  readonly periods: readonly string[];
  /** Price of `periods[0]`, in cents, before tax. */
  readonly baseCents: number;
}

/** Price of one renewal of `period`, pro rata of the base period. */
export function periodCents(plan: Plan, period: string): number {
  const base = durationMonths(plan.periods[0] ?? 'P1M') ?? 1;
  const months = durationMonths(period) ?? base;
  return Math.round((plan.baseCents * months) / base);
}

const domainPeriods = ['P1Y', 'P2Y', 'P3Y'] as const;
const monthlyPeriods = ['P1M', 'P3M', 'P6M', 'P1Y'] as const;

const TLD_CENTS: Record<string, number> = { com: 1349, fr: 799, net: 1599, eu: 699, ovh: 299, org: 1399, io: 4599, de: 699, it: 899, be: 799 };
export const TLDS = Object.keys(TLD_CENTS);

export function domainPlan(tld: string): Plan {
  return {
    code: `domain-${tld}`,
    invoiceName: `Domain name .${tld}`,
    productName: 'domain',
    productDescription: `Domain .${tld}`,
    serviceType: `Domain .${tld}`,
    periods: domainPeriods,
    baseCents: TLD_CENTS[tld] ?? 999,
  };
}

function monthly(code: string, invoiceName: string, productName: string, serviceType: string, cents: number): Plan {
  return { code, invoiceName, productName, productDescription: invoiceName, serviceType, periods: monthlyPeriods, baseCents: cents };
}

export const HOSTING_PLANS: readonly Plan[] = [
  {
    code: 'perso2014',
    invoiceName: 'Hosting Perso',
    productName: 'hosting-web',
    productDescription: 'Web hosting Perso',
    serviceType: 'Hosting Perso 2014',
    periods: ['P1Y'],
    baseCents: 4788,
  },
  {
    code: 'pro2014',
    invoiceName: 'Hosting Pro',
    productName: 'hosting-web',
    productDescription: 'Web hosting Pro',
    serviceType: 'Hosting Pro 2014',
    periods: ['P1Y'],
    baseCents: 9588,
  },
  {
    code: 'perf1',
    invoiceName: 'Hosting Performance 1',
    productName: 'hosting-web',
    productDescription: 'Web hosting Performance',
    serviceType: 'Hosting Performance 1',
    periods: ['P1Y'],
    baseCents: 22788,
  },
];

export const VPS_PLANS: readonly Plan[] = [
  monthly('vps-starter-1-2-20', 'VPS Starter', 'vps', 'VPS Starter', 350),
  monthly('vps-value-1-2-40', 'VPS Value', 'vps', 'VPS Value', 600),
  monthly('vps-essential-2-4-80', 'VPS Essential', 'vps', 'VPS Essential', 1200),
  monthly('vps-comfort-4-8-160', 'VPS Comfort', 'vps', 'VPS Comfort', 2400),
];

export const DEDICATED_PLANS: readonly Plan[] = [
  monthly('24rise01', 'Rise-1', 'dedicated-server', 'Dedicated server Rise-1', 6499),
  monthly('24adv02', 'Advance-2', 'dedicated-server', 'Dedicated server Advance-2', 12999),
  monthly('24ks04', 'KS-4', 'dedicated-server', 'Kimsufi KS-4', 1999),
];

export const VPS_BACKUP: Plan = monthly('option-automated-backup', 'Automated Backup', 'vps-option', 'Automated Backup', 300);
export const VPS_SNAPSHOT: Plan = monthly('option-snapshot', 'Snapshot', 'vps-option', 'Snapshot', 150);
export const DEDICATED_BACKUP: Plan = monthly('option-backup-storage-500', 'Backup Storage 500 GB', 'dedicated-option', 'Backup Storage', 0);
export const HOSTING_EMAIL: Plan = {
  code: 'hosting-email-mx-plan',
  invoiceName: 'MX Plan email',
  productName: 'hosting-option',
  productDescription: 'Email accounts',
  serviceType: 'Email MX Plan',
  periods: ['P1Y'],
  baseCents: 1199,
};

export const ROUTES = {
  domain: '/domain/{serviceName}',
  hosting: '/hosting/web/{serviceName}',
  vps: '/vps/{serviceName}',
  dedicated: '/dedicated/server/{serviceName}',
} as const;
