import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** What the Marketplace, Restricted Mode, remote windows and Copilot read from package.json. */
const root = path.join(__dirname, '..', '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  keywords: string[];
  categories: string[];
  preview?: boolean;
  qna?: string;
  bugs: { url: string };
  extensionKind?: string[];
  contributes: {
    languageModelTools: Array<{
      name: string;
      toolReferenceName?: string;
      when?: string;
      tags?: string[];
      inputSchema?: object;
      canBeReferencedInPrompt?: boolean;
    }>;
    walkthroughs: Array<{ steps: Array<{ id: string; description: string; media: { markdown?: string; svg?: string; altText?: string } }> }>;
  };
};
const nls = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
const text = (value: string): string => nls[/^%(.+)%$/.exec(value)?.[1] ?? ''] ?? value;

suite('Manifest: Marketplace listing, tools and walkthrough', () => {
  test('at most 5 keywords, a Q&A link to the issue tracker, marked preview, in the AI category', () => {
    assert.ok(manifest.keywords.length <= 5, manifest.keywords.join(', '));
    assert.equal(manifest.qna, manifest.bugs.url);
    assert.equal(manifest.preview, true);
    assert.ok(manifest.categories.includes('AI'));
    assert.deepEqual(manifest.extensionKind, ['ui', 'workspace']);
  });

  test('the four tools: referenceable with #, only while signed in, read-only ones tagged so; none orders or pays', () => {
    const tools = manifest.contributes.languageModelTools;
    assert.deepEqual(
      tools.map((tool) => [tool.name, tool.toolReferenceName]),
      [
        ['ovhcloud_expiringServices', 'ovhExpiring'],
        ['ovhcloud_renewalOutlook', 'ovhOutlook'],
        ['ovhcloud_renewOptions', 'ovhRenewOptions'],
        ['ovhcloud_openRenewal', 'ovhOpenRenewal'],
      ],
    );
    for (const tool of tools) {
      assert.equal(tool.when, 'ovhcloud.signedIn', tool.name);
      assert.equal(tool.canBeReferencedInPrompt, true, tool.name);
      assert.ok(tool.inputSchema, tool.name);
      assert.doesNotMatch(tool.name, /order|pay|buy|set|change/i);
    }
    assert.deepEqual(
      tools.filter((tool) => tool.tags?.includes('read-only')).map((tool) => tool.name),
      ['ovhcloud_expiringServices', 'ovhcloud_renewalOutlook', 'ovhcloud_renewOptions'],
    );
  });

  test('every walkthrough step has a button that does the step, and media that exists', () => {
    for (const step of manifest.contributes.walkthroughs[0].steps) {
      assert.match(text(step.description), /\n\[[^\]]+\]\(command:ovhcloud\.[\w.]+\)/, step.id);
      const file = step.media.svg ?? step.media.markdown;
      assert.ok(file && fs.existsSync(path.join(root, file)), `${step.id}: ${file}`);
      if (step.media.svg) assert.ok(text(step.media.altText ?? '').length > 20, `${step.id} has alt text`);
    }
  });
});
