// Bundles the extension host code (Node, CommonJS) and every webview entry point
// (browser, IIFE) with esbuild. `--production` minifies and drops source maps;
// `--watch` rebuilds on change; `--metafile` writes dist/*.meta.json for size analysis.
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');
const metafile = args.has('--metafile');
// Test seams (src/testHooks.ts) exist in development builds only. The production build
// (`npm run package`) compiles them out, unless OVHCLOUD_BUILD_TEST_SEAMS=1 asks for a
// test build of the production bundle (the benchmark drives the packaged extension).
const testSeams = !production || process.env.OVHCLOUD_BUILD_TEST_SEAMS === '1';

/** Each folder under src/webview/ with a main.ts is one webview bundle: dist/webview/<name>.js */
function webviewEntries() {
  const root = 'src/webview';
  if (!existsSync(root)) return {};
  const entries = {};
  for (const dirent of readdirSync(root, { withFileTypes: true })) {
    const main = join(root, dirent.name, 'main.ts');
    if (dirent.isDirectory() && existsSync(main)) entries[dirent.name] = main;
  }
  return entries;
}

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  metafile,
  logLevel: 'warning',
  legalComments: production ? 'none' : 'inline',
};

/** Prints build start/end lines a problem matcher can follow in watch mode. */
const watchReporter = {
  name: 'watch-reporter',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => console.log(`[watch] build finished with ${result.errors.length} error(s)`));
  },
};

/**
 * esbuild turns each file's `import * as vscode from 'vscode'` into its own copy of the
 * API object's properties (__toESM): about twenty copies of several hundred getters when
 * the bundle loads. One internal module re-exports 'vscode' once and every file imports it.
 */
const vscodeOnce = {
  name: 'vscode-once',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) =>
      args.namespace === 'vscode-once' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-once' },
    );
    build.onLoad({ filter: /.*/, namespace: 'vscode-once' }, () => ({ contents: "export * from 'vscode';", loader: 'js' }));
  },
};

const configs = [
  {
    ...common,
    // extension.js is what activation loads: the tree, the cache reader, the commands'
    // registrations. features.js (API client, `ovh` package, schemas, sign-in, renew panel)
    // is required from it on first use (src/loadFeatures.ts), hence external.
    entryPoints: { extension: 'src/extension.ts', features: 'src/features.ts' },
    outdir: 'dist',
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['vscode', './features.js'],
    define: { OVHCLOUD_TEST_SEAMS: String(testSeams) },
    plugins: [vscodeOnce],
    // The `ovh` client's heavy dependencies that the extension never exercises.
    alias: { 'simple-oauth2': './scripts/shims/simple-oauth2.js', bluebird: './scripts/shims/bluebird.js' },
  },
];
const webviews = webviewEntries();
if (Object.keys(webviews).length > 0) {
  configs.push({
    ...common,
    entryPoints: webviews,
    outdir: 'dist/webview',
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
  });
}

// A clean dist/ keeps stale maps and bundles out of the package.
if (!watch) rmSync('dist', { recursive: true, force: true });
mkdirSync('dist', { recursive: true });
// Codicons for the webviews ship inside the package: node_modules stays out of the .vsix.
mkdirSync('dist/codicons', { recursive: true });
for (const file of ['codicon.css', 'codicon.ttf']) copyFileSync(join('node_modules/@vscode/codicons/dist', file), join('dist/codicons', file));

if (watch) {
  for (const config of configs) {
    const ctx = await esbuild.context({ ...config, plugins: [watchReporter] });
    await ctx.watch();
  }
} else {
  for (const config of configs) {
    const result = await esbuild.build(config);
    if (metafile) {
      const name = Object.keys(config.entryPoints)[0];
      writeFileSync(join('dist', `${name}.meta.json`), JSON.stringify(result.metafile));
    }
  }
}
