/**
 * The outlook chart's arithmetic: a "nice" axis (1, 2, 2.5 or 5 times a power of ten)
 * and the rectangles of stacked bars. Pure and DOM-free so the unit tests cover it;
 * the host lays the outlook's chart out with it (outlookChart), the webview only draws.
 */

export interface Axis {
  readonly max: number;
  readonly ticks: readonly number[];
}

const STEPS = [1, 2, 2.5, 5, 10];

/** An axis from 0 that covers `max` in at most `count` equal, round steps. */
export function niceAxis(max: number, count = 4): Axis {
  if (!(max > 0) || !Number.isFinite(max)) return { max: 1, ticks: [0, 1] };
  const rough = max / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = (STEPS.find((s) => s * power >= rough) ?? 10) * power;
  // A maximum so small that a quarter of it underflows has no round step: one plain step.
  if (!(step > 0) || !Number.isFinite(step)) return { max, ticks: [0, max] };
  let top = Math.ceil(max / step - 1e-9) * step;
  // Never below the maximum, even by a rounding error.
  if (top < max) top += step;
  const ticks: number[] = [];
  for (let i = 0; i * step <= top + step / 2; i += 1) ticks.push(i * step);
  ticks[ticks.length - 1] = top;
  return { max: top, ticks };
}

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface BarLayout {
  readonly bars: readonly { readonly x: number; readonly width: number; readonly segments: readonly Rect[] }[];
  readonly axis: Axis;
  /** y of each tick, same order as axis.ticks. */
  readonly tickY: readonly number[];
}

/** Stacked bars in a plot box: bottom at `top + height`, segments stacked upwards in order. */
export function stackedBars(values: readonly (readonly number[])[], box: { left: number; top: number; width: number; height: number }, gap = 0.25): BarLayout {
  const totals = values.map((segments) => segments.reduce((sum, v) => sum + Math.max(0, v), 0));
  const axis = niceAxis(Math.max(0, ...totals));
  const slot = values.length === 0 ? 0 : box.width / values.length;
  const barWidth = slot * (1 - gap);
  const scale = (v: number): number => (v / axis.max) * box.height;
  const bottom = box.top + box.height;
  const bars = values.map((segments, i) => {
    const x = box.left + i * slot + (slot - barWidth) / 2;
    let y = bottom;
    const rects = segments.map((value) => {
      const height = scale(Math.max(0, value));
      y -= height;
      return { x, y, width: barWidth, height };
    });
    return { x, width: barWidth, segments: rects };
  });
  return { bars, axis, tickY: axis.ticks.map((t) => bottom - scale(t)) };
}
