import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { niceAxis, stackedBars } from '../../../src/outlook/pure/chartScale';

suite('outlook chart: axis and stacked bars', () => {
  test('nice axes use round steps', () => {
    assert.deepEqual(niceAxis(93), { max: 100, ticks: [0, 25, 50, 75, 100] });
    assert.deepEqual(niceAxis(1234.5), { max: 1500, ticks: [0, 500, 1000, 1500] });
    assert.deepEqual(niceAxis(0), { max: 1, ticks: [0, 1] });
  });

  test('a maximum too small for a round step (a quarter of it underflows) still gives a finite axis that covers it', () => {
    // Found by the stacking property below: 5e-324 / 4 is 0 and log10(0) is -Infinity.
    for (const max of [5e-324, 1e-320]) {
      const axis = niceAxis(max);
      assert.ok(Number.isFinite(axis.max) && axis.max >= max, `${axis.max} for ${max}`);
      assert.ok(axis.ticks.every(Number.isFinite) && axis.ticks[0] === 0 && axis.ticks.at(-1) === axis.max);
      const [bar] = stackedBars([[max]], { left: 0, top: 0, width: 10, height: 100 }).bars;
      assert.ok(Number.isFinite(bar.segments[0].height) && bar.segments[0].height <= 100);
    }
  });

  test('property: the axis covers the maximum with at most five ticks', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 1e9, noNaN: true }), (max) => {
        const axis = niceAxis(max);
        assert.ok(axis.max >= max && axis.max < max * 2.6, `${axis.max} for ${max}`);
        assert.ok(axis.ticks.length <= 6 && axis.ticks[0] === 0 && axis.ticks[axis.ticks.length - 1] === axis.max);
      }),
    );
  });

  test('property: segments stack without gaps and stay inside the box', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { maxLength: 5 }), { minLength: 1, maxLength: 36 }), (values) => {
        const box = { left: 40, top: 10, width: 600, height: 200 };
        const layout = stackedBars(values, box);
        layout.bars.forEach((bar, i) => {
          let bottom = box.top + box.height;
          bar.segments.forEach((rect, j) => {
            assert.ok(Math.abs(rect.y + rect.height - bottom) < 1e-6);
            assert.ok(rect.height >= 0 && Math.abs(rect.height - (values[i][j] / layout.axis.max) * box.height) < 1e-6);
            bottom = rect.y;
          });
          assert.ok(bottom >= box.top - 1e-6);
          assert.ok(bar.x >= box.left && bar.x + bar.width <= box.left + box.width + 1e-6);
        });
      }),
    );
  });
});
