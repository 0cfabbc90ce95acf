/**
 * One polite live region outside the re-rendered app: regions created with their text are
 * not announced reliably, and re-created ones would repeat themselves. Returns what says
 * a sentence.
 */
export function createAnnouncer(): (text: string) => void {
  const announcer = document.createElement('div');
  announcer.id = 'announcer';
  announcer.className = 'sr-only';
  announcer.setAttribute('role', 'status');
  announcer.setAttribute('aria-live', 'polite');
  document.body.append(announcer);
  return (text) => {
    // Cleared first so the same sentence twice is still announced.
    announcer.textContent = '';
    requestAnimationFrame(() => (announcer.textContent = text));
  };
}
