/** "billing.expirationDate" or "[3].serviceId": where a body broke the schema. */
export function schemaIssuePath(issues: ReadonlyArray<{ readonly path: ReadonlyArray<PropertyKey> }>): string {
  const path = issues[0]?.path ?? [];
  if (path.length === 0) return '(root)';
  return path.map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : `${index === 0 ? '' : '.'}${String(segment)}`)).join('');
}
