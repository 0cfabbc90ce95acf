/**
 * A service's product type in words ("Web hosting"), as every feature labels a service:
 * the tree's tooltips, the pick lists, the outlook, the exports, the panels and the
 * Copilot tools' answers. Pure: `t` is vscode.l10n.t in the extension.
 */
import type { ServiceType } from '../ovh';
import type { Translate } from '../translate';

export function productTypeText(type: ServiceType, t: Translate): string {
  switch (type) {
    case 'domain':
      return t('Domain');
    case 'dnsZone':
      return t('DNS zone');
    case 'webHosting':
      return t('Web hosting');
    case 'email':
      return t('Email');
    case 'vps':
      return t('VPS');
    case 'dedicatedServer':
      return t('Dedicated server');
    case 'publicCloud':
      return t('Public Cloud project');
    case 'privateDatabase':
      return t('Private database');
    case 'ip':
      return t('IP block');
    case 'ssl':
      return t('SSL certificate');
    case 'option':
      return t('Option');
    case 'other':
      return t('Other service');
  }
}
