import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import type { Prompter } from '../../../src/auth/prompter';

/**
 * Answers the extension's questions in order, like a user would, and records what
 * was asked. An input answer is checked with the flow's own validateInput, so a
 * test sees the same messages the user would see under the input box.
 */
export type Answer =
  | { readonly pick: string | RegExp }
  /** For a multi-select pick: keep the items that start checked. */
  | { readonly pickChecked: true }
  | { readonly input: string }
  | { readonly confirm: string | undefined }
  | { readonly cancel: true };

export class ScriptedPrompter implements Prompter {
  readonly asked: string[] = [];
  /** The title of every pick and input box, in order. */
  readonly titles: string[] = [];
  readonly validationMessages: string[] = [];
  readonly opened: string[] = [];
  readonly secretPrompts: string[] = [];
  /** The items of every pick and multi-select, in order, as the user would see them. */
  readonly shownItems: vscode.QuickPickItem[][] = [];
  /** The detail text under every modal's message, in order. */
  readonly details: string[] = [];

  constructor(
    private readonly answers: Answer[],
    private readonly onOpen: (uri: string) => Promise<void> = async () => undefined,
  ) {}

  get remaining(): number {
    return this.answers.length;
  }

  async pick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Promise<T | undefined> {
    this.asked.push(`pick: ${options.placeHolder ?? options.title ?? ''}`);
    this.shownItems.push([...items]);
    this.titles.push(options.title ?? '');
    const answer = this.next('pick');
    if ('cancel' in answer) return undefined;
    assert.ok('pick' in answer, `expected a pick answer for "${options.placeHolder}", got ${JSON.stringify(answer)}`);
    const wanted = answer.pick;
    const found = items.find((item) => (typeof wanted === 'string' ? item.label === wanted : wanted.test(item.label)));
    assert.ok(found, `no item "${String(wanted)}" among: ${items.map((item) => item.label).join(' | ')}`);
    return found;
  }

  async pickMany<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Promise<readonly T[] | undefined> {
    this.asked.push(`pickMany: ${options.placeHolder ?? options.title ?? ''}`);
    this.shownItems.push([...items]);
    this.titles.push(options.title ?? '');
    const answer = this.next('pickMany');
    if ('cancel' in answer) return undefined;
    assert.ok('pickChecked' in answer, `expected a pickChecked answer for "${options.placeHolder}", got ${JSON.stringify(answer)}`);
    return items.filter((item) => item.picked === true);
  }

  async input(options: vscode.InputBoxOptions): Promise<string | undefined> {
    this.asked.push(`input: ${options.prompt ?? ''}`);
    this.titles.push(options.title ?? '');
    if (options.password) this.secretPrompts.push(options.prompt ?? '');
    const answer = this.next('input');
    if ('cancel' in answer) return undefined;
    assert.ok('input' in answer, `expected an input answer for "${options.prompt}", got ${JSON.stringify(answer)}`);
    const message = await options.validateInput?.(answer.input);
    if (message) this.validationMessages.push(typeof message === 'string' ? message : message.message);
    return answer.input;
  }

  async confirm(message: string, detail: string, ...actions: string[]): Promise<string | undefined> {
    this.asked.push(`confirm: ${message}`);
    this.details.push(detail);
    const answer = this.next('confirm');
    if ('cancel' in answer) return undefined;
    assert.ok('confirm' in answer, `expected a confirm answer for "${message}"`);
    if (answer.confirm !== undefined) assert.ok(actions.includes(answer.confirm), `"${answer.confirm}" is not among ${actions.join(', ')}`);
    return answer.confirm;
  }

  async openExternal(uri: vscode.Uri): Promise<boolean> {
    const text = uri.toString(true);
    this.opened.push(text);
    await this.onOpen(text);
    return true;
  }

  private next(kind: string): Answer {
    const answer = this.answers.shift();
    assert.ok(answer, `the flow asked for a ${kind} the test did not expect (asked so far: ${this.asked.join(' → ')})`);
    return answer;
  }
}
