/**
 * The words and dates the Services view shows, as data: the adapter turns them into
 * TreeItem descriptions and MarkdownString tooltips. Pure; `t` is vscode.l10n.t in the
 * extension and plain English in unit tests.
 */
import type { Translate } from '../../translate';
import type { ServiceType } from '../../ovh';
import { parseDuration, type RenewMode } from '../../renewal';
import { formatDuration, formatOvhDay, productTypeText, relativeDays } from '../../format';
import type { GroupKey } from './layout';
import type { ServiceFacts, Urgency } from './serviceFacts';
import type { GroupBy } from './viewOptions';

/**
 * "in 12 days" / "expired 3 days ago" while the date is near (expired, or inside the
 * warning window), the date itself otherwise: "in 412 days" is harder to read than a date.
 */
export function expiryText(facts: ServiceFacts, locale: string, t: Translate): string {
  const { status, service } = facts;
  const date = formatOvhDay(service.expirationDate, locale);
  if (status.daysLeft === undefined || date === undefined) return t('no expiry date');
  if (facts.urgency === 'terminated') return t('expired {0}', date);
  if (status.bucket === 'expired') return t('expired {0}', relativeDays(status.daysLeft, locale));
  if (status.bucket === 'critical' || status.bucket === 'warning') return relativeDays(status.daysLeft, locale);
  return date;
}

export function renewModeText(mode: RenewMode, t: Translate): string | undefined {
  if (mode === 'automatic') return t('automatic');
  if (mode === 'manual') return t('manual');
  return undefined;
}

/** The TreeItem description: "in 3 days · manual", "Dec 2, 2027 · automatic", "terminated". */
export function serviceDescription(facts: ServiceFacts, locale: string, t: Translate): string {
  if (facts.urgency === 'terminated') return t('terminated');
  const parts = [expiryText(facts, locale, t)];
  if (facts.terminating) parts.push(t('ends at expiry'));
  else {
    const mode = renewModeText(facts.renewMode, t);
    if (mode) parts.push(mode);
  }
  return parts.join(' · ');
}

/**
 * The tree's description: only the expiry ("ends in 20 days" when the service goes away then), so that it stays
 * readable at the default sidebar width. The renew mode is in the tooltip and in what
 * screen readers hear.
 */
export function treeDescription(facts: ServiceFacts, locale: string, t: Translate): string {
  if (facts.urgency === 'terminated') return t('terminated');
  const expiry = expiryText(facts, locale, t);
  // One short phrase: "in 20 days · ends at expiry" would push the name out.
  return facts.terminating && facts.status.bucket !== 'expired' ? t('ends {0}', expiry) : expiry;
}

/**
 * An option sits under its parent in the tree: OVH's "Automated Backup (vps-611b8….)"
 * repeats the parent's name, which only pushes the expiry out of sight.
 */
export function optionLabel(displayName: string, parentNames: readonly (string | undefined)[]): string {
  for (const parent of parentNames) {
    if (!parent) continue;
    const suffix = ` (${parent})`;
    if (displayName.endsWith(suffix) && displayName.length > suffix.length) return displayName.slice(0, -suffix.length);
    const prefix = `${parent} - `;
    if (displayName.startsWith(prefix) && displayName.length > prefix.length) return displayName.slice(prefix.length);
  }
  return displayName;
}

/*
 * Room on a row of the default sidebar (300 px wide) for label, gap and description,
 * from the label's left edge at the first level, measured in a real workbench. Widths
 * are in em of a broad sans-serif (DejaVu Sans, the widest of the usual UI fonts, so
 * narrower fonts only leave more room); the description is 0.9 em of the label's 13 px.
 */
const ROW_PX = 222;
const INDENT_PX = 8;
const FONT_PX = 13;
const GAP_PX = 6.5;
const DESCRIPTION_SCALE = 0.9;
const MIN_LABEL_CHARS = 10;
const CHAR_EM: Record<string, number> = {
  ' ': 0.318,
  '.': 0.318,
  ',': 0.318,
  '-': 0.361,
  '…': 1,
  '(': 0.39,
  ')': 0.39,
  _: 0.5,
  a: 0.613,
  b: 0.635,
  c: 0.55,
  d: 0.635,
  e: 0.615,
  f: 0.352,
  g: 0.635,
  h: 0.634,
  i: 0.278,
  j: 0.278,
  k: 0.579,
  l: 0.278,
  m: 0.974,
  n: 0.634,
  o: 0.612,
  p: 0.635,
  q: 0.635,
  r: 0.411,
  s: 0.521,
  t: 0.392,
  u: 0.634,
  v: 0.592,
  w: 0.818,
  x: 0.592,
  y: 0.592,
  z: 0.525,
};

function textEm(chars: readonly string[]): number {
  let em = 0;
  for (const char of chars) {
    em += CHAR_EM[char] ?? (/[0-9]/.test(char) ? 0.636 : /[A-Z]/.test(char) ? 0.72 : char.charCodeAt(0) >= 0x2e80 ? 1 : 0.65);
  }
  return em;
}

/**
 * The name shortened in its middle ("vps-4300fd…ps.ovh.net") when name and expiry would
 * not both fit the default width at this depth: VS Code cuts the end of the row, which
 * is the expiry, the one thing the view exists for. The full name stays in the tooltip,
 * in what screen readers hear and in the filter.
 */
export function fitLabel(name: string, description: string, depth: number): string {
  const room = ROW_PX - INDENT_PX * Math.max(0, depth - 1) - GAP_PX - textEm([...description]) * FONT_PX * DESCRIPTION_SCALE;
  const chars = [...name];
  if (textEm(chars) * FONT_PX <= room) return name;
  let keep = chars.length - 1;
  const shortened = (): string[] => {
    const tail = Math.floor(keep / 2);
    return [...chars.slice(0, keep - tail), '…', ...chars.slice(chars.length - tail)];
  };
  while (keep > MIN_LABEL_CHARS - 1 && textEm(shortened()) * FONT_PX > room) keep--;
  return shortened().join('');
}

/** What a screen reader hears for a row: each fact once ("nova.eu, terminated", not "terminated, terminated"). */
export function accessibleLabel(parts: readonly (string | undefined)[]): string {
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const part of parts) {
    const key = part?.trim().toLocaleLowerCase();
    if (!part || !key || seen.has(key)) continue;
    seen.add(key);
    kept.push(part.trim());
  }
  return kept.join(', ');
}

/** Words for the urgency, for screen readers and tooltips (colour alone says nothing to them). */
export function urgencyText(urgency: Urgency, warningDays: number, t: Translate): string {
  switch (urgency) {
    case 'expired':
      return t('expired');
    case 'critical':
      return t('expires within 7 days');
    case 'warning':
      return t('expires within {0} days', warningDays);
    case 'ok':
      return t('not expiring soon');
    case 'none':
      return t('no expiry date');
    case 'terminated':
      return t('terminated');
  }
}

function productGroupText(type: ServiceType, t: Translate): string {
  switch (type) {
    case 'domain':
      return t('Domains');
    case 'dnsZone':
      return t('DNS zones');
    case 'webHosting':
      return t('Web hosting');
    case 'email':
      return t('Email');
    case 'vps':
      return t('VPS');
    case 'dedicatedServer':
      return t('Dedicated servers');
    case 'publicCloud':
      return t('Public Cloud projects');
    case 'privateDatabase':
      return t('Private databases');
    case 'ip':
      return t('IP blocks');
    case 'ssl':
      return t('SSL certificates');
    case 'option':
      return t('Options');
    case 'other':
      return t('Other services');
  }
}

function urgencyGroupText(urgency: Urgency, warningDays: number, t: Translate): string {
  switch (urgency) {
    case 'expired':
      return t('Expired');
    case 'critical':
      return t('Within 7 days');
    case 'warning':
      return t('Within {0} days', warningDays);
    case 'ok':
      return t('Later');
    case 'none':
      return t('No expiry date');
    case 'terminated':
      return t('Terminated');
  }
}

export function groupLabel(groupBy: GroupBy, key: GroupKey, warningDays: number, t: Translate): string {
  return groupBy === 'expiry' ? urgencyGroupText(key as Urgency, warningDays, t) : productGroupText(key as ServiceType, t);
}

export interface TooltipRow {
  readonly label: string;
  readonly value: string;
  /** Shown as code (names and ids users copy). */
  readonly code?: boolean;
}

export interface ServiceTooltip {
  readonly title: string;
  readonly rows: readonly TooltipRow[];
  /** "Will be terminated at expiry", when it applies. */
  readonly warning?: string;
}

function renewalText(facts: ServiceFacts, locale: string, t: Translate): string | undefined {
  const mode = renewModeText(facts.renewMode, t) ?? facts.service.renewMode;
  const period = parseDuration(facts.service.renewPeriod);
  const every = period ? t('every {0}', formatDuration(period, locale)) : undefined;
  if (mode && every) return `${mode}, ${every}`;
  return mode ?? every;
}

/**
 * Everything the issue asks the tooltip to tell: product, service name and id,
 * expiry, creation, renew mode and period, lifecycle state, pending actions, and the
 * termination warning. Raw OVH values (states, actions) are shown as OVH names them.
 */
export function serviceTooltip(facts: ServiceFacts, options: { locale: string; warningDays: number; accountLabel?: string }, t: Translate): ServiceTooltip {
  const { service } = facts;
  const { locale } = options;
  const rows: TooltipRow[] = [];
  const product = [productTypeText(service.type, t), service.productDescription].filter(Boolean).join(' · ');
  rows.push({ label: t('Product'), value: product });
  rows.push({ label: t('Service name'), value: service.name, code: true });
  rows.push({ label: t('Service ID'), value: String(service.serviceId), code: true });
  const expiry = formatOvhDay(service.expirationDate, locale);
  if (expiry) {
    const relative = facts.status.daysLeft === undefined ? '' : ` (${relativeDays(facts.status.daysLeft, locale)})`;
    rows.push({ label: t('Expires'), value: `${expiry}${relative} · ${urgencyText(facts.urgency, options.warningDays, t)}` });
  } else {
    rows.push({ label: t('Expires'), value: t('no expiry date') });
  }
  const created = formatOvhDay(service.creationDate, locale);
  if (created) rows.push({ label: t('Created'), value: created });
  const renewal = renewalText(facts, locale, t);
  if (renewal) rows.push({ label: t('Renewal'), value: renewal });
  if (service.lifecycleState) rows.push({ label: t('State'), value: service.lifecycleState });
  if (service.pendingActions.length > 0) rows.push({ label: t('Pending actions'), value: service.pendingActions.join(', ') });
  const terminationDate = formatOvhDay(service.terminationDate, locale);
  if (terminationDate) rows.push({ label: t('Termination date'), value: terminationDate });
  if (options.accountLabel) rows.push({ label: t('Account'), value: options.accountLabel });
  return {
    title: service.displayName,
    rows,
    warning: facts.terminating ? t('Will be terminated at expiry') : undefined,
  };
}
