/**
 * The OVH API endpoints a user can sign in to. `ovhClientEndpoint` is the name the
 * `ovh` package knows; custom URLs (the sandbox, corporate proxies) set host/port/basePath.
 */
export type EndpointId = 'ovh-eu' | 'ovh-ca' | 'ovh-us' | 'soyoustart-eu' | 'soyoustart-ca' | 'kimsufi-eu' | 'kimsufi-ca' | 'custom';

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

interface KnownEndpoint {
  readonly shortLabel: string;
  readonly host: string;
  readonly tokenUrl?: string;
  readonly createAppUrl: string;
}

const KNOWN: Record<Exclude<EndpointId, 'custom'>, KnownEndpoint> = {
  'ovh-eu': { shortLabel: 'EU', host: 'eu.api.ovh.com', tokenUrl: 'https://www.ovh.com/auth/', createAppUrl: 'https://eu.api.ovh.com/createApp/' },
  'ovh-ca': { shortLabel: 'CA', host: 'ca.api.ovh.com', tokenUrl: 'https://ca.ovh.com/auth/', createAppUrl: 'https://ca.api.ovh.com/createApp/' },
  'ovh-us': {
    shortLabel: 'US',
    host: 'api.us.ovhcloud.com',
    tokenUrl: 'https://us.ovhcloud.com/auth/',
    createAppUrl: 'https://api.us.ovhcloud.com/createApp/',
  },
  'soyoustart-eu': { shortLabel: 'SYS EU', host: 'eu.api.soyoustart.com', createAppUrl: 'https://eu.api.soyoustart.com/createApp/' },
  'soyoustart-ca': { shortLabel: 'SYS CA', host: 'ca.api.soyoustart.com', createAppUrl: 'https://ca.api.soyoustart.com/createApp/' },
  'kimsufi-eu': { shortLabel: 'KS EU', host: 'eu.api.kimsufi.com', createAppUrl: 'https://eu.api.kimsufi.com/createApp/' },
  'kimsufi-ca': { shortLabel: 'KS CA', host: 'ca.api.kimsufi.com', createAppUrl: 'https://ca.api.kimsufi.com/createApp/' },
};

export const KNOWN_ENDPOINT_IDS = Object.keys(KNOWN) as Array<Exclude<EndpointId, 'custom'>>;

export function knownEndpoint(id: Exclude<EndpointId, 'custom'>): Endpoint {
  const known = KNOWN[id];
  return { id, shortLabel: known.shortLabel, host: known.host, port: 443, basePath: '/1.0', tokenUrl: known.tokenUrl, createAppUrl: known.createAppUrl };
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

/**
 * Domains whose hosts may serve an order's `url`/`pdfUrl` for each endpoint: OVH's own
 * sites for that brand and region (OVH Europe answers with the subsidiary's site, such as
 * www.ovh.de). A custom endpoint (the sandbox, a proxy) allows only its own host.
 */
const ORDER_LINK_DOMAINS: Record<Exclude<EndpointId, 'custom'>, readonly string[]> = {
  'ovh-eu': [
    'ovh.com', 'ovhcloud.com', 'ovh.net', 'ovh.co.uk', 'ovh.de', 'ovh.es', 'ovh.it', 'ovh.nl', 'ovh.pl', 'ovh.pt', 'ovh.ie', 'ovh.lt', 'ovh.cz', 'ovh.fi',
    'ovh.sn', 'ovh.ma', 'ovh.tn',
  ],
  'ovh-ca': ['ovh.com', 'ovhcloud.com', 'ovh.ca'],
  'ovh-us': ['ovhcloud.com', 'ovh.us'],
  'soyoustart-eu': ['soyoustart.com'],
  'soyoustart-ca': ['soyoustart.com'],
  'kimsufi-eu': ['kimsufi.com'],
  'kimsufi-ca': ['kimsufi.com'],
};

/** Whether an order link may be opened: https, no credentials in it, on one of the endpoint's own hosts. */
export function isOwnOrderLink(endpoint: Endpoint, link: string | null | undefined): boolean {
  if (!link || !URL.canParse(link)) return false;
  const url = new URL(link);
  if (url.protocol !== 'https:' || url.username || url.password) return false;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (endpoint.id === 'custom') return host === endpoint.host.toLowerCase();
  return ORDER_LINK_DOMAINS[endpoint.id].some((domain) => host === domain || host.endsWith(`.${domain}`));
}
