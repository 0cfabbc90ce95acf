import type { RenewPanelState, PanelStringKey, Row, RenewPanelMessage } from '../../protocol/renewPanel';
import { h, icon } from '../shared/dom';
import { fill } from '../shared/fill';

export interface ViewContext {
  strings(key: PanelStringKey): string;
  send(message: RenewPanelMessage): void;
  sort(): 'total' | 'perMonth';
  setSort(sort: 'total' | 'perMonth'): void;
}

export function render(state: RenewPanelState, ctx: ViewContext): HTMLElement {
  const s = ctx.strings;
  const busy = state.busy !== undefined;
  return h(
    'div',
    { class: 'panel' },
    header(state, ctx),
    state.notice ? h('p', { class: 'notice' }, icon('info'), ' ', state.notice) : null,
    state.error ? errorBox(state, ctx) : null,
    state.phase === 'loading' ? h('p', { class: 'loading', role: 'status' }, icon('loading codicon-modifier-spin'), ' ', s('loading')) : null,
    state.phase === 'empty' ? h('section', { class: 'empty' }, h('h2', {}, s('emptyTitle')), h('p', {}, s('emptyBody'))) : null,
    state.phase === 'ready' && !state.order ? comparison(state, ctx) : null,
    state.preview && !state.order ? preview(state, ctx) : null,
    state.order ? order(state, ctx) : null,
    busy && state.phase !== 'loading' ? h('p', { class: 'working', role: 'status' }, icon('loading codicon-modifier-spin'), ' ', s('working')) : null,
  );
}

function header(state: RenewPanelState, ctx: ViewContext): HTMLElement {
  const s = ctx.strings;
  return h(
    'header',
    {},
    h('h1', {}, state.service.displayName),
    h('p', { class: 'muted' }, [state.service.typeLabel, fill(s('currentExpiry'), state.service.expiryText)].filter(Boolean).join(' · ')),
    h(
      'button',
      { id: 'renew-settings', type: 'button', class: 'secondary', onClick: () => ctx.send({ type: 'renewSettings' }) },
      icon('gear'),
      ' ',
      s('renewSettings'),
    ),
  );
}

function errorBox(state: RenewPanelState, ctx: ViewContext): HTMLElement {
  const error = state.error!;
  return h(
    'section',
    { class: 'error', role: 'alert' },
    h('h2', {}, icon('error'), ' ', ctx.strings('errorTitle')),
    h('p', {}, error.explanation),
    h('p', {}, error.nextStep),
    error.details ? h('p', { class: 'muted details' }, error.details) : null,
    h(
      'button',
      { id: 'retry', type: 'button', disabled: state.busy !== undefined, onclick: () => ctx.send({ type: 'retry' }) },
      icon('refresh'),
      ' ',
      ctx.strings('retry'),
    ),
  );
}

function sortedRows(rows: readonly Row[], by: 'total' | 'perMonth'): Row[] {
  const value = (row: Row): number => (by === 'total' ? row.totalUcents : row.perMonthUcents);
  return [...rows].sort((a, b) => value(a) - value(b) || a.months - b.months);
}

function comparison(state: RenewPanelState, ctx: ViewContext): HTMLElement {
  const s = ctx.strings;
  const busy = state.busy !== undefined;
  const sort = ctx.sort();
  const controls = h(
    'div',
    { class: 'controls' },
    h(
      'label',
      { class: 'checkbox' },
      h('input', {
        id: 'include-options',
        type: 'checkbox',
        checked: state.includeOptions,
        disabled: busy,
        onchange: (event) => ctx.send({ type: 'setIncludeOptions', value: (event.target as HTMLInputElement).checked }),
      }),
      ' ',
      s('includeOptions'),
    ),
    h(
      'label',
      {},
      s('sortBy'),
      ' ',
      h(
        'select',
        { id: 'sort', onchange: (event) => ctx.setSort((event.target as HTMLSelectElement).value === 'total' ? 'total' : 'perMonth') },
        h('option', { value: 'perMonth', selected: sort === 'perMonth' }, s('sortPerMonth')),
        h('option', { value: 'total', selected: sort === 'total' }, s('sortTotal')),
      ),
    ),
  );
  const head = h(
    'tr',
    {},
    h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, s('chooseStrategy'))),
    ...['period', 'renews', 'price', 'perMonth', 'newExpiry'].map((key) => h('th', { scope: 'col' }, s(key as PanelStringKey))),
  );
  const body = h('tbody', {}, ...sortedRows(state.rows, sort).map((row, index) => rowElement(row, index, state, ctx)));
  return h(
    'section',
    { class: 'comparison' },
    controls,
    h('table', { 'aria-label': s('chooseStrategy') }, h('thead', {}, head), body),
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        { id: 'preview', type: 'button', class: 'primary', disabled: busy || !state.selectedKey, onclick: () => ctx.send({ type: 'preview' }) },
        icon('eye'),
        ' ',
        s('previewOrder'),
      ),
    ),
  );
}

function rowElement(row: Row, index: number, state: RenewPanelState, ctx: ViewContext): HTMLElement {
  const s = ctx.strings;
  const selected = row.key === state.selectedKey;
  const id = `row-${index}`;
  const services = h(
    'ul',
    { class: 'services' },
    ...row.services.map((service) =>
      h(
        'li',
        {},
        service.name,
        service.type ? h('span', { class: 'muted' }, ` ${service.type}`) : null,
        service.isThisService ? h('span', { class: 'muted' }, ` (${s('thisService')})`) : null,
      ),
    ),
  );
  const badges = h(
    'div',
    { class: 'badges' },
    row.cheapestPerMonth ? h('span', { class: 'badge cheapest' }, icon('star-full'), ' ', s('cheapest')) : null,
    row.renewsMore ? h('span', { class: 'badge bundle' }, icon('layers'), ' ', s('renewsMore')) : null,
    row.versusShortestText ? h('span', { class: 'versus' }, row.versusShortestText) : null,
  );
  return h(
    'tr',
    { class: selected ? 'selected' : undefined, onclick: () => !state.busy && ctx.send({ type: 'select', key: row.key }) },
    h(
      'td',
      {},
      h('input', {
        id,
        type: 'radio',
        name: 'strategy',
        checked: selected,
        disabled: state.busy !== undefined,
        'aria-label': fill(s('optionLabel'), row.periodLabel, row.totalText, row.newExpiryText),
        onchange: () => ctx.send({ type: 'select', key: row.key }),
      }),
    ),
    h('td', {}, h('label', { for: id }, row.periodLabel)),
    h('td', {}, services, badges),
    h('td', { class: 'money' }, row.totalText),
    h('td', { class: 'money' }, row.perMonthText),
    h('td', {}, row.newExpiryText, row.expiryNoteText ? h('p', { class: 'expiry-note' }, icon('warning'), ' ', row.expiryNoteText) : null),
  );
}

function preview(state: RenewPanelState, ctx: ViewContext): HTMLElement {
  const s = ctx.strings;
  const p = state.preview!;
  const stale = p.key !== state.selectedKey;
  return h(
    'section',
    { class: 'preview', 'aria-labelledby': 'preview-title' },
    h('h2', { id: 'preview-title', tabindex: '-1' }, s('previewTitle')),
    h('p', {}, `${p.servicesText} · ${p.periodLabel} · ${s('newExpiry')}: ${p.newExpiryText}`),
    p.expiryNoteText ? h('p', { class: 'expiry-note', id: 'preview-expiry-note' }, icon('warning'), ' ', p.expiryNoteText) : null,
    h(
      'dl',
      { class: 'amounts' },
      h('dt', {}, s('withoutTax')),
      h('dd', { class: 'money' }, p.withoutTaxText),
      h('dt', {}, s('tax')),
      h('dd', { class: 'money' }, p.taxText),
      h('dt', { class: 'total' }, s('withTax')),
      h('dd', { class: 'money total', id: 'preview-total' }, p.withTaxText),
    ),
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        { id: 'place-order', type: 'button', class: 'primary', disabled: state.busy !== undefined || stale, onclick: () => ctx.send({ type: 'placeOrder' }) },
        icon('credit-card'),
        ' ',
        s('placeOrder'),
      ),
    ),
  );
}

function order(state: RenewPanelState, ctx: ViewContext): HTMLElement {
  const s = ctx.strings;
  const o = state.order!;
  return h(
    'section',
    { class: 'order', 'aria-labelledby': 'order-title' },
    h('h2', { id: 'order-title', tabindex: '-1' }, fill(s('orderTitle'), String(o.orderId))),
    buying(state, ctx),
    h(
      'dl',
      { class: 'amounts' },
      h('dt', {}, s('withTax')),
      h('dd', { class: 'money' }, o.withTaxText),
      h('dt', {}, s('orderStatus')),
      h('dd', { id: 'order-status' }, o.statusLabel),
    ),
    o.retractionText ? h('p', { class: 'muted' }, fill(s('retraction'), o.retractionText)) : null,
    h(
      'div',
      { class: 'actions' },
      o.hasOrderLink
        ? h(
            'button',
            { id: 'open-order', type: 'button', class: 'secondary', onclick: () => ctx.send({ type: 'openLink', which: 'order' }) },
            icon('link-external'),
            ' ',
            s('openOrder'),
          )
        : null,
      o.hasPdfLink
        ? h(
            'button',
            { id: 'open-pdf', type: 'button', class: 'secondary', onclick: () => ctx.send({ type: 'openLink', which: 'pdf' }) },
            icon('file-pdf'),
            ' ',
            s('openPdf'),
          )
        : null,
    ),
    o.delivered && o.newExpiryText
      ? h('p', { class: 'success', id: 'result', tabindex: '-1' }, icon('pass-filled'), ' ', fill(s('delivered'), o.newExpiryText))
      : null,
    state.payment && !o.paid ? payment(state, ctx) : null,
  );
}

/** Once ordered, what is being bought stays in sight: services, period, new expiry. */
function buying(state: RenewPanelState, ctx: ViewContext): HTMLElement | null {
  const p = state.preview;
  const s = ctx.strings;
  const o = state.order;
  // A resumed order has no preview in this panel: what the journal recorded is shown.
  if (!p)
    return o?.servicesText
      ? h('div', { class: 'buying' }, h('p', { id: 'order-what' }, fill(s('orderWhat'), o.servicesText, o.periodText ?? '', o.expectedExpiryText ?? '')))
      : null;
  return h(
    'div',
    { class: 'buying' },
    h('p', {}, h('strong', {}, `${s('buyingTitle')}: `), `${p.servicesText} · ${p.periodLabel} · ${s('newExpiry')}: ${p.newExpiryText}`),
    p.expiryNoteText && !state.order?.delivered ? h('p', { class: 'expiry-note' }, icon('warning'), ' ', p.expiryNoteText) : null,
  );
}

function payment(state: RenewPanelState, ctx: ViewContext): HTMLElement {
  const s = ctx.strings;
  const pay = state.payment!;
  const busy = state.busy !== undefined;
  return h(
    'fieldset',
    { class: 'payment' },
    h('legend', {}, s('paymentTitle')),
    ...pay.options.map((option) =>
      h(
        'label',
        { class: option.selectable ? 'option' : 'option disabled' },
        h('input', {
          id: `pay-${option.id}`,
          type: 'radio',
          name: 'payment',
          checked: option.id === pay.selectedId,
          disabled: busy || !option.selectable,
          onchange: () => ctx.send({ type: 'selectPayment', optionId: option.id }),
        }),
        ' ',
        option.label,
        option.isDefault ? h('span', { class: 'muted' }, ` (${s('defaultMethod')})`) : null,
        option.statusText ? h('span', { class: 'muted' }, ` — ${option.statusText}`) : null,
      ),
    ),
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        { id: 'pay', type: 'button', class: 'primary', disabled: busy || pay.selectedId === undefined, onclick: () => ctx.send({ type: 'pay' }) },
        icon('credit-card'),
        ' ',
        s(pay.again ? 'payAgain' : 'pay'),
      ),
    ),
  );
}
