import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, ENGINE, type TestContext } from '../../../test/helpers.ts';
import { looksSigned, publicKeys, signPayload, verifyCode } from './index.ts';
import { signingKeys } from './schema.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

const FIRST_SECRET = 'first-platform-secret-that-is-long-enough-0123456789';
const NEXT_SECRET = 'next-platform-secret-that-is-long-enough-9876543210';

describe(`signed codes (${ENGINE})`, () => {
  it('carry any type of payload and verify with nothing but the published public keys', async () => {
    const code = await signPayload(ctx.deps.db, FIRST_SECRET, { t: 'example', no: 'X-1', n: 'Ana Ömer' }, ctx.clock.now);
    expect(looksSigned(code)).toBe(true);
    const published = JSON.parse((await new Client(ctx.app).get('/.well-known/mitmachnetz-keys.json')).body) as {
      algorithm: string;
      keys: Array<{ id: string; publicKey: string; retired: boolean }>;
    };
    expect(published.algorithm).toBe('Ed25519');
    expect(verifyCode(code, published.keys)).toMatchObject({ ok: true, payload: { t: 'example', no: 'X-1', n: 'Ana Ömer' } });
    // The private key is in the table only wrapped: nothing in it reads as a key without the secret.
    const [row] = await ctx.deps.db.select().from(signingKeys);
    expect(() => crypto.createPrivateKey({ key: Buffer.from(row!.privateKey, 'base64url'), format: 'der', type: 'pkcs8' })).toThrow();
  });

  it('stay valid when the platform secret changes: only the private key’s wrapping depends on it, and a new key is made', async () => {
    const before = await signPayload(ctx.deps.db, FIRST_SECRET, { t: 'example', no: 'X-2' }, ctx.clock.now);
    const after = await signPayload(ctx.deps.db, NEXT_SECRET, { t: 'example', no: 'X-3' }, ctx.clock.now);
    expect(after.split('.')[1]).not.toBe(before.split('.')[1]);
    const keys = await publicKeys(ctx.deps.db);
    expect(keys.filter((k) => !k.retired).map((k) => k.id)).toEqual([after.split('.')[1]]);
    expect(verifyCode(before, keys)).toMatchObject({ ok: true, payload: { no: 'X-2' } });
    expect(verifyCode(after, keys)).toMatchObject({ ok: true, payload: { no: 'X-3' } });
    // The next code under the new secret uses the new key; none is made each time.
    const again = await signPayload(ctx.deps.db, NEXT_SECRET, { t: 'example', no: 'X-4' }, ctx.clock.now);
    expect(again.split('.')[1]).toBe(after.split('.')[1]);
    expect(await publicKeys(ctx.deps.db)).toHaveLength(keys.length);
  });

  it('fail on every single changed character, the spare bits of the signature’s last one included', async () => {
    const code = await signPayload(ctx.deps.db, NEXT_SECRET, { t: 'example', no: 'X-5' }, ctx.clock.now);
    const keys = await publicKeys(ctx.deps.db);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const failures = new Set<string>();
    for (let i = 0; i < code.length; i++) {
      if (code[i] === '.') continue;
      const other = alphabet[(alphabet.indexOf(code[i]!) + 1) % 64]!;
      const verified = verifyCode(`${code.slice(0, i)}${other}${code.slice(i + 1)}`, keys);
      expect(verified.ok, `character ${i}`).toBe(false);
      if (!verified.ok) failures.add(verified.code);
    }
    expect([...failures].sort()).toEqual(['bad_signature', 'unknown_key']);
    expect(verifyCode(`${code}.x`, keys)).toEqual({ ok: false, code: 'malformed' });
  });

  it('refuse a payload without a type even when its signature is good', async () => {
    const typeless = await signPayload(ctx.deps.db, NEXT_SECRET, { t: 1 as unknown as string }, ctx.clock.now);
    expect(verifyCode(typeless, await publicKeys(ctx.deps.db))).toEqual({ ok: false, code: 'malformed' });
  });
});
