/**
 * What the bench code inside the extension host (bench/host) and the driver outside
 * it (bench/workbench) say to each other over the driver's loopback HTTP server.
 * Types only: both sides import this file.
 */

/** Env names the driver gives code-server, which passes them on to the extension host. */
export const CONTROL_URL_ENV = 'OVHCLOUD_BENCH_CONTROL';
/** bench/fixtures/empty-extension, installed next to the extension as the activation baseline. */
export const EMPTY_EXTENSION_ID = 'renewalsdev.bench-empty-extension';

/** What the driver wants from this window (answer to /options). */
export interface HostOptions {
  /** Listing rounds for the heap measurement. */
  readonly heapRounds: number;
  /** Times the renew panel is opened and timed; 0 skips the panel. */
  readonly panelRounds: number;
  /** The service the renew panels open, found by the sign-in window. */
  readonly panelServiceId: number | undefined;
  /** Time the first command after activation: one renew panel, dist/features.js not loaded yet. */
  readonly firstCommand: boolean;
  /** Idle time before activating, so the extension host has finished starting the built-in extensions. */
  readonly quietMs: number;
  /** How long after activate() returns the bench keeps watching for network activity. */
  readonly settleMs: number;
}

export interface SocketOpen {
  readonly host: string;
  readonly port: number;
  /** Milliseconds after activate() was called. */
  readonly atMs: number;
}

export interface ActivationSample {
  /** True when the workbench had already activated the extension before the bench asked. */
  readonly alreadyActive: boolean;
  /** performance.now() around `await extension.activate()`: loading the bundle plus activate(). */
  readonly activateMs: number;
  /** Of which Node compiling and running dist/extension.js (require), when it was observed. */
  readonly loadMs: number | undefined;
  /** The same measure for an empty extension, activated just before in the same host: VS Code's own share. */
  readonly emptyExtensionMs: number | undefined;
  /** Wall clock when activate() was called and when the settle window ended (Date.now()). */
  readonly startedAt: number;
  readonly settledAt: number;
  /** Sockets the extension host opened from activate() to the end of the settle window. */
  readonly sockets: readonly SocketOpen[];
  /** Accounts found in storage, and whether the first one's credentials could be read. */
  readonly accounts: number;
  readonly credentialsStored: boolean;
}

export interface HeapRound {
  readonly services: number;
  readonly listingMs: number;
  readonly heapBeforeBytes: number;
  /** After listing, with the listing still referenced, after a full GC when one is available. */
  readonly heapAfterBytes: number;
  /** Highest heapUsed sampled every few milliseconds while listing. */
  readonly heapPeakBytes: number;
}

export interface HeapResult {
  readonly gcAvailable: boolean;
  readonly rounds: readonly HeapRound[];
}

export interface PanelRound {
  /** Command to host-side state "ready" (the comparison computed in the extension host). */
  readonly hostReadyMs: number;
  /** Command to the first enabled strategy radio button in the webview, as Playwright saw it; null if never. */
  readonly interactiveMs: number | null;
  readonly rows: number;
}

export interface PanelResult {
  readonly serviceId: number;
  readonly rounds: readonly PanelRound[];
}

/** Bodies the host posts to /result. */
export type HostReport =
  | { readonly kind: 'signedIn'; readonly accountId: string; readonly panelServiceId: number | undefined }
  | { readonly kind: 'activation'; readonly sample: ActivationSample }
  | { readonly kind: 'heap'; readonly heap: HeapResult }
  | { readonly kind: 'panel'; readonly panel: PanelResult }
  | { readonly kind: 'firstCommand'; readonly round: PanelRound };

/** Answer to /panel/wait: when the webview became interactive (Date.now() in the browser), or null on timeout. */
export interface PanelWaitAnswer {
  readonly interactiveAt: number | null;
}
