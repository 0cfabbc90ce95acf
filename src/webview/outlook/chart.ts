import type { OutlookMonthView, OutlookState } from '../../protocol/outlook';

/**
 * The outlook's bar chart as SVG: one stacked bar per month, one segment per kind and
 * product type, coloured by kind with the theme's chart colours (see outlook.css).
 * Each bar is a keyboard-focusable button; arrows move between months. The host laid the
 * chart out (`state.chart`, in the SVG's units): this only draws it.
 */

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

export function barLabel(month: OutlookMonthView, hint: string): string {
  // Starts with the visible label, so speech input ("click Dec 26") finds the bar.
  return `${month.shortLabel}, ${month.label}: ${month.totalText} (${month.count}). ${hint}`;
}

export function chart(state: OutlookState, onSelect: (month: string) => void): SVGElement {
  const { width, height, plot, ticks } = state.chart;
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'group', 'aria-label': state.strings.chartLabel });
  for (const { y, text } of ticks) {
    root.append(svg('line', { x1: plot.left, x2: plot.left + plot.width, y1: y, y2: y, class: 'grid' }));
    root.append(svg('text', { x: plot.left - 6, y: y + 4, class: 'tick', 'text-anchor': 'end', 'aria-hidden': 'true' }, text));
  }
  const bars: SVGElement[] = [];
  state.months.forEach((month, i) => {
    const bar = state.chart.bars[i];
    const selected = state.selected?.month === month.month;
    const group = svg('g', {
      class: `bar${selected ? ' selected' : ''}`,
      role: 'button',
      tabindex: selected || (!state.selected && i === 0) ? 0 : -1,
      'aria-pressed': String(selected),
      'aria-label': barLabel(month, state.strings.barHint),
      'data-month': month.month,
    });
    // A transparent full-height target: months without renewals stay clickable.
    group.append(svg('rect', { x: bar.x, y: plot.top, width: bar.width, height: plot.height, class: 'hit' }));
    bar.segments.forEach((rect, j) => {
      const segment = month.segments[j];
      const part = svg('rect', { x: bar.x, y: rect.y, width: bar.width, height: rect.height, class: `segment ${segment.kind}` });
      part.append(svg('title', {}, `${segment.typeLabel} · ${state.strings[segment.kind]}: ${segment.text} (${segment.count})`));
      group.append(part);
    });
    group.append(svg('text', { x: bar.x + bar.width / 2, y: height - 22, class: 'label', 'text-anchor': 'middle', 'aria-hidden': 'true' }, month.shortLabel));
    group.addEventListener('click', () => onSelect(month.month));
    group.addEventListener('keydown', (event) => {
      const key = (event as KeyboardEvent).key;
      if (key === 'Enter' || key === ' ') {
        event.preventDefault();
        onSelect(month.month);
      } else if (key === 'ArrowRight' || key === 'ArrowLeft' || key === 'Home' || key === 'End') {
        event.preventDefault();
        const next = key === 'Home' ? 0 : key === 'End' ? bars.length - 1 : Math.min(bars.length - 1, Math.max(0, i + (key === 'ArrowRight' ? 1 : -1)));
        bars.forEach((b, k) => b.setAttribute('tabindex', k === next ? '0' : '-1'));
        (bars[next] as unknown as HTMLElement).focus();
      }
    });
    bars.push(group);
    root.append(group);
  });
  root.append(svg('line', { x1: plot.left, x2: plot.left + plot.width, y1: plot.top + plot.height, y2: plot.top + plot.height, class: 'axis' }));
  return root;
}
