import * as assert from 'node:assert/strict';
import type { TestingApi } from '../../src/testing';
import { testingApi } from './support/extension';
import { sandbox } from './support/sandbox';
import { ScriptedPrompter } from './support/scriptedPrompter';
import { existingKeyAnswers, OAUTH2, CUSTOM, runSignIn, signOutEverything } from './support/signIn';

/** "(n/N)" of each title. */
function counters(titles: readonly string[]): Array<[number, number]> {
  return titles.map((title) => {
    const match = /\((\d+)\/(\d+)\)$/.exec(title);
    assert.ok(match, `"${title}" has no step counter`);
    return [Number(match[1]), Number(match[2])];
  });
}

suite('Sign-in step counter (real extension host + sandbox)', function () {
  this.timeout(60_000);
  let testing: TestingApi;

  suiteSetup(async () => {
    testing = await testingApi();
  });
  setup(() => signOutEverything(testing));
  suiteTeardown(() => signOutEverything(testing));

  for (const [label, answers] of [
    ['an existing consumer key on a custom URL', () => existingKeyAnswers()],
    [
      'an OAuth2 service account on a custom URL',
      () => [
        { pick: CUSTOM },
        { input: sandbox().url },
        { pick: OAUTH2 },
        { input: sandbox().tokenUrl },
        { input: sandbox().clientId },
        { input: sandbox().clientSecret },
      ],
    ],
  ] as const) {
    test(`${label}: every prompt has its own number, and the last one is n/n`, async () => {
      const prompter = new ScriptedPrompter([...answers()]);
      const result = await runSignIn(testing, prompter);
      assert.equal(result.status, 'signedIn', JSON.stringify(result));
      const seen = counters(prompter.titles);
      assert.deepEqual(
        seen.map(([n]) => n),
        seen.map((_, index) => index + 1),
        prompter.titles.join(' → '),
      );
      assert.deepEqual(seen.at(-1), [seen.length, seen.length], prompter.titles.join(' → '));
      for (const [n, total] of seen) assert.ok(n <= total);
    });
  }
});
