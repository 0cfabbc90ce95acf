import * as fs from 'node:fs';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { SandboxCore, type SandboxConfig } from './core';
import { ALL_RULES, type AccessRule, type CredentialState, type IamPolicy } from './credentials';
import type { FaultRegistry, LatencyRegistry } from './faults';
import type { Ledger } from './model';
import { certPaths } from './paths';
import { createHandler } from './pipeline';
import type { RequestLog } from './requestLog';
import { Router } from './router';
import { addAuthRoutes } from './routes/authRoutes';
import { addOrderRoutes } from './routes/orderRoutes';
import { addServiceRoutes } from './routes/serviceRoutes';
import type { SandboxState } from './state';

export interface SandboxOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Interface to listen on; 127.0.0.1 by default. The certificate covers 127.0.0.1, ::1 and localhost. */
  host?: string;
  /** Number of services in the generated account (options included). Default 50. */
  services?: number;
  seed?: number;
  /** Delay added to every API response. */
  latencyMs?: number;
  /** Time between order states once paid. Default 300 ms. */
  orderStepMs?: number;
  /** "Today" for the generated account; defaults to the start time. Fix it for byte-identical data. */
  now?: Date | number;
}

/** What a client needs to connect; the CLI prints exactly this object. */
export interface SandboxInfo {
  /** `https://127.0.0.1:PORT/1.0` */
  url: string;
  caCertPath: string;
  applicationKey: string;
  applicationSecret: string;
  consumerKey: string;
  clientId: string;
  clientSecret: string;
  /** node-ovh's `tokenURL`: `https://127.0.0.1:PORT/auth/` (it appends oauth2/token). */
  tokenUrl: string;
}

export interface Sandbox extends SandboxInfo {
  /** `https://127.0.0.1:PORT` */
  readonly origin: string;
  readonly host: string;
  readonly port: number;
  /** Seeded account, services, orders; order progress is brought up to date on each read. */
  readonly state: SandboxState;
  readonly config: SandboxConfig;
  readonly faults: FaultRegistry;
  readonly latency: LatencyRegistry;
  readonly requests: RequestLog;
  readonly core: SandboxCore;
  ledger(): Ledger;
  info(): SandboxInfo;
  /** A consumer key of the default application with the given rules and state. */
  createCredential(rules?: AccessRule[], state?: CredentialState, expiresInSeconds?: number): string;
  /** An OAuth2 service account whose IAM policy grants every action, none, or the listed ones. */
  createServiceAccount(policy: IamPolicy): { clientId: string; clientSecret: string };
  setClockOffset(seconds: number): void;
  reset(): void;
  close(): Promise<void>;
}

function checkInt(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) throw new RangeError(`${name} must be an integer between ${min} and ${max}, got ${value}`);
  return value;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = options.host ?? '127.0.0.1';
  const port = checkInt('port', options.port ?? 0, 0, 65535);
  const core = new SandboxCore({
    services: checkInt('services', options.services ?? 50, 0, 1_000_000),
    seed: checkInt('seed', options.seed ?? 1, 0, 0xffffffff),
    latencyMs: checkInt('latencyMs', options.latencyMs ?? 0, 0, 600_000),
    orderStepMs: checkInt('orderStepMs', options.orderStepMs ?? 300, 0, 3_600_000),
    anchorMs: options.now === undefined ? Date.now() : new Date(options.now).getTime(),
  });
  const certs = certPaths();
  const router = new Router();
  addAuthRoutes(router);
  addServiceRoutes(router);
  addOrderRoutes(router);

  // The port, hence the info, is only known once listening; the handler reads it lazily.
  const infoRef: { current?: SandboxInfo } = {};
  const server = https.createServer(
    { key: fs.readFileSync(certs.key), cert: fs.readFileSync(certs.cert) },
    createHandler(core, router, () => infoRef.current ?? {}),
  );
  // Keep-alive sockets would otherwise hold close() open.
  server.keepAliveTimeout = 2000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  // Wildcard listens are reached through loopback, the only address the certificate names.
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const origin = `https://${urlHost}:${address.port}`;
  core.origin = origin;
  const creds = core.credentials;
  const fixed: SandboxInfo = {
    url: `${origin}/1.0`,
    caCertPath: certs.ca,
    applicationKey: creds.application.key,
    applicationSecret: creds.application.secret,
    consumerKey: creds.consumerKey,
    clientId: creds.clientId,
    clientSecret: creds.clientSecret,
    tokenUrl: `${origin}/auth/`,
  };
  infoRef.current = fixed;

  let closing: Promise<void> | undefined;
  return {
    ...fixed,
    origin,
    host,
    port: address.port,
    core,
    get state() {
      core.settle();
      return core.state;
    },
    get config() {
      return core.config;
    },
    faults: core.faults,
    latency: core.latency,
    requests: core.log,
    ledger: () => core.ledger(),
    info: () => ({ ...fixed }),
    createCredential: (rules = [...ALL_RULES], state = 'validated', expiresInSeconds) => creds.create(rules, state, core.nowMs(), expiresInSeconds).consumerKey,
    createServiceAccount: (policy) => creds.createServiceAccount(policy),
    setClockOffset: (seconds) => {
      core.config.clockOffsetSeconds = seconds;
    },
    reset: () => core.reset(),
    close: () =>
      (closing ??= new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Held (timeout fault) and idle keep-alive connections must not keep the server alive.
        server.closeAllConnections();
      })),
  };
}
