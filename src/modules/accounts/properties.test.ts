import { count, eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, createUser, type TestContext } from '../../../test/helpers.ts';
import { SESSION_COOKIE } from '../../platform/auth/sessions.ts';
import { users } from './schema.ts';

let ctx: TestContext;
let client: Client;
let nextAddress = 1;

beforeAll(async () => {
  ctx = await createTestApp();
  client = new Client(ctx.app);
  await client.get('/registrieren');
});
afterAll(() => ctx.close());

// Modest by default so the suite stays fast; PROPERTY_RUNS=1000 for a longer hunt.
const RUNS = Number(process.env.PROPERTY_RUNS ?? 60);
const TIMEOUT = 60_000 + RUNS * 200;

const KNOWN = { email: 'bekannt@example.org', password: 'das richtige Passwort' };

// Every request from its own address: the rate limits are tested elsewhere and would only get in the way here.
function freshAddress(): string {
  const n = nextAddress++;
  return `172.${16 + ((n >> 16) & 15)}.${(n >> 8) & 255}.${n & 255}`;
}

const huge = fc.constantFrom('x'.repeat(121), 'x'.repeat(255), 'ä'.repeat(5_000), 'y'.repeat(1_100_000));
const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom('', ' ', '\u0000', 'a\u0000b', '\t\n', '<script>alert(1)</script>', "'; drop table users; --", '\uD800'),
  huge,
);
const validEmail = fc.uuid().map((id) => `${id}@example.org`);
const validPassword = fc.string({ minLength: 10, maxLength: 40 }).filter((p) => p.length >= 10);
const anything: fc.Arbitrary<unknown> = fc.oneof(
  text,
  fc.array(text, { maxLength: 3 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
);

/** Each field is left out, taken from `good`, or anything at all. */
function field(good: fc.Arbitrary<unknown>) {
  return fc.option(fc.oneof({ weight: 2, arbitrary: good }, { weight: 3, arbitrary: anything }), { nil: undefined, freq: 5 });
}

interface Attempt {
  fields: Record<string, unknown>;
  encoding: 'form' | 'json' | 'raw-json';
  raw: string;
}

function attempt(fields: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<Attempt> {
  return fc.record({
    fields,
    encoding: fc.constantFrom('form', 'form', 'json', 'raw-json'),
    raw: fc.string({ maxLength: 50 }),
  });
}

async function post(url: string, { fields, encoding, raw }: Attempt) {
  const present = Object.entries(fields).filter(([, v]) => v !== undefined);
  let payload: string;
  let type: string;
  if (encoding === 'form') {
    const body = new URLSearchParams({ _csrf: client.lastCsrf });
    for (const [key, value] of present) {
      for (const item of Array.isArray(value) ? value : [value]) {
        body.append(key, typeof item === 'object' && item !== null ? JSON.stringify(item) : String(item));
      }
    }
    payload = body.toString();
    type = 'application/x-www-form-urlencoded';
  } else {
    payload = encoding === 'json' ? JSON.stringify({ _csrf: client.lastCsrf, ...Object.fromEntries(present) }) : raw;
    type = 'application/json';
  }
  return client.request({
    method: 'POST',
    url,
    payload,
    headers: { 'content-type': type },
    remoteAddress: freshAddress(),
  });
}

/**
 * Bad form input is 422 (400 for a control character in a field name, 413 when too big). Pages take forms
 * only: JSON is 415, or 400 when it does not even parse.
 */
function refusals(input: Attempt): number[] {
  if (input.encoding === 'form') return [400, 413, 422];
  return input.encoding === 'raw-json' ? [400, 413, 415] : [413, 415];
}

async function userCount(): Promise<number> {
  const [row] = await ctx.deps.db.select({ n: count() }).from(users);
  return row?.n ?? 0;
}

const INVALID = Symbol('invalid');

/**
 * What the route's schema gets to see of one value: forms send strings (repeated keys for arrays) and
 * are trimmed; JSON values are coerced the way the validator does it (numbers to strings, one-item arrays to
 * their item).
 */
function asReceived(value: unknown, encoding: Attempt['encoding'], trim = true): string | undefined | typeof INVALID {
  if (value === undefined) return undefined;
  if (encoding === 'form') {
    const items = (Array.isArray(value) ? value : [value]).map((v) =>
      typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v),
    );
    if (items.length === 0) return undefined;
    if (items.length > 1) return INVALID;
    return trim ? items[0]!.trim() : items[0];
  }
  const scalar = Array.isArray(value) ? (value.length === 1 ? value[0] : INVALID) : value;
  if (typeof scalar === 'string') return scalar;
  if (typeof scalar === 'number' || typeof scalar === 'boolean') return String(scalar);
  if (scalar === null) return '';
  return INVALID;
}

/** The rules of the registration form, written out independently of the route schema. */
function isValidRegistration(fields: Record<string, unknown>, encoding: Attempt['encoding']): boolean {
  const name = asReceived(fields.name, encoding);
  const email = asReceived(fields.email, encoding);
  const consent = asReceived(fields.consent, encoding);
  // Passwords are taken as typed, spaces and all.
  const password = asReceived(fields.password, encoding, false);
  return (
    typeof name === 'string' &&
    [...name].length >= 1 &&
    [...name].length <= 120 &&
    /\S/.test(name) &&
    !/[\u0000-\u001f\u007f]/.test(name) &&
    typeof email === 'string' &&
    email.length <= 254 &&
    /^[^\s@]+@[^\s@]+$/.test(email) &&
    typeof password === 'string' &&
    [...password].length >= 10 &&
    [...password].length <= 200 &&
    consent === 'ja'
  );
}

describe('arbitrary input never breaks the account forms', () => {
  it('POST /registrieren: never a 5xx, and an account only from valid input', async () => {
    const goodName = fc.constantFrom('Erika Mustermann', 'Zoë Ünal', '李雷', ' Platz  Halter ');
    const mixed = fc.record({
      name: field(goodName),
      email: field(validEmail),
      password: field(validPassword),
      consent: field(fc.constant('ja')),
      extra: fc.option(anything, { nil: undefined }),
    });
    // One in four is a proper registration, so the success path is walked as well.
    const proper = fc.record({ name: goodName, email: validEmail, password: validPassword, consent: fc.constant('ja') });
    const fields = fc.oneof({ weight: 1, arbitrary: proper }, { weight: 3, arbitrary: mixed });
    let created = 0;
    await fc.assert(
      fc.asyncProperty(attempt(fields), async (input) => {
        const before = await userCount();
        const response = await post('/registrieren', input);
        const after = await userCount();
        expect(response.statusCode).toBeLessThan(500);
        if (response.statusCode === 303) {
          expect(isValidRegistration(input.fields, input.encoding)).toBe(true);
          expect(after - before).toBe(1);
          created++;
        } else {
          expect(refusals(input)).toContain(response.statusCode);
          expect(after).toBe(before);
        }
        if (response.statusCode === 422) expect(response.body).toContain('class="error-summary"');
      }),
      { numRuns: RUNS },
    );
    // The generators must reach the success path too, or the property says little.
    expect(created).toBeGreaterThan(0);
  }, TIMEOUT);

  it('POST /anmelden: never a 5xx, and a session only for the right password', async () => {
    await createUser(ctx, KNOWN);
    const fields = fc.record({
      email: field(fc.constantFrom(KNOWN.email, 'BEKANNT@example.org', 'niemand@example.org')),
      password: field(fc.constantFrom(KNOWN.password, 'das richtige passwort', '')),
      weiter: fc.option(anything, { nil: undefined }),
    });
    await fc.assert(
      fc.asyncProperty(attempt(fields), async (input) => {
        client.cookies.delete(SESSION_COOKIE);
        const response = await post('/anmelden', input);
        expect(response.statusCode).toBeLessThan(500);
        const session = response.cookies.find((c) => c.name === SESSION_COOKIE);
        const { email, password } = input.fields;
        const right =
          typeof email === 'string' &&
          email.trim().toLowerCase() === KNOWN.email &&
          password === KNOWN.password;
        if (response.statusCode === 303) {
          expect(right).toBe(true);
          expect(session?.value).toBeTruthy();
          expect(String(response.headers.location)).toMatch(/^\/(?!\/)/);
        } else {
          expect(session).toBeUndefined();
          expect(refusals(input)).toContain(response.statusCode);
        }
      }),
      { numRuns: RUNS },
    );
    client.cookies.delete(SESSION_COOKIE);
  }, TIMEOUT);

  it('keeps the known account as it was', async () => {
    const [user] = await ctx.deps.db.select().from(users).where(eq(users.email, KNOWN.email));
    expect(user?.name).toBe('bekannt');
  });
});
