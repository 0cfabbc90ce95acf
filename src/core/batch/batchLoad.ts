import { batchBlock, defaultOption } from '../../renewal';
import type { BatchHost } from './batchHost';
import { itemError, type BatchItem } from './batchItems';
import { restoredState, type RowRecord } from './batchRecords';
import { rowStateAfter } from './batchSteps';

/**
 * Loads one item of a batch: its session first looks at the journal and OVH (an order in
 * progress or unpaid is shown, never ordered again; another window's work is followed),
 * then a reloaded batch takes back what its record knows, then the default option is chosen.
 */
export async function loadItem(b: BatchHost, item: BatchItem, recorded: RowRecord | undefined, selected: ReadonlySet<number>): Promise<void> {
  const summary = item.session.deps.summary;
  const block = summary ? batchBlock(summary, selected) : undefined;
  if (block) return b.setRowState(item, { kind: 'blocked', reason: block });
  await item.session.start();
  const step = item.session.currentStep;
  if (step.kind === 'loadFailed') return b.setRowState(item, { kind: 'blocked', reason: 'loadFailed' }, itemError(item));
  if (recorded) Object.assign(item, { included: recorded.included, chosenKey: recorded.chosenKey });
  // Another window is placing or paying this item's order: the item follows it, never orders it.
  if (step.kind === 'elsewhere') return b.setRowState(item, { kind: 'elsewhere' });
  if (step.kind !== 'choosing') {
    // The journal knows an order or an attempt for this service: it is shown, never ordered again.
    item.claims = b.journalServices(item);
    return b.setRowState(item, rowStateAfter(step, item.claims.length > 0, false));
  }
  const options = item.session.optionRows;
  if (recorded?.outcome && recorded.outcome !== 'elsewhere') return b.setRowState(item, restoredState(recorded, b.deps.identity), recorded.errorText);
  if (options.length === 0) return b.setRowState(item, { kind: 'blocked', reason: 'noOffer' });
  if (!options.some((option) => option.key === item.chosenKey))
    item.chosenKey = defaultOption(options, item.serviceId, item.session.serviceSummary?.renewPeriod)?.key;
  // Another window may have started ordering it while its options loaded: then it is not offered, and it is followed.
  if (await item.session.otherWindows.holder([item.serviceId])) {
    item.session.otherWindows.goElsewhere([item.serviceId]);
    return b.setRowState(item, { kind: 'elsewhere' });
  }
  b.setRowState(item, { kind: 'ready' });
}
