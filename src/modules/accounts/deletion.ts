import { verifyPassword } from '../../platform/auth/passwords.ts';
import type { Db } from '../../platform/db.ts';
import { findUserById } from './queries.ts';

/**
 * Checks that the person asking to delete the account is its holder: the password, or for accounts without
 * one the typed address. The deletion itself is scheduled by the erasure service (privacy module).
 */
export async function confirmDeletion(
  db: Db,
  input: { userId: string; currentPassword?: string | undefined; confirmEmail?: string | undefined },
): Promise<{ ok: true } | { ok: false; code: 'account.wrong_password' | 'account.email_mismatch' | 'account.not_found' }> {
  const user = await findUserById(db, input.userId);
  if (!user) return { ok: false, code: 'account.not_found' };
  if (user.passwordHash) {
    return (await verifyPassword(user.passwordHash, input.currentPassword ?? '')) ? { ok: true } : { ok: false, code: 'account.wrong_password' };
  }
  return (input.confirmEmail ?? '').trim().toLowerCase() === user.email ? { ok: true } : { ok: false, code: 'account.email_mismatch' };
}
