import * as vscode from 'vscode';

/** The faults of the fault matrices: each one the sandbox can inject on any route. */
export type Fault = {
  readonly name: string;
  readonly spec?: Record<string, unknown>;
  readonly clockSkew?: boolean;
  readonly iam?: boolean;
  readonly config?: Record<string, unknown>;
};

export const FAULTS: Fault[] = [
  { name: '401', spec: { kind: 'status', status: 401 } },
  { name: '403 not granted', spec: { kind: 'status', status: 403, errorCode: 'NOT_GRANTED_CALL', message: 'This call has not been granted' } },
  { name: '403 invalid credential', spec: { kind: 'status', status: 403, errorCode: 'INVALID_CREDENTIAL', message: 'This credential is not valid' } },
  { name: '404', spec: { kind: 'status', status: 404 } },
  { name: '409', spec: { kind: 'status', status: 409 } },
  { name: '429 with Retry-After', spec: { kind: 'rateLimit', retryAfter: 1 } },
  { name: '460 expired service', spec: { kind: 'status', status: 460 } },
  { name: '500', spec: { kind: 'status', status: 500 } },
  { name: '503', spec: { kind: 'status', status: 503 } },
  { name: 'timeout', spec: { kind: 'timeout' } },
  { name: 'connection reset', spec: { kind: 'reset' } },
  { name: 'malformed JSON', spec: { kind: 'malformedJson' } },
  { name: 'schema-violating JSON', spec: { kind: 'schemaViolation' } },
  { name: 'clock skew', clockSkew: true },
  // The refusals real OVH answers (ovh-api-realities.md §1, §6, §7).
  { name: '403 payment mean refused', spec: { kind: 'status', status: 403, message: "This order can't be paid with 'creditCard'" } },
  { name: '404 paymentMean not found', spec: { kind: 'status', status: 404, message: 'paymentMean not found' } },
  { name: '403 IAM forbidden with details', iam: true },
  {
    name: '403 key refused',
    spec: { kind: 'status', status: 403, errorCode: 'INVALID_CREDENTIAL', message: 'This credential was refused by the account owner' },
  },
  // OVH's orders are eventually consistent (issue 13): the request acts, its answer is lost.
  { name: 'answer lost after OVH acted', spec: { kind: 'timeout', after: true } },
  { name: 'completes after the client gave up', spec: { kind: 'timeout', completeAfterMs: 1500 } },
  { name: 'reset after OVH acted + late order listing', spec: { kind: 'reset', after: true }, config: { orderListingDelayMs: 1500 } },
];

/** OVH's IAM refusal for an OAuth2 service account, naming the action it lacks. */
export const iamBody = (action: string): object => ({
  class: 'Client::Forbidden',
  message: 'User not granted for this request',
  details: { unauthorizedActionsByAuthentication: '', unauthorizedActionsByIAM: action },
});

/**
 * The hooks both fault matrices share, registered after the suite's own suiteSetup and before its suiteTeardown:
 * for the whole suite requests time out after 1 s, and whatever reaches the extension host unhandled is collected
 * in the array returned, which each cell asserts is empty.
 */
export function faultMatrixHooks(): unknown[] {
  const unhandled: unknown[] = [];
  // The offline VS Code lacks ripgrep; its own search failing is not ours to count.
  const onUnhandled = (reason: unknown): void => {
    if (!/ripgrep\/bin\/rg ENOENT/.test(String(reason))) unhandled.push(reason);
  };
  const requestTimeout = (seconds: number | undefined): Thenable<void> =>
    vscode.workspace.getConfiguration('ovhcloud').update('requestTimeoutSeconds', seconds, vscode.ConfigurationTarget.Global);
  suiteSetup(async () => {
    await requestTimeout(1);
    process.on('unhandledRejection', onUnhandled);
    process.on('uncaughtException', onUnhandled);
  });
  suiteTeardown(async () => {
    process.off('unhandledRejection', onUnhandled);
    process.off('uncaughtException', onUnhandled);
    await requestTimeout(undefined);
  });
  return unhandled;
}
