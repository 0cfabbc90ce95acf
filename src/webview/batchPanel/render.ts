import type { BatchMessage, BatchRow, BatchState } from '../../protocol/batchPanel';
import { h, icon } from '../shared/dom';
import { fill } from '../shared/fill';

export interface BatchContext {
  readonly strings: (key: string) => string;
  readonly send: (message: BatchMessage) => void;
}

const BUSY = new Set<BatchState['phase']>(['loading', 'previewing', 'confirmingOrders', 'ordering', 'confirmingPay', 'paying']);

const STATUS_ICON: Partial<Record<BatchRow['status'], string>> = {
  delivered: 'pass-filled',
  paid: 'pass',
  ordered: 'circle-large-outline',
  refused: 'error',
  previewFailed: 'error',
  payFailed: 'error',
  uncertain: 'question',
  payUncertain: 'question',
  covered: 'link',
  conflict: 'warning',
  blocked: 'circle-slash',
  previewing: 'loading',
  placing: 'loading',
  paying: 'loading',
};

/** Pure DOM from the state: the webview decides nothing; every button names a row or a choice. */
export function render(state: BatchState, ctx: BatchContext): HTMLElement {
  const s = ctx.strings;
  const busy = BUSY.has(state.phase);
  const root = h('div', { class: 'batch' }, h('h1', {}, s('title')));
  if (state.phase === 'loading') root.append(h('p', { class: 'muted' }, icon('loading'), ' ', s('loading')));
  if (state.progress) {
    root.append(
      h('progress', {
        id: 'progress',
        max: String(state.progress.total),
        value: String(state.progress.done),
        'aria-label': `${state.progress.done}/${state.progress.total}`,
      }),
    );
  }
  if (state.error) root.append(h('div', { class: 'error', role: 'alert' }, icon('error'), ' ', state.error));
  if (state.notice) root.append(h('div', { class: 'notice', role: 'status' }, state.notice));
  const table = h(
    'table',
    { class: 'rows' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ...['include', 'service', 'expiry', 'option', 'price', 'status'].map((key) => h('th', { scope: 'col' }, s(key))),
        h('th', { scope: 'col' }, ''),
      ),
    ),
    h('tbody', {}, ...state.rows.map((row) => renderRow(row, state, ctx, busy))),
  );
  root.append(table);
  if (state.totals.length > 0) root.append(h('p', { class: 'total', id: 'total' }, `${s('total')}: `, h('strong', {}, state.totals.join(' + '))));
  const actions = h('div', { class: 'actions' });
  if (state.phase === 'choosing' || state.phase === 'previewed' || state.phase === 'previewing') {
    actions.append(
      h(
        'button',
        { id: 'previewAll', class: 'secondary', disabled: busy || !state.canPreview, onclick: () => ctx.send({ type: 'previewAll' }) },
        s('previewAll'),
      ),
    );
    actions.append(
      h(
        'button',
        { id: 'placeOrders', class: 'primary', disabled: busy || !state.canOrder, onclick: () => ctx.send({ type: 'placeOrders' }) },
        s('placeOrders'),
      ),
    );
  }
  if (state.phase === 'paused') actions.append(h('button', { id: 'stopBatch', class: 'secondary', onclick: () => ctx.send({ type: 'stopBatch' }) }, s('stop')));
  if (state.payment) {
    const select = h(
      'select',
      {
        id: 'paymentMethod',
        'aria-label': s('paymentMethod'),
        disabled: busy,
        onchange: (event: Event) => ctx.send({ type: 'selectPayment', optionId: (event.target as HTMLSelectElement).value }),
      },
      ...state.payment.options.map((option) =>
        h(
          'option',
          { value: option.id, disabled: !option.selectable, selected: option.id === state.payment?.selectedId },
          option.statusText ? `${option.label} (${option.statusText})` : option.label,
        ),
      ),
    );
    actions.append(h('label', { for: 'paymentMethod' }, s('paymentMethod')), select);
    actions.append(h('button', { id: 'payAll', class: 'primary', disabled: busy || !state.canPay, onclick: () => ctx.send({ type: 'payAll' }) }, s('payAll')));
    if (state.phase === 'ordered')
      actions.append(h('button', { id: 'payLater', class: 'secondary', onclick: () => ctx.send({ type: 'payLater' }) }, s('payLater')));
  }
  root.append(actions);
  return root;
}

function renderRow(row: BatchRow, state: BatchState, ctx: BatchContext, busy: boolean): HTMLElement {
  const s = ctx.strings;
  const editable = row.canChange && (state.phase === 'choosing' || state.phase === 'previewed') && !busy;
  const checkbox = h('input', {
    type: 'checkbox',
    id: `include-${row.key}`,
    checked: row.included,
    disabled: !editable,
    'aria-label': `${s('include')} ${row.name}`,
    onchange: (event: Event) => ctx.send({ type: 'setIncluded', row: row.key, value: (event.target as HTMLInputElement).checked }),
  });
  const option =
    row.options.length === 0
      ? h('span', { class: 'muted' }, '—')
      : h(
          'select',
          {
            id: `option-${row.key}`,
            'aria-label': `${s('option')} ${row.name}`,
            disabled: !editable || !row.included,
            onchange: (event: Event) => ctx.send({ type: 'choose', row: row.key, option: (event.target as HTMLSelectElement).value }),
          },
          ...row.options.map((choice) =>
            h(
              'option',
              { value: choice.key, selected: choice.key === row.chosenKey },
              `${choice.label} — ${choice.priceText} (${choice.perMonthText}/${s('month')})${choice.cheapestPerMonth ? ` ★ ${s('cheapest')}` : ''}`,
            ),
          ),
        );
  // The select is as wide as its longest choice allows and cuts the rest, often the price:
  // the chosen strategy's price also stands on its own line below it.
  const chosen = row.options.find((choice) => choice.key === row.chosenKey);
  const chosenPrice = chosen
    ? h('div', { class: 'chosen-price', id: `chosen-price-${row.key}` }, `${chosen.priceText} (${chosen.perMonthText}/${s('month')})`)
    : false;
  const actions = h('td', { class: 'row-actions' });
  if (row.canRetry)
    actions.append(
      h('button', { id: `retry-${row.key}`, class: 'secondary', disabled: busy, onclick: () => ctx.send({ type: 'retryRow', row: row.key }) }, s('retry')),
    );
  if (row.canCheckAgain)
    actions.append(h('button', { id: `check-${row.key}`, class: 'primary', onclick: () => ctx.send({ type: 'checkAgain', row: row.key }) }, s('checkAgain')));
  if (row.hasOrderLink && row.orderId !== undefined) {
    actions.append(
      h(
        'button',
        { id: `order-${row.key}`, class: 'link', disabled: busy, onclick: () => ctx.send({ type: 'openLink', row: row.key }) },
        icon('link-external'),
        ' ',
        fill(s('openOrder'), String(row.orderId)),
      ),
    );
  }
  const statusIcon = STATUS_ICON[row.status];
  return h(
    'tr',
    { class: `row status-${row.status}`, 'data-key': row.key },
    h('td', {}, checkbox),
    h('th', { scope: 'row' }, h('span', { class: 'name' }, row.name), row.typeLabel ? h('span', { class: 'muted type' }, ` · ${row.typeLabel}`) : false),
    h('td', {}, row.expiryText, row.newExpiryText ? h('div', { class: 'muted' }, `→ ${row.newExpiryText}`) : false),
    h('td', {}, option, chosenPrice),
    h('td', { class: 'price' }, row.withTaxText ?? ''),
    h(
      'td',
      { class: 'status' },
      statusIcon ? icon(statusIcon) : false,
      ' ',
      row.statusText,
      row.errorText ? h('div', { class: 'error-text' }, row.errorText) : false,
    ),
    actions,
  );
}
