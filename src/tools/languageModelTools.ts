import * as vscode from 'vscode';
import * as z from 'zod/mini';
import type { AccountMeta } from '../auth/accountTypes';
import { describeError, type OvhApi } from '../ovh';
import type { ServiceRef } from '../protocol/serviceRef';
import type { AccountListing } from '../core/listing/servicesModel';
import { safeLocale } from '../format';
import {
  expiringText,
  findService,
  type FoundService,
  lookupProblem,
  openRenewalTexts,
  outlookText,
  renewOptionsText,
  signedOutText,
  type TextContext,
  type ToolAccount,
} from './pure/toolTexts';

/** What the tools read and open: the Services view's model, the accounts, the panels' entry points. */
export interface ToolDeps {
  readonly accounts: {
    list(): AccountMeta[];
    isSignInNeeded(accountId: string): boolean;
    api(accountId: string): Promise<OvhApi | undefined>;
  };
  readonly model: {
    listing(accountId: string): AccountListing;
    ensureLoaded(accountId: string): void;
    refresh(accountId?: string, options?: { fresh?: boolean }): Promise<void>;
    whenIdle(): Promise<void>;
  };
  readonly warningDays: () => number;
  readonly now: () => Date;
  readonly openRenew: (ref: ServiceRef) => Promise<unknown>;
  readonly openBatch: (refs: readonly ServiceRef[]) => Promise<unknown>;
  readonly log: vscode.LogOutputChannel;
}

export type ToolName = 'ovhcloud_expiringServices' | 'ovhcloud_renewalOutlook' | 'ovhcloud_renewOptions' | 'ovhcloud_openRenewal';

// The model writes these inputs: anything else gets words back, never a crash.
const Name = z.string().check(z.minLength(1), z.maxLength(300));
const ExpiringInput = z.object({ days: z.optional(z.int().check(z.minimum(1), z.maximum(3650))), fresh: z.optional(z.boolean()) });
const OutlookInput = z.object({ months: z.optional(z.union([z.literal(12), z.literal(36)])), fresh: z.optional(z.boolean()) });
const RenewOptionsInput = z.object({ service: Name, account: z.optional(z.string().check(z.maxLength(300))) });
const OpenRenewalInput = z.object({ services: z.array(Name).check(z.minLength(1), z.maxLength(50)), account: z.optional(z.string().check(z.maxLength(300))) });

const context = (deps: ToolDeps): TextContext => ({ t: vscode.l10n.t, locale: safeLocale(vscode.env.language), now: deps.now() });
const text = (value: string): vscode.LanguageModelToolResult => new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(value)]);

function badInput(name: ToolName, error: z.core.$ZodError): vscode.LanguageModelToolResult {
  const issues = error.issues.map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`).join('; ');
  return text(vscode.l10n.t("The input of {0} was not understood ({1}). Check the tool's input schema and ask again.", name, issues));
}

/**
 * The accounts with the listings the view holds. Cached listings are read as they are
 * (no request); `fresh` lists again from OVH, bypassing its list cache; an account with
 * nothing listed yet is listed once, as opening the view would.
 */
async function readAccounts(deps: ToolDeps, fresh: boolean): Promise<ToolAccount[]> {
  const metas = deps.accounts.list();
  if (fresh) await deps.model.refresh(undefined, { fresh: true });
  else {
    for (const meta of metas) if (!deps.model.listing(meta.id).services) deps.model.ensureLoaded(meta.id);
    await deps.model.whenIdle();
  }
  return metas.map((meta) => {
    const listing = deps.model.listing(meta.id);
    return {
      id: meta.id,
      label: meta.label,
      services: listing.services,
      fetchedAt: listing.fetchedAt,
      signInNeeded: deps.accounts.isSignInNeeded(meta.id),
      failed: listing.error !== undefined,
    };
  });
}

async function resolveAll(deps: ToolDeps, queries: readonly string[], account: string | undefined): Promise<{ found: FoundService[] } | { problem: string }> {
  const accounts = await readAccounts(deps, false);
  if (accounts.length === 0) return { problem: signedOutText(vscode.l10n.t) };
  const found: FoundService[] = [];
  for (const query of queries) {
    const lookup = findService(accounts, query, account);
    const problem = lookupProblem(query, lookup, vscode.l10n.t);
    if (problem !== undefined || lookup.kind !== 'found') return { problem: problem ?? '' };
    if (!found.some((f) => f.account.id === lookup.found.account.id && f.service.serviceId === lookup.found.service.serviceId)) found.push(lookup.found);
  }
  if (found.length > 1 && new Set(found.map((f) => f.account.id)).size > 1)
    return {
      problem: vscode.l10n.t(
        'These services belong to different accounts: a batch renew panel renews the services of one account. Ask for each account separately.',
      ),
    };
  return { found };
}

/** Asks before opening a panel: names the services, and says that nothing is ordered or paid. */
export async function prepareTool(name: ToolName, deps: ToolDeps, input: unknown): Promise<vscode.PreparedToolInvocation | undefined> {
  if (name !== 'ovhcloud_openRenewal') return { invocationMessage: vscode.l10n.t('Reading your OVHcloud services') };
  const parsed = OpenRenewalInput.safeParse(input);
  if (!parsed.success) return undefined;
  const resolved = await resolveAll(deps, parsed.data.services, parsed.data.account);
  // Nothing to open: invoke() answers with the reason, without asking first.
  if ('problem' in resolved) return undefined;
  const texts = openRenewalTexts(resolved.found, vscode.l10n.t);
  return {
    invocationMessage: texts.title,
    confirmationMessages: { title: texts.title, message: new vscode.MarkdownString(texts.message) },
  };
}

export async function invokeTool(name: ToolName, deps: ToolDeps, input: unknown): Promise<vscode.LanguageModelToolResult> {
  const t = vscode.l10n.t;
  switch (name) {
    case 'ovhcloud_expiringServices': {
      const parsed = ExpiringInput.safeParse(input ?? {});
      if (!parsed.success) return badInput(name, parsed.error);
      const accounts = await readAccounts(deps, parsed.data.fresh === true);
      return text(expiringText(accounts, parsed.data.days ?? deps.warningDays(), context(deps)));
    }
    case 'ovhcloud_renewalOutlook': {
      const parsed = OutlookInput.safeParse(input ?? {});
      if (!parsed.success) return badInput(name, parsed.error);
      const accounts = await readAccounts(deps, parsed.data.fresh === true);
      return text(outlookText(accounts, parsed.data.months ?? 12, context(deps)));
    }
    case 'ovhcloud_renewOptions': {
      const parsed = RenewOptionsInput.safeParse(input);
      if (!parsed.success) return badInput(name, parsed.error);
      const resolved = await resolveAll(deps, [parsed.data.service], parsed.data.account);
      if ('problem' in resolved) return text(resolved.problem);
      const found = resolved.found[0];
      const api = deps.accounts.isSignInNeeded(found.account.id) ? undefined : await deps.accounts.api(found.account.id);
      if (!api) return text(t('Account {0} needs a new sign-in before its renew options can be read: run "OVHcloud: Sign In" again.', found.account.label));
      try {
        // GET /service/{id}/renew only: no dry run, no order.
        const descriptions = await api.listRenewDescriptions(found.service.serviceId, false);
        return text(renewOptionsText(found, descriptions, context(deps)));
      } catch (error) {
        deps.log.warn(`Renew options tool: reading service ${found.service.serviceId} failed: ${error instanceof Error ? error.message : String(error)}`);
        const described = describeError(error, t);
        return text(`${described.explanation} ${described.nextStep}`);
      }
    }
    case 'ovhcloud_openRenewal': {
      const parsed = OpenRenewalInput.safeParse(input);
      if (!parsed.success) return badInput(name, parsed.error);
      const resolved = await resolveAll(deps, parsed.data.services, parsed.data.account);
      if ('problem' in resolved) return text(resolved.problem);
      const refs = resolved.found.map(({ account, service }) => ({ accountId: account.id, serviceId: service.serviceId }));
      // Opens the panels only: their own dialogs are the only way to order or pay.
      if (refs.length === 1) await deps.openRenew(refs[0]);
      else await deps.openBatch(refs);
      return text(openRenewalTexts(resolved.found, t).done);
    }
  }
}
