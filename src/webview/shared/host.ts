import type * as z from 'zod/mini';

/** What the webview may do with its host: post a message of its protocol, save the state the serializer gets back. */
export interface HostChannel<Out, Saved> {
  post(message: Out): void;
  getState(): Saved | undefined;
  setState(state: Saved): void;
}

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

/**
 * The webview's side of the protocol: every message from the host is checked against the
 * protocol's schema (messages come from our host, but a malformed one is still ignored),
 * and what the webview sends is typed by the protocol. Call once per page.
 */
export function connectToHost<In, Out, Saved>(accepts: z.ZodMiniType<In>, receive: (message: In) => void): HostChannel<Out, Saved> {
  const vscode = acquireVsCodeApi();
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const parsed = accepts.safeParse(event.data);
    if (parsed.success) receive(parsed.data);
  });
  return {
    post: (message) => vscode.postMessage(message),
    getState: () => vscode.getState() as Saved | undefined,
    setState: (state) => vscode.setState(state),
  };
}
