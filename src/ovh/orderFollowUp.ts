import * as z from 'zod/mini';

/**
 * GET /me/order/{id}/followUp (Beta): the steps of a paid order, which OVH's hub reads beside
 * /status. An order can wait there days for documents or a manual review: neither failed nor
 * delivered. A 404 means no history yet.
 */

export const HELD_CHECKS = ['FRAUD_DOCS_REQUESTED', 'FRAUD_MANUAL_REVIEW', 'FRAUD_REFUSED'] as const;
/** What OVH holds the order for: documents, a manual review, or a refusal after its checks. */
export type HeldCheck = (typeof HELD_CHECKS)[number];

const HistorySchema = z.object({ date: z.nullish(z.string()), label: z.nullish(z.string()) });
export const FollowUpSchema = z.array(z.object({ step: z.nullish(z.string()), status: z.nullish(z.string()), history: z.nullish(z.array(HistorySchema)) }));
export type FollowUp = z.infer<typeof FollowUpSchema>;

/** The check the order waits on: the latest history entry, when it is one of the checks. */
export function heldCheck(followUp: FollowUp): HeldCheck | undefined {
  const entries = followUp.flatMap((step) => step.history ?? []);
  const timed = entries.map((entry, index) => ({ label: entry.label, at: Date.parse(entry.date ?? '') || 0, index }));
  const latest = timed.sort((a, b) => a.at - b.at || a.index - b.index).at(-1)?.label;
  return (HELD_CHECKS as readonly (string | null | undefined)[]).includes(latest) ? (latest as HeldCheck) : undefined;
}
