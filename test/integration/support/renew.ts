import type { AccountMeta } from '../../../src/auth/accountTypes';
import type { RenewPanel } from '../../../src/panels/renewPanel';
import type { RenewPanelState } from '../../../src/protocol/renewPanel';
import type { TestingApi } from '../../../src/testing';
import { admin } from './sandbox';
import { ScriptedPrompter, type Answer } from './scriptedPrompter';
import { waitFor } from './wait';

export interface Ledger {
  orders: Array<{ orderId: number; serviceId: number; duration: string; services: number[] }>;
  payments: Array<{
    orderId: number;
    paymentMean: string;
    paymentMeanId: number | null;
    paymentMethodId: number | null;
    route: 'pay' | 'payWithRegisteredPaymentMean';
  }>;
}

export const ledger = (): Promise<Ledger> => admin<Ledger>('GET', 'ledger');

/** A service of the signed-in sandbox account that can be renewed, with a bundle when asked. */
export async function renewableService(testing: TestingApi, account: AccountMeta, withBundle: boolean): Promise<number> {
  const api = await testing.accounts.api(account.id);
  if (!api) throw new Error('no API client');
  const { services } = await api.listServices();
  for (const service of services.filter((candidate) => (withBundle ? candidate.type === 'domain' : candidate.type === 'vps'))) {
    const descriptions = await api.listRenewDescriptions(service.serviceId, false).catch(() => []);
    const strategies = descriptions.flatMap((description) => description.strategies);
    if (strategies.length > 0 && (!withBundle || strategies.some((strategy) => strategy.services.length > 1))) return service.serviceId;
  }
  throw new Error('the sandbox account has no renewable service of that kind');
}

/** Drives a panel like its webview would: every message goes through the host's validation. */
export class PanelDriver {
  constructor(
    readonly panel: RenewPanel,
    private readonly testing: TestingApi,
  ) {}

  get state(): RenewPanelState {
    return this.panel.state;
  }

  async send(message: unknown, answers: Answer[] = []): Promise<ScriptedPrompter> {
    const prompter = new ScriptedPrompter(answers);
    this.testing.setPrompter(prompter);
    try {
      await this.panel.receive(message);
    } finally {
      this.testing.setPrompter(undefined);
    }
    return prompter;
  }

  until(what: string, check: (state: RenewPanelState) => boolean, timeoutMs?: number): Promise<RenewPanelState> {
    return waitFor(what, () => (check(this.panel.state) ? this.panel.state : undefined), timeoutMs);
  }

  async ready(): Promise<RenewPanelState> {
    await this.send({ type: 'ready' });
    return this.until('the comparison', (state) => state.phase !== 'loading' && state.busy === undefined);
  }

  async previewRow(key: string): Promise<RenewPanelState> {
    await this.send({ type: 'select', key });
    await this.send({ type: 'preview' });
    return this.until('the preview', (state) => state.preview?.key === key && state.busy === undefined);
  }
}

export async function openPanel(testing: TestingApi, accountId: string, serviceId: number): Promise<PanelDriver> {
  const panel = testing.renewPanels.show({ accountId, serviceId });
  const driver = new PanelDriver(panel, testing);
  await driver.ready();
  return driver;
}
