import * as net from 'node:net';
import type { SocketOpen } from '../shared/hostProtocol';

type Connect = typeof net.Socket.prototype.connect;

/**
 * Records every outgoing socket the extension host opens while it runs: Node's
 * http, https, tls and fetch all end in net.Socket#connect. The bench uses it to
 * show that activation opens none.
 */
export class SocketSpy {
  readonly opened: SocketOpen[] = [];
  private original: Connect | undefined;
  private startedAt = 0;

  start(): void {
    if (this.original) return;
    const original = net.Socket.prototype.connect;
    this.original = original;
    this.startedAt = performance.now();
    const opened = this.opened;
    const startedAt = this.startedAt;
    net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
      opened.push({ ...describe(args), atMs: Math.round(performance.now() - startedAt) });
      return (original as (...rest: unknown[]) => net.Socket).apply(this, args);
    } as Connect;
  }

  stop(): SocketOpen[] {
    if (this.original) net.Socket.prototype.connect = this.original;
    this.original = undefined;
    return [...this.opened];
  }
}

function describe(args: readonly unknown[]): { host: string; port: number } {
  const [first, second] = args;
  const options = (Array.isArray(first) ? first[0] : first) as { host?: string; port?: number | string; path?: string } | number | string | undefined;
  if (typeof options === 'object' && options !== null) {
    if (options.path) return { host: `ipc:${options.path}`, port: 0 };
    return { host: options.host ?? 'localhost', port: Number(options.port ?? 0) };
  }
  if (typeof options === 'number' || (typeof options === 'string' && /^\d+$/.test(options))) {
    return { host: typeof second === 'string' ? second : 'localhost', port: Number(options) };
  }
  return { host: typeof options === 'string' ? `ipc:${options}` : 'unknown', port: 0 };
}
