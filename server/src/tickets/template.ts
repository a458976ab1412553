/**
 * `{{ticket.number}}`-style placeholders for the workflow file's letter templates. Only
 * lookups, no logic: administrators write templates, and a template must not be able to run
 * anything. A missing value renders as an empty string.
 */
export function renderTemplate(template: string, scope: Record<string, unknown>): string {
  return template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_, path: string) => {
    let value: unknown = scope;
    for (const key of path.split('.')) {
      value = value != null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
    }
    if (value == null) return '';
    if (value instanceof Date) return value.toISOString();
    if (Array.isArray(value)) return value.map(String).join(', ');
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  });
}
