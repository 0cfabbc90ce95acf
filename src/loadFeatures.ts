import type * as Features from './features';

let loaded: typeof Features | undefined;

/**
 * dist/features.js, loaded on first use (the first command that needs it, the first API
 * call). A plain CommonJS require that esbuild leaves alone (it is external in
 * scripts/build.mjs), so the file next to dist/extension.js is the one loaded.
 */
export function features(): typeof Features {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('./features.js') as typeof Features;
  return loaded;
}
