import type { Locator } from 'playwright-core';
import { page, poll, runFromPalette, sandbox, screenshot } from './workbench';

/**
 * Signs in to the E2E sandbox the way a user does: "OVHcloud: Sign In" from the palette,
 * "Custom API URL…", the sandbox URL, "I already have a consumer key", then the three
 * keys. Every step waits for its own prompt, so a slow workbench never gets typing meant
 * for the previous box.
 */

const widget = (): Locator => page().locator('.quick-input-widget');
const inputBox = (): Locator => widget().locator('.quick-input-box input');

/**
 * Waits until the quick input is at a given step: a quick pick is recognised by its
 * exact placeholder, an input box by its exact prompt with an empty value (a fresh box,
 * not the previous one still closing).
 */
async function waitForStep(kind: 'pick' | 'input', text: string): Promise<void> {
  await poll(`the sign-in step "${text}"`, async () => {
    if (!(await widget().isVisible())) return false;
    const placeholder = (await inputBox().getAttribute('placeholder')) ?? '';
    // An input box shows its prompt followed by "(Press 'Enter' to confirm…)".
    const message = (
      await widget()
        .locator('.quick-input-message')
        .innerText()
        .catch(() => '')
    ).trim();
    const value = await inputBox().inputValue();
    return kind === 'pick' ? placeholder === text : message.startsWith(text) && value === '';
  });
}

async function pick(step: string, label: string): Promise<void> {
  await waitForStep('pick', step);
  await inputBox().fill(label);
  await widget().locator('.quick-input-list .monaco-list-row', { hasText: label }).first().waitFor();
  await page().keyboard.press('Enter');
}

async function type(step: string, value: string): Promise<void> {
  await waitForStep('input', step);
  await inputBox().fill(value);
  await page().keyboard.press('Enter');
}

export interface SignInOptions {
  /** Defaults to the sandbox URL. */
  readonly url?: string;
  /** Saves a screenshot of the first quick pick under this name. */
  readonly screenshotName?: string;
}

export async function signInThroughUi(options: SignInOptions = {}): Promise<void> {
  const info = sandbox();
  await runFromPalette('OVHcloud: Sign In');
  await waitForStep('pick', 'Where is your account?');
  await widget().locator('.quick-input-list .monaco-list-row', { hasText: 'Custom API URL…' }).waitFor();
  if (options.screenshotName) await screenshot(options.screenshotName);
  await pick('Where is your account?', 'Custom API URL…');
  await type('API base URL', options.url ?? info.url);
  await pick('How do you want to sign in?', 'I already have a consumer key');
  await type('Application key', info.applicationKey);
  await type('Application secret', info.applicationSecret);
  await type('Consumer key', info.consumerKey);
  await page().locator('.notifications-toasts', { hasText: 'Signed in to OVHcloud as' }).waitFor({ timeout: 30_000 });
}
