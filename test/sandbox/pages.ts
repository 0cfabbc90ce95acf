import type { SandboxCore } from './core';
import { escapeHtml } from './json';
import { orderStatus } from './orders';
import type { Reply } from './router';

/**
 * Browser pages served outside /1.0: the credential validation page that validationUrl
 * points to (stand-in for OVH's login-and-authorize page) and a minimal order page for the
 * order `url`.
 */

export const VALIDATION_PATH = '/auth/';

function page(status: number, title: string, body: string): Reply {
  const text = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem}code{background:#eee;padding:0 .2rem}button{font-size:1rem;padding:.5rem 1.2rem;margin-right:.5rem}</style>
</head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
  return { status, raw: { contentType: 'text/html; charset=utf-8', text } };
}

export function validationPage(core: SandboxCore, method: string, query: URLSearchParams, rawBody: string): Reply {
  const token = query.get('credentialToken') ?? '';
  const credential = token ? core.credentials.byValidationToken(token) : undefined;
  if (!credential || credential.state !== 'pendingValidation') {
    return page(404, 'Invalid validation link', '<p>This link is unknown or has already been used.</p>');
  }
  const app = core.credentials.applications.get(credential.applicationKey);
  if (method === 'GET') {
    const rules = credential.rules.map((r) => `<li><code>${escapeHtml(r.method)} ${escapeHtml(r.path)}</code></li>`).join('');
    const action = `${VALIDATION_PATH}?credentialToken=${encodeURIComponent(token)}`;
    return page(
      200,
      'Authorize API access',
      `<p>The application <strong>${escapeHtml(app?.name ?? credential.applicationKey)}</strong> asks for access to the account
<strong>${escapeHtml(core.state.account.nichandle)}</strong> with these rights:</p><ul>${rules}</ul>
<form method="post" action="${escapeHtml(action)}">
<button type="submit" name="action" value="authorize" id="authorize">Authorize</button>
<button type="submit" name="action" value="refuse" id="refuse">Refuse</button>
</form>`,
    );
  }
  if (method !== 'POST') return page(405, 'Method not allowed', '');
  const action = new URLSearchParams(rawBody).get('action');
  if (action === 'refuse') {
    credential.state = 'refused';
    credential.validationToken = null;
    return page(200, 'Access refused', '<p>The application was refused access. You can close this page.</p>');
  }
  if (action !== 'authorize') return page(400, 'Unknown action', '<p>Expected action=authorize or action=refuse.</p>');
  credential.state = 'validated';
  credential.validationToken = null;
  if (credential.redirection) {
    return {
      status: 303,
      headers: { Location: credential.redirection },
      raw: { contentType: 'text/plain; charset=utf-8', text: `Redirecting to ${credential.redirection}` },
    };
  }
  return page(200, 'Access authorized', '<p>The application can now use the API. You can close this page.</p>');
}

export function orderPage(core: SandboxCore, query: URLSearchParams): Reply {
  const order = core.state.orders.get(Number(query.get('orderId')));
  if (!order || order.password !== query.get('orderPassword')) return page(404, 'Order not found', '');
  const status = orderStatus(order, core.nowMs(), core.config.orderStepMs);
  const total = ((order.withoutTaxCents + order.taxCents) / 100).toFixed(2);
  return page(
    200,
    `Order ${order.orderId}`,
    `<p>Renewal of services ${order.services.join(', ')} for ${escapeHtml(order.duration)}.</p><p>Total: ${total} \u20ac incl. tax. Status: <strong>${status}</strong>.</p>`,
  );
}
