import * as z from 'zod/mini';

/**
 * The payment methods a panel offers for an order, as the webview shows them. The webview
 * names a method by `id` (the host's index into the methods it keeps); what the method is
 * stays in the host.
 */
export const PaymentChoicesSchema = z.object({
  options: z.array(
    z.object({ id: z.string().check(z.maxLength(200)), label: z.string(), isDefault: z.boolean(), selectable: z.boolean(), statusText: z.string() }),
  ),
  selectedId: z.optional(z.string()),
});
export type PaymentChoices = z.infer<typeof PaymentChoicesSchema>;
