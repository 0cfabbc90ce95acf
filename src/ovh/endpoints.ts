/**
 * Everything known about each OVH API endpoint a user can sign in to, in one table: the
 * sign-in list, the account tag, the API host, OAuth2, where to create keys, the Control
 * Panel and which sites may serve order links all derive from it.
 */
interface KnownEndpoint {
  /** Shown in the sign-in list (a brand and region name: not translated). */
  readonly label: string;
  /** Short tag shown next to the account, e.g. "EU". */
  readonly shortLabel: string;
  readonly host: string;
  /** OAuth2 token host (the `ovh` package appends "oauth2/token"); absent where OVH has no OAuth2. */
  readonly tokenUrl?: string;
  readonly createAppUrl: string;
  /** The Control Panel (the "Manager") of this brand and region. */
  readonly controlPanelRoot: string;
  /**
   * Domains whose hosts may serve an order's `url`/`pdfUrl`: OVH's own sites for that
   * brand and region (OVH Europe answers with the subsidiary's site, such as www.ovh.de).
   */
  readonly orderLinkDomains: readonly string[];
}

const KNOWN = {
  'ovh-eu': {
    label: 'OVHcloud Europe',
    shortLabel: 'EU',
    host: 'eu.api.ovh.com',
    tokenUrl: 'https://www.ovh.com/auth/',
    createAppUrl: 'https://eu.api.ovh.com/createApp/',
    controlPanelRoot: 'https://www.ovh.com/manager/',
    orderLinkDomains: [
      'ovh.com',
      'ovhcloud.com',
      'ovh.net',
      'ovh.co.uk',
      'ovh.de',
      'ovh.es',
      'ovh.it',
      'ovh.nl',
      'ovh.pl',
      'ovh.pt',
      'ovh.ie',
      'ovh.lt',
      'ovh.cz',
      'ovh.fi',
      'ovh.sn',
      'ovh.ma',
      'ovh.tn',
    ],
  },
  'ovh-ca': {
    label: 'OVHcloud Canada',
    shortLabel: 'CA',
    host: 'ca.api.ovh.com',
    tokenUrl: 'https://ca.ovh.com/auth/',
    createAppUrl: 'https://ca.api.ovh.com/createApp/',
    controlPanelRoot: 'https://ca.ovh.com/manager/',
    orderLinkDomains: ['ovh.com', 'ovhcloud.com', 'ovh.ca'],
  },
  'ovh-us': {
    label: 'OVHcloud US',
    shortLabel: 'US',
    host: 'api.us.ovhcloud.com',
    tokenUrl: 'https://us.ovhcloud.com/auth/',
    createAppUrl: 'https://api.us.ovhcloud.com/createApp/',
    controlPanelRoot: 'https://us.ovhcloud.com/manager/',
    orderLinkDomains: ['ovhcloud.com', 'ovh.us'],
  },
  'soyoustart-eu': {
    label: 'SoYouStart Europe',
    shortLabel: 'SYS EU',
    host: 'eu.api.soyoustart.com',
    createAppUrl: 'https://eu.api.soyoustart.com/createApp/',
    controlPanelRoot: 'https://eu.soyoustart.com/manager/',
    orderLinkDomains: ['soyoustart.com'],
  },
  'soyoustart-ca': {
    label: 'SoYouStart Canada',
    shortLabel: 'SYS CA',
    host: 'ca.api.soyoustart.com',
    createAppUrl: 'https://ca.api.soyoustart.com/createApp/',
    controlPanelRoot: 'https://ca.soyoustart.com/manager/',
    orderLinkDomains: ['soyoustart.com'],
  },
  'kimsufi-eu': {
    label: 'Kimsufi Europe',
    shortLabel: 'KS EU',
    host: 'eu.api.kimsufi.com',
    createAppUrl: 'https://eu.api.kimsufi.com/createApp/',
    controlPanelRoot: 'https://eu.kimsufi.com/manager/',
    orderLinkDomains: ['kimsufi.com'],
  },
  'kimsufi-ca': {
    label: 'Kimsufi Canada',
    shortLabel: 'KS CA',
    host: 'ca.api.kimsufi.com',
    createAppUrl: 'https://ca.api.kimsufi.com/createApp/',
    controlPanelRoot: 'https://ca.kimsufi.com/manager/',
    orderLinkDomains: ['kimsufi.com'],
  },
} as const satisfies Record<string, KnownEndpoint>;

/** An endpoint of the table; `custom` is any https URL the user gives (the sandbox, a proxy). */
export type KnownEndpointId = keyof typeof KNOWN;
export type EndpointId = KnownEndpointId | 'custom';

export const KNOWN_ENDPOINT_IDS = Object.keys(KNOWN) as KnownEndpointId[];
/** Every endpoint id, e.g. to validate stored accounts. */
export const ENDPOINT_IDS: readonly [EndpointId, ...EndpointId[]] = ['custom', ...KNOWN_ENDPOINT_IDS];

/** An endpoint as the API client uses it; custom URLs set host/port/basePath. */
export interface Endpoint {
  readonly id: EndpointId;
  /** Short tag shown next to the account, e.g. "EU". */
  readonly shortLabel: string;
  readonly host: string;
  readonly port: number;
  readonly basePath: string;
  /** OAuth2 token host (the `ovh` package appends "oauth2/token"); absent where OVH has no OAuth2. */
  readonly tokenUrl?: string;
  /** Where a user creates an application key for this endpoint. */
  readonly createAppUrl?: string;
}

export function knownEndpoint(id: KnownEndpointId): Endpoint {
  const known: KnownEndpoint = KNOWN[id];
  return { id, shortLabel: known.shortLabel, host: known.host, port: 443, basePath: '/1.0', tokenUrl: known.tokenUrl, createAppUrl: known.createAppUrl };
}

/** The name of a known endpoint in the sign-in list, e.g. "OVHcloud Europe". */
export function endpointLabel(id: KnownEndpointId): string {
  return KNOWN[id].label;
}

/** The Control Panel root of a known endpoint; a custom URL has none we could name. */
export function controlPanelRoot(id: EndpointId): string | undefined {
  return id === 'custom' ? undefined : KNOWN[id]?.controlPanelRoot;
}

export type CustomEndpointProblem = 'empty' | 'notUrl' | 'notHttps' | 'hasCredentials' | 'hasQuery' | 'badPath';

export type CustomEndpointResult = { readonly ok: true; readonly endpoint: Endpoint } | { readonly ok: false; readonly problem: CustomEndpointProblem };

/**
 * Parses a custom API base URL such as "https://127.0.0.1:8443/1.0". Only https is
 * accepted: credentials and payments never travel in clear text. `tokenUrl` is the
 * OAuth2 token host for the custom endpoint, when it has one.
 */
export function parseCustomEndpoint(input: string, tokenUrl?: string): CustomEndpointResult {
  const trimmed = input.trim().replace(/^["']|["']$/g, '');
  if (trimmed === '') return { ok: false, problem: 'empty' };
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { ok: false, problem: 'notUrl' };
  }
  if (url.protocol !== 'https:') return { ok: false, problem: 'notHttps' };
  if (url.username || url.password) return { ok: false, problem: 'hasCredentials' };
  if (url.search || url.hash) return { ok: false, problem: 'hasQuery' };
  const basePath = url.pathname.replace(/\/+$/, '') || '/1.0';
  if (!/^(\/[A-Za-z0-9._~-]+)+$/.test(basePath)) return { ok: false, problem: 'badPath' };
  return {
    ok: true,
    endpoint: {
      id: 'custom',
      shortLabel: url.host,
      host: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port ? Number(url.port) : 443,
      basePath,
      tokenUrl,
    },
  };
}

/** The base URL, e.g. https://eu.api.ovh.com/1.0, for display and logs. */
export function endpointBaseUrl(endpoint: Endpoint): string {
  const host = endpoint.host.includes(':') ? `[${endpoint.host}]` : endpoint.host;
  const port = endpoint.port === 443 ? '' : `:${endpoint.port}`;
  return `https://${host}${port}${endpoint.basePath}`;
}

/** Whether an order link may be opened: https, no credentials in it, on one of the endpoint's own hosts (a custom endpoint: its own host only). */
export function isOwnOrderLink(endpoint: Endpoint, link: string | null | undefined): boolean {
  if (!link || !URL.canParse(link)) return false;
  const url = new URL(link);
  if (url.protocol !== 'https:' || url.username || url.password) return false;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (endpoint.id === 'custom') return host === endpoint.host.toLowerCase();
  const domains: readonly string[] = KNOWN[endpoint.id].orderLinkDomains;
  return domains.some((domain) => host === domain || host.endsWith(`.${domain}`));
}
