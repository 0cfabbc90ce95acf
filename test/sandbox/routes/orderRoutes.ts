import { badRequest, notFound } from '../errors';
import { followUp } from '../followUp';
import type { SandboxCore } from '../core';
import {
  availableMeans,
  findOrder,
  orderDetails,
  orderMethods,
  orderStatus,
  payWithMethod,
  payWithRegisteredMean,
  renderOrder,
  type PaymentRules,
} from '../orders';
import { listReply, parsePagination } from '../pagination';
import { applyDefaultMethod, renderPaymentMethod } from '../payments';
import { isoDateTime } from '../dates';
import { price } from '../money';
import { nichandle } from '../render';
import type { ApiContext, Router } from '../router';

/** /me, /me/order/* and /me/payment/method*. */

function dateFilter(ctx: ApiContext, name: string): number | null {
  const raw = ctx.query.get(name);
  if (raw === null || raw === '') return null;
  const ms = Date.parse(raw);
  if (Number.isNaN(ms)) throw badRequest(`[${name}] Given data (${raw}) is not valid for type datetime`);
  return ms;
}

/** The refusal and balance controls, with the balance written back after an ovhAccount payment. */
function paymentRules(core: SandboxCore): PaymentRules {
  const { config } = core;
  return {
    refused: config.refusedPayments,
    get balanceCents() {
      return Math.round(config.ovhAccountBalance * 100);
    },
    set balanceCents(cents: number) {
      config.ovhAccountBalance = cents / 100;
    },
  };
}

/** The account's methods, with the default the `defaultPaymentMethod` control chose. */
function methods(core: SandboxCore): SandboxCore['state']['paymentMethods'] {
  applyDefaultMethod(core.state.paymentMethods, core.config.defaultPaymentMethod);
  return core.state.paymentMethods;
}

const ovhAccountId = (core: SandboxCore): string => `${core.state.account.nichandle.replace(/-ovh$/, '')}-ovh`.toUpperCase();

export function addOrderRoutes(router: Router): void {
  router.add('GET', '/me', 'signed', (ctx) => ({ body: nichandle(ctx.core.state.account) }));

  router.add('GET', '/me/order', 'signed', (ctx) => {
    const from = dateFilter(ctx, 'date.from');
    const to = dateFilter(ctx, 'date.to');
    // New orders are listed late (orderListingDelayMs); deleted ones not at all.
    const listedBefore = ctx.nowMs - ctx.core.config.orderListingDelayMs;
    const orders = [...ctx.core.state.orders.values()]
      .filter((o) => !o.gone && o.dateMs <= listedBefore && (from === null || o.dateMs >= from) && (to === null || o.dateMs <= to))
      .sort((a, b) => a.orderId - b.orderId);
    const page = parsePagination(ctx.headers, ctx.core.config.pagination);
    return listReply(
      orders,
      page,
      (o) => o.orderId,
      (o) => renderOrder(o, ctx.core.origin),
    );
  });

  router.add('GET', '/me/order/{orderId}', 'signed', (ctx) => ({ body: renderOrder(findOrder(ctx.core.state, ctx.params.orderId ?? ''), ctx.core.origin) }));

  router.add('GET', '/me/order/{orderId}/status', 'signed', (ctx) => {
    const order = findOrder(ctx.core.state, ctx.params.orderId ?? '');
    return { body: orderStatus(order, ctx.nowMs, ctx.core.config.orderStepMs) };
  });

  router.add('GET', '/me/order/{orderId}/followUp', 'signed', (ctx) => {
    const order = findOrder(ctx.core.state, ctx.params.orderId ?? '');
    const steps = followUp(order, orderStatus(order, ctx.nowMs, ctx.core.config.orderStepMs));
    if (!steps) throw notFound('No follow-up for this order yet');
    return { body: steps };
  });

  router.add('GET', '/me/order/{orderId}/details', 'signed', (ctx) => ({
    body: orderDetails(ctx.core.state, findOrder(ctx.core.state, ctx.params.orderId ?? '')).map((d) => d.orderDetailId),
  }));

  router.add('GET', '/me/order/{orderId}/details/{orderDetailId}', 'signed', (ctx) => {
    const order = findOrder(ctx.core.state, ctx.params.orderId ?? '');
    const detail = orderDetails(ctx.core.state, order).find((d) => String(d.orderDetailId) === ctx.params.orderDetailId);
    if (!detail) throw notFound(`The requested object (orderDetailId = ${ctx.params.orderDetailId ?? ''}) does not exist`);
    return { body: detail.detail };
  });

  router.add('GET', '/me/order/{orderId}/availableRegisteredPaymentMean', 'signed', (ctx) => {
    const order = findOrder(ctx.core.state, ctx.params.orderId ?? '');
    methods(ctx.core);
    return { body: availableMeans(ctx.core.state, order, paymentRules(ctx.core)) };
  });

  // billing.order.PaymentMethods: the registered methods usable for this order (Beta in me.json).
  router.add('GET', '/me/order/{orderId}/paymentMethods', 'signed', (ctx) => {
    findOrder(ctx.core.state, ctx.params.orderId ?? '');
    methods(ctx.core);
    const usable = orderMethods(ctx.core.state, paymentRules(ctx.core));
    return { body: { available: [], paymentMethods: usable.map(renderPaymentMethod), registered: usable.map((m) => m.paymentMethodId) } };
  });

  router.add('POST', '/me/order/{orderId}/payWithRegisteredPaymentMean', 'signed', (ctx) => {
    payWithRegisteredMean(ctx.core.state, findOrder(ctx.core.state, ctx.params.orderId ?? ''), ctx.body, ctx.nowMs, paymentRules(ctx.core));
    return { body: null };
  });

  router.add('POST', '/me/order/{orderId}/pay', 'signed', (ctx) => {
    methods(ctx.core);
    payWithMethod(ctx.core.state, findOrder(ctx.core.state, ctx.params.orderId ?? ''), ctx.body, ctx.nowMs, paymentRules(ctx.core));
    return { body: null };
  });

  router.add('GET', '/me/ovhAccount', 'signed', (ctx) => ({ body: [ovhAccountId(ctx.core)] }));

  router.add('GET', '/me/ovhAccount/{ovhAccountId}', 'signed', (ctx) => {
    if (ctx.params.ovhAccountId !== ovhAccountId(ctx.core))
      throw notFound(`The requested object (ovhAccountId = ${ctx.params.ovhAccountId ?? ''}) does not exist`);
    return {
      body: {
        alertThreshold: null,
        balance: price(paymentRules(ctx.core).balanceCents),
        canBeCredited: true,
        isActive: true,
        lastUpdate: isoDateTime(ctx.nowMs),
        openDate: isoDateTime(ctx.nowMs - 400 * 86_400_000),
        ovhAccountId: ovhAccountId(ctx.core),
      },
    };
  });

  router.add('GET', '/me/payment/method', 'signed', (ctx) => {
    const wantDefault = ctx.query.get('default');
    const type = ctx.query.get('paymentType');
    const status = ctx.query.get('status');
    const all = methods(ctx.core).filter(
      (m) =>
        (wantDefault === null || String(m.isDefault) === wantDefault) && (type === null || m.paymentType === type) && (status === null || m.status === status),
    );
    const page = parsePagination(ctx.headers, ctx.core.config.pagination);
    return listReply(all, page, (m) => m.paymentMethodId, renderPaymentMethod);
  });

  router.add('GET', '/me/payment/method/{paymentMethodId}', 'signed', (ctx) => {
    const method = methods(ctx.core).find((m) => String(m.paymentMethodId) === ctx.params.paymentMethodId);
    if (!method) throw notFound(`The requested object (paymentMethodId = ${ctx.params.paymentMethodId ?? ''}) does not exist`);
    return { body: renderPaymentMethod(method) };
  });
}
