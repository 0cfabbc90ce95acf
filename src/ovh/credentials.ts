/** The two ways to authenticate against OVH. Values here are secrets: never log them. */
export interface AppKeyCredentials {
  readonly kind: 'appKey';
  readonly applicationKey: string;
  readonly applicationSecret: string;
  /** Absent only while a consumer key is being requested. */
  readonly consumerKey?: string;
}

export interface OAuth2Credentials {
  readonly kind: 'oauth2';
  readonly clientId: string;
  readonly clientSecret: string;
}

export type Credentials = AppKeyCredentials | OAuth2Credentials;
