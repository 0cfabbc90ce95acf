/**
 * The second bundle, dist/features.js: what the first paint from the cache does not
 * need. The API client with the `ovh` package and the response schemas, the sign-in and
 * sign-out flows, the renew panel and its money flows, the batch panel, the Renewal Outlook panel, the
 * renew-settings flows and the exports. dist/extension.js requires it on
 * first use through loadFeatures.ts; nothing here runs at activation.
 *
 * Both bundles carry their own copy of the small modules they share (errors, endpoints,
 * the journal's pure helpers): such modules must hold no state, and classes checked
 * with `instanceof` across the boundary carry a global mark (see OvhApiError).
 */
export { createApiFactory } from './apiFactory';
export { signIn } from './auth/signIn';
export { signOut } from './auth/signOut';
export { forgetOrder } from './panels/forgetOrder';
export { RenewPanels } from './panels/renewPanels';
export { BatchPanels } from './panels/batchPanels';
export { exportServices } from './exports/exportCommands';
export { OutlookPanels } from './outlook/outlookPanels';
export { chooseRenewSettings, runRenewSettings } from './settings/renewSettingsCommands';
export { invokeTool, prepareTool } from './tools/languageModelTools';
