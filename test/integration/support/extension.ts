import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension';
import type { TestingApi } from '../../../src/testing';

export const EXTENSION_ID = 'renewalsdev.ovhcloud-renewals';

export async function testingApi(): Promise<TestingApi> {
  const extension = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed`);
  const api = await extension.activate();
  if (!api.testing) throw new Error('the extension did not expose its testing API (OVHCLOUD_TEST_MODE unset?)');
  return api.testing;
}
