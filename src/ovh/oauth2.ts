import * as https from 'node:https';
import { OvhApiError } from './errors';
import { networkError } from './networkError';

/**
 * OAuth2 client credentials for OVH service accounts: POST <tokenUrl>oauth2/token
 * with HTTP Basic client authentication and scope "all", as the `ovh` package
 * configures simple-oauth2. We send it ourselves because, inside VS Code's
 * extension host, the network patch VS Code applies to Node's https turns the
 * token POST of simple-oauth2's HTTP library into a bodiless GET (found by the
 * OAuth2 sign-in integration test); plain https.request with an agent works.
 */
export interface AccessToken {
  readonly value: string;
  readonly expiresAtMs: number;
}

const PATH = 'oauth2/token';

export function requestAccessToken(tokenUrl: string, clientId: string, clientSecret: string, timeoutMs: number): Promise<AccessToken> {
  const url = new URL(PATH, tokenUrl.endsWith('/') ? tokenUrl : `${tokenUrl}/`);
  const form = (value: string): string => encodeURIComponent(value).replace(/%20/g, '+');
  const body = 'grant_type=client_credentials&scope=all';
  const headers = {
    Authorization: `Basic ${Buffer.from(`${form(clientId)}:${form(clientSecret)}`).toString('base64')}`,
    'Content-Type': 'application/x-www-form-urlencoded',
    'Content-Length': String(Buffer.byteLength(body)),
    Accept: 'application/json',
  };
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const request = https.request(url, { method: 'POST', headers, timeout: timeoutMs, agent: new https.Agent({ keepAlive: false }) }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', (cause) => reject(networkError('POST', PATH, cause)));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: { access_token?: unknown; expires_in?: unknown; error?: unknown; error_description?: unknown } = {};
        try {
          json = JSON.parse(text) as typeof json;
        } catch {
          // Handled below: no token in a non-JSON answer.
        }
        const status = response.statusCode ?? 0;
        if (status >= 200 && status < 300 && typeof json.access_token === 'string') {
          const seconds = typeof json.expires_in === 'number' ? json.expires_in : 3600;
          resolve({ value: json.access_token, expiresAtMs: started + seconds * 1000 });
          return;
        }
        const message = [json.error, json.error_description].filter((part) => typeof part === 'string').join(': ');
        reject(
          new OvhApiError({
            kind: status >= 500 ? 'server' : status >= 200 && status < 300 ? 'malformedResponse' : 'oauth2',
            method: 'POST',
            path: PATH,
            status,
            serverMessage: message || undefined,
          }),
        );
      });
    });
    request.on('timeout', () => request.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    request.on('error', (cause) => reject(networkError('POST', PATH, cause)));
    request.end(body);
  });
}
