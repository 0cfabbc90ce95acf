import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SimWorld, until, type TestPanel } from './simWorld';

/**
 * The ways to a second order or payment that an outside review found (issue 27), each
 * driven through the real RenewSession or BatchSession with the fake OVH, a fake clock,
 * scripted modals and a real shared storage folder. Each asserts on what OVH received
 * and what the user was told.
 */

/** Tries to order again from whatever the panel shows: select, preview, place. */
async function orderAgain(panel: TestPanel): Promise<void> {
  const key = panel.state.selectedKey ?? panel.state.rows[0]?.key ?? '';
  await panel.handle({ type: 'select', key });
  await panel.handle({ type: 'preview' });
  await panel.handle({ type: 'placeOrder' });
}

/**
 * Pay pressed again after a payment OVH has not confirmed: a dialog must say that the first
 * payment may still go through; the user declines, and nothing is sent.
 */
async function declinePayAgain(world: SimWorld, panel: TestPanel): Promise<void> {
  panel.holdConfirms = true;
  const asked = panel.confirmations.length;
  const requests = world.ovh.payRequests.length;
  const paying = panel.handle({ type: 'pay' });
  await until(() => panel.confirmations.length > asked || world.ovh.payRequests.length > requests, 'a dialog before any second payment');
  const again = panel.confirmations[asked];
  assert.ok(again, 'a second payment was sent without a dialog');
  assert.match(`${again.message} ${again.detail}`, /may still go through/i);
  // It names what is paid, as the first dialog did (the money model found a Pay Again that named nothing).
  assert.match(again.detail, /Renewal of \S+ for 1 year\./);
  again.answer(false);
  await paying;
}

/**
 * Window A's single panel on site1.fr (service 11), in the same world as the batch, sends its
 * order POST; OVH holds the answer until `release`.
 */
async function windowAPlacing(world: SimWorld): Promise<{ release: () => void; placing: Promise<void> }> {
  const panel = await world.window('A').open(11);
  await panel.choose([11]);
  let release!: () => void;
  world.ovh.postGate = new Promise<void>((resolve) => (release = resolve));
  const placing = panel.handle({ type: 'placeOrder' });
  await until(() => world.ovh.orderPosts.length === 1, "A's order on the server");
  return { release, placing };
}

suite("Money core: the outside review's cases (issue 27)", function () {
  this.timeout(30_000);

  suite('single renewal', () => {
    let world: SimWorld;
    setup(() => {
      world = new SimWorld();
    });
    teardown(() => world.dispose());

    for (const fault of ['html408Acted', 'checkTimeoutActed'] as const) {
      test(`1a. an order POST answered ${fault === 'html408Acted' ? 'with an HTML 408' : 'with 400 "Check timeout"'} after OVH acted is uncertain: ordering again sends nothing`, async () => {
        const panel = await world.window('A').open(1);
        await panel.choose([1]);
        world.ovh.postFault = fault;
        // OVH lists the new order only after the search window: nothing proves it either way.
        world.ovh.listingDelayMs = 10 * 60_000;
        await panel.handle({ type: 'placeOrder' });
        assert.equal(world.ovh.orders.size, 1, 'the fake OVH created the order');
        assert.ok(!panel.offers().includes('placeOrder'), 'the panel went back to the preview as if nothing was ordered');
        assert.doesNotMatch(panel.allText, /nothing was ordered|no order was created/i);
        world.ovh.postFault = undefined;
        await orderAgain(panel);
        const other = await world.window('B').open(1);
        await orderAgain(other);
        assert.equal(world.ovh.orderPosts.length, 1, 'a second order was placed');
      });
    }

    test('1c. a payment answered with an HTML 408 after OVH took it: Pay does not come back, no second payment', async () => {
      const panel = await world.window('A').open(1);
      await panel.choose([1]);
      await panel.handle({ type: 'placeOrder' });
      assert.deepEqual(panel.offers(), ['pay']);
      world.ovh.payFault = 'html408Acted';
      // The bank shows the payment only later than the panel's first checks.
      world.ovh.paySettleMs = 10 * 60_000;
      await panel.handle({ type: 'pay' });
      assert.equal(world.ovh.payRequests.length, 1);
      assert.ok(!panel.offers().includes('pay'), 'Pay came back after an uncertain payment');
      world.ovh.payFault = undefined;
      await declinePayAgain(world, panel);
      assert.equal(world.ovh.payRequests.length, 1, 'a second payment was sent');
    });

    test('2. a payment OVH has not confirmed is in progress, not failed: no "did not go through" and no second payment', async () => {
      const panel = await world.window('A').open(1);
      await panel.choose([1]);
      await panel.handle({ type: 'placeOrder' });
      world.ovh.payFault = 'lostAnswer';
      world.ovh.paySettleMs = 10 * 60_000;
      await panel.handle({ type: 'pay' });
      assert.doesNotMatch(panel.allText, /did not go through/i);
      assert.ok(!panel.offers().includes('pay'), 'Pay came back after an uncertain payment');
      world.ovh.payFault = undefined;
      await declinePayAgain(world, panel);
      assert.equal(world.ovh.payRequests.length, 1);
      // The payment settles: the panel shows it went through, without anyone pressing anything.
      world.ovh.paySettleMs = 0;
      await panel.handle({ type: 'retry' });
      await until(() => panel.state.order?.paid === true, 'the panel to show the order paid');
      assert.match(panel.allText, /went through/);
    });

    test('issue 33: a payment whose answer was lost is "your payment went through", never "paid in another window"', async () => {
      const panel = await world.window('A').open(1);
      await panel.choose([1]);
      await panel.handle({ type: 'placeOrder' });
      world.ovh.payFault = 'html408Acted';
      await panel.handle({ type: 'pay' });
      const orderId = panel.state.order?.orderId;
      assert.ok(orderId !== undefined);
      assert.match(panel.allText, new RegExp(`Your payment of order ${orderId} went through`));
      assert.doesNotMatch(panel.allText, /another window|already paid/i);
      assert.equal(world.ovh.payRequests.length, 1);
    });

    test('3. an unpaid bundle order naming the service is never adopted as the single renewal, nor ordered around', async () => {
      const bundle = world.ovh.seedOrder([2, 3], 60);
      const domain = await world.window('A').open(2);
      await domain.choose([2]);
      await domain.handle({ type: 'placeOrder' });
      assert.notEqual(domain.state.order?.orderId, bundle.orderId, 'the bundle order was adopted as the renewal of beta.com alone');
      assert.ok(!domain.confirmations.some((c) => /^Pay/.test(c.message)), 'a pay dialog offered the bundle as this renewal');
      assert.match(domain.allText, /hosting-beta/, 'the other order is not shown for what it is');
      const hosting = await world.window('A').open(3);
      await hosting.choose([3]);
      await hosting.handle({ type: 'placeOrder' });
      assert.equal(world.ovh.orderPosts.length, 0, 'a second renewal was ordered beside the unpaid bundle');
    });

    test('5. an unpaid renewal order older than 48 hours and still payable is found: no second order', async () => {
      const old = world.ovh.seedOrder([1], 12, world.ovh.clockMs - 72 * 3600_000);
      old.expirationMs = world.ovh.clockMs + 5 * 86_400_000;
      const panel = await world.window('A').open(1);
      await panel.choose([1]);
      await panel.handle({ type: 'placeOrder' });
      assert.equal(world.ovh.orderPosts.length, 0);
      assert.equal(panel.state.order?.orderId, old.orderId);
    });

    test('6a. an empty journal entry (a crash mid-write) blocks ordering with a message and a way out', async () => {
      const dir = path.join(world.storageDir, 'order-journal');
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, `${encodeURIComponent('ovhcloud.orderJournal.crashed-1')}.json`), '');
      const panel = await world.window('A').open(1);
      const key = panel.state.rows[0]?.key;
      if (key) {
        await panel.handle({ type: 'select', key });
        await panel.handle({ type: 'preview' });
        await panel.handle({ type: 'placeOrder' });
      }
      assert.equal(world.ovh.orderPosts.length, 0, 'an unreadable record was read as "no order"');
      const shown = `${panel.allText} ${panel.state.error?.explanation ?? ''} ${panel.state.error?.nextStep ?? ''}`;
      assert.match(shown, /(cannot|could not) be read/i);
      assert.match(shown, /Forget/);
    });

    test('6b. a journal folder that cannot be listed is an error, never "no entries"', async () => {
      const dir = path.join(world.storageDir, 'order-journal');
      fs.writeFileSync(dir, 'not a folder');
      const journal = world.window('A').journal();
      assert.throws(() => journal.all());
    });

    test('8. a storage folder that cannot be written: the panel says so and is not left confirming', async () => {
      fs.writeFileSync(path.join(world.storageDir, 'leases'), 'not a folder');
      const panel = await world.window('A').open(1);
      await panel.choose([1]);
      await panel.handle({ type: 'placeOrder' });
      assert.equal(world.ovh.orderPosts.length, 0);
      assert.equal(panel.state.busy, undefined, 'the panel was left working on the order');
      assert.match(panel.state.error?.explanation ?? '', /could not be (recorded|written|saved)/i);
      assert.match(panel.state.error?.explanation ?? '', /nothing was ordered/i);
    });

    test('12. a pay dialog never opens while another window is paying the same order', async () => {
      world.followOtherWindows = true;
      const a = await world.window('A').open(1);
      await a.choose([1]);
      await a.handle({ type: 'placeOrder' });
      const b = await world.window('B').open(1);
      assert.deepEqual(b.offers(), ['pay']);
      let release!: () => void;
      world.ovh.payGate = new Promise<void>((resolve) => (release = resolve));
      const payingA = a.handle({ type: 'pay' });
      await until(() => world.ovh.payRequests.length === 1, "A's payment on the server");
      b.holdConfirms = true;
      const payingB = b.handle({ type: 'pay' });
      // B asks, or shows what it does instead: Pay again, or that another window is at it.
      await until(() => b.confirmations.length > 0 || b.offers().includes('pay') || /being placed in another window/.test(b.state.notice ?? ''), 'B to react');
      const asked = b.confirmations.length;
      for (const confirmation of b.confirmations) confirmation.answer(false);
      release();
      await Promise.all([payingA, payingB]);
      assert.equal(asked, 0, 'B asked to pay an order A was paying');
      assert.equal(world.ovh.payRequests.length, 1);
    });

    test('12b. a payment OVH accepted but does not show yet is followed in another window, never offered again', async () => {
      // The money model's search found it (seed 4247): the bank settles ten minutes after OVH says yes.
      world.ovh.paySettleMs = 10 * 60_000;
      const a = await world.window('A').open(1);
      await a.choose([1]);
      await a.handle({ type: 'placeOrder' });
      // A's panel follows the delivery after its payment; the user closes it meanwhile.
      const payingA = a.handle({ type: 'pay' });
      await until(() => a.state.busy === 'tracking', "A's payment to be answered and followed");
      a.session.dispose();
      await payingA;
      assert.equal(world.ovh.payRequests.length, 1);
      const { panel: c, loaded } = world.window('C').begin(1);
      await until(() => c.state.phase !== 'loading' && c.state.busy !== 'recovering', "C's panel to load");
      c.holdConfirms = true;
      let handled = false;
      const payingC = c.handle({ type: 'pay' }).then(() => (handled = true));
      await until(() => handled || c.confirmations.length > 0, "C's Pay to be handled or asked about");
      for (const confirmation of c.confirmations) confirmation.answer(false);
      await payingC;
      assert.equal(c.confirmations.length, 0, `C asked to pay an order OVH accepted a payment for (it offered ${c.offers().join(', ')})`);
      // C follows the order (working, nothing offered) and says why.
      assert.deepEqual(c.offers(), []);
      assert.equal(c.state.busy, 'tracking');
      assert.match(c.state.notice ?? '', /accepted the payment/);
      // The bank settles: C's panel sees the order delivered.
      world.ovh.clockMs += 10 * 60_000;
      await loaded;
      assert.equal(c.state.order?.delivered, true);
      assert.equal(c.state.busy, undefined);
      assert.deepEqual(c.offers(), []);
      assert.equal(world.ovh.payRequests.length, 1);
    });
  });

  suite('batch', () => {
    let world: SimWorld;
    setup(() => {
      world = new SimWorld();
    });
    teardown(() => world.dispose());

    test('1b. a row whose order POST got an HTML 408 is uncertain, never "nothing was ordered", and Retry sends nothing', async () => {
      const batch = await world.openBatch([1, 11]);
      await batch.handle({ type: 'previewAll' });
      world.ovh.postFault = 'html408Acted';
      world.ovh.listingDelayMs = 10 * 60_000;
      await batch.handle({ type: 'placeOrders' });
      assert.equal(world.ovh.orders.size, 1);
      assert.notEqual(batch.row(1).status, 'refused');
      assert.ok(!batch.states.some((state) => /nothing was ordered/i.test(JSON.stringify(state))), 'a row said nothing was ordered');
      world.ovh.postFault = undefined;
      await batch.handle({ type: 'retryRow', row: '1' });
      await batch.handle({ type: 'placeOrders' });
      assert.equal(world.ovh.orderPosts.filter((post) => post.serviceId === 1).length, 1, 'Retry placed a second order');
    });

    test('4. Check Again on a paused batch asks again before ordering, and skips a row renewed meanwhile', async () => {
      const batch = await world.openBatch([1, 11]);
      await batch.handle({ type: 'previewAll' });
      // alpha.com's order is created, but listed only after the search window: the batch pauses.
      world.ovh.postFault = 'lostAnswer';
      world.ovh.listingDelayMs = 5 * 60_000;
      await batch.handle({ type: 'placeOrders' });
      assert.deepEqual(batch.offers(), ['stopBatch', 'checkAgain:1']);
      world.ovh.postFault = undefined;
      world.ovh.clockMs += 10 * 60_000;
      world.ovh.listingDelayMs = 0;
      // Meanwhile site1.fr is renewed and paid from somewhere else (its own panel, the Control Panel).
      const elsewhere = world.ovh.seedOrder([11], 9.6);
      elsewhere.paid = true;
      const modalsBefore = world.modals.length;
      world.answers.push(false);
      await batch.handle({ type: 'checkAgain', row: '1' });
      assert.equal(world.ovh.orderPosts.filter((post) => post.serviceId === 11).length, 0, 'site1.fr was ordered again');
      assert.ok(world.modals.length > modalsBefore || world.ovh.orderPosts.length === 1, 'orders were placed after the pause without asking');
    });

    test("7a. the order dialog's total counts only the new orders", async () => {
      const first = await world.openBatch([1]);
      await first.handle({ type: 'previewAll' });
      await first.handle({ type: 'placeOrders' });
      assert.deepEqual(first.offers(), ['payAll', 'payLater']);
      const batch = await world.openBatch([1, 11]);
      await batch.handle({ type: 'previewAll' });
      await batch.handle({ type: 'placeOrders' });
      const modal = world.modals.filter((candidate) => /^Place \d+ renewal order/.test(candidate.message)).at(-1);
      assert.ok(modal, world.modals.map((m) => m.message).join(' | '));
      // site1.fr: 8 + 20 % tax; alpha.com's existing €12 order is not part of this dialog.
      assert.match(modal.detail, /Total with tax: €9\.60\b/);
    });

    test('7b. a price change between the batch preview and the order is asked about', async () => {
      const batch = await world.openBatch([1]);
      await batch.handle({ type: 'previewAll' });
      world.ovh.priceDrift = 1;
      await batch.handle({ type: 'placeOrders' });
      assert.ok(
        world.modals.some((modal) => /differs/.test(`${modal.message} ${modal.detail}`)),
        `no dialog about the new amount: ${world.modals.map((m) => m.message).join(' | ')}`,
      );
    });

    test('8b. a batch whose storage folder cannot be written says so and does not stay "ordering"', async () => {
      const batch = await world.openBatch([1]);
      await batch.handle({ type: 'previewAll' });
      fs.writeFileSync(path.join(world.storageDir, 'leases'), 'not a folder');
      await batch.handle({ type: 'placeOrders' });
      await until(() => !batch.working, 'the batch to stop working', 5_000).catch(() => undefined);
      // Nothing was ordered: the row can be tried again.
      assert.deepEqual(batch.offers(), ['retry:1']);
      assert.equal(world.ovh.orderPosts.length, 0);
      assert.match(JSON.stringify(batch.state), /could not be (recorded|written|saved)/i);
      // OVH was never asked: the row must not say it refused.
      assert.doesNotMatch(JSON.stringify(batch.state), /Refused by OVHcloud/);
    });

    test('9. Pay All pays every order without waiting for each delivery', async () => {
      const batch = await world.openBatch([1, 11]);
      await batch.handle({ type: 'previewAll' });
      await batch.handle({ type: 'placeOrders' });
      world.ovh.deliveryHeld = true;
      const paying = batch.handle({ type: 'payAll' });
      try {
        await until(() => world.ovh.payRequests.length === 2, 'both payments while the first delivery is still pending', 5_000);
      } finally {
        world.ovh.deliveryHeld = false;
        await paying;
        batch.session.dispose();
      }
      assert.equal(world.ovh.payRequests.length, 2);
    });

    test("10. a batch opened while another window places a row's order follows it and does not order it", async () => {
      try {
        const { release, placing } = await windowAPlacing(world);
        const batch = await world.openBatch([1, 11]);
        assert.notEqual(batch.row(11).status, 'ready', 'the row being ordered elsewhere shows as not previewed yet');
        await batch.handle({ type: 'previewAll' });
        release();
        await placing;
        await batch.handle({ type: 'placeOrders' });
        assert.equal(world.ovh.orderPosts.filter((post) => post.serviceId === 11).length, 1, 'the batch ordered the row again');
        assert.ok(!batch.offers().includes('stopBatch'), 'the batch paused');
      } finally {
        world.ovh.postGate = undefined;
      }
    });

    test("10b. a batch row that met another window's order follows it: once that window has ordered, the row shows that order without a click", async () => {
      try {
        const { release, placing } = await windowAPlacing(world);
        const batch = await world.openBatch([1, 11]);
        assert.equal(batch.row(11).status, 'elsewhere');
        release();
        await placing;
        const orderId = [...world.ovh.orders.keys()][0];
        await until(() => batch.row(11).orderId === orderId, 'the row showing the order A placed');
        assert.equal(batch.row(11).status, 'ordered');
        await batch.handle({ type: 'previewAll' });
        await batch.handle({ type: 'placeOrders' });
        assert.equal(world.ovh.orderPosts.filter((post) => post.serviceId === 11).length, 1, 'the batch ordered the followed row again');
      } finally {
        world.ovh.postGate = undefined;
      }
    });
  });
});
