import Module from 'node:module';
import * as path from 'node:path';

type Loader = (module: unknown, filename: string) => void;
const loaders = (Module as unknown as { _extensions: Record<string, Loader> })._extensions;

/**
 * Times how long Node takes to compile and run the extension's main file when the
 * extension host requires it: the "load code" part of activation, as opposed to
 * the call to activate(). Wraps the CommonJS loader for .js files while it runs.
 */
export class ModuleLoadTimer {
  private original: Loader | undefined;
  loadMs: number | undefined;

  constructor(private readonly mainFile: string) {}

  start(): void {
    const original = loaders['.js'];
    if (!original || this.original) return;
    this.original = original;
    const target = path.resolve(this.mainFile);
    loaders['.js'] = (module, filename) => {
      if (path.resolve(filename) !== target) return original(module, filename);
      const started = performance.now();
      try {
        return original(module, filename);
      } finally {
        this.loadMs = performance.now() - started;
      }
    };
  }

  stop(): void {
    if (this.original) loaders['.js'] = this.original;
    this.original = undefined;
  }
}
