// Bundle-only stand-in for `simple-oauth2`, which the `ovh` client requires when it
// loads. The extension requests OAuth2 tokens itself (src/ovh/oauth2.ts) because
// VS Code's network patch breaks that library's token POST in the extension host;
// leaving it out of dist/extension.js also drops joi and @hapi/* (about 220 KB).
'use strict';
class ClientCredentials {
  constructor(config) {
    this.config = config;
  }
  getToken() {
    return Promise.reject(new Error('OAuth2 tokens are requested by src/ovh/oauth2.ts, not through simple-oauth2.'));
  }
}
module.exports = { ClientCredentials };
