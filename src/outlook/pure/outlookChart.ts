/**
 * The outlook's bar chart, laid out by the host so that the webview only draws it: the
 * numbers are in the SVG's own units (its viewBox), which the webview scales to the
 * panel's width. Room is left of the plot for the amounts and below it for the months.
 */
import type { OutlookChart } from '../../protocol/outlook';
import { stackedBars } from './chartScale';

const WIDTH = 720;
const HEIGHT = 260;
const PLOT = { left: 72, top: 12, width: WIDTH - 84, height: HEIGHT - 48 };

/**
 * One stacked bar per month from its segments' amounts (currency units), on an axis whose
 * ticks `tickText` writes. Lines and labels come from the one axis the bars are scaled to.
 */
export function outlookChart(values: readonly (readonly number[])[], tickText: (value: number) => string): OutlookChart {
  const layout = stackedBars(values, PLOT);
  return {
    width: WIDTH,
    height: HEIGHT,
    plot: PLOT,
    ticks: layout.axis.ticks.map((value, i) => ({ y: layout.tickY[i], text: tickText(value) })),
    bars: layout.bars.map((bar) => ({ x: bar.x, width: bar.width, segments: bar.segments.map(({ y, height }) => ({ y, height })) })),
  };
}
