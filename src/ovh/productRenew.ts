import * as z from 'zod/mini';

/**
 * How a product's own route changes renew mode and period (see productRoutes.ts for which
 * products and why): the service.RenewType we read and send, and the periods it offers.
 */

/** service.RenewType: what the Control Panel reads and sends back whole, so that flags it does not change stay as they are. */
export const RenewTypeSchema = z.object({
  automatic: z.optional(z.boolean()),
  deleteAtExpiration: z.optional(z.boolean()),
  forced: z.optional(z.boolean()),
  manualPayment: z.nullish(z.boolean()),
  period: z.nullish(z.number()),
});
export type RenewType = z.infer<typeof RenewTypeSchema>;

/** services.Service, the fields we use. */
export const ServiceInfosSchema = z.object({
  renew: z.nullish(RenewTypeSchema),
  possibleRenewPeriod: z.nullish(z.array(z.number())),
});
export type ServiceInfos = z.infer<typeof ServiceInfosSchema>;

/** The renew periods a serviceInfos lists (in months), as ISO 8601 durations: whole years as years. */
export function possiblePeriods(infos: ServiceInfos): string[] {
  return (infos.possibleRenewPeriod ?? [])
    .filter((months) => Number.isInteger(months) && months > 0)
    .map((months) => (months % 12 === 0 ? `P${months / 12}Y` : `P${months}M`));
}

/** The body of PUT {route}/serviceInfos: the current renew, switched to this mode (and period, in months). */
export function serviceInfosRenewBody(current: RenewType | null | undefined, mode: 'automatic' | 'manual', months?: number): { renew: RenewType } {
  const base = wholeRenew(current);
  if (mode === 'manual') return { renew: { ...base, automatic: false, manualPayment: true } };
  return { renew: { ...base, automatic: true, manualPayment: false, period: months ?? base.period } };
}

/** The body of PUT {route}/serviceInfos that withdraws a deletion at expiry and changes nothing else. */
export function serviceInfosKeepBody(current: RenewType | null | undefined): { renew: RenewType } {
  return { renew: { ...wholeRenew(current), deleteAtExpiration: false } };
}

function wholeRenew(current: RenewType | null | undefined): RenewType {
  return {
    automatic: current?.automatic ?? false,
    deleteAtExpiration: current?.deleteAtExpiration ?? false,
    forced: current?.forced ?? false,
    manualPayment: current?.manualPayment ?? null,
    period: current?.period ?? null,
  };
}
