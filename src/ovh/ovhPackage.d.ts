// The `ovh` package (@ovhcloud/node-ovh) ships no types; these are the parts we use.
declare module 'ovh' {
  namespace ovh {
    interface OvhClient {
      readonly host: string;
      readonly port: number;
      readonly basePath: string;
      apiTimeDiff: number | null;
      signRequest(httpMethod: string, url: string, body: string | null, timestamp: number | string): string;
      getFullPath(path: string): string;
      requestPromised(httpMethod: string, path: string, params?: Record<string, unknown>): Promise<unknown>;
    }
    interface OvhParams {
      endpoint?: string;
      appKey?: string;
      appSecret?: string;
      consumerKey?: string;
      clientID?: string;
      clientSecret?: string;
      tokenURL?: string;
      host?: string;
      port?: number;
      basePath?: string;
      timeout?: number;
      apiTimeDiff?: number;
    }
  }
  function ovh(params: ovh.OvhParams): ovh.OvhClient;
  export = ovh;
}
