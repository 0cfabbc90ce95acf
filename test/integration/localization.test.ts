import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AccountMeta } from '../../src/auth/accountTypes';
import type { ServiceSummary } from '../../src/ovh/serviceSummary';
import type { TestingApi } from '../../src/testing';
import type { TestedServicesView as ServicesView } from '../../src/testing';
import { EXTENSION_ID, testingApi } from './support/extension';
import { openPanel, renewableService } from './support/renew';
import { admin } from './support/sandbox';
import { ScriptedPrompter } from './support/scriptedPrompter';
import { findRaw, labelOf, loadTree, rawServices, resetView, serviceRows, tooltipText } from './support/servicesTree';
import { existingKeyAnswers, runSignIn, signInToSandbox, signOutEverything } from './support/signIn';

/**
 * The extension in the display language VS Code runs in: the manifest, the Services
 * tree and the renew panel, checked against literal texts. The same suite passes in
 * an English run and in a Dutch or French one:
 *
 *   node out/test/harness/runIntegration.js                         # English
 *   OVHCLOUD_TEST_LOCALE=nl node out/test/harness/runIntegration.js # Dutch
 *   OVHCLOUD_TEST_LOCALE=fr node out/test/harness/runIntegration.js # French
 */

type Language = 'en' | 'nl' | 'fr';

interface Expected {
  /** Sign-in pick labels, to answer the flow in the display language. */
  readonly picks: Record<string, string>;
  readonly signInTitle: string;
  readonly viewName: string;
  readonly groups: readonly string[];
  /** pixel.net, three days before its expiry, renewed by hand. */
  readonly inThreeDays: string;
  readonly expired: RegExp;
  readonly endingAtExpiry: RegExp;
  readonly terminationWarning: string;
  /** Tooltip rows of pixel.net, in order of appearance. */
  readonly tooltipRows: readonly string[];
  readonly filterDescription: string;
  readonly statusBarTooltip: RegExp;
  /** The expiring-services tool's first two lines, for the signed-in account. */
  readonly toolAnswer: (accountLabel: string) => RegExp;
  readonly panelTitle: (name: string) => string;
  readonly panelStrings: Readonly<Record<string, string>>;
  readonly period: RegExp;
  readonly longDate: RegExp;
  /** An amount as Intl writes it: the decimal separator tells the languages apart. */
  readonly money: RegExp;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const EXPECTED: Record<Language, Expected> = {
  en: {
    picks: {},
    signInTitle: 'Sign In',
    viewName: 'Services',
    groups: ['Domains', 'Web hosting', 'VPS', 'Dedicated servers'],
    inThreeDays: 'in 3 days',
    expired: /^expired \d+ days ago$/,
    endingAtExpiry: /^ends in \d+ days$/,
    terminationWarning: 'Will be terminated at expiry',
    tooltipRows: ['Product: Domain', 'Service name: `pixel.net`', 'Expires: ', '(in 3 days) · expires within 7 days', 'Renewal: manual'],
    filterDescription: 'Filter: within 7 days · manual renewal',
    statusBarTooltip: /^\d+ OVHcloud services have expired or expire within 30 days\. Click to show them\.$/,
    toolAnswer: (accountLabel) => new RegExp(`^Account ${escapeRegExp(accountLabel)}\n\\d+ services expired or expire within 30 days:\n- `),
    panelTitle: (name) => `Renew ${name}`,
    panelStrings: {
      previewOrder: 'Preview order',
      placeOrder: 'Place order…',
      withTax: 'Total with tax',
      cheapest: 'Cheapest per month',
      currentExpiry: 'Current expiry: {0}',
      delivered: 'Renewed. New expiry: {0}',
    },
    period: /\b(year|month)s?\b/,
    longDate: /^(January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}, \d{4}$/,
    money: /^\D*\d{1,3}(,\d{3})*\.\d{2}\D*$/,
  },
  nl: {
    picks: { 'Custom API URL…': 'Aangepaste API-URL…', 'I already have a consumer key': 'Ik heb al een consumentensleutel' },
    signInTitle: 'Aanmelden',
    viewName: 'Diensten',
    groups: ['Domeinen', 'Webhosting', 'VPS', 'Dedicated servers'],
    inThreeDays: 'over 3 dagen',
    expired: /^verlopen \d+ dagen geleden$/,
    endingAtExpiry: /^eindigt over \d+ dagen$/,
    terminationWarning: 'Wordt beëindigd bij het verlopen',
    tooltipRows: ['Product: Domein', 'Dienstnaam: `pixel.net`', 'Verloopt: ', '(over 3 dagen) · verloopt binnen 7 dagen', 'Verlenging: handmatig'],
    filterDescription: 'Filter: binnen 7 dagen · handmatige verlenging',
    statusBarTooltip: /^\d+ OVHcloud-diensten zijn verlopen of verlopen binnen 30 dagen\. Klik om ze weer te geven\.$/,
    toolAnswer: (accountLabel) =>
      new RegExp(`^Klantaccount ${escapeRegExp(accountLabel)}\n\\d+ diensten zijn verlopen of verlopen binnen 30 dagen:\n- .*dienst-id`),
    panelTitle: (name) => `${name} verlengen`,
    panelStrings: {
      previewOrder: 'Bestelling bekijken',
      placeOrder: 'Bestelling plaatsen…',
      withTax: 'Totaal inclusief belasting',
      cheapest: 'Goedkoopst per maand',
      currentExpiry: 'Huidige vervaldatum: {0}',
      delivered: 'Verlengd. Nieuwe vervaldatum: {0}',
    },
    period: /\b(jaar|maand|maanden)\b/,
    longDate: /^\d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) \d{4}$/,
    money: /^\D*\d{1,3}(\.\d{3})*,\d{2}\D*$/,
  },
  fr: {
    picks: { 'Custom API URL…': "URL d'API personnalisée…", 'I already have a consumer key': "J'ai déjà une clé consommateur" },
    signInTitle: 'Se connecter',
    viewName: 'Services',
    groups: ['Domaines', 'Hébergement web', 'VPS', 'Serveurs dédiés'],
    inThreeDays: 'dans 3 jours',
    expired: /^expiré il y a \d+ jours$/,
    endingAtExpiry: /^prend fin dans \d+ jours$/,
    terminationWarning: "Sera résilié à l'expiration",
    tooltipRows: ['Produit: Domaine', 'Nom du service: `pixel.net`', 'Expiration: ', '(dans 3 jours) · expire dans les 7 jours', 'Renouvellement: manuel'],
    filterDescription: 'Filtre : dans les 7 jours · renouvellement manuel',
    statusBarTooltip: /^\d+ services OVHcloud ont expiré ou expirent dans les 30 jours\. Cliquez pour les afficher\.$/,
    toolAnswer: (accountLabel) =>
      new RegExp(`^Compte ${escapeRegExp(accountLabel)}\n\\d+ services ont expiré ou expirent dans les 30 jours :\n- .*identifiant`),
    panelTitle: (name) => `Renouveler ${name}`,
    panelStrings: {
      previewOrder: 'Prévisualiser la commande',
      placeOrder: 'Passer la commande…',
      withTax: 'Total TTC',
      cheapest: 'Le moins cher par mois',
      currentExpiry: 'Expiration actuelle : {0}',
      delivered: 'Renouvelé. Nouvelle expiration : {0}',
    },
    period: /\b(an|ans|mois)\b/,
    longDate: /^\d{1,2}(er)? (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) \d{4}$/,
    money: /^\D*\d{1,3}(\s\d{3})*,\d{2}\D*$/,
  },
};

const DAY = 86_400_000;

/** The extension's own language: VS Code's display language when a bundle exists for it, English otherwise. */
function languageOf(displayLanguage: string): Language {
  const base = displayLanguage.toLowerCase().split('-')[0];
  return base === 'nl' || base === 'fr' ? base : 'en';
}

/** An OVH date's calendar day, formatted like the tree does (dateStyle medium, the day OVH wrote). */
function ovhDay(value: string, locale: string): string {
  const day = new Date(`${value.slice(0, 10)}T00:00:00Z`);
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(day);
}

suite('Localization: manifest, Services tree and renew panel in the display language', function () {
  this.timeout(90_000);
  const displayLanguage = vscode.env.language;
  const language = languageOf(displayLanguage);
  const expected = EXPECTED[language];
  let testing: TestingApi;
  let view: ServicesView;
  let account: AccountMeta;
  let raw: ServiceSummary[];

  suiteSetup(async () => {
    console.log(`    display language: ${displayLanguage} (expecting ${language} texts)`);
    testing = await testingApi();
    view = testing.services;
    view.setUi({ notify: async () => undefined, inform: () => undefined, openExternal: async () => true });
    await signOutEverything(testing);
    await admin('DELETE', 'faults');
    await admin('POST', 'reset');
    await resetView(view);
    if (language === 'en') {
      account = await signInToSandbox(testing);
    } else {
      // signInToSandbox answers the quick picks by their English labels.
      const answers = existingKeyAnswers().map((answer) =>
        'pick' in answer && typeof answer.pick === 'string' ? { pick: expected.picks[answer.pick] ?? answer.pick } : answer,
      );
      const result = await runSignIn(testing, new ScriptedPrompter(answers));
      assert.equal(result.status, 'signedIn', `sign-in in ${language}: ${JSON.stringify(result)}`);
      if (result.status === 'signedIn') account = result.account;
    }
    raw = await rawServices(testing, account.id);
  });

  suiteTeardown(async () => {
    testing.renewPanels.dispose();
    await resetView(view);
    view.setUi(undefined);
    await signOutEverything(testing);
    await vscode.commands.executeCommand('workbench.view.explorer');
  });

  test('the run is in the language the harness asked for', function () {
    // Only meaningful under the harness, which runs in English unless OVHCLOUD_TEST_LOCALE says otherwise.
    if (!process.env.OVHCLOUD_TEST_MODE) this.skip();
    assert.equal(displayLanguage, process.env.OVHCLOUD_TEST_LOCALE || 'en', 'OVHCLOUD_TEST_LOCALE sets vscode.env.language');
  });

  test('the manifest (package.nls) is in the display language', () => {
    type Localized = string | { value: string; original: string };
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as {
      contributes: { commands: Array<{ command: string; title: Localized }>; views: Record<string, Array<{ id: string; name: Localized }>> };
    };
    // VS Code hands translated command titles over as { value, original }.
    const text = (value: Localized | undefined): string | undefined => (typeof value === 'object' ? value.value : value);
    assert.equal(text(manifest.contributes.commands.find((command) => command.command === 'ovhcloud.signIn')?.title), expected.signInTitle);
    assert.equal(text(manifest.contributes.views.ovhcloud.find((entry) => entry.id === 'ovhcloud.services')?.name), expected.viewName);
  });

  test('tree: group labels, descriptions with relative days and dates, tooltip rows', async () => {
    const pixelRaw = findRaw(raw, 'pixel.net', 'domain');
    view.setNow(new Date(Date.parse(pixelRaw.expirationDate ?? '') - 3 * DAY + 3_600_000));
    const root = await loadTree(view);
    assert.deepEqual(
      root.map((node) => labelOf(view.provider.getTreeItem(node))),
      expected.groups,
    );
    const rows = serviceRows(view);
    const item = (name: string, type?: ServiceSummary['type']): vscode.TreeItem => {
      const service = findRaw(raw, name, type);
      const row = rows.find((entry) => entry.node.facts.service.serviceId === service.serviceId);
      assert.ok(row, name);
      return row.item;
    };

    const pixel = item('pixel.net', 'domain');
    assert.equal(pixel.description, expected.inThreeDays);
    const tooltip = tooltipText(pixel);
    let from = 0;
    for (const row of expected.tooltipRows) {
      const at = tooltip.indexOf(row, from);
      assert.ok(at >= 0, `the tooltip has "${row}" (after position ${from}):\n${tooltip}`);
      from = at + row.length;
    }
    assert.ok(tooltip.includes(ovhDay(pixelRaw.expirationDate ?? '', language)), `the expiry date is formatted for ${language}:\n${tooltip}`);

    assert.match(String(item('orbit-garden.fr').description), expected.expired);
    const ending = item('ns3358336.ip-115-231-30.eu');
    assert.match(String(ending.description), expected.endingAtExpiry);
    assert.ok(tooltipText(ending).endsWith(`$(warning) ${expected.terminationWarning}`), tooltipText(ending));

    // Not soon: the date itself, as Intl writes it in the display language.
    const atelierRaw = findRaw(raw, 'atelier.eu');
    const date = ovhDay(atelierRaw.expirationDate ?? '', language);
    assert.equal(item('atelier.eu').description, date, 'the expiry alone: the renew mode is in the tooltip');
    if (language === 'nl') assert.match(date, /^\d{1,2} (jan|feb|mrt|apr|mei|jun|jul|aug|sep|okt|nov|dec)\.? \d{4}$/, 'a Dutch date');
    if (language === 'fr') assert.match(date, /^\d{1,2} (janv|févr|mars|avr|mai|juin|juil|août|sept|oct|nov|déc)\.? \d{4}$/, 'a French date');
    if (language === 'en') assert.match(date, /^[A-Z][a-z]{2} \d{1,2}, \d{4}$/, 'an English date');
  });

  test('tree: filter description and status bar tooltip', async () => {
    await loadTree(view);
    await vscode.commands.executeCommand('ovhcloud.services.filter', { within: 7, manualOnly: true });
    assert.equal(view.view.description, expected.filterDescription);
    await vscode.commands.executeCommand('ovhcloud.services.clearFilter');
    view.signals.update();
    assert.match(String(view.signals.statusBarItem.tooltip), expected.statusBarTooltip);
  });

  test('the Copilot tools answer in the display language', async () => {
    await loadTree(view);
    const result = await vscode.lm.invokeTool('ovhcloud_expiringServices', { input: { days: 30 }, toolInvocationToken: undefined });
    const text = result.content.map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : '')).join('');
    assert.match(text, expected.toolAnswer(account.label));
  });

  test('renew panel: title, init strings, dates and periods in the display language', async () => {
    const serviceId = await renewableService(testing, account, false);
    const driver = await openPanel(testing, account.id, serviceId);
    const init = driver.panel.posted.find((message) => message.type === 'init');
    assert.ok(init && init.type === 'init', 'the webview got its strings');
    assert.equal(init.locale, displayLanguage);
    for (const [key, text] of Object.entries(expected.panelStrings)) {
      assert.equal(init.strings[key], text, `strings.${key}`);
    }
    const state = driver.state;
    assert.equal(driver.panel.panel.title, expected.panelTitle(state.service.displayName));
    assert.match(state.service.expiryText, expected.longDate);
    assert.ok(state.rows.length > 0);
    for (const row of state.rows) {
      assert.match(row.periodLabel, expected.period);
      assert.match(row.newExpiryText, expected.longDate);
      assert.match(row.totalText, expected.money);
      assert.match(row.perMonthText, expected.money);
    }
  });
});
