import { OvhApi, parseCustomEndpoint } from '../../src/ovh';
import type { LimiterOptions } from '../../src/ovh/limiter';
import type { SandboxInfo } from '../../test/harness/sandboxProcess';

/**
 * The extension's API client as src/apiFactory.ts builds it (20 s timeout, the
 * transport's default retry policy and limiter), pointed at the sandbox. A fresh
 * client per run: each one syncs its clock with /auth/time first, as after a start.
 */
export function extensionClient(info: SandboxInfo, limiter?: LimiterOptions): OvhApi {
  const parsed = parseCustomEndpoint(info.url, info.tokenUrl);
  if (!parsed.ok) throw new Error(`the sandbox URL ${info.url} does not parse: ${parsed.problem}`);
  return new OvhApi({
    endpoint: parsed.endpoint,
    credentials: { kind: 'appKey', applicationKey: info.applicationKey, applicationSecret: info.applicationSecret, consumerKey: info.consumerKey },
    timeoutMs: 20_000,
    ...(limiter ? { limiter } : {}),
  });
}
