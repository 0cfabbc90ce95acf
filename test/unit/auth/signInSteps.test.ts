import * as assert from 'node:assert/strict';
import { type SignInPath, signInSteps, stepPosition } from '../../../src/auth/signInSteps';

suite('Sign-in step counter: numbers the prompts the user actually sees', () => {
  for (const [label, path, steps] of [
    [
      'known endpoint, new consumer key',
      { custom: false, createAppUrl: true, method: 'createConsumerKey' },
      ['endpoint', 'method', 'application', 'applicationKey', 'applicationSecret'],
    ],
    [
      'known endpoint, existing consumer key',
      { custom: false, createAppUrl: true, method: 'existingConsumerKey' },
      ['endpoint', 'method', 'applicationKey', 'applicationSecret', 'consumerKey'],
    ],
    ['known endpoint, OAuth2', { custom: false, createAppUrl: true, method: 'oauth2' }, ['endpoint', 'method', 'clientId', 'clientSecret']],
    [
      'custom URL, new consumer key (no application page)',
      { custom: true, createAppUrl: false, method: 'createConsumerKey' },
      ['endpoint', 'customUrl', 'method', 'applicationKey', 'applicationSecret'],
    ],
    [
      'custom URL, existing consumer key',
      { custom: true, createAppUrl: false, method: 'existingConsumerKey' },
      ['endpoint', 'customUrl', 'method', 'applicationKey', 'applicationSecret', 'consumerKey'],
    ],
    [
      'custom URL, OAuth2 (asks the token URL)',
      { custom: true, createAppUrl: false, method: 'oauth2' },
      ['endpoint', 'customUrl', 'method', 'tokenUrl', 'clientId', 'clientSecret'],
    ],
  ] as const) {
    test(label, () => {
      assert.deepEqual(signInSteps(path), steps);
      // Every prompt has its own number: no two prompts share "(n/N)".
      const positions = steps.map((step) => stepPosition(path, step).join('/'));
      assert.deepEqual(
        positions,
        steps.map((_, index) => `${index + 1}/${steps.length}`),
      );
    });
  }

  test('before a choice, the recommended path is assumed; the total follows each choice', () => {
    assert.deepEqual(stepPosition({}, 'endpoint'), [1, 5]);
    assert.deepEqual(stepPosition({ custom: true }, 'customUrl'), [2, 5]);
    const known: SignInPath = { custom: false, createAppUrl: true };
    assert.deepEqual(stepPosition(known, 'method'), [2, 5]);
    assert.deepEqual(stepPosition({ ...known, method: 'oauth2' }, 'clientSecret'), [4, 4]);
  });

  test('a step that is not on the path is a programming error', () => {
    assert.throws(() => stepPosition({ method: 'oauth2' }, 'consumerKey'), RangeError);
  });
});
