/**
 * The little of VS Code's event API the listing needs, without VS Code: an `Event<T>` is what
 * `vscode.Event<T>` is to its listeners (so a VS Code event can be passed where one is asked for,
 * and one of these can be pushed to `context.subscriptions`), and `Emitter<T>` fires one.
 */

export interface Disposable {
  dispose(): void;
}

/** Subscribes a listener; disposing of the result unsubscribes it. */
export type Event<T> = (listener: (event: T) => unknown) => Disposable;

/**
 * Fires to its listeners in the order they subscribed, as vscode.EventEmitter does: a listener
 * removed while an event is delivered is not called, one that throws does not stop the others
 * (its error goes to `onListenerError`), and after dispose() nothing fires and nothing subscribes.
 */
export class Emitter<T> implements Disposable {
  private listeners: { readonly call: (event: T) => unknown }[] = [];
  private disposed = false;

  constructor(private readonly onListenerError: (error: unknown) => void = () => undefined) {}

  readonly event: Event<T> = (listener) => {
    if (this.disposed) return { dispose: () => undefined };
    const entry = { call: listener };
    this.listeners.push(entry);
    return {
      dispose: () => {
        this.listeners = this.listeners.filter((other) => other !== entry);
      },
    };
  };

  fire(event: T): void {
    for (const entry of this.listeners) {
      if (this.disposed) return;
      if (!this.listeners.includes(entry)) continue;
      try {
        entry.call(event);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  dispose(): void {
    this.disposed = true;
    this.listeners = [];
  }
}
