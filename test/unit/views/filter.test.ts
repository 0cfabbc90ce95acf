import * as assert from 'node:assert/strict';
import { foldText, matchesFilter } from '../../../src/views/pure/filterServices';
import { factsOf } from '../../../src/views/pure/serviceFacts';
import { describeFilter, isFilterActive, NO_FILTER, parseFilter, parseStoredArrangement, type ServiceFilter } from '../../../src/views/pure/viewOptions';
import { expiringIn, NOW, service, t } from './fixtures';

const matches = (filter: Partial<ServiceFilter>, partial: Parameters<typeof service>[0]): boolean =>
  matchesFilter(factsOf(service(partial), NOW, 30), { ...NO_FILTER, ...filter });

suite('views: filter', () => {
  test('text matches display name, service name, id and product, ignoring case and accents', () => {
    assert.ok(matches({ text: 'CREME' }, { displayName: 'café-crème.fr', name: 'xn--caf-crme-60ag.fr' }));
    assert.ok(matches({ text: 'lodz' }, { displayName: 'łódź-dev.io' }));
    assert.ok(matches({ text: 'vps-9af' }, { displayName: 'Entwicklung München', name: 'vps-9af9ed02.vps.ovh.net' }));
    assert.ok(matches({ text: '14979944' }, { displayName: 'x', serviceId: 14979944 }));
    assert.ok(matches({ text: 'comfort' }, { displayName: 'x', productDescription: 'VPS Comfort' }));
    assert.ok(!matches({ text: 'pixel' }, { displayName: 'orbit.be' }));
  });

  test('several words must all match, in any order', () => {
    assert.ok(matches({ text: 'backup prod' }, { displayName: 'Backup (studio-prod-09)' }));
    assert.ok(!matches({ text: 'backup staging' }, { displayName: 'Backup (studio-prod-09)' }));
  });

  test('foldText maps letters NFD cannot split', () => {
    assert.equal(foldText('Łódź Øre Straße Æther'), 'lodz ore strasse aether');
  });

  test('"within 7 days": 1..7 days left, not expired, not 8', () => {
    assert.ok(matches({ within: 7 }, { displayName: 'a', expirationDate: expiringIn(7) }));
    assert.ok(matches({ within: 7 }, { displayName: 'a', expirationDate: expiringIn(1) }));
    assert.ok(!matches({ within: 7 }, { displayName: 'a', expirationDate: expiringIn(8) }));
    assert.ok(!matches({ within: 7 }, { displayName: 'a', expirationDate: expiringIn(-1) }));
  });

  test('"within 30 days" and "expired" widen each other; terminated services are neither', () => {
    const filter = { within: 30 as const, expired: true };
    assert.ok(matches(filter, { displayName: 'a', expirationDate: expiringIn(-3) }));
    assert.ok(matches(filter, { displayName: 'a', expirationDate: expiringIn(30) }));
    assert.ok(!matches(filter, { displayName: 'a', expirationDate: expiringIn(31) }));
    assert.ok(!matches(filter, { displayName: 'a', expirationDate: expiringIn(-3), lifecycleState: 'terminated' }));
    assert.ok(!matches({ expired: true }, { displayName: 'a', expirationDate: expiringIn(3) }));
    assert.ok(!matches({ within: 30 }, { displayName: 'a', expirationDate: undefined }));
  });

  test('"manual renew only" narrows, and an unknown mode is not manual', () => {
    assert.ok(matches({ manualOnly: true }, { displayName: 'a', renewMode: 'manual' }));
    assert.ok(!matches({ manualOnly: true }, { displayName: 'a', renewMode: 'automatic' }));
    assert.ok(!matches({ manualOnly: true }, { displayName: 'a', renewMode: 'somethingNew' }));
    assert.ok(!matches({ manualOnly: true, expired: true }, { displayName: 'a', renewMode: 'automatic', expirationDate: expiringIn(-2) }));
  });

  test('isFilterActive and the view description', () => {
    assert.equal(isFilterActive(NO_FILTER), false);
    assert.equal(isFilterActive({ ...NO_FILTER, text: '   ' }), false);
    assert.equal(describeFilter(NO_FILTER, t), undefined);
    assert.equal(describeFilter({ text: ' pixel ', within: 7, manualOnly: true, expired: false }, t), 'Filter: "pixel" · within 7 days · manual renewal');
    assert.equal(describeFilter({ text: '', within: 30, manualOnly: false, expired: true }, t), 'Filter: expired or within 30 days');
    assert.equal(describeFilter({ ...NO_FILTER, expired: true }, t), 'Filter: expired');
  });

  test('parseFilter accepts command arguments defensively', () => {
    assert.deepEqual(parseFilter({ text: 'a', within: 7, manualOnly: true, expired: 'yes', extra: 1 }), {
      text: 'a',
      within: 7,
      manualOnly: true,
      expired: false,
    });
    assert.deepEqual(parseFilter({ within: 12 }), { text: '', within: undefined, manualOnly: false, expired: false });
    assert.equal(parseFilter(undefined), undefined);
    assert.equal(parseFilter('pixel'), undefined);
  });

  test('a remembered arrangement that is corrupt or from an older version falls back to the defaults', () => {
    assert.deepEqual(parseStoredArrangement({ groupBy: 'expiry', sortBy: 'name' }), { groupBy: 'expiry', sortBy: 'name' });
    assert.deepEqual(parseStoredArrangement({ groupBy: 'region', sortBy: 3 }), { groupBy: 'productType', sortBy: 'expiry' });
    assert.deepEqual(parseStoredArrangement(undefined), { groupBy: 'productType', sortBy: 'expiry' });
  });
});
