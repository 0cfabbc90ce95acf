import { RenewHostMessageSchema, type RenewHostMessage, type RenewPanelState, type SavedState, type RenewPanelMessage } from '../../protocol/renewPanel';
import { createAnnouncer } from '../shared/announcer';
import { createFocusKeeper } from '../shared/focusKeeper';
import { connectToHost } from '../shared/host';
import { announcement, focusTargets } from './focus';
import { render, type ViewContext } from './render';

const app = document.getElementById('app') as HTMLElement;
/** Unknown until 'init': a reloading webview can receive the state posted while it loaded first. */
let strings: Record<string, string> | undefined;
let saved: SavedState | undefined;
let state: RenewPanelState | undefined;
/** Where focus should go once the element exists and is enabled (a new section's action). */
let pendingFocus: string[] | undefined;

const announce = createAnnouncer();
const focus = createFocusKeeper();
const host = connectToHost<RenewHostMessage, RenewPanelMessage, SavedState>(RenewHostMessageSchema, (message) => {
  if (message.type === 'init') {
    strings = message.strings;
    saved = { ...message.saved, sort: host.getState()?.sort ?? message.saved.sort };
    host.setState(saved);
    document.documentElement.lang = message.locale;
  } else {
    changeState(message.state);
  }
  draw();
});

const context: ViewContext = {
  strings: (key) => strings?.[key] ?? key,
  send: (message) => host.post(message),
  sort: () => saved?.sort ?? 'perMonth',
  setSort: (sort) => {
    if (!saved) return;
    saved = { ...saved, sort };
    host.setState(saved);
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
  const target = (state.busy ? pendingFocus?.slice(0, 1) : pendingFocus)?.map(focus.focusable).find(Boolean);
  if (target) {
    pendingFocus = undefined;
    target.focus();
  } else if (hadFocus || document.activeElement === document.body) {
    focus.restore();
  }
}

function changeState(next: RenewPanelState): void {
  const previous = state;
  state = next;
  const targets = focusTargets(previous, next);
  if (targets) pendingFocus = targets;
  const texts = strings;
  // Before 'init' there is nothing on screen yet to announce a change of.
  const text = texts && announcement(previous, next, (key) => texts[key] ?? key);
  if (text) announce(text);
}

host.post({ type: 'ready' });
