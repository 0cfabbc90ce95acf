import * as vscode from 'vscode';
import { OvhApi, type Credentials, type Endpoint } from './ovh';

/** Builds one account's API client. */
export type ApiFactory = (endpoint: Endpoint, credentials: Credentials) => OvhApi;

/** Builds API clients with the user's settings and the extension's log. */
export function createApiFactory(log: vscode.LogOutputChannel): ApiFactory {
  return (endpoint, credentials) => {
    const seconds = vscode.workspace.getConfiguration('ovhcloud').get<number>('requestTimeoutSeconds', 20);
    return new OvhApi({
      endpoint,
      credentials,
      timeoutMs: Math.max(1, seconds) * 1000,
      // Paths and statuses only: never headers, bodies or query values with secrets.
      log: { debug: (message) => log.debug(message), warn: (message) => log.warn(message) },
    });
  };
}
