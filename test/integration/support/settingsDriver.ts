import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ServiceSummary } from '../../../src/ovh';
import { willTerminate } from '../../../src/renewal';
import type { SettingsRun } from '../../../src/settings/settingsDeps';
import { type Answer, ScriptedPrompter } from './scriptedPrompter';
import type { ServicesSuite } from './servicesSuite';

/** Whether OVH shows the service as ending: the rule the tree and the outlook follow. */
export const ending = (s: ServiceSummary): boolean =>
  willTerminate({
    billing: { lifecycle: { current: { pendingActions: s.pendingActions, state: s.lifecycleState ?? null, terminationDate: s.terminationDate ?? null } } },
  });

/** The renew-settings suites' means: run a command with scripted answers, read a service fresh, find its tree node. */
export function settingsDriver(s: ServicesSuite) {
  return {
    /** Runs a renew-settings command with these answers; every answer must be used. */
    async command(id: string, answers: Answer[], ...args: unknown[]): Promise<{ run: SettingsRun; prompter: ScriptedPrompter }> {
      const prompter = new ScriptedPrompter(answers);
      s.testing.setPrompter(prompter);
      try {
        const run = (await vscode.commands.executeCommand(id, ...args)) as SettingsRun;
        assert.equal(prompter.remaining, 0, `unused answers; asked: ${prompter.asked.join(' → ')}`);
        return { run, prompter };
      } finally {
        s.testing.setPrompter(undefined);
      }
    },
    /** The service as OVH (the sandbox) holds it now. */
    fresh: async (serviceId: number): Promise<ServiceSummary> => (await s.testing.accounts.api(s.account.id))!.getService(serviceId),
    /** The service's node in the tree. */
    node(serviceId: number) {
      const found = s.view.provider.findService(s.account.id, serviceId);
      assert.ok(found, `the tree shows service ${serviceId}`);
      return found;
    },
  };
}
