import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HostOptions, HostReport, PanelWaitAnswer } from '../shared/hostProtocol';

/** What the driver does when the bench code in the extension host calls it. */
export interface ControlHandlers {
  options(): HostOptions;
  result(report: HostReport): Promise<void>;
  armPanel(): Promise<void>;
  waitPanel(timeoutMs: number): Promise<PanelWaitAnswer>;
}

export interface ControlServer {
  readonly url: string;
  close(): Promise<void>;
}

/** A loopback JSON server the extension host reaches through OVHCLOUD_BENCH_CONTROL. */
export async function startControlServer(handlers: ControlHandlers): Promise<ControlServer> {
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      route(handlers, request.url ?? '/', text ? (JSON.parse(text) as unknown) : {}).then(
        (body) => response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body ?? {})),
        (error: unknown) => response.writeHead(500).end(error instanceof Error ? error.message : String(error)),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function route(handlers: ControlHandlers, url: string, body: unknown): Promise<unknown> {
  switch (url) {
    case '/options':
      return handlers.options();
    case '/result':
      return handlers.result(body as HostReport);
    case '/panel/arm':
      return handlers.armPanel();
    case '/panel/wait':
      return handlers.waitPanel(Number((body as { timeoutMs?: unknown }).timeoutMs ?? 20_000));
    default:
      throw new Error(`unknown route ${url}`);
  }
}
