import * as assert from 'node:assert/strict';
import { layoutServices, type AccountLayout, type LayoutOptions } from '../../../src/views/pure/layout';
import { NO_FILTER } from '../../../src/views/pure/viewOptions';
import { expiringIn, NOW, service } from './fixtures';

const base: LayoutOptions = { groupBy: 'none', sortBy: 'expiry', filter: NO_FILTER, now: NOW, warningDays: 30, locale: 'en' };
const names = (layout: AccountLayout): string[] => layout.entries.map((entry) => entry.facts.service.displayName);

suite('views: layout (grouping, sorting, options under parents)', () => {
  const vps = service({ serviceId: 1, displayName: 'vps-one', type: 'vps', expirationDate: expiringIn(20) });
  const backup = service({ serviceId: 2, parentServiceId: 1, displayName: 'Backup', type: 'option', expirationDate: expiringIn(20) });
  const snapshot = service({ serviceId: 3, parentServiceId: 1, displayName: 'Snapshot', type: 'option', expirationDate: expiringIn(20), renewMode: 'manual' });
  const domain = service({ serviceId: 4, displayName: 'alpha.fr', type: 'domain', expirationDate: expiringIn(-2), renewMode: 'manual' });
  const server = service({ serviceId: 5, displayName: 'ns123.ip-1-2-3.eu', type: 'dedicatedServer', expirationDate: expiringIn(200) });
  const gone = service({ serviceId: 6, displayName: 'old.net', type: 'domain', expirationDate: expiringIn(-90), lifecycleState: 'terminated' });
  const undated = service({ serviceId: 7, displayName: 'zone.fr', type: 'dnsZone', expirationDate: undefined });
  const orphan = service({ serviceId: 8, parentServiceId: 999, displayName: 'Orphan option', type: 'option', expirationDate: expiringIn(5) });
  const all = [server, backup, gone, vps, undated, snapshot, domain, orphan];

  test('options sit under their parent; an option whose parent is not listed stands alone', () => {
    const layout = layoutServices(all, base);
    const vpsEntry = layout.entries.find((entry) => entry.facts.service.serviceId === 1);
    assert.deepEqual(vpsEntry?.options.map((entry) => entry.facts.service.serviceId).sort(), [2, 3]);
    assert.ok(!layout.entries.some((entry) => entry.facts.service.serviceId === 2), 'the option is not also at the top level');
    assert.ok(
      layout.entries.some((entry) => entry.facts.service.serviceId === 8),
      'the orphan option is shown',
    );
    assert.equal(layout.total, 8);
    assert.equal(layout.shown, 8);
  });

  test('sort by expiry: expired first, soonest next, undated after, terminated last', () => {
    assert.deepEqual(names(layoutServices(all, base)), ['alpha.fr', 'Orphan option', 'vps-one', 'ns123.ip-1-2-3.eu', 'zone.fr', 'old.net']);
  });

  test('sort by name: locale-aware and numeric ("vps-2" before "vps-10")', () => {
    const list = [
      service({ displayName: 'vps-10' }),
      service({ displayName: 'Épicerie' }),
      service({ displayName: 'vps-2' }),
      service({ displayName: 'apple' }),
    ];
    assert.deepEqual(names(layoutServices(list, { ...base, sortBy: 'name' })), ['apple', 'Épicerie', 'vps-2', 'vps-10']);
  });

  test('group by product type: fixed product order, only non-empty groups, orphan options under "option"', () => {
    const layout = layoutServices(all, { ...base, groupBy: 'productType' });
    assert.deepEqual(
      layout.groups.map((group) => group.key),
      ['domain', 'dnsZone', 'vps', 'dedicatedServer', 'option'],
    );
    assert.deepEqual(
      layout.groups[0].entries.map((entry) => entry.facts.service.displayName),
      ['alpha.fr', 'old.net'],
    );
    assert.deepEqual(layout.entries, []);
  });

  test('group by expiry: buckets in urgency order, terminated apart from expired', () => {
    const layout = layoutServices(all, { ...base, groupBy: 'expiry' });
    assert.deepEqual(
      layout.groups.map((group) => [group.key, group.entries.map((entry) => entry.facts.service.serviceId)]),
      [
        ['expired', [4]],
        ['critical', [8]],
        ['warning', [1]],
        ['ok', [5]],
        ['none', [7]],
        ['terminated', [6]],
      ],
    );
  });

  test('the warning window moves services between the warning and ok buckets', () => {
    const layout = layoutServices(all, { ...base, groupBy: 'expiry', warningDays: 10 });
    assert.deepEqual(
      layout.groups.find((group) => group.key === 'ok')?.entries.map((entry) => entry.facts.service.serviceId),
      [1, 5],
    );
  });

  test('a filter keeps a parent whose option matches, with only the matching options', () => {
    const layout = layoutServices(all, { ...base, filter: { ...NO_FILTER, manualOnly: true } });
    assert.deepEqual(names(layout), ['alpha.fr', 'vps-one']);
    const vpsEntry = layout.entries.find((entry) => entry.facts.service.serviceId === 1);
    assert.deepEqual(
      vpsEntry?.options.map((entry) => entry.facts.service.serviceId),
      [3],
    );
    assert.equal(layout.shown, 3);
    assert.equal(layout.total, 8);
  });

  test('nothing matching gives shown 0 and no groups', () => {
    const layout = layoutServices(all, { ...base, groupBy: 'productType', filter: { ...NO_FILTER, text: 'no-such-thing' } });
    assert.equal(layout.shown, 0);
    assert.deepEqual(layout.groups, []);
  });

  test('a service id OVH sends twice appears once (tree ids must be unique)', () => {
    const layout = layoutServices([domain, { ...domain }], base);
    assert.equal(layout.entries.length, 1);
    assert.equal(layout.total, 1);
  });

  test('unknown values (renew mode, lifecycle state, type) never throw', () => {
    const odd = service({ displayName: 'odd', type: 'other', renewMode: 'automaticV2031', lifecycleState: 'somethingNew', expirationDate: 'not a date' });
    const layout = layoutServices([odd], { ...base, groupBy: 'expiry' });
    assert.deepEqual(
      layout.groups.map((group) => group.key),
      ['none'],
    );
    assert.equal(layout.groups[0].entries[0].facts.renewMode, 'automatic');
  });
});
