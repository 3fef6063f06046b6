/** What a form shows again after an error: text fields as strings, checkbox groups as lists. */
export type FormValues = Record<string, string | string[]>;

/** Form input as sent, to refill the form after an error: never the CSRF token, never a password. */
export function keptFormValues(body: unknown): FormValues {
  const values: FormValues = {};
  if (!body || typeof body !== 'object') return values;
  for (const [key, value] of Object.entries(body)) {
    if (key === '_csrf' || /password|passwort/i.test(key)) continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') values[key] = String(value);
    else if (Array.isArray(value)) values[key] = value.filter((v) => typeof v === 'string' || typeof v === 'number').map(String);
  }
  return values;
}

/** One text value (the first, if a name was sent twice). */
export function textOf(values: FormValues, name: string): string {
  const value = values[name];
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
}

/** All values of a name, e.g. the ticked boxes of a group. */
export function listOf(values: FormValues, name: string): string[] {
  const value = values[name];
  if (value === undefined || value === '') return [];
  return Array.isArray(value) ? value : [value];
}
