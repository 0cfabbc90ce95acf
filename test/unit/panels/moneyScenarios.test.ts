import * as assert from 'node:assert/strict';
import { SimWorld } from './simWorld';

/**
 * The nine ways issue 13 found to lose money or tell the user something false, each
 * driven through the real RenewSession with a fake OVH, fake globalState per window and
 * a real shared storage directory.
 */
/** Until the action ends or a further order POST reaches OVH (held there by the test's gate). */
async function settledOrPosted(world: SimWorld, action: Promise<void>, posts: number): Promise<void> {
  let done = false;
  void action.then(() => (done = true));
  while (!done && world.ovh.orderPosts.length < posts) await new Promise<void>((resolve) => setImmediate(resolve));
}

suite('Renew session: money safety scenarios (issue 13)', () => {
  let world: SimWorld;
  setup(() => {
    world = new SimWorld();
  });
  teardown(() => world.dispose());

  test('1. after a lost answer, a same-amount order of another service is never adopted', async () => {
    const panel = await world.window('A').open(2);
    await panel.choose([2]);
    world.ovh.postFault = 'timeoutNothingDone';
    // While our POST is on the server, someone orders alpha.com: same extension, same price.
    let other: number | undefined;
    world.ovh.duringPost = () => (other = world.ovh.seedOrder([1], 12).orderId);
    await panel.handle({ type: 'placeOrder' });
    assert.ok(other !== undefined);
    assert.notEqual(panel.state.order?.orderId, other, 'beta.com adopted the order of alpha.com');
    assert.equal(panel.state.order, undefined);
    assert.equal(world.ovh.payRequests.length, 0);
    assert.ok(!/No order was created/.test(panel.allText), 'an empty search was taken as proof');
    assert.match(panel.state.error?.explanation ?? '', /not known/i);
  });

  test('2a. two windows: "Place order" in B while A\'s order is in flight creates one order', async () => {
    const a = await world.window('A').open(2);
    const b = await world.window('B').open(2);
    await a.choose([2]);
    await b.choose([2]);
    let release!: () => void;
    world.ovh.postGate = new Promise<void>((resolve) => (release = resolve));
    const placingA = a.handle({ type: 'placeOrder' });
    while (world.ovh.orderPosts.length === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    // A's journal entry has not reached window B's globalState yet.
    const placingB = b.handle({ type: 'placeOrder' });
    await settledOrPosted(world, placingB, 2);
    release();
    await Promise.all([placingA, placingB]);
    assert.equal(world.ovh.orderPosts.length, 1);
    assert.match(b.allText, /being placed in another window/);
    assert.ok(a.state.order);
  });

  test('2b. two windows: both modals open first, both confirmed: one order', async () => {
    const a = await world.window('A').open(2);
    const b = await world.window('B').open(2);
    await a.choose([2]);
    await b.choose([2]);
    a.holdConfirms = true;
    b.holdConfirms = true;
    let release!: () => void;
    world.ovh.postGate = new Promise<void>((resolve) => (release = resolve));
    const placingA = a.handle({ type: 'placeOrder' });
    const placingB = b.handle({ type: 'placeOrder' });
    (await a.confirmation()).answer(true);
    while (world.ovh.orderPosts.length === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    (await b.confirmation()).answer(true);
    await settledOrPosted(world, placingB, 2);
    release();
    await Promise.all([placingA, placingB]);
    assert.equal(world.ovh.orderPosts.length, 1);
    assert.equal(b.state.order, undefined);
    assert.match(b.allText, /being placed in another window/);
  });

  test('2c. a window that finds an order being placed elsewhere says so and keeps the record', async () => {
    const a = await world.window('A').open(2);
    await a.choose([2]);
    let release!: () => void;
    world.ovh.postGate = new Promise<void>((resolve) => (release = resolve));
    const placingA = a.handle({ type: 'placeOrder' });
    while (world.ovh.orderPosts.length === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    world.propagate();
    const listingsBefore = world.ovh.listings.length;
    const b = await world.window('B').open(2);
    assert.match(b.allText, /being placed in another window/);
    assert.equal(world.ovh.listings.length, listingsBefore, 'B searched for an order A is still placing');
    release();
    await placingA;
    world.propagate();
    const c = await world.window('C').open(2);
    assert.equal(c.state.order?.orderId, a.state.order?.orderId);
  });

  test('3. a bundle order in flight locks every service it renews', async () => {
    const window = world.window('A');
    const domain = await window.open(2);
    const hosting = await window.open(3);
    await domain.choose([2, 3]);
    await hosting.choose([3]);
    hosting.holdConfirms = true;
    const placingHosting = hosting.handle({ type: 'placeOrder' });
    await hosting.confirmation();
    let release!: () => void;
    world.ovh.postGate = new Promise<void>((resolve) => (release = resolve));
    const placingBundle = domain.handle({ type: 'placeOrder' });
    while (world.ovh.orderPosts.length === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    hosting.confirmations[0]?.answer(true);
    await settledOrPosted(world, placingHosting, 2);
    release();
    await Promise.all([placingHosting, placingBundle]);
    assert.deepEqual(
      world.ovh.orderPosts.map((post) => post.services),
      [[2, 3]],
    );
    assert.match(hosting.allText, /being placed in another window|being placed in another panel/);
  });

  test('4. a lost answer and a listing that lags: the order is found, never "no order was created"', async () => {
    const panel = await world.window('A').open(2);
    await panel.choose([2]);
    world.ovh.postFault = 'lostAnswer';
    world.ovh.listingDelayMs = 25_000;
    await panel.handle({ type: 'placeOrder' });
    const [created] = [...world.ovh.orders.values()];
    assert.equal(world.ovh.orderPosts.length, 1);
    assert.equal(panel.state.order?.orderId, created?.orderId);
    assert.ok(!/No order was created/.test(panel.allText));
  });

  test('5a. after an uncertain payment, Pay sends nothing more', async () => {
    const panel = await world.window('A').open(2);
    await panel.choose([2]);
    await panel.handle({ type: 'placeOrder' });
    assert.ok(panel.state.order);
    world.ovh.payFault = 'timeoutNothingDone';
    // The payment's answer is lost, and so is every status check after it.
    world.ovh.duringPay = () => (world.ovh.statusFails = true);
    await panel.handle({ type: 'pay' });
    assert.equal(world.ovh.payRequests.length, 1);
    await panel.handle({ type: 'pay' });
    assert.equal(world.ovh.payRequests.length, 1, 'a second payment was sent after an uncertain outcome');
    assert.match(panel.allText, /not known whether the payment went through/);
  });

  test('5b. two windows pay the same order: one payment, and the other says it was paid elsewhere', async () => {
    const a = await world.window('A').open(2);
    await a.choose([2]);
    await a.handle({ type: 'placeOrder' });
    world.propagate();
    const b = await world.window('B').open(2);
    assert.equal(b.state.order?.orderId, a.state.order?.orderId);
    a.holdConfirms = true;
    b.holdConfirms = true;
    const payingA = a.handle({ type: 'pay' });
    const payingB = b.handle({ type: 'pay' });
    (await a.confirmation(2)).answer(true);
    await payingA;
    (await b.confirmation()).answer(true);
    await payingB;
    assert.equal(world.ovh.payRequests.length, 1);
    assert.match(b.allText, /already paid/i);
  });

  test('6. a price change between preview and order asks again, stating both amounts', async () => {
    const panel = await world.window('A').open(2);
    await panel.choose([2]);
    world.ovh.priceDrift = 1;
    panel.holdConfirms = true;
    const placing = panel.handle({ type: 'placeOrder' });
    (await panel.confirmation(1)).answer(true);
    const second = await panel.confirmation(2);
    assert.match(`${second.message} ${second.detail}`, /12\.00/);
    assert.match(`${second.message} ${second.detail}`, /13\.00/);
    second.answer(false);
    await placing;
    assert.equal(world.ovh.payRequests.length, 0);
    assert.equal(world.ovh.orderPosts.length, 1);
  });

  test('7a. a record whose order is gone ends, and the options still load', async () => {
    const a = await world.window('A').open(2);
    await a.choose([2]);
    await a.handle({ type: 'placeOrder' });
    const orderId = a.state.order?.orderId ?? -1;
    const order = world.ovh.orders.get(orderId);
    assert.ok(order);
    order.gone = true;
    world.propagate();
    const b = await world.window('B').open(2);
    assert.equal(b.state.phase, 'ready');
    assert.equal(b.state.order, undefined);
    assert.match(b.allText, new RegExp(`${orderId}.*no longer exists`));
    const c = await world.window('C').open(2);
    assert.equal(c.state.order, undefined);
  });

  test('7b. an unpaid order past its expiration date is not offered for payment', async () => {
    const a = await world.window('A').open(2);
    await a.choose([2]);
    await a.handle({ type: 'placeOrder' });
    const order = world.ovh.orders.get(a.state.order?.orderId ?? -1);
    assert.ok(order);
    order.expirationMs = world.ovh.clockMs - 1;
    world.propagate();
    const b = await world.window('B').open(2);
    assert.equal(b.state.payment, undefined);
    assert.equal(b.state.phase, 'ready');
    assert.match(b.allText, /expired/);
  });

  test('8. two windows recording orders at once keep both records', async () => {
    const a = await world.window('A').open(1);
    const b = await world.window('B').open(2);
    await a.choose([1]);
    await b.choose([2]);
    await a.handle({ type: 'placeOrder' });
    await b.handle({ type: 'placeOrder' });
    world.propagate();
    const c = world.window('C');
    const one = await c.open(1);
    const two = await c.open(2);
    assert.equal(one.state.order?.orderId, a.state.order?.orderId);
    assert.equal(two.state.order?.orderId, b.state.order?.orderId);
  });

  test('9. the same account signed in twice shares records and locks', async () => {
    const a = await world.window('A', 'signed-in-with-app-key').open(2);
    await a.choose([2]);
    await a.handle({ type: 'placeOrder' });
    world.propagate();
    const b = await world.window('B', 'signed-in-with-oauth2').open(2);
    assert.equal(b.state.order?.orderId, a.state.order?.orderId);
    // Whatever the webview sends, no second order.
    await b.handle({ type: 'select', key: b.state.rows[0]?.key ?? '' });
    await b.handle({ type: 'preview' });
    await b.handle({ type: 'placeOrder' });
    assert.equal(world.ovh.orderPosts.length, 1);
  });
});
