import { createHash, X509Certificate } from 'node:crypto';
import * as fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium, or CHROMIUM_PATH; Playwright's own browser download cannot work offline. */
export function findChromium(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((candidate): candidate is string =>
    Boolean(candidate),
  );
  const found = candidates.find((candidate) => fs.existsSync(candidate));
  if (!found) {
    throw new Error(
      'No Chromium found for the VS Code workbench tests. Install the Debian package "chromium" ' +
        '(apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium or Chrome executable.',
    );
  }
  return found;
}

/**
 * Chromium's pin for one certificate's public key: pages of the sandbox (its OVH
 * validation page) open in the test browser without trusting anything else and
 * without turning certificate checks off.
 */
export function spkiPin(certificatePath: string): string {
  const certificate = new X509Certificate(fs.readFileSync(certificatePath));
  const spki = certificate.publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('base64');
}

export async function launchBrowser(options: { trustCertificate?: string } = {}): Promise<Browser> {
  const pin = options.trustCertificate ? [`--ignore-certificate-errors-spki-list=${spkiPin(options.trustCertificate)}`] : [];
  return chromium.launch({
    executablePath: findChromium(),
    headless: true,
    // The machine has no network: background services would only log failures.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...pin,
    ],
  });
}

/** The workbench URL that opens `folder` and passes launch arguments the way the desktop CLI would. */
export function workbenchUrl(serverUrl: string, folder: string, payload: Array<[string, string]>): string {
  const remote = new URL(serverUrl).host;
  const toRemote = (value: string): string => (value.startsWith('/') ? `vscode-remote://${remote}${value}` : value);
  const mapped = payload.map(([key, value]): [string, string] =>
    key === 'extensionDevelopmentPath' || key === 'extensionTestsPath' ? [key, toRemote(value)] : [key, value],
  );
  const query = new URLSearchParams({ folder, payload: JSON.stringify([...mapped, ['skipWelcome', 'true']]) });
  return `${serverUrl}/?${query.toString()}`;
}
