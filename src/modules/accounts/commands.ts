import type { Db } from '../../platform/db.ts';

export async function createAdmin(
  _db: Db,
  _input: { email: string; name: string },
  _now: Date,
): Promise<{ ok: true; email: string; loginToken: string } | { ok: false; message: string }> {
  return { ok: false, message: 'not implemented' };
}
