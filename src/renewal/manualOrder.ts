/**
 * Whether a manual renewal order may be offered for a service. While OVH renews it itself
 * (the lifecycle action `autorenewInProgress`, which OVH's Control Panel reads too), a manual
 * order could renew it a second time; OVH does not say what such an order does meanwhile.
 */

export type ManualOrderBlock = 'autorenewInProgress';

export function manualOrderBlock(service: { readonly pendingActions?: readonly string[] } | undefined): ManualOrderBlock | undefined {
  return service?.pendingActions?.includes('autorenewInProgress') === true ? 'autorenewInProgress' : undefined;
}
