/** Fills {0}, {1}… placeholders of a translated text; a placeholder with no argument stays as it is. */
export function fill(template: string, ...args: string[]): string {
  return template.replace(/\{(\d+)\}/g, (match, index: string) => args[Number(index)] ?? match);
}
