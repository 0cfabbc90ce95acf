/**
 * Keeps keyboard focus across repaints. A repaint replaces the DOM and a busy state
 * disables the focused button, so focus would fall to <body>: the keeper remembers the
 * element the user was on, by id, and finds it again in the new DOM.
 */
export interface FocusKeeper {
  /** The id of the element the user was last on ('' before any). */
  readonly lastId: string;
  /** The element with this id, if it exists and is enabled. */
  focusable(id: string): HTMLElement | undefined;
  /** Focuses the element the user was last on, if it is there and enabled. */
  restore(): void;
}

export function createFocusKeeper(): FocusKeeper {
  let lastId = '';
  document.addEventListener('focusin', (event) => {
    if (event.target instanceof HTMLElement && event.target.id) lastId = event.target.id;
  });
  const focusable = (id: string): HTMLElement | undefined => {
    const element = document.getElementById(id);
    return element && !(element as HTMLButtonElement | HTMLInputElement).disabled ? element : undefined;
  };
  return {
    get lastId() {
      return lastId;
    },
    focusable,
    restore: () => {
      if (lastId) focusable(lastId)?.focus();
    },
  };
}
