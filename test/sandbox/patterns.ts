/** Admin path patterns: exact paths, or globs where `*` matches any characters. */
export function globMatches(pattern: string, path: string): boolean {
  if (!pattern.includes('*')) return pattern === path;
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`).test(path);
}

/**
 * Patterns may be written with or without the /1.0 prefix (`/services` or `/1.0/services`);
 * routes outside the API such as the OAuth2 token endpoint only match their full path.
 */
export function pathMatches(pattern: string, fullPath: string, apiPath: string | null): boolean {
  return globMatches(pattern, fullPath) || (apiPath !== null && globMatches(pattern, apiPath));
}
