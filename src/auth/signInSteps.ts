/**
 * Which prompts the sign-in shows, in order, so that titles number the steps
 * the user actually sees ("(4/5)"). Choices not made yet are assumed to follow
 * the recommended path (a known endpoint, a new consumer key); the total is
 * recomputed after each choice, as VS Code's multi-step inputs do.
 */

export type SignInMethod = 'createConsumerKey' | 'existingConsumerKey' | 'oauth2';

export type SignInStep =
  'endpoint' | 'customUrl' | 'method' | 'tokenUrl' | 'clientId' | 'clientSecret' | 'application' | 'applicationKey' | 'applicationSecret' | 'consumerKey';

export interface SignInPath {
  /** Whether a custom API URL was picked; unknown before the first pick. */
  readonly custom?: boolean;
  /** Whether the endpoint offers a page to create an application; unknown before the first pick (known endpoints do). */
  readonly createAppUrl?: boolean;
  readonly method?: SignInMethod;
}

export function signInSteps(path: SignInPath): SignInStep[] {
  const custom = path.custom ?? false;
  const credentials: SignInStep[] =
    path.method === 'oauth2'
      ? [...(custom ? (['tokenUrl'] as const) : []), 'clientId', 'clientSecret']
      : path.method === 'existingConsumerKey'
        ? ['applicationKey', 'applicationSecret', 'consumerKey']
        : [...((path.createAppUrl ?? !custom) ? (['application'] as const) : []), 'applicationKey', 'applicationSecret'];
  return ['endpoint', ...(custom ? (['customUrl'] as const) : []), 'method', ...credentials];
}

/** `[number, total]` of `step` on `path`, 1-based. */
export function stepPosition(path: SignInPath, step: SignInStep): readonly [number, number] {
  const steps = signInSteps(path);
  const index = steps.indexOf(step);
  if (index < 0) throw new RangeError(`sign-in step ${step} is not on this path`);
  return [index + 1, steps.length];
}
