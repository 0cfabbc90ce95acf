import { BatchHostMessageSchema, type BatchMessage, type BatchSaved, type BatchState } from '../../protocol/batchPanel';
import { render } from './render';

interface VsCodeApi {
  postMessage(message: BatchMessage): void;
  setState(state: BatchSaved): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const app = document.getElementById('app') as HTMLElement;
/** Unknown until 'init': a reloading webview can receive the state posted while it loaded first. */
let strings: Record<string, string> | undefined;
let state: BatchState | undefined;
let lastFocusId = '';

document.addEventListener('focusin', (event) => {
  if (event.target instanceof HTMLElement && event.target.id) lastFocusId = event.target.id;
});

function draw(): void {
  // Never drawn without its texts: raw keys would flash up in their place.
  const texts = strings;
  if (!state || !texts) return;
  app.replaceChildren(render(state, { strings: (key) => texts[key] ?? key, send: (message) => vscode.postMessage(message) }));
  app.setAttribute('aria-busy', state.phase === 'loading' || state.progress ? 'true' : 'false');
  // Focus stays on the element the user was on, by id, across repaints.
  const element = lastFocusId ? document.getElementById(lastFocusId) : null;
  if (element && !(element as HTMLButtonElement).disabled) element.focus();
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  // Messages come from our host, but are still checked: a malformed one is ignored.
  const parsed = BatchHostMessageSchema.safeParse(event.data);
  if (!parsed.success) return;
  const message = parsed.data;
  if (message.type === 'init') {
    strings = message.strings;
    // Saved for the serializer: a reloaded window reopens this batch from its record.
    vscode.setState(message.saved);
    document.documentElement.lang = message.locale;
  } else {
    state = message.state;
  }
  draw();
});

vscode.postMessage({ type: 'ready' });
