import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { URGENCY_COLORS } from '../../../src/views/pure/urgencyColors';

/**
 * The Services tree's urgency icons against the sidebar of every VS Code default theme:
 * non-text contrast (WCAG 1.4.11) asks for 3:1. The themes are VS Code's own files
 * (test/fixtures/vscode-themes), the colours our package.json contributes.
 */
const root = path.join(__dirname, '..', '..', '..', '..');
const fixtures = path.join(root, 'test', 'fixtures', 'vscode-themes');

type UiTheme = 'vs' | 'vs-dark' | 'hc-black' | 'hc-light';
interface ColorContribution {
  id: string;
  defaults: { light: string; dark: string; highContrast: string; highContrastLight: string };
}

const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(file, 'utf8')) as T;

/** A theme's colours, its `include` chain resolved (the including theme wins). */
function themeColors(file: string): Record<string, string> {
  const theme = readJson<{ include?: string; colors?: Record<string, string> }>(file);
  const base = theme.include ? themeColors(path.join(path.dirname(file), theme.include)) : {};
  return { ...base, ...theme.colors };
}

const registryKey: Record<UiTheme, 'light' | 'dark' | 'hcDark' | 'hcLight'> = { vs: 'light', 'vs-dark': 'dark', 'hc-black': 'hcDark', 'hc-light': 'hcLight' };
const contributionKey: Record<UiTheme, keyof ColorContribution['defaults']> = {
  vs: 'light',
  'vs-dark': 'dark',
  'hc-black': 'highContrast',
  'hc-light': 'highContrastLight',
};

function luminance(hex: string): number {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  assert.ok(match, `${hex} is an opaque #rrggbb colour`);
  const [r, g, b] = match.slice(1).map((part) => {
    const c = parseInt(part, 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

suite('Urgency colours: 3:1 against the sidebar in the default themes', () => {
  const manifest = readJson<{ contributes: { colors: ColorContribution[] } }>(path.join(root, 'package.json'));
  const defaults = readJson<Record<string, Record<string, string>>>(path.join(fixtures, 'workbench-defaults.json'));
  const themes = readJson<{ contributes: { themes: Array<{ id: string; uiTheme: UiTheme; path: string }> } }>(path.join(fixtures, 'package.json')).contributes
    .themes;
  // The four a user is offered first (Modern and High Contrast), and the older Light+/Dark+.
  const measured = ['Default Light Modern', 'Default Dark Modern', 'Default High Contrast', 'Default High Contrast Light', 'Default Light+', 'Default Dark+'];

  test('the tree uses our contributed colours for the orange, yellow and green icons', () => {
    const ours = manifest.contributes.colors.map((color) => color.id);
    for (const urgency of ['critical', 'warning', 'ok'] as const)
      assert.ok(ours.includes(URGENCY_COLORS[urgency] ?? ''), `${urgency}: ${URGENCY_COLORS[urgency]}`);
  });

  for (const id of measured) {
    test(`${id}: every urgency colour reaches 3:1 against sideBar.background`, () => {
      const theme = themes.find((candidate) => candidate.id === id);
      assert.ok(theme, `${id} is a default theme`);
      const colors = themeColors(path.join(fixtures, theme.path));
      const sidebar = colors['sideBar.background'] ?? defaults['sideBar.background'][registryKey[theme.uiTheme]];
      for (const color of manifest.contributes.colors) {
        // A theme may set our colour itself; the default themes do not.
        const value = colors[color.id] ?? color.defaults[contributionKey[theme.uiTheme]];
        const ratio = contrast(value, sidebar);
        assert.ok(ratio >= 3, `${color.id} ${value} on ${sidebar}: ${ratio.toFixed(2)}:1`);
      }
    });
  }

  test('the measurement: charts.orange and charts.yellow (the colours before) were under 3:1 in Light Modern', () => {
    // The light values VS Code 1.99 gives charts.orange and charts.yellow (the issue measured these ratios).
    const sidebar = themeColors(path.join(fixtures, 'themes', 'light_modern.json'))['sideBar.background'];
    assert.equal(contrast('#d18616', sidebar).toFixed(2), '2.77');
    assert.equal(contrast('#bf8803', sidebar).toFixed(2), '2.93');
  });
});
