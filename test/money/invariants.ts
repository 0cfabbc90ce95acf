import { BatchView, type View } from './sessionDriver';
import type { FaultKind, SimOrder } from './simOvh';
import type { World } from './world';

/**
 * The invariants every program must keep, checked against what the simulated OVH really
 * did (orders, payments, whether each POST acted) and what the user saw (dialogs, texts),
 * never against what the code under test believes. Each violation names its rule.
 */

export type Rule =
  | 'one renewal order per service'
  | 'one payment per order'
  | 'paid only when proven ours'
  | 'every amount charged was confirmed'
  | 'Renewed only when delivered'
  | 'no false "nothing happened"'
  | 'no panel stuck without a message'
  | 'every order amount was confirmed'
  | 'a dialog total is the sum of its lines'
  | 'no pay dialog for an order being paid'
  | 'Pay All does not wait for deliveries'
  | 'no order without a dialog after a pause'
  | 'no offer to order what another window is ordering'
  | 'a settings change names the renewal order in flight';

export interface Violation {
  readonly rule: Rule;
  readonly detail: string;
  /** Which case of issue 27 it shows, when the circumstances say so ("other" otherwise). */
  readonly issueCase: string;
}

const money = (value: number): string => value.toFixed(2);

function sameServices(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((id) => b.includes(id));
}

function deliveredAtMs(order: SimOrder): number {
  return order.paidAtMs === undefined ? Number.POSITIVE_INFINITY : order.paidAtMs + order.settleDelayMs + order.deliverDelayMs;
}

function openAt(order: SimOrder, atMs: number): boolean {
  return order.paidAtMs === undefined ? atMs < order.expirationMs : atMs < deliveredAtMs(order);
}

export function checkInvariants(world: World, views: readonly View[], settled: boolean): Violation[] {
  const { ovh } = world;
  const found: Violation[] = [];
  const add = (rule: Rule, detail: string, issueCase = 'other'): void => {
    found.push({ rule, detail, issueCase });
  };
  const uncertain408 = (fault: FaultKind | undefined): boolean => fault === 'http408' || fault === 'checkTimeout400';
  const damagedBefore = (seq: number): string | undefined =>
    world.damage.find((event) => event.seq <= seq && event.what !== 'write refused' && event.what !== 'lease left empty')?.what;
  const names = (services: readonly number[]): string => services.map((id) => ovh.name(id)).join(' + ');
  const orders = [...ovh.orders.values()];

  // At most one renewal order per service while one is open (unpaid, or paid and not delivered).
  for (const order of orders) {
    if (order.origin === 'outside' || !order.renewal) continue;
    const before = orders.find(
      (other) =>
        other.orderId < order.orderId &&
        other.renewal &&
        other.services.some((id) => order.services.includes(id)) &&
        other.dateMs <= order.dateMs &&
        openAt(other, order.dateMs),
    );
    if (!before) continue;
    const newPostSeq = ovh.orderPosts.find((candidate) => candidate.orderId === order.orderId)?.seq ?? ovh.seq;
    // An order placed outside the app after this view last read OVH's list of orders, and before its
    // POST, could not be known to anyone: OVH's API offers no lock against another client.
    const view = order.origin.view;
    const unknowable =
      before.origin === 'outside' &&
      !ovh.orderListings.some((listing) => listing.view === view && listing.seq >= before.createdSeq && listing.seq < newPostSeq);
    if (unknowable) continue;
    const post = ovh.orderPosts.find((candidate) => candidate.orderId === before.orderId);
    const ageHours = Math.round((order.dateMs - before.dateMs) / 3_600_000);
    const postSeq = ovh.orderPosts.find((candidate) => candidate.orderId === order.orderId)?.seq ?? ovh.seq;
    const damage = damagedBefore(postSeq);
    const newPost = ovh.orderPosts.find((candidate) => candidate.orderId === order.orderId);
    const batch = views.find((view): view is BatchView => view instanceof BatchView && view.id === newPost?.origin.view);
    const issueCase = uncertain408(post?.fault)
      ? '1'
      : before.origin === 'outside' && ageHours > 48
        ? '5'
        : before.origin === 'outside' && !sameServices(before.services, order.services)
          ? '3'
          : batch && batch.pauses.some((seq) => seq < postSeq)
            ? '4'
            : damage
              ? '6'
              : 'other';
    add(
      'one renewal order per service',
      `order ${order.orderId} (${names(order.services)}, from ${order.origin.view}) was created while order ${before.orderId} (${names(before.services)}, ${before.origin === 'outside' ? `placed outside the app ${ageHours} h before` : `from ${before.origin.view}`}${post?.fault ? `, whose POST was answered ${post.fault}` : ''}) was open${damage ? ` (storage: ${damage})` : ''}`,
      issueCase,
    );
  }

  // At most one payment per order, unless the user chose to pay again in a dialog that warned the
  // earlier payment may still go through, at a time no window had heard it went through (the
  // product's one way to a second payment, by design: OVH offers no way to tell a payment still
  // settling from one that never reached it, and the user can look at the order page).
  const charged = new Map<number, number>();
  for (const payment of ovh.payments) if (payment.acted) charged.set(payment.orderId, (charged.get(payment.orderId) ?? 0) + 1);
  const informedAgain = (payment: (typeof ovh.payments)[number]): boolean =>
    world.modals.some(
      (modal) =>
        modal.answer === true &&
        modal.window === payment.origin.window &&
        modal.view === payment.origin.view &&
        modal.warnedAgain.includes(payment.orderId) &&
        modal.openedSeq < payment.seq,
    );
  for (const [orderId, count] of charged) {
    if (count < 2) continue;
    const extra = ovh.payments.filter((payment) => payment.orderId === orderId && payment.acted).slice(1);
    if (extra.every(informedAgain)) continue;
    const first = ovh.payments.find((payment) => payment.orderId === orderId && payment.acted);
    const told = views.some((view) => view.texts.some((text) => text.text.includes(`${orderId}`) && /did not go through/.test(text.text)));
    add(
      'one payment per order',
      `order ${orderId} was charged ${count} times${first?.fault ? ` (the first payment was answered ${first.fault})` : ''}${told ? '; a panel said the earlier payment "did not go through"' : ''}`,
      uncertain408(first?.fault) ? '1' : told ? '2' : 'other',
    );
  }

  // Each payment: a renewal, named and priced by the dialog the user accepted for it.
  for (const payment of ovh.payments.filter((candidate) => candidate.acted)) {
    const order = ovh.orders.get(payment.orderId);
    if (!order) continue;
    if (!order.renewal)
      add(
        'paid only when proven ours',
        `order ${order.orderId} is not a renewal (it names ${names(order.services)}) and was paid from ${payment.origin.view}`,
        '3',
      );
    const modal = world.modals
      .filter(
        (candidate) =>
          candidate.answer === true && candidate.window === payment.origin.window && /pay/i.test(candidate.action) && candidate.openedSeq < payment.seq,
      )
      .filter((candidate) => candidate.text.includes(String(order.orderId)))
      .at(-1);
    if (!modal) {
      add(
        'every amount charged was confirmed',
        `order ${order.orderId} (${money(order.withTax)}) was paid from ${payment.origin.view} with no accepted dialog naming it`,
      );
      continue;
    }
    const line = modal.action === 'Pay All' ? (modal.text.split('\n').find((candidate) => candidate.includes(String(order.orderId))) ?? '') : modal.text;
    if (!line.includes(money(order.withTax)))
      add('every amount charged was confirmed', `order ${order.orderId} charged ${money(order.withTax)}; the dialog said: ${JSON.stringify(line)}`);
    const named = ovh.services.filter((service) => line.includes(service.name)).map((service) => service.serviceId);
    const exact = named.length === order.services.length && order.services.every((id) => named.includes(id));
    if (!exact)
      add(
        'paid only when proven ours',
        `order ${order.orderId} renews ${names(order.services)}; the dialog that paid it named ${names(named) || 'no service'}: ${JSON.stringify(line)}`,
        '3',
      );
  }

  // "Renewed" only for a delivered renewal of that service.
  for (const view of views)
    for (const shown of view.renewed) {
      const order = ovh.orders.get(shown.orderId);
      const ok = order !== undefined && order.renewal && order.services.includes(shown.serviceId) && ovh.status(order) === 'delivered';
      if (!ok)
        add(
          'Renewed only when delivered',
          `${view.id} showed service ${ovh.name(shown.serviceId)} renewed by order ${shown.orderId}, which is not a delivered renewal of it${order && !order.renewal ? ' (an order of another kind naming it)' : ''}`,
          order && (!order.renewal || !order.services.includes(shown.serviceId)) ? '3' : 'other',
        );
    }

  // Never "nothing was ordered" / "did not go through" once OVH acted.
  for (const view of views)
    for (const shown of view.texts) {
      if (/nothing was ordered|no order was created/i.test(shown.text)) {
        // The text speaks of the attempt under way: the one the view's last order dialog started.
        const attempt =
          world.modals.filter((modal) => modal.view === view.id && /^place/i.test(modal.action) && modal.openedSeq <= shown.seq).at(-1)?.openedSeq ?? -1;
        const acted = ovh.orderPosts.find(
          (post) => post.acted && post.origin.view === view.id && post.services.includes(shown.serviceId) && post.seq > attempt && post.seq <= shown.seq,
        );
        if (acted)
          add(
            'no false "nothing happened"',
            `${view.id} said ${JSON.stringify(shown.text)} about ${ovh.name(shown.serviceId)} after OVH created order ${acted.orderId} from it (answered ${acted.fault ?? 'OK'})`,
            uncertain408(acted.fault) ? '1' : 'other',
          );
      }
      if (/did not go through/i.test(shown.text)) {
        const orderId = Number(/\b(1248\d{5})\b/.exec(shown.text)?.[1]);
        const acted = ovh.payments.find((payment) => payment.acted && payment.orderId === orderId && payment.seq <= shown.seq);
        if (acted)
          add(
            'no false "nothing happened"',
            `${view.id} said ${JSON.stringify(shown.text)} after OVH took the payment of order ${orderId} (answered ${acted.fault ?? 'OK'})`,
            uncertain408(acted.fault) ? '1' : '2',
          );
      }
    }

  // No live view left busy with no message.
  if (!settled) add('no panel stuck without a message', 'the program never settled (a loop that does not end)');
  for (const view of views) {
    if (world.isDeadWindow(view.window.id)) continue;
    const stuck = view.stuck();
    if (stuck) add('no panel stuck without a message', stuck, world.damage.some((event) => event.what === 'write refused') ? '8' : 'other');
  }

  // An order the app created and shows as the renewal was confirmed at its amount (a price change is asked again).
  for (const order of orders) {
    if (order.origin === 'outside') continue;
    const origin = order.origin;
    const shownBy = views.filter((view) => view.window.id === origin.window && view.shownOrders.has(order.orderId));
    if (shownBy.length === 0) continue;
    const confirmed = world.modals.some(
      (modal) => modal.window === origin.window && /place order|go on/i.test(modal.action) && modal.text.includes(money(order.withTax)),
    );
    if (!confirmed)
      add(
        'every order amount was confirmed',
        `order ${order.orderId} was created at ${money(order.withTax)} from ${origin.view} and shown as the renewal by ${shownBy.map((view) => view.id).join(', ')}; no dialog showed that amount`,
        origin.view.startsWith('batch') ? '7' : 'other',
      );
  }

  // A dialog's total is the sum of the lines it lists.
  for (const modal of world.modals.filter((candidate) => /place orders|pay all/i.test(candidate.action))) {
    const lines = modal.text.split('\n');
    const totalLine = lines.find((line) => /^Total with tax/.test(line));
    const total = Number(/(\d+\.\d{2})/.exec(totalLine ?? '')?.[1]);
    const sum = lines
      .filter((line) => line !== totalLine && /·/.test(line))
      .reduce((acc, line) => acc + Number([...line.matchAll(/(\d+\.\d{2})/g)].at(-1)?.[1] ?? 0), 0);
    if (Number.isFinite(total) && Math.abs(total - sum) > 0.005)
      add(
        'a dialog total is the sum of its lines',
        `${modal.view} showed a total of ${money(total)} for lines adding up to ${money(sum)}: ${JSON.stringify(modal.text)}`,
        '7',
      );
  }

  // No pay dialog for an order OVH is already paid for, or receiving a payment for.
  for (const modal of world.modals)
    if (modal.alreadyPaying.length > 0)
      add('no pay dialog for an order being paid', `${modal.view} asked to pay order ${modal.alreadyPaying.join(', ')}, already paid or being paid`, '12');

  // Pay All sends the payments one after the other without waiting for deliveries: between two
  // of its payments, the batch itself waits no more than 5 minutes. What it waits is counted, not
  // the clock: other windows' waits move the shared clock while an answer to this batch is pending,
  // which stands for a slow answer from OVH, not for the batch waiting.
  const byView = new Map<string, number[]>();
  for (const payment of ovh.payments)
    if (payment.origin.view.startsWith('batch')) byView.set(payment.origin.view, [...(byView.get(payment.origin.view) ?? []), payment.seq]);
  for (const [view, seqs] of byView)
    for (let i = 1; i < seqs.length; i++) {
      const from = seqs[i - 1] ?? 0;
      const to = seqs[i] ?? 0;
      const waited = world.waits.filter((wait) => wait.view === view && wait.seq >= from && wait.seq < to).reduce((sum, wait) => sum + wait.ms, 0);
      if (waited > 5 * 60_000) add('Pay All does not wait for deliveries', `${view} waited ${Math.round(waited / 60_000)} min between two payments`, '9');
    }

  // A batch shows another window's order under way, never the row as ready to order.
  for (const view of views)
    if (view instanceof BatchView)
      for (const offered of view.offeredWhileOrdered.slice(0, 1))
        add(
          'no offer to order what another window is ordering',
          `${view.id} showed ${ovh.name(offered.serviceId)} as ${JSON.stringify(offered.status)}, included, while ${offered.by} was placing its order`,
          '10',
        );

  // A batch that paused on an uncertain row orders nothing more without a new dialog.
  for (const view of views) {
    if (!(view instanceof BatchView) || view.pauses.length === 0) continue;
    for (const post of ovh.orderPosts.filter((candidate) => candidate.origin.view === view.id)) {
      const pause = view.pauses.filter((seq) => seq < post.seq).at(-1);
      if (pause === undefined) continue;
      const asked = world.modals.some(
        (modal) => modal.view === view.id && /place orders/i.test(modal.action) && modal.openedSeq >= pause && modal.openedSeq < post.seq,
      );
      if (!asked)
        add('no order without a dialog after a pause', `${view.id} sent an order POST for ${names(post.services)} after pausing, with no new dialog`, '4');
    }
  }
  // Issue 27, case 11: a settings change (stop at expiry, automatic renewal) asked while one of our
  // renewal orders for the service is in flight names it in its dialog: stopping does not cancel
  // it, and automatic renewal plus paying it renews twice. In flight, by what OVH and the storage
  // folder held when the dialog opened (world.serviceTruth), not by what the code believed: OVH
  // had a renewal order our windows created for the service that was not over (not delivered,
  // not expired unpaid; an order whose answer was lost counts, it exists at OVH), or the journal
  // held an entry of ours naming it (placing, no known outcome, unpaid, being paid, accepted).
  // Orders placed outside the app are not ours: the journal never knew them, and the dialog
  // speaks of orders "placed from this extension".
  for (const asked of world.settingsAsked) {
    const { truth, modal, serviceId } = asked;
    const hasEntry = truth.entries.length > 0;
    if (truth.ourOpen.length === 0 && !hasEntry) continue;
    // An order of ours whose only journal record a power cut left unreadable counts too: the
    // dialog cannot name the order, but it must say a record that may stand for one cannot be read.
    const name = ovh.name(serviceId);
    const line = modal.text.split('\n').find((candidate) => candidate.startsWith(`${name}: `) && /renewal order/.test(candidate));
    const consequence = asked.change === 'stopAtExpiry' ? /does not cancel that order/ : /renewed twice/;
    const what = `${modal.view} (${modal.window}) asked to ${asked.change === 'stopAtExpiry' ? 'stop renewing' : 'renew automatically'} ${name} while ${
      truth.ourOpen.length > 0 ? `our renewal order ${truth.ourOpen.join(', ')} was open at OVH` : 'no order of ours was open at OVH'
    } and the journal held ${hasEntry ? truth.entries.map((entry) => `${entry.state}${entry.orderId ? ` ${entry.orderId}` : ''}`).join(', ') : 'no entry for it'}${
      truth.unreadable > 0 ? ` (${truth.unreadable} unreadable record(s) about it)` : ''
    }`;
    // With no readable entry, the only way to know is the unreadable record: the line must say so.
    const unreadableOnly = !hasEntry && truth.unreadable > 0;
    if (!line || !consequence.test(modal.text) || (unreadableOnly && !/cannot be read/.test(line))) {
      add('a settings change names the renewal order in flight', `${what}; the dialog said: ${JSON.stringify(modal.text)}`, '11');
      continue;
    }
    // The order it names is one OVH has for this service, and the open one when ours is open (an
    // order with no known outcome is named without an id: nobody knows it).
    const named = Number(/renewal order (\d+)/.exec(line)?.[1]);
    const order = Number.isFinite(named) ? ovh.orders.get(named) : undefined;
    if (Number.isFinite(named) && (!order || !order.services.includes(serviceId) || (truth.ourOpen.length > 0 && !truth.ourOpen.includes(named))))
      add('a settings change names the renewal order in flight', `${what}; the dialog named order ${named}: ${JSON.stringify(line)}`, '11');
  }
  return found;
}
