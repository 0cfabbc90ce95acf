import type { Urgency } from './serviceFacts';

/**
 * Urgency colours: red expired, orange ≤ 7 days, yellow ≤ the warning window, green later.
 * The orange, yellow and green are ours (package.json `contributes.colors`): VS Code's
 * charts.orange and charts.yellow fall under the 3:1 non-text contrast against the light
 * sidebars (test/unit/views/urgencyColors.test.ts measures every default theme).
 */
export const URGENCY_COLORS: Record<Urgency, string | undefined> = {
  expired: 'list.errorForeground',
  critical: 'ovhcloud.urgency.critical',
  warning: 'ovhcloud.urgency.warning',
  ok: 'ovhcloud.urgency.ok',
  none: undefined,
  terminated: 'disabledForeground',
};
