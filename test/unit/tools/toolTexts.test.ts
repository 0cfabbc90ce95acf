import * as assert from 'node:assert/strict';
import type { RenewDescription } from '../../../src/renewal';
import { expiringText, findService, lookupProblem, openRenewalTexts, renewOptionsText, type ToolAccount } from '../../../src/tools/pure/toolTexts';
import { expiringIn, NOW, service, t } from '../views/fixtures';

const context = { t, locale: 'en', now: NOW };
const DAY = 86_400_000;

function account(label: string, services: ToolAccount['services'], fetchedAt = NOW.getTime() - 3_600_000): ToolAccount {
  return { id: label, label, services, fetchedAt, signInNeeded: false, failed: false };
}

suite('Tool answers (pure)', () => {
  test('expiring: soonest first, options with their parent left out, terminated ones too; each line has expiry, mode and price', () => {
    const parent = service({
      displayName: 'vps-1',
      type: 'vps',
      expirationDate: expiringIn(10),
      renewMode: 'manual',
      pricing: { duration: 'P1M', ucents: 1_200_000_000, currency: 'EUR' },
    });
    const services = [
      parent,
      service({ displayName: 'backup', type: 'option', parentServiceId: parent.serviceId, expirationDate: expiringIn(10) }),
      service({ displayName: 'soon.fr', expirationDate: expiringIn(2) }),
      service({ displayName: 'gone.fr', expirationDate: expiringIn(-5), lifecycleState: 'terminated' }),
      service({ displayName: 'later.fr', expirationDate: expiringIn(200) }),
    ];
    const text = expiringText([account('A', services)], 30, context);
    const lines = text.split('\n');
    assert.equal(lines[0], 'Account A');
    assert.equal(lines[1], '2 services expired or expire within 30 days:');
    assert.match(lines[2], /^- soon\.fr \(Domain, service id \d+\): expires .* \(in 2 days\); automatic renewal; price of the current period unknown$/);
    assert.match(lines[3], /^- vps-1 \(VPS, service id \d+\): expires .* \(in 10 days\); manual renewal \(needs an order\); €12\.00 per 1 month$/);
    assert.equal(lines.length, 4);
  });

  test('a listing older than a day says so and how to refresh; nothing listed yet says what to do', () => {
    const stale = expiringText([account('A', [], NOW.getTime() - 2 * DAY)], 30, context);
    assert.match(stale, /may be out of date: ask for fresh data/);
    assert.match(expiringText([account('B', undefined, undefined)], 30, context), /Nothing is listed for this account yet/);
  });

  test('renew options: what a bundle also renews is named as people know it (Unicode, the product type where names repeat)', () => {
    const domain = service({ displayName: 'pixel.net', type: 'domain', expirationDate: expiringIn(10) });
    const hosting = service({ displayName: 'pixel.net', type: 'webHosting', expirationDate: expiringIn(10) });
    const idn = service({ name: 'xn--caf-crme-60ag.fr', displayName: 'café-crème.fr', type: 'domain', expirationDate: expiringIn(10) });
    const detail = (summary: typeof domain) => ({ serviceId: summary.serviceId, serviceName: summary.name, serviceType: null });
    const price = { currencyCode: 'EUR', text: '63.87 €', value: 63.87 };
    const descriptions: RenewDescription[] = [
      {
        renewPeriod: 'P1Y',
        strategies: [
          { services: [domain.serviceId], price: { currencyCode: 'EUR', text: '15.99 €', value: 15.99 } },
          { services: [domain.serviceId, hosting.serviceId, idn.serviceId], servicesDetails: [detail(domain), detail(hosting), detail(idn)], price },
        ],
      },
    ];
    const text = renewOptionsText({ account: account('A', [domain, hosting, idn]), service: domain }, descriptions, context);
    assert.match(text, /also renews pixel\.net \(Web hosting\), café-crème\.fr/);
    assert.doesNotMatch(text, /xn--/);
  });

  test('nobody signed in: one plain sentence with the command to run', () => {
    assert.match(expiringText([], 30, context), /^Nobody is signed in to OVHcloud in VS Code.*"OVHcloud: Sign In"/);
  });

  test('finding a service: by id, name or display name; a parent wins over its same-named option; ambiguity lists the candidates', () => {
    const domain = service({ displayName: 'pixel.net', type: 'domain' });
    const hosting = service({ displayName: 'pixel.net', type: 'webHosting' });
    const option = service({ displayName: 'mail', type: 'option', parentServiceId: domain.serviceId });
    const accounts = [account('A', [domain, hosting, option])];
    const byId = findService(accounts, String(hosting.serviceId));
    assert.equal(byId.kind === 'found' && byId.found.service, hosting);
    const both = findService(accounts, 'PIXEL.NET');
    assert.equal(both.kind, 'ambiguous');
    assert.match(
      lookupProblem('pixel.net', both, t) ?? '',
      /Several services match "pixel\.net": pixel\.net \(Domain, account A, service id \d+\); pixel\.net \(Web hosting/,
    );
    assert.equal(findService(accounts, 'nothing').kind, 'none');
  });

  test('open renewal: the confirmation names every service with its account and says nothing is ordered or paid', () => {
    const found = [{ account: account('A', []), service: service({ displayName: 'a.fr' }) }];
    const single = openRenewalTexts(found, t);
    assert.equal(single.title, 'Open the OVHcloud renew panel?');
    assert.match(single.message, /^Opens the renew panel for a\.fr \(account A\)\. Nothing is ordered or paid/);
    const two = openRenewalTexts([...found, { account: account('A', []), service: service({ displayName: 'b.fr' }) }], t);
    assert.match(two.message, /batch renew panel for a\.fr \(account A\), b\.fr \(account A\)\. Nothing is ordered or paid/);
  });
});
