import { HostMessageSchema, type PanelState, type SavedState, type WebviewMessage } from '../../protocol/renewPanel';
import { announcement, focusTargets } from './focus';
import { render, type ViewContext } from './render';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: SavedState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const app = document.getElementById('app') as HTMLElement;
/** Unknown until 'init': a reloading webview can receive the state posted while it loaded first. */
let strings: Record<string, string> | undefined;
let saved: SavedState | undefined;
let state: PanelState | undefined;
/** The element the user was on, by id: kept while a busy render leaves focus on <body>. */
let lastFocusId = '';
/** Where focus should go once the element exists and is enabled (a new section's action). */
let pendingFocus: string[] | undefined;

// One polite live region outside the re-rendered app: regions created with their text
// are not announced reliably, and re-created ones would repeat themselves.
const announcer = document.createElement('div');
announcer.id = 'announcer';
announcer.className = 'sr-only';
announcer.setAttribute('role', 'status');
announcer.setAttribute('aria-live', 'polite');
document.body.append(announcer);

document.addEventListener('focusin', (event) => {
  if (event.target instanceof HTMLElement && event.target.id) lastFocusId = event.target.id;
});

function focusable(id: string): HTMLElement | undefined {
  const element = document.getElementById(id);
  return element && !(element as HTMLButtonElement | HTMLInputElement).disabled ? element : undefined;
}

const context: ViewContext = {
  strings: (key) => strings?.[key] ?? key,
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
  // Never drawn without its texts: raw keys would flash up in their place.
  if (!state || !strings) return;
  const active = document.activeElement;
  const hadFocus = active instanceof HTMLElement && active !== document.body && app.contains(active);
  app.replaceChildren(render(state, context));
  app.setAttribute('aria-busy', state.busy ? 'true' : 'false');
  // A new section's next action wins once it is enabled; until then, and otherwise,
  // focus stays on (or comes back to) the element the user was on.
  // While busy, wait for the first choice (the next action may not exist yet).
  const target = (state.busy ? pendingFocus?.slice(0, 1) : pendingFocus)?.map(focusable).find(Boolean);
  if (target) {
    pendingFocus = undefined;
    target.focus();
  } else if (hadFocus || document.activeElement === document.body) {
    if (lastFocusId) focusable(lastFocusId)?.focus();
  }
}

function changeState(next: PanelState): void {
  const previous = state;
  state = next;
  const targets = focusTargets(previous, next);
  if (targets) pendingFocus = targets;
  const texts = strings;
  // Before 'init' there is nothing on screen yet to announce a change of.
  const text = texts && announcement(previous, next, (key) => texts[key] ?? key);
  if (text) {
    // Cleared first so the same sentence twice is still announced.
    announcer.textContent = '';
    requestAnimationFrame(() => (announcer.textContent = text));
  }
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
    changeState(message.state);
  }
  draw();
});

vscode.postMessage({ type: 'ready' });
