import type { SandboxInfo } from '../../harness/sandboxProcess';
import { sandboxAdmin, type SandboxAdminMethod } from '../../kit/sandboxClient';
import { waitFor } from './wait';

/** The sandbox the launcher started for this run (see test/harness/runIntegration.ts). */
export function sandbox(): SandboxInfo {
  const raw = process.env.OVHCLOUD_TEST_SANDBOX;
  if (!raw) throw new Error('OVHCLOUD_TEST_SANDBOX is not set: run the suite through the launcher');
  return JSON.parse(raw) as SandboxInfo;
}

/** https://127.0.0.1:PORT, where the admin routes live (outside /1.0). */
export function sandboxOrigin(): string {
  return new URL(sandbox().url).origin;
}

/** The run's sandbox's control routes (test/kit/sandboxClient.ts). */
export function admin<T = unknown>(method: SandboxAdminMethod, path: string, body?: unknown): Promise<T> {
  return sandboxAdmin<T>(sandboxOrigin(), method, path, body);
}

/** Plays the user on the sandbox's validation page: the same form OVH's login page posts. */
export async function answerValidationPage(validationUrl: string, action: 'authorize' | 'refuse'): Promise<number> {
  const response = await fetch(validationUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: `action=${action}`,
    redirect: 'manual',
  });
  await response.text();
  return response.status;
}

/**
 * Plays the user who approves (or refuses) once the extension is waiting for the answer,
 * that is once it has asked OVH for the key's status after the page was opened.
 */
export async function answerWhenAsked(validationUrl: string, action: 'authorize' | 'refuse'): Promise<void> {
  const polls = async (): Promise<number> => (await admin<{ counts: Record<string, number> }>('GET', 'requests')).counts['GET /auth/currentCredential'] ?? 0;
  const before = await polls();
  await waitFor('the extension to wait for the approval', async () => (await polls()) > before, 30_000);
  await answerValidationPage(validationUrl, action);
}
