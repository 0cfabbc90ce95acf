import * as assert from 'node:assert/strict';
import { RenewSession } from '../../../src/core/orders/renewSession';
import { SimWorld, TestPanel } from './simWorld';

/** Waits for a condition of the session under test (real timers: the lease follow polls files). */
async function until(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Every transition of the renew state machine, through the real session with a fake OVH. */
suite('Renew session: transitions', function () {
  let world: SimWorld;
  setup(() => {
    world = new SimWorld();
  });
  teardown(() => world.dispose());

  /**
   * Windows A and B on service 2, both previewed; A's order POST is held on the server and
   * B presses "Place order" meanwhile: B is told another window is placing it.
   */
  async function bothOrderingWhileAPosts() {
    const a = await world.window('A').open(2);
    const b = await world.window('B').open(2);
    await a.choose([2]);
    await b.choose([2]);
    let release!: () => void;
    world.ovh.postGate = new Promise<void>((resolve) => (release = resolve));
    const placingA = a.handle({ type: 'placeOrder' });
    while (world.ovh.orderPosts.length === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    await b.handle({ type: 'placeOrder' });
    assert.equal(b.step, 'elsewhere');
    return { a, b, release, placingA };
  }

  test('loading → choosing, with the cheapest option selected', async () => {
    const panel = await world.window('A').open(2);
    assert.equal(panel.step, 'choosing');
    assert.equal(panel.state.phase, 'ready');
    assert.ok(panel.state.selectedKey);
  });

  test('a panel closed while it loads sends no further request (the credentials were still being read)', async () => {
    const window = world.window('A');
    const panel = new TestPanel(window, 2);
    const deps = world.panelDeps(window, panel, 'A/closing');
    let release: () => void = () => undefined;
    const credentialsRead = new Promise<void>((resolve) => (release = resolve));
    const calls: string[] = [];
    const api = await deps.api();
    const counted = new Proxy(api!, {
      get: (target, name, receiver) => {
        const value: unknown = Reflect.get(target, name, receiver);
        return typeof value === 'function'
          ? (...args: unknown[]) => (calls.push(String(name)), (value as (...a: unknown[]) => unknown).apply(target, args))
          : value;
      },
    });
    panel.session = new RenewSession({ ...deps, api: async () => (await credentialsRead, counted) });
    const started = panel.session.start();
    panel.session.dispose();
    release();
    await started;
    assert.deepEqual(calls, [], 'no API call after the panel closed');
  });

  test('loading → loadFailed when the service cannot be read; retry → choosing', async () => {
    const window = world.window('A');
    const panel = await window.open(99);
    assert.equal(panel.step, 'loadFailed');
    assert.equal(panel.state.phase, 'error');
    assert.ok(panel.state.error);
  });

  test('choosing → previewing → previewed; a failed preview goes back to choosing with the error', async () => {
    const panel = await world.window('A').open(2);
    world.ovh.previewFails = true;
    await panel.handle({ type: 'preview' });
    assert.equal(panel.step, 'choosing');
    assert.ok(panel.state.error);
    world.ovh.previewFails = false;
    await panel.choose([2]);
    assert.equal(panel.step, 'previewed');
    assert.equal(panel.state.error, undefined);
  });

  test('previewed → select another option → choosing (the preview no longer applies)', async () => {
    const panel = await world.window('A').open(2);
    await panel.choose([2]);
    const other = panel.state.rows.find((row) => row.key !== panel.state.selectedKey);
    assert.ok(other);
    await panel.handle({ type: 'select', key: other.key });
    assert.equal(panel.step, 'choosing');
    assert.equal(panel.state.preview, undefined);
    await panel.handle({ type: 'placeOrder' });
    assert.equal(world.ovh.orderPosts.length, 0, 'no order without a preview of the selected option');
  });

  test('placeOrder before any preview is ignored', async () => {
    const panel = await world.window('A').open(2);
    await panel.handle({ type: 'placeOrder' });
    assert.equal(panel.confirmations.length, 0);
    assert.equal(world.ovh.orderPosts.length, 0);
  });

  test('previewed → confirmingOrder → cancelled → previewed, nothing ordered, nothing recorded', async () => {
    const panel = await world.window('A').open(2);
    await panel.choose([2]);
    panel.holdConfirms = true;
    const placing = panel.handle({ type: 'placeOrder' });
    const confirmation = await panel.confirmation();
    assert.equal(panel.step, 'confirmingOrder');
    assert.match(confirmation.message, /beta\.com/);
    assert.match(confirmation.detail, /12\.00/);
    await panel.handle({ type: 'placeOrder' });
    assert.equal(panel.confirmations.length, 1, 'a double click opens no second modal');
    confirmation.answer(false);
    await placing;
    assert.equal(panel.step, 'previewed');
    assert.equal(world.ovh.orderPosts.length, 0);
    assert.equal(world.journal().all().length, 0);
  });

  test('confirmingOrder → placing → unpaid: the journal entry exists before the POST and holds the order after', async () => {
    const panel = await world.window('A').open(2);
    await panel.choose([2]);
    let duringPost: string | undefined;
    world.ovh.duringPost = () => (duringPost = world.journal().all()[0]?.state);
    await panel.handle({ type: 'placeOrder' });
    assert.equal(duringPost, 'placing');
    assert.equal(panel.step, 'unpaid');
    const [entry] = world.journal().all();
    assert.equal(entry?.state, 'unpaid');
    assert.equal(entry?.orderId, panel.state.order?.orderId);
    assert.ok(panel.state.payment?.selectedId);
  });

  test('placing → refused (4xx) → previewed: the entry ends, nothing is searched', async () => {
    const panel = await world.window('A').open(2);
    await panel.choose([2]);
    world.ovh.postFault = 'refused';
    const listings = world.ovh.listings.length;
    await panel.handle({ type: 'placeOrder' });
    assert.equal(panel.step, 'previewed');
    assert.ok(panel.state.error);
    assert.equal(world.journal().all().length, 0);
    assert.equal(world.ovh.listings.length, listings + 1, 'only the pre-order check listed orders');
  });

  test('placing → lost answer → searching → orderUncertain: searched for at least twice the request timeout, entry kept', async () => {
    const panel = await world.window('A').open(2);
    await panel.choose([2]);
    world.ovh.postFault = 'timeoutNothingDone';
    const start = world.ovh.clockMs;
    await panel.handle({ type: 'placeOrder' });
    assert.equal(panel.step, 'orderUncertain');
    assert.ok(world.ovh.clockMs - start >= 2 * world.requestTimeoutMs, 'gave up before twice the request timeout');
    assert.ok(world.ovh.listings.length >= 4, `only ${world.ovh.listings.length} listings`);
    assert.equal(world.journal().all()[0]?.state, 'unknown');
    await panel.handle({ type: 'placeOrder' });
    await panel.handle({ type: 'pay' });
    assert.equal(world.ovh.orderPosts.length, 1);
  });

  test('placing → lost answer → several matching orders → orderUncertain, none adopted', async () => {
    const panel = await world.window('A').open(2);
    await panel.choose([2]);
    world.ovh.postFault = 'lostAnswer';
    world.ovh.duringPost = () => world.ovh.seedOrder([2], 12);
    await panel.handle({ type: 'placeOrder' });
    assert.equal(panel.step, 'orderUncertain');
    assert.equal(panel.state.order, undefined);
    assert.match(panel.state.error?.explanation ?? '', /several unpaid orders/);
  });

  test('orderUncertain → reopened once the order is listed → unpaid with that order', async () => {
    const panel = await world.window('A').open(2);
    await panel.choose([2]);
    world.ovh.postFault = 'lostAnswer';
    world.ovh.listingDelayMs = 10 * 60_000;
    await panel.handle({ type: 'placeOrder' });
    assert.equal(panel.step, 'orderUncertain');
    world.ovh.listingDelayMs = 0;
    await panel.handle({ type: 'retry' });
    assert.equal(panel.step, 'unpaid');
    assert.equal(panel.state.order?.orderId, [...world.ovh.orders.keys()][0]);
  });

  test('an attempt a day old with no order found ends', async () => {
    const a = await world.window('A').open(2);
    await a.choose([2]);
    world.ovh.postFault = 'timeoutNothingDone';
    await a.handle({ type: 'placeOrder' });
    world.ovh.clockMs += 25 * 3600_000;
    world.propagate();
    const b = await world.window('B').open(2);
    assert.equal(b.step, 'choosing');
    assert.equal(world.journal().all().length, 0);
  });

  test('before the POST, an unpaid order at OVH naming this service is offered instead of ordering', async () => {
    const existing = world.ovh.seedOrder([2], 12);
    const panel = await world.window('A').open(2);
    await panel.choose([2]);
    await panel.handle({ type: 'placeOrder' });
    assert.equal(world.ovh.orderPosts.length, 0);
    assert.equal(panel.state.order?.orderId, existing.orderId);
    assert.match(panel.state.notice ?? '', /already exists/);
  });

  test('unpaid → confirmingPay → cancelled → unpaid; the modal states what is bought', async () => {
    const panel = await world.window('A').open(2);
    await panel.choose([2]);
    await panel.handle({ type: 'placeOrder' });
    panel.holdConfirms = true;
    const paying = panel.handle({ type: 'pay' });
    const confirmation = await panel.confirmation(2);
    assert.match(confirmation.message, /beta\.com/);
    assert.match(confirmation.message, /year/);
    assert.match(confirmation.detail, /New expiry: December 1, 2027/);
    assert.match(confirmation.detail, /12\.00/);
    confirmation.answer(false);
    await paying;
    assert.equal(panel.step, 'unpaid');
    assert.equal(world.ovh.payRequests.length, 0);
  });

  test('unpaid → paying → tracking → ended: paid, delivered, the entry ends', async () => {
    const panel = await world.window('A').open(2);
    await panel.choose([2]);
    await panel.handle({ type: 'placeOrder' });
    await panel.handle({ type: 'pay' });
    assert.equal(panel.step, 'ended');
    assert.equal(panel.state.order?.delivered, true);
    assert.equal(world.ovh.payRequests.length, 1);
    assert.equal(world.journal().all().length, 0);
  });

  test('a refused payment (403) → unpaid again, never "Renewed"', async () => {
    const panel = await world.window('A').open(2);
    await panel.choose([2]);
    await panel.handle({ type: 'placeOrder' });
    world.ovh.payFault = 'refused';
    await panel.handle({ type: 'pay' });
    assert.equal(panel.step, 'unpaid');
    assert.equal(panel.state.order?.paid, false);
    assert.ok(panel.state.error);
    assert.equal(world.journal().all()[0]?.state, 'unpaid');
  });

  test('Pay re-reads the status first: an order paid elsewhere is not paid again', async () => {
    const panel = await world.window('A').open(2);
    await panel.choose([2]);
    await panel.handle({ type: 'placeOrder' });
    const order = world.ovh.orders.get(panel.state.order?.orderId ?? -1);
    assert.ok(order);
    order.paid = true;
    await panel.handle({ type: 'pay' });
    assert.equal(world.ovh.payRequests.length, 0);
    assert.equal(panel.confirmations.length, 1, 'no payment modal for a paid order');
    assert.match(panel.state.notice ?? '', /already paid/);
  });

  test('payUncertain → the status says paid → tracking → ended', async () => {
    const panel = await world.window('A').open(2);
    await panel.choose([2]);
    await panel.handle({ type: 'placeOrder' });
    world.ovh.payFault = 'lostAnswer';
    await panel.handle({ type: 'pay' });
    assert.equal(world.ovh.payRequests.length, 1);
    assert.equal(panel.step, 'ended');
    assert.match(panel.allText, /went through/);
  });

  test('payUncertain → still unpaid after twice the request timeout → still in progress, Pay Again behind a warning', async () => {
    const panel = await world.window('A').open(2);
    await panel.choose([2]);
    await panel.handle({ type: 'placeOrder' });
    world.ovh.payFault = 'timeoutNothingDone';
    const start = world.ovh.clockMs;
    await panel.handle({ type: 'pay' });
    assert.ok(world.ovh.clockMs - start >= 2 * world.requestTimeoutMs);
    // Only OVH can say a payment failed: the clock never does.
    assert.equal(panel.step, 'payUncertain');
    assert.doesNotMatch(panel.allText, /did not go through/);
    assert.match(panel.state.notice ?? '', /may still go through/);
    assert.equal(panel.state.payment?.again, true);
    assert.equal(world.journal().all()[0]?.state, 'payUncertain');
    world.ovh.payFault = undefined;
    await panel.handle({ type: 'pay' });
    assert.match(panel.confirmations.at(-1)?.detail ?? '', /may still go through: paying again could charge you twice/);
    assert.equal(world.ovh.payRequests.length, 2, 'the user chose to pay again, knowingly');
  });

  test('payUncertain persists: a panel opened later follows the status and offers only Pay Again meanwhile', async () => {
    const a = await world.window('A').open(2);
    await a.choose([2]);
    await a.handle({ type: 'placeOrder' });
    world.ovh.payFault = 'timeoutNothingDone';
    world.ovh.duringPay = () => (world.ovh.statusFails = true);
    await a.handle({ type: 'pay' });
    assert.equal(a.step, 'payUncertain');
    assert.equal(world.journal().all()[0]?.state, 'payUncertain');
    world.propagate();
    const b = await world.window('B').open(2);
    assert.equal(b.step, 'payUncertain');
    assert.equal(b.state.payment?.again, true);
    // The status cannot be read: Pay Again never goes through without it.
    await b.handle({ type: 'pay' });
    assert.equal(world.ovh.payRequests.length, 1);
  });

  test('a resume that fails never blocks the renew options', async () => {
    const a = await world.window('A').open(2);
    await a.choose([2]);
    await a.handle({ type: 'placeOrder' });
    world.propagate();
    world.ovh.getOrderFails = true;
    const b = await world.window('B').open(2);
    assert.equal(b.state.phase, 'ready');
    assert.ok(b.state.rows.length > 0);
    assert.match(b.state.notice ?? '', /could not be checked/);
    assert.equal(world.journal().all().length, 1, 'the entry is kept');
  });

  test('elsewhere → retry once the other window is done → the order is shown', async () => {
    const { a, b, release, placingA } = await bothOrderingWhileAPosts();
    // Previewing and ordering again while A still holds the lease: told again, nothing sent.
    await b.choose([2]);
    await b.handle({ type: 'placeOrder' });
    assert.equal(b.step, 'elsewhere');
    assert.equal(world.ovh.orderPosts.length, 1);
    release();
    await placingA;
    world.propagate();
    await b.handle({ type: 'retry' });
    assert.equal(b.step, 'unpaid');
    assert.equal(b.state.order?.orderId, a.state.order?.orderId);
  });

  test('elsewhere → the other window lets go → the order it created is shown, without Retry', async () => {
    world.followOtherWindows = true;
    const { a, b, release, placingA } = await bothOrderingWhileAPosts();
    release();
    await placingA;
    world.propagate();
    await until(() => b.step === 'unpaid', 'B shows the order A created');
    assert.equal(b.state.order?.orderId, a.state.order?.orderId);
    assert.match(b.state.notice ?? '', /other window or panel has finished/);
    assert.equal(world.ovh.orderPosts.length, 1);
  });

  test('elsewhere during a payment → the other window paid → this one shows it paid, and never pays', async () => {
    world.followOtherWindows = true;
    const a = await world.window('A').open(2);
    await a.choose([2]);
    await a.handle({ type: 'placeOrder' });
    world.propagate();
    const b = await world.window('B').open(2);
    assert.equal(b.step, 'unpaid');
    a.holdConfirms = true;
    b.holdConfirms = true;
    let payArrived!: () => void;
    const arrived = new Promise<void>((resolve) => (payArrived = resolve));
    let releasePay!: () => void;
    const gate = new Promise<void>((resolve) => (releasePay = resolve));
    world.ovh.duringPay = () => payArrived();
    world.ovh.payGate = gate;
    const payingA = a.handle({ type: 'pay' });
    const payingB = b.handle({ type: 'pay' });
    (await a.confirmation(2)).answer(true);
    await arrived;
    (await b.confirmation()).answer(true);
    await payingB;
    assert.equal(b.step, 'elsewhere');
    releasePay();
    await payingA;
    await until(() => b.step === 'ended', 'B shows the order paid and delivered');
    assert.equal(b.state.order?.orderId, a.state.order?.orderId);
    assert.match(b.allText, /already paid, in another window/);
    assert.equal(world.ovh.payRequests.length, 1);
  });

  test('ended → select → choosing: a new renewal can start', async () => {
    const panel = await world.window('A').open(2);
    await panel.choose([2]);
    await panel.handle({ type: 'placeOrder' });
    await panel.handle({ type: 'pay' });
    assert.equal(panel.step, 'ended');
    await panel.choose([2]);
    assert.equal(panel.step, 'previewed');
  });

  test('a payment sent from another window and not yet shown by OVH is followed, never sent again', async () => {
    const a = await world.window('A').open(2);
    await a.choose([2]);
    await a.handle({ type: 'placeOrder' });
    world.propagate();
    const b = await world.window('B').open(2);
    assert.equal(b.step, 'unpaid');
    // Window A wrote `paying` and sent its payment; OVH does not show it yet.
    b.holdConfirms = true;
    const paying = b.handle({ type: 'pay' });
    const confirmation = await b.confirmation();
    const [entry] = world.journal().all();
    assert.ok(entry);
    await world.journal().write({ ...entry, state: 'paying' });
    world.propagate();
    confirmation.answer(true);
    await paying;
    assert.equal(world.ovh.payRequests.length, 0);
    assert.match(b.allText, /sent from another window/);
  });
});
