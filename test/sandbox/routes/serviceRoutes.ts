import { engagementView, updateEndRule } from '../engagement';
import { badRequest, notFound } from '../errors';
import type { ServiceRecord } from '../model';
import { createOrder, dryRunOrder, renderOrder } from '../orders';
import { listReply, parsePagination } from '../pagination';
import { expandedService, legacyService, serviceInfos } from '../render';
import { renderChoices, renewChoices, validateRenew } from '../renew';
import { updateService } from '../renewSettings';
import { updateServiceInfos } from '../serviceInfos';
import type { ApiContext, Router } from '../router';

/** /services, /service, the renew endpoints and per-product serviceInfos. */

function serviceId(raw: string | undefined): number {
  const id = Number(raw);
  if (!raw || !/^\d+$/.test(raw) || !Number.isSafeInteger(id)) throw badRequest(`[serviceId] Given data (${raw ?? ''}) is not valid for type long`);
  return id;
}

function findService(ctx: ApiContext): ServiceRecord {
  const s = ctx.core.state.lookup(serviceId(ctx.params.serviceId));
  if (!s) throw notFound();
  return s;
}

function includeOptions(ctx: ApiContext): boolean {
  const raw = ctx.query.get('includeOptions');
  if (raw === null || raw === '') return false;
  if (raw === 'true' || raw === 'false') return raw === 'true';
  throw badRequest(`[includeOptions] Given data (${raw}) is not valid for type boolean`);
}

const PRODUCT_ROUTES = ['/domain/{serviceName}', '/hosting/web/{serviceName}', '/vps/{serviceName}', '/dedicated/server/{serviceName}'];

export function addServiceRoutes(router: Router): void {
  router.add('GET', '/services', 'signed', (ctx) => {
    const { state } = ctx.core;
    const resourceName = ctx.query.get('resourceName');
    const routes = ctx.query.get('routes')?.split(',').filter(Boolean);
    const items = state.services.filter(
      (s) => (resourceName === null || s.name === resourceName) && (!routes || (s.routePath !== null && routes.includes(s.routePath))),
    );
    const page = parsePagination(ctx.headers, ctx.core.config.pagination);
    return listReply(
      items,
      page,
      (s) => s.serviceId,
      (s) => expandedService(s, state.account),
    );
  });

  router.add('GET', '/services/{serviceId}', 'signed', (ctx) => ({ body: expandedService(findService(ctx), ctx.core.state.account) }));

  router.add('PUT', '/services/{serviceId}', 'signed', (ctx) => {
    updateService(findService(ctx), ctx.body, ctx.core.config.servicesPutRenew, { account: ctx.core.state.account, nowMs: ctx.nowMs });
    return { body: null };
  });

  router.add('GET', '/services/{serviceId}/billing/engagement', 'signed', (ctx) => ({ body: engagementView(findService(ctx)) }));

  router.add('PUT', '/services/{serviceId}/billing/engagement/endRule', 'signed', (ctx) => {
    updateEndRule(findService(ctx), ctx.body, ctx.core.state.account);
    return { body: null };
  });

  router.add('GET', '/services/{serviceId}/options', 'signed', (ctx) => {
    const s = findService(ctx);
    const { state } = ctx.core;
    return { body: s.optionIds.flatMap((id) => state.lookup(id) ?? []).map((o) => expandedService(o, state.account)) };
  });

  router.add('GET', '/services/{serviceId}/renewPeriodCapacities', 'signed', (ctx) => ({ body: [...findService(ctx).plan.periods] }));

  router.add('GET', '/service', 'signed', (ctx) => ({ body: ctx.core.state.services.map((s) => s.serviceId) }));

  router.add('GET', '/service/{serviceId}', 'signed', (ctx) => ({ body: legacyService(findService(ctx)) }));

  router.add('GET', '/service/{serviceId}/renew', 'signed', (ctx) => {
    const s = findService(ctx);
    const { lookup } = ctx.core.state;
    return { body: renderChoices(renewChoices(s, lookup, includeOptions(ctx)), lookup, ctx.core.config.renewPrices) };
  });

  router.add('POST', '/service/{serviceId}/renew', 'signed', (ctx) => {
    const id = serviceId(ctx.params.serviceId);
    const { state, origin } = ctx.core;
    const req = validateRenew(id, ctx.body, state.lookup);
    if (!req.dryRun) {
      // orderPriceDeltaCents: the price changed between the dry run and the order (a promotion ended).
      const delta = ctx.core.config.orderPriceDeltaCents;
      return {
        body: renderOrder(
          createOrder(state, id, delta === 0 ? req : { ...req, strategy: { ...req.strategy, cents: req.strategy.cents + delta } }, ctx.nowMs),
          origin,
        ),
      };
    }
    // No public source shows a real dry-run answer: each plausible orderId is a control.
    const preview = renderOrder(dryRunOrder(id, req, ctx.nowMs), origin) as Record<string, unknown>;
    const variant = ctx.core.config.dryRunOrderId;
    if (variant === 'null') preview.orderId = null;
    if (variant === 'absent') delete preview.orderId;
    return { body: preview };
  });

  for (const template of PRODUCT_ROUTES) {
    const product = (ctx: ApiContext): ServiceRecord => {
      const s = ctx.core.state.services.find((x) => x.routePath === template && x.name === ctx.params.serviceName);
      if (!s) throw notFound(`The requested object (serviceName = ${ctx.params.serviceName ?? ''}) does not exist`);
      return s;
    };
    router.add('GET', `${template}/serviceInfos`, 'signed', (ctx) => ({ body: serviceInfos(product(ctx), ctx.core.state.account) }));
    router.add('PUT', `${template}/serviceInfos`, 'signed', (ctx) => {
      updateServiceInfos(product(ctx), ctx.body, ctx.core.state.account, ctx.core.config);
      return { body: null };
    });
  }
}
