import * as assert from 'node:assert/strict';
import { SimWorld, until } from './simWorld';

/**
 * The batch state machine driven through the real BatchSession and one real RenewSession
 * per row, with a fake OVH and a real shared storage folder (journal, leases, records).
 */
suite('Batch session: transitions and money guarantees', function () {
  let world: SimWorld;
  setup(() => {
    world = new SimWorld();
  });
  teardown(() => world.dispose());

  const TEN = [1, 11, 12, 13, 14, 15, 16, 17, 18, 19];

  async function throughOrders(ids: readonly number[]) {
    const batch = await world.openBatch(ids);
    assert.deepEqual(batch.offers(), ['previewAll']);
    await batch.handle({ type: 'previewAll' });
    assert.deepEqual(batch.offers(), ['previewAll', 'placeOrders']);
    await batch.handle({ type: 'placeOrders' });
    return batch;
  }

  test('loading → choosing: every row on its default option, nothing previewed or ordered', async () => {
    const batch = await world.openBatch(TEN);
    assert.deepEqual(batch.offers(), ['previewAll']);
    assert.ok(batch.state.rows.every((row) => row.status === 'ready' && row.chosenKey !== undefined));
    assert.equal(batch.state.canOrder, false);
    assert.equal(world.ovh.orderPosts.length, 0);
  });

  test('a 10-service batch: one modal, 10 orders, one modal, 10 payments, the tree refreshed once', async () => {
    const batch = await throughOrders(TEN);
    assert.equal(world.ovh.orderPosts.length, 10);
    assert.deepEqual(batch.offers(), ['payAll', 'payLater']);
    assert.ok(batch.state.canPay);
    await batch.handle({ type: 'payAll' });
    assert.deepEqual(batch.offers(), []);
    assert.equal(batch.working, false);
    assert.equal(world.ovh.payRequests.length, 10);
    assert.equal(new Set(world.ovh.payRequests).size, 10);
    assert.ok(
      Object.values(batch.statuses()).every((status) => status === 'delivered'),
      JSON.stringify(batch.statuses()),
    );
    assert.equal(world.modals.length, 2);
    assert.match(world.modals[0]?.message ?? '', /Place 10 renewal orders/);
    assert.match(world.modals[1]?.message ?? '', /Pay 10 orders/);
    assert.equal(world.renewedCalls, 1);
    assert.equal(world.journal().all().length, 0);
  });

  test('preview totals per currency, and the pay modal shows the real total of the created orders', async () => {
    const batch = await world.openBatch([1, 11]);
    await batch.handle({ type: 'previewAll' });
    // alpha 10 + site1 8, with tax 1.2
    assert.deepEqual(batch.state.totals, ['€21.60']);
    world.ovh.priceDrift = 1;
    await batch.handle({ type: 'placeOrders' });
    // Each changed amount is asked about, as in the single panel (the user goes on).
    assert.equal(world.modals.filter((modal) => /differs/.test(modal.message)).length, 2);
    await batch.handle({ type: 'payAll' });
    assert.match(world.modals.find((modal) => /^Pay \d+ orders/.test(modal.message))?.detail ?? '', /Total with tax: €23\.60/);
  });

  test('a bundle chosen for the domain covers its hosting: one order renews both', async () => {
    const batch = await world.openBatch([2, 3]);
    const bundle = batch.row(2).options.find((option) => option.renewsMore);
    assert.ok(bundle);
    await batch.handle({ type: 'choose', row: '2', option: bundle.key });
    assert.equal(batch.row(3).status, 'covered');
    await batch.handle({ type: 'previewAll' });
    await batch.handle({ type: 'placeOrders' });
    assert.deepEqual(world.ovh.orderPosts, [{ serviceId: 2, services: [2, 3] }]);
    await batch.handle({ type: 'payAll' });
    assert.equal(world.ovh.payRequests.length, 1);
    assert.equal(batch.row(2).status, 'delivered');
  });

  test('two rows can never both order a service: the overlapping bundle is a conflict', async () => {
    const batch = await world.openBatch([2, 3]);
    const bundle2 = batch.row(2).options.find((option) => option.renewsMore);
    const bundle3 = batch.row(3).options.find((option) => option.renewsMore);
    assert.ok(bundle2 && bundle3);
    await batch.handle({ type: 'choose', row: '2', option: bundle2.key });
    await batch.handle({ type: 'choose', row: '3', option: bundle3.key });
    assert.deepEqual([batch.row(2).status, batch.row(3).status], ['ready', 'covered']);
    await batch.handle({ type: 'previewAll' });
    await batch.handle({ type: 'placeOrders' });
    assert.equal(world.ovh.orderPosts.length, 1);
  });

  test('cancel at the order modal: nothing created, back to the previews', async () => {
    world.answers.push(false);
    const batch = await throughOrders([1, 11, 12]);
    assert.equal(world.ovh.orderPosts.length, 0);
    assert.equal(world.ovh.orders.size, 0);
    assert.deepEqual(batch.offers(), ['previewAll', 'placeOrders']);
    assert.equal(world.journal().all().length, 0);
  });

  test('cancel at the pay modal: no payment, the orders stay unpaid and reachable', async () => {
    world.answers.push(true, false);
    const batch = await throughOrders([1, 11, 12]);
    await batch.handle({ type: 'payAll' });
    assert.equal(world.ovh.payRequests.length, 0);
    assert.deepEqual(batch.offers(), ['payAll', 'payLater']);
    assert.equal(world.journal().all().length, 3);
    await batch.handle({ type: 'payLater' });
    assert.deepEqual(batch.offers(), ['payAll']);
    assert.equal(
      world
        .journal()
        .all()
        .filter((entry) => entry.state === 'unpaid').length,
      3,
    );
  });

  /** A fault on the third order POST only. */
  function faultOnThirdOrder(fault: 'lostAnswer' | 'serverError' | 'refused'): void {
    world.ovh.duringPost = () => {
      world.ovh.postFault = world.ovh.orderPosts.length === 3 ? fault : undefined;
    };
  }

  test('3rd order loses its answer: found by content, no second order, the batch goes on', async () => {
    faultOnThirdOrder('lostAnswer');
    const batch = await throughOrders([1, 11, 12, 13, 14]);
    assert.equal(world.ovh.orderPosts.length, 5);
    assert.equal(world.ovh.orders.size, 5);
    assert.equal(batch.row(12).status, 'ordered');
    await batch.handle({ type: 'payAll' });
    assert.equal(world.ovh.payRequests.length, 5);
    assert.ok(Object.values(batch.statuses()).every((status) => status === 'delivered'));
  });

  test('3rd order answers 5xx and no order shows up: the batch pauses, nothing more is ordered', async () => {
    faultOnThirdOrder('serverError');
    const batch = await throughOrders([1, 11, 12, 13, 14]);
    assert.deepEqual(batch.offers(), ['stopBatch', 'checkAgain:12']);
    assert.equal(world.ovh.orderPosts.length, 3);
    assert.equal(batch.row(12).status, 'uncertain');
    assert.equal(batch.row(12).canCheckAgain, true);
    assert.equal(batch.row(12).canRetry, false);
    assert.deepEqual([batch.row(13).status, batch.row(14).status], ['previewed', 'previewed']);
    // Placing more is refused while paused, whatever the webview sends.
    await batch.handle({ type: 'placeOrders' });
    await batch.handle({ type: 'retryRow', row: '12' });
    assert.equal(world.ovh.orderPosts.length, 3);
    // Still not found: still paused.
    await batch.handle({ type: 'checkAgain', row: '12' });
    assert.deepEqual(batch.offers(), ['stopBatch', 'checkAgain:12']);
    // The user stops: the rest is not attempted, the created orders can be paid.
    await batch.handle({ type: 'stopBatch' });
    assert.deepEqual(batch.offers(), ['payAll', 'payLater', 'retry:13', 'retry:14']);
    assert.deepEqual([batch.row(13).status, batch.row(14).status], ['notAttempted', 'notAttempted']);
    await batch.handle({ type: 'payAll' });
    assert.equal(world.ovh.payRequests.length, 2);
    assert.equal(world.ovh.orderPosts.length, 3);
    assert.equal(batch.row(12).status, 'uncertain');
    assert.equal(batch.row(13).canRetry, true);
  });

  test('3rd order answers 5xx but OVH created it: check again adopts it, and the rest is ordered after a new confirmation', async () => {
    world.ovh.duringPost = () => {
      world.ovh.postFault = world.ovh.orderPosts.length === 3 ? 'lostAnswer' : undefined;
    };
    // OVH lists it only after the search window: the first search finds nothing.
    world.ovh.listingDelayMs = 10 * 60_000;
    const batch = await throughOrders([1, 11, 12, 13]);
    assert.deepEqual(batch.offers(), ['stopBatch', 'checkAgain:12']);
    world.ovh.listingDelayMs = 0;
    await batch.handle({ type: 'checkAgain', row: '12' });
    assert.equal(batch.row(12).status, 'ordered');
    // Time has passed since the first modal: the row left waits for the user to confirm again.
    assert.equal(batch.row(13).status, 'previewed');
    assert.equal(world.ovh.orderPosts.length, 3);
    await batch.handle({ type: 'placeOrders' });
    assert.match(world.modals.at(-1)?.message ?? '', /Place 1 renewal order/);
    assert.equal(batch.row(13).status, 'ordered');
    assert.equal(world.ovh.orderPosts.length, 4);
    assert.equal(world.ovh.orders.size, 4);
    assert.deepEqual(batch.offers(), ['payAll', 'payLater']);
  });

  test('3rd order refused (4xx): recorded for that row, the batch continues; Retry only there', async () => {
    faultOnThirdOrder('refused');
    const batch = await throughOrders([1, 11, 12, 13, 14]);
    assert.deepEqual(batch.offers(), ['payAll', 'payLater', 'retry:12']);
    assert.equal(world.ovh.orderPosts.length, 5);
    assert.equal(world.ovh.orders.size, 4);
    assert.equal(batch.row(12).status, 'refused');
    assert.ok(batch.row(12).errorText);
    assert.equal(batch.row(12).canRetry, true);
    assert.equal(batch.row(11).canRetry, false);
    await batch.handle({ type: 'payAll' });
    assert.equal(world.ovh.payRequests.length, 4);
    // Retry: previewed again, one more modal, one more order.
    await batch.handle({ type: 'retryRow', row: '12' });
    assert.equal(batch.row(12).status, 'previewed');
    await batch.handle({ type: 'placeOrders' });
    assert.equal(world.ovh.orderPosts.length, 6);
    assert.equal(world.ovh.orders.size, 5);
    assert.match(world.modals[2]?.message ?? '', /Place 1 renewal orders/);
  });

  test('2nd payment refused: that row is marked, the others are paid, nothing paid twice', async () => {
    const batch = await throughOrders([1, 11, 12]);
    world.ovh.duringPay = () => {
      world.ovh.payFault = world.ovh.payRequests.length === 2 ? 'refused' : undefined;
    };
    await batch.handle({ type: 'payAll' });
    assert.deepEqual(batch.statuses(), { '1': 'delivered', '11': 'payFailed', '12': 'delivered' });
    assert.equal(world.ovh.payRequests.length, 3);
    assert.deepEqual(batch.offers(), ['payAll', 'payLater']);
    assert.equal(batch.row(11).canRetry, false);
  });

  test('2nd payment loses its answer: followed to its real status, never sent again', async () => {
    const batch = await throughOrders([1, 11, 12]);
    world.ovh.duringPay = () => {
      world.ovh.payFault = world.ovh.payRequests.length === 2 ? 'lostAnswer' : undefined;
    };
    await batch.handle({ type: 'payAll' });
    assert.equal(world.ovh.payRequests.length, 3);
    assert.ok(
      Object.values(batch.statuses()).every((status) => status === 'delivered'),
      JSON.stringify(batch.statuses()),
    );
    assert.deepEqual(batch.offers(), []);
    assert.equal(batch.working, false);
  });

  test('a reloaded window shows the same result table, from the journal and the batch record', async () => {
    faultOnThirdOrder('refused');
    world.answers.push(true, false);
    const first = await throughOrders([1, 11, 12, 13]);
    await first.handle({ type: 'payAll' });
    const before = first.statuses();
    first.session.dispose();
    const again = await world.openBatch([1, 11, 12, 13], 'batch-1');
    assert.deepEqual(again.statuses(), before);
    assert.deepEqual(before, { '1': 'ordered', '11': 'ordered', '12': 'refused', '13': 'ordered' });
    assert.deepEqual(again.offers(), ['payAll', 'payLater', 'retry:12']);
    await again.handle({ type: 'payAll' });
    assert.equal(world.ovh.payRequests.length, 3);
    again.session.dispose();
    const third = await world.openBatch([1, 11, 12, 13], 'batch-1');
    assert.deepEqual(third.statuses(), { '1': 'delivered', '11': 'delivered', '12': 'refused', '13': 'delivered' });
    assert.equal(world.ovh.orderPosts.length, 4);
  });

  test('a panel closed while a row is being ordered keeps its record: delivered rows are never offered again', async () => {
    faultOnThirdOrder('refused');
    const first = await throughOrders([1, 11, 12]);
    await first.handle({ type: 'payAll' });
    assert.deepEqual(first.statuses(), { '1': 'delivered', '11': 'delivered', '12': 'refused' });
    // The journal forgets delivered orders: from now on only the batch record knows them.
    assert.deepEqual(world.journal().forServices(world.identity, [1, 11]), []);
    await first.handle({ type: 'retryRow', row: '12' });
    let release = () => undefined as void;
    world.ovh.postGate = new Promise<void>((resolve) => (release = resolve));
    const placing = first.handle({ type: 'placeOrders' });
    await until(() => world.ovh.orderPosts.length === 4, 'the fourth order POST on the server');
    first.session.dispose();
    release();
    await placing;
    const again = await world.openBatch([1, 11, 12], 'batch-1');
    assert.equal(again.row(1).status, 'delivered');
    assert.equal(again.row(11).status, 'delivered');
    assert.notEqual(again.row(12).status, 'ready');
    assert.equal(world.ovh.orderPosts.length, 4);
  });

  test('a service with an order in the journal is shown with it, never ordered again', async () => {
    const first = await throughOrders([1]);
    assert.equal(first.row(1).status, 'ordered');
    const second = await world.openBatch([1, 11]);
    assert.equal(second.row(1).status, 'ordered');
    await second.handle({ type: 'previewAll' });
    await second.handle({ type: 'placeOrders' });
    assert.equal(world.ovh.orderPosts.length, 2);
    assert.deepEqual(
      world.ovh.orderPosts.map((post) => post.serviceId),
      [1, 11],
    );
  });

  test('a failed preview leaves that row out; the rest stay usable', async () => {
    const batch = await world.openBatch([1, 11]);
    const api = await batch.session.items.find((item) => item.serviceId === 11)?.session.deps.api();
    assert.ok(api);
    const preview = api.previewRenew.bind(api);
    // Only site1.fr's dry run fails.
    api.previewRenew = async (serviceId, request) => {
      if (serviceId === 11) throw new Error('boom');
      return preview(serviceId, request);
    };
    await batch.handle({ type: 'previewAll' });
    assert.equal(batch.row(11).status, 'previewFailed');
    assert.ok(batch.row(11).errorText);
    assert.equal(batch.row(1).status, 'previewed');
    assert.equal(batch.state.canOrder, true);
    await batch.handle({ type: 'placeOrders' });
    assert.deepEqual(
      world.ovh.orderPosts.map((post) => post.serviceId),
      [1],
    );
  });

  test('unchecking a row leaves it out of the previews and orders', async () => {
    const batch = await world.openBatch([1, 11]);
    await batch.handle({ type: 'setIncluded', row: '11', value: false });
    assert.equal(batch.row(11).status, 'excluded');
    await batch.handle({ type: 'previewAll' });
    await batch.handle({ type: 'placeOrders' });
    assert.deepEqual(
      world.ovh.orderPosts.map((post) => post.serviceId),
      [1],
    );
  });

  test('messages a step does not accept change nothing (no order, no payment)', async () => {
    const batch = await world.openBatch([1, 11]);
    await batch.handle({ type: 'placeOrders' });
    await batch.handle({ type: 'payAll' });
    await batch.handle({ type: 'checkAgain', row: '1' });
    await batch.handle({ type: 'choose', row: '1', option: 'not-an-option' });
    await batch.handle({ type: 'setIncluded', row: '999', value: true });
    assert.equal(world.ovh.orderPosts.length, 0);
    assert.equal(world.ovh.payRequests.length, 0);
    assert.deepEqual(batch.offers(), ['previewAll']);
  });
});
