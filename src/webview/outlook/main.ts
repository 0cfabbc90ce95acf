import { type OutlookHostMessage, OutlookHostMessageSchema, type OutlookSaved, type OutlookState, type OutlookWebviewMessage } from '../../protocol/outlook';
import { h } from '../shared/dom';
import { fill } from '../shared/fill';
import { connectToHost } from '../shared/host';
import { chart } from './chart';

const app = document.getElementById('app') as HTMLElement;
let state: OutlookState | undefined;

const host = connectToHost<OutlookHostMessage, OutlookWebviewMessage, OutlookSaved>(OutlookHostMessageSchema, (message) => {
  // Saved for the serializer: a reloaded window reopens the outlook on the same span, currency and month.
  host.setState({ span: message.state.span, currency: message.state.currency, month: message.state.selected?.month });
  draw(message.state);
});

function send(message: OutlookWebviewMessage): void {
  host.post(message);
}

function toolbar(s: OutlookState): HTMLElement {
  const spans = h(
    'div',
    { class: 'spans', role: 'radiogroup', 'aria-label': s.strings.chartLabel },
    ...([12, 36] as const).map((span) =>
      h(
        'button',
        {
          id: `span-${span}`,
          type: 'button',
          role: 'radio',
          'aria-checked': String(s.span === span),
          class: s.span === span ? 'active' : undefined,
          onClick: () => send({ type: 'setSpan', span }),
        },
        span === 12 ? s.strings.span12 : s.strings.span36,
      ),
    ),
  );
  const bar = h('div', { class: 'toolbar' }, spans);
  if (s.currencies.length > 1) {
    const select = h(
      'select',
      {
        id: 'currency',
        'aria-label': s.strings.currency,
        onChange: (event: Event) => send({ type: 'setCurrency', currency: (event.target as HTMLSelectElement).value }),
      },
      ...s.currencies.map((c) => h('option', { value: c.code, selected: c.code === s.currency }, c.label)),
    );
    bar.append(h('label', { for: 'currency' }, s.strings.currency), select);
  }
  return bar;
}

function legend(s: OutlookState): HTMLElement {
  return h(
    'ul',
    { class: 'legend' },
    ...(['automatic', 'manual', 'ending'] as const).map((kind) => h('li', {}, h('span', { class: `swatch ${kind}`, 'aria-hidden': 'true' }), s.strings[kind])),
  );
}

function table(s: OutlookState): HTMLElement {
  const head = h(
    'tr',
    {},
    ...[s.strings.month, s.strings.automatic, s.strings.manual, s.strings.ending, s.strings.total].map((text) => h('th', { scope: 'col' }, text)),
  );
  const rows = s.months.map((m) =>
    h(
      'tr',
      {},
      h('th', { scope: 'row' }, m.label),
      h('td', {}, m.byKind.automatic),
      h('td', {}, m.byKind.manual),
      h('td', {}, m.byKind.ending),
      h('td', {}, m.totalText),
    ),
  );
  return h('table', { class: 'sr-only', id: 'outlook-table' }, h('caption', {}, s.strings.tableCaption), h('thead', {}, head), h('tbody', {}, ...rows));
}

function monthList(s: OutlookState): HTMLElement | false {
  if (!s.selected) return false;
  const title = h('h2', { id: 'month-title', tabindex: '-1' }, fill(s.strings.servicesIn, s.selected.label));
  if (s.selected.services.length === 0) return h('section', { class: 'month', 'aria-labelledby': 'month-title' }, title, h('p', {}, s.strings.noCharges));
  const items = s.selected.services.map((service) =>
    h(
      'li',
      { class: `service ${service.kind}` },
      h(
        'button',
        {
          type: 'button',
          class: 'link',
          title: s.strings.openHint,
          'data-token': service.token,
          onClick: () => send({ type: 'openService', token: service.token }),
        },
        service.name,
      ),
      h('span', { class: 'meta' }, `${service.typeLabel} · ${service.dateText} · ${service.kindLabel}`),
      h('span', { class: 'amount' }, service.amountText),
    ),
  );
  return h('section', { class: 'month', 'aria-labelledby': 'month-title' }, title, h('ul', { class: 'services' }, ...items));
}

function render(s: OutlookState): HTMLElement {
  const root = h('div', {}, h('h1', {}, s.strings.title), toolbar(s));
  if (s.phase !== 'ready') {
    root.append(h('p', { class: 'status', role: 'status' }, s.phase === 'loading' ? s.strings.loading : s.strings.empty));
    return root;
  }
  const figure = h(
    'figure',
    { class: 'figure' },
    chart(s, (month) => send({ type: 'selectMonth', month })),
    legend(s),
  );
  const totals = h('dl', { class: 'totals' }, ...s.totals.flatMap((total) => [h('dt', {}, total.label), h('dd', {}, total.text)]));
  root.append(figure, table(s), totals, ...s.notes.map((note) => h('p', { class: 'note' }, note)));
  const list = monthList(s);
  if (list) root.append(list);
  return root;
}

function draw(next: OutlookState): void {
  const previous = state;
  const focusedMonth = document.activeElement instanceof Element ? document.activeElement.getAttribute('data-month') : null;
  const focusedId = document.activeElement instanceof HTMLElement ? document.activeElement.id : '';
  state = next;
  app.replaceChildren(render(next));
  app.setAttribute('aria-busy', next.phase === 'loading' ? 'true' : 'false');
  if (next.selected && next.selected.month !== previous?.selected?.month) {
    // A month was chosen: its list is where the user goes next.
    document.getElementById('month-title')?.focus();
  } else if (focusedMonth) {
    (document.querySelector(`[data-month="${focusedMonth}"]`) as HTMLElement | null)?.focus();
  } else if (focusedId) {
    document.getElementById(focusedId)?.focus();
  }
}

send({ type: 'ready' });
