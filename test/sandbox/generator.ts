import { domainToASCII, domainToUnicode } from 'node:url';
import {
  DEDICATED_BACKUP,
  DEDICATED_PLANS,
  HOSTING_EMAIL,
  HOSTING_PLANS,
  ROUTES,
  TLDS,
  VPS_BACKUP,
  VPS_PLANS,
  VPS_SNAPSHOT,
  domainPlan,
  type Plan,
} from './catalog';
import { DAY_MS, addMonths, parisMidnight } from './dates';
import type { Account, LifecycleState, RenewMode, ResourceState, ServiceKind, ServiceRecord } from './model';
import { Prng } from './prng';

/**
 * Seeded account generator. The same seed and anchor day always give the same account; the
 * first groups are fixed "showcase" cases so that even a 15-service account covers bundles,
 * options, expired and terminated services, near expiries, forced renewals and non-ASCII names.
 */

type Expiry = 'expired' | 'terminated' | 'week' | 'month' | 'later';
type GroupKind = 'domain' | 'bundle' | 'vps' | 'dedicated';

interface Traits {
  expiry: Expiry;
  mode: RenewMode;
  deleteAtExpiration: boolean;
  automaticOnly: boolean;
  unicodeName: boolean;
  options: number;
}

const SHOWCASE: readonly (Partial<Traits> & { kind: GroupKind })[] = [
  { kind: 'bundle', expiry: 'week', mode: 'manual', options: 1 },
  { kind: 'vps', expiry: 'later', mode: 'automatic', options: 2, unicodeName: true },
  { kind: 'domain', expiry: 'expired', mode: 'manual' },
  { kind: 'dedicated', expiry: 'month', mode: 'automatic', deleteAtExpiration: true, options: 1 },
  { kind: 'domain', expiry: 'later', mode: 'automatic' },
  { kind: 'vps', expiry: 'month', mode: 'automatic', automaticOnly: true },
  { kind: 'domain', expiry: 'terminated', mode: 'manual' },
  { kind: 'domain', expiry: 'week', mode: 'manual', unicodeName: true },
  { kind: 'bundle', expiry: 'later', mode: 'automatic', options: 0 },
];

const WORDS = [
  'atelier',
  'blue',
  'cloud',
  'data',
  'alpine',
  'pixel',
  'nova',
  'garden',
  'studio',
  'maison',
  'north',
  'river',
  'lumen',
  'orbit',
  'quartz',
  'vertex',
  'harbor',
  'ember',
  'solar',
  'fjord',
];
const UNICODE_WORDS = ['café-crème', 'boulangerie-zoé', 'münchen-shop', 'crêperie', 'añejo', 'łódź-dev'];
const UNICODE_LABELS = [
  'Serveur de recette de Zoé',
  'Boutique Crème Brûlée',
  'Entwicklung München',
  'Łódź mirror',
  '日本語テスト',
  'Rocket 🚀 launch',
  'Señor Ñandú staging',
];
const FIRST = ['Zoé', 'Jérôme', 'Anaïs', 'François', 'Jane', 'Björn'];
const LAST = ['Dupont', 'Müller', 'Lefèvre', 'Doe', 'Nowak'];

export function generateAccount(prng: Prng): Account {
  const first = prng.pick(FIRST);
  const last = prng.pick(LAST);
  const ascii = (s: string): string =>
    s
      .normalize('NFD')
      .replace(/[^a-zA-Z]/g, '')
      .toLowerCase();
  return {
    nichandle: `${prng.token(2, 'abcdefghijklmnopqrstuvwxyz')}${prng.int(10000, 99999)}-ovh`,
    email: `${ascii(first)}.${ascii(last)}@example.com`,
    firstname: first,
    name: last,
    customerCode: `${prng.int(1000, 9999)}-${prng.int(1000, 9999)}-${prng.int(10, 99)}`,
  };
}

export function generateServices(prng: Prng, count: number, nowMs: number): ServiceRecord[] {
  const gen = new ServiceFactory(prng, nowMs);
  let group = 0;
  while (gen.services.length < count) {
    const budget = count - gen.services.length;
    const showcase = SHOWCASE[group];
    const kind = showcase?.kind ?? gen.randomKind();
    const traits = { ...gen.randomTraits(kind), ...showcase };
    gen.addGroup(kind, traits, budget);
    group++;
  }
  return gen.services;
}

class ServiceFactory {
  readonly services: ServiceRecord[] = [];
  private nextId: number;
  private readonly today: number;
  private readonly usedNames = new Set<string>();

  constructor(
    private readonly prng: Prng,
    private readonly nowMs: number,
  ) {
    this.nextId = 10_000_000 + prng.int(0, 899_999) * 10;
    this.today = parisMidnight(nowMs);
  }

  randomKind(): GroupKind {
    const r = this.prng.next();
    return r < 0.38 ? 'domain' : r < 0.6 ? 'bundle' : r < 0.88 ? 'vps' : 'dedicated';
  }

  randomTraits(kind: GroupKind): Traits {
    const p = this.prng;
    const r = p.next();
    const expiry: Expiry = r < 0.06 ? 'expired' : r < 0.08 ? 'terminated' : r < 0.18 ? 'week' : r < 0.33 ? 'month' : 'later';
    const automaticOnly = (kind === 'vps' || kind === 'dedicated') && p.chance(0.05);
    const live = expiry !== 'expired' && expiry !== 'terminated';
    return {
      expiry,
      mode: automaticOnly || p.chance(0.6) ? 'automatic' : 'manual',
      deleteAtExpiration: live && !automaticOnly && p.chance(0.06),
      automaticOnly,
      unicodeName: p.chance(0.04),
      options: kind === 'domain' ? 0 : p.int(0, kind === 'vps' ? 2 : 1),
    };
  }

  addGroup(kind: GroupKind, t: Traits, budget: number): void {
    // Ids are consecutive inside a group (bundles rely on it) and spaced between groups.
    this.nextId += this.prng.int(0, 40);
    const needed = kind === 'bundle' ? 2 : 1;
    if (needed > budget) kind = 'domain';
    const options = Math.max(0, Math.min(t.options, budget - (kind === 'bundle' ? 2 : 1)));
    const expirationMs = this.expiration(t.expiry, kind === 'domain' || kind === 'bundle');
    if (kind === 'domain') {
      // A plan used to be drawn here, for another extension than the name's: the draw stays so
      // that every seed keeps the account tests and screenshots know; the plan is the name's.
      this.prng.pick(TLDS);
      const name = this.domainName(t.unicodeName);
      this.add('domain', domainPlan(tldOf(name)), t, expirationMs, name);
      return;
    }
    if (kind === 'bundle') {
      const name = this.domainName(t.unicodeName);
      const hostingId = this.peekId(1);
      const domain = this.add('domain', domainPlan(tldOf(name)), t, expirationMs, name, { bundleId: hostingId });
      const hosting = this.add('hosting', this.prng.pick(HOSTING_PLANS), t, expirationMs, name, { bundleId: domain.serviceId });
      if (options > 0) this.addOption(hosting, HOSTING_EMAIL, `email.${hosting.name}`, 'MX Plan email');
      return;
    }
    const plan = this.prng.pick(kind === 'vps' ? VPS_PLANS : DEDICATED_PLANS);
    const name = kind === 'vps' ? `vps-${this.prng.hex(8)}.vps.ovh.net` : this.dedicatedName();
    const label = t.unicodeName ? this.prng.pick(UNICODE_LABELS) : this.prng.chance(0.3) ? `${this.prng.pick(WORDS)}-prod-0${this.prng.int(1, 9)}` : name;
    const parent = this.add(kind, plan, t, expirationMs, name, { displayName: label });
    const optionPlans = kind === 'vps' ? [VPS_BACKUP, VPS_SNAPSHOT] : [DEDICATED_BACKUP];
    for (let i = 0; i < options; i++) {
      const opt = optionPlans[i % optionPlans.length] as Plan;
      this.addOption(parent, opt, `${opt.code.replace(/^option-/, '')}.${parent.name}`, `${opt.invoiceName} (${label})`);
    }
  }

  private peekId(ahead: number): number {
    return this.nextId + ahead;
  }

  private takeId(): number {
    return this.nextId++;
  }

  private add(
    kind: ServiceKind,
    plan: Plan,
    t: Traits,
    expirationMs: number,
    name: string,
    extra: { bundleId?: number; displayName?: string } = {},
  ): ServiceRecord {
    const monthlyPlan = plan.periods[0] === 'P1M';
    const period = monthlyPlan ? this.prng.pick(['P1M', 'P1M', 'P1M', 'P3M', 'P6M', 'P1Y']) : 'P1Y';
    const years = this.prng.int(1, 6);
    const creationMs = Math.min(addMonths(expirationMs, -12 * years), this.nowMs - 30 * DAY_MS);
    const state = lifecycle(t.expiry);
    const record: ServiceRecord = {
      serviceId: this.takeId(),
      parentServiceId: null,
      kind,
      plan,
      name,
      displayName: extra.displayName ?? (kind === 'domain' || kind === 'hosting' ? displayDomain(name) : name),
      routePath: ROUTES[kind as keyof typeof ROUTES] ?? null,
      creationMs,
      expirationMs,
      renewMode: t.mode,
      renewPeriod: period,
      automaticOnly: t.automaticOnly,
      lifecycleState: state.lifecycle,
      pendingActions: t.deleteAtExpiration ? ['deleteAtExpiration'] : [],
      terminationMs: t.expiry === 'terminated' ? expirationMs + 30 * DAY_MS : null,
      resourceState: state.resource,
      bundleId: extra.bundleId ?? null,
      optionIds: [],
    };
    this.services.push(record);
    return record;
  }

  private addOption(parent: ServiceRecord, plan: Plan, name: string, displayName: string): void {
    const option: ServiceRecord = {
      ...parent,
      serviceId: this.takeId(),
      parentServiceId: parent.serviceId,
      kind: 'option',
      plan,
      name,
      displayName,
      routePath: null,
      pendingActions: [...parent.pendingActions],
      bundleId: null,
      optionIds: [],
    };
    parent.optionIds.push(option.serviceId);
    this.services.push(option);
  }

  private expiration(expiry: Expiry, daily: boolean): number {
    const p = this.prng;
    const days =
      expiry === 'expired'
        ? -p.int(1, 25)
        : expiry === 'terminated'
          ? -p.int(40, 200)
          : expiry === 'week'
            ? p.int(1, 6)
            : expiry === 'month'
              ? p.int(8, 29)
              : p.int(31, daily ? 700 : 330);
    // Re-anchor on Paris midnight so expiries stay at 00:00 local across DST changes.
    return parisMidnight(this.today + days * DAY_MS + 12 * 3_600_000);
  }

  private domainName(unicode: boolean): string {
    for (let attempt = 0; ; attempt++) {
      const base = unicode ? this.prng.pick(UNICODE_WORDS) : `${this.prng.pick(WORDS)}${this.prng.chance(0.5) ? '-' + this.prng.pick(WORDS) : ''}`;
      const label = attempt > 3 ? `${base}${this.prng.int(2, 9999)}` : base;
      const name = domainToASCII(`${label}.${this.prng.pick(TLDS)}`);
      if (name && !this.usedNames.has(name)) {
        this.usedNames.add(name);
        return name;
      }
    }
  }

  private dedicatedName(): string {
    const p = this.prng;
    return `ns${p.int(300000, 3999999)}.ip-${p.int(51, 149)}-${p.int(10, 250)}-${p.int(1, 250)}.eu`;
  }
}

/** Real domain plans are the extension's own: "Domain .fr" for a .fr. */
const tldOf = (name: string): string => name.slice(name.lastIndexOf('.') + 1);

/** Domain names are stored in their ASCII (punycode) form and shown in Unicode. */
function displayDomain(name: string): string {
  return name.includes('xn--') ? decodePunycodeLabels(name) : name;
}

function decodePunycodeLabels(name: string): string {
  return domainToUnicode(name) || name;
}

function lifecycle(expiry: Expiry): { lifecycle: LifecycleState; resource: ResourceState } {
  if (expiry === 'expired') return { lifecycle: 'unrenewed', resource: 'suspended' };
  if (expiry === 'terminated') return { lifecycle: 'terminated', resource: 'deleted' };
  return { lifecycle: 'active', resource: 'active' };
}
