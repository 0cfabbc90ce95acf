import { HostMessageSchema, type PanelState, type SavedState, type WebviewMessage } from '../../protocol/renewPanel';
import { render, type ViewContext } from './render';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: SavedState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const app = document.getElementById('app') as HTMLElement;
let strings: Record<string, string> = {};
let saved: SavedState | undefined;
let state: PanelState | undefined;

const context: ViewContext = {
  strings: (key) => strings[key] ?? key,
  send: (message) => vscode.postMessage(message),
  sort: () => saved?.sort ?? 'perMonth',
  setSort: (sort) => {
    if (!saved) return;
    saved = { ...saved, sort };
    vscode.setState(saved);
    draw();
  },
};

function draw(): void {
  if (!state) return;
  // Re-rendering replaces the DOM: keep keyboard focus where the user was.
  const focusedId = document.activeElement instanceof HTMLElement ? document.activeElement.id : '';
  app.replaceChildren(render(state, context));
  app.setAttribute('aria-busy', state.busy ? 'true' : 'false');
  if (focusedId) document.getElementById(focusedId)?.focus();
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  // Messages come from our host, but are still checked: a malformed one is ignored.
  const parsed = HostMessageSchema.safeParse(event.data);
  if (!parsed.success) return;
  const message = parsed.data;
  if (message.type === 'init') {
    strings = message.strings;
    saved = { ...message.saved, sort: (vscode.getState() as SavedState | undefined)?.sort ?? message.saved.sort };
    vscode.setState(saved);
    document.documentElement.lang = message.locale;
  } else {
    state = message.state;
  }
  draw();
});

vscode.postMessage({ type: 'ready' });
