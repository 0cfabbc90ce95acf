import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { ServiceSummary } from '../../../src/ovh/serviceSummary';
import { CACHE_FORMAT, cacheKeyOf, makeCachedListing, readCachedListing } from '../../../src/core/listing/cachedListing';
import { expiringIn, service } from './fixtures';

// Compiled to out/test/unit/views; the sources live in <repo>/src/views and, for the listing they show, <repo>/src/core/listing.
const SOURCE_DIRS = [path.resolve(__dirname, '../../../../src/views'), path.resolve(__dirname, '../../../../src/core/listing')];
/** The pure half of src/views, unit-tested in plain Node; the lint rule for pure/ says the same. */

suite('views: listing cache and purity', () => {
  const listed = [
    service({ serviceId: 1, displayName: 'pixel.net', expirationDate: expiringIn(3), pendingActions: ['deleteAtExpiration'] }),
    service({ serviceId: 2, parentServiceId: 1, displayName: 'MX Plan', type: 'option' }),
  ];

  test('a cached listing reads back identical', () => {
    const cached = makeCachedListing(listed, [{ serviceId: 9, schemaPath: 'billing.expirationDate' }], 1234);
    const roundTrip = readCachedListing(JSON.parse(JSON.stringify(cached)));
    assert.deepEqual(JSON.parse(JSON.stringify(roundTrip?.services)), JSON.parse(JSON.stringify(listed)));
    assert.deepEqual(roundTrip?.unreadable, [{ serviceId: 9, schemaPath: 'billing.expirationDate' }]);
    assert.equal(roundTrip?.fetchedAt, 1234);
    assert.equal(cacheKeyOf('abc'), 'ovhcloud.services.listing.abc');
  });

  test('only ServiceSummary fields are written, whatever the object carries', () => {
    const carrying = { ...listed[0], consumerKey: 'SECRET', billing: { price: 1 } } as unknown as ServiceSummary;
    const text = JSON.stringify(makeCachedListing([carrying], [], 1));
    assert.ok(!text.includes('SECRET'));
    assert.ok(!text.includes('billing'));
  });

  test('an unreadable cache is "no cache", never half a listing', () => {
    assert.equal(readCachedListing(undefined), undefined);
    assert.equal(readCachedListing({ format: CACHE_FORMAT + 1, fetchedAt: 1, services: [] }), undefined);
    assert.equal(readCachedListing({ format: CACHE_FORMAT, fetchedAt: 'x', services: [] }), undefined);
    assert.equal(readCachedListing({ format: CACHE_FORMAT, fetchedAt: 1, services: [{ serviceId: 'x' }] }), undefined);
  });

  test('an IDN domain cached in punycode by an earlier version reads back in Unicode, its technical name kept', () => {
    const cached = makeCachedListing([service({ serviceId: 3, name: 'xn--aejo-gqa.io', displayName: 'xn--aejo-gqa.io' })], [], 1);
    const [read] = readCachedListing(JSON.parse(JSON.stringify(cached)))?.services ?? [];
    assert.equal(read?.displayName, 'añejo.io');
    assert.equal(read?.name, 'xn--aejo-gqa.io');
  });

  test('an unknown product type from a newer version degrades to "other"', () => {
    const read = readCachedListing({
      format: CACHE_FORMAT,
      fetchedAt: 1,
      services: [{ serviceId: 1, name: 'n', displayName: 'd', type: 'quantum', pendingActions: [3, 'x'] }],
    });
    assert.equal(read?.services[0].type, 'other');
    assert.deepEqual(read?.services[0].pendingActions, ['x']);
  });

  test('every file in src/views and src/core/listing stays small', () => {
    for (const dir of SOURCE_DIRS) {
      for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'))) {
        const size = readFileSync(path.join(dir, name)).length;
        assert.ok(size < 12_500, `${name} is ${size} bytes`);
      }
    }
  });
});
