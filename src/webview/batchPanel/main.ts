import { BatchHostMessageSchema, type BatchHostMessage, type BatchMessage, type BatchSaved, type BatchState } from '../../protocol/batchPanel';
import { createFocusKeeper } from '../shared/focusKeeper';
import { connectToHost } from '../shared/host';
import { render } from './render';

const app = document.getElementById('app') as HTMLElement;
/** Unknown until 'init': a reloading webview can receive the state posted while it loaded first. */
let strings: Record<string, string> | undefined;
let state: BatchState | undefined;

const focus = createFocusKeeper();
const host = connectToHost<BatchHostMessage, BatchMessage, BatchSaved>(BatchHostMessageSchema, (message) => {
  if (message.type === 'init') {
    strings = message.strings;
    // Saved for the serializer: a reloaded window reopens this batch from its record.
    host.setState(message.saved);
    document.documentElement.lang = message.locale;
  } else {
    state = message.state;
  }
  draw();
});

function draw(): void {
  // Never drawn without its texts: raw keys would flash up in their place.
  const texts = strings;
  if (!state || !texts) return;
  app.replaceChildren(render(state, { strings: (key) => texts[key] ?? key, send: (message) => host.post(message) }));
  app.setAttribute('aria-busy', state.phase === 'loading' || state.progress ? 'true' : 'false');
  // Focus stays on the element the user was on, by id, across repaints.
  focus.restore();
}

host.post({ type: 'ready' });
