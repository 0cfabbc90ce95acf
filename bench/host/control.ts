import { CONTROL_URL_ENV, type HostOptions, type HostReport } from '../shared/hostProtocol';

/** The driver's loopback server (bench/workbench/controlServer.ts), reached from inside the extension host. */
function controlUrl(): string {
  const url = process.env[CONTROL_URL_ENV];
  if (!url) throw new Error(`${CONTROL_URL_ENV} is not set: run the bench through bench/run.ts or bench/quick.ts`);
  return url;
}

export async function callDriver<T = unknown>(route: string, body: unknown = {}): Promise<T> {
  const response = await fetch(`${controlUrl()}/${route}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`bench driver ${route} → ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export function report(result: HostReport): Promise<unknown> {
  return callDriver('result', result);
}

/** What the driver wants measured in this window. */
export function hostOptions(): Promise<HostOptions> {
  return callDriver<HostOptions>('options');
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
