import * as vscode from 'vscode';
import type { ServiceFilter } from './pure/viewOptions';

type Toggle = 'expired' | 'within7' | 'within30' | 'manualOnly';

interface ToggleItem extends vscode.QuickPickItem {
  readonly toggle: Toggle;
}

/**
 * One quick pick for the whole filter: what is typed is the text match, the ticked
 * items are the quick toggles. `alwaysShow` keeps the toggles visible while typing
 * (otherwise the text would filter the toggles themselves away).
 */
export function promptFilter(current: ServiceFilter): Promise<ServiceFilter | undefined> {
  const items: ToggleItem[] = [
    { toggle: 'within7', label: vscode.l10n.t('Expires within 7 days'), alwaysShow: true },
    { toggle: 'within30', label: vscode.l10n.t('Expires within 30 days'), alwaysShow: true },
    { toggle: 'expired', label: vscode.l10n.t('Expired'), alwaysShow: true },
    { toggle: 'manualOnly', label: vscode.l10n.t('Manual renew only'), alwaysShow: true },
  ];
  const isOn = (toggle: Toggle): boolean =>
    toggle === 'expired' ? current.expired : toggle === 'manualOnly' ? current.manualOnly : toggle === 'within7' ? current.within === 7 : current.within === 30;

  const pick = vscode.window.createQuickPick<ToggleItem>();
  pick.title = vscode.l10n.t('OVHcloud: Filter Services');
  pick.placeholder = vscode.l10n.t('Type part of a name or id, tick quick filters, then press Enter');
  pick.canSelectMany = true;
  pick.ignoreFocusOut = false;
  pick.items = items;
  pick.selectedItems = items.filter((item) => isOn(item.toggle));
  pick.value = current.text;

  return new Promise((resolve) => {
    let accepted = false;
    pick.onDidAccept(() => {
      accepted = true;
      const on = new Set(pick.selectedItems.map((item) => item.toggle));
      // Both windows ticked: the narrower one is what "within 7 and within 30" means.
      const within = on.has('within7') ? 7 : on.has('within30') ? 30 : undefined;
      resolve({ text: pick.value.trim(), within, manualOnly: on.has('manualOnly'), expired: on.has('expired') });
      pick.hide();
    });
    pick.onDidHide(() => {
      if (!accepted) resolve(undefined);
      pick.dispose();
    });
    pick.show();
  });
}
