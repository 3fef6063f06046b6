import crypto from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import QRCode from 'qrcode';
import type { Db } from '../../platform/db.ts';
import { eventRegistrations, type EventRegistration } from './schema.ts';

/*
 * Check-in by QR code. The code in the registration mail holds a personal link: the registration's id and
 * an HMAC-SHA256 over it, keyed by a key derived from the platform's secret (its own purpose, so it is
 * neither the personal link nor a certificate code). Nobody can make one for another registration, and
 * nothing needs storing: the registration is the record. The link shows data only to the organiser and
 * the office (routes.tsx), marks attendance once (`checked_in_at`), and stops working when the
 * registration is cancelled or the organiser switches check-in by QR code off.
 */

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function mac(secret: string, registrationId: string): string {
  const key = crypto.hkdfSync('sha256', secret, 'mitmachnetz', 'event-checkin-link-v1', 32);
  return crypto.createHmac('sha256', Buffer.from(key)).update(registrationId).digest('base64url');
}

export function checkinPath(secret: string, registrationId: string): string {
  return `/veranstaltungen/einchecken/${registrationId}/${mac(secret, registrationId)}`;
}

/** Whether the pair was made by this platform (compared in constant time). */
export function verifyCheckin(secret: string, registrationId: string, given: string): boolean {
  if (!ID.test(registrationId) || !/^[A-Za-z0-9_-]{43}$/.test(given)) return false;
  const expected = Buffer.from(mac(secret, registrationId));
  const actual = Buffer.from(given);
  return expected.length === actual.length && crypto.timingSafeEqual(expected, actual);
}

/** A PNG of the code, large enough for a phone's camera from a printed page or another phone's screen. */
export async function checkinQrPng(url: string): Promise<Buffer> {
  return QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 2, scale: 6 });
}

/**
 * Marks the person present through the QR link. Only once, and only for a live seat: a second scan, or
 * a scan after the registration was cancelled, changes nothing and returns undefined.
 */
export async function checkIn(db: Db, registrationId: string, now: Date): Promise<EventRegistration | undefined> {
  const [row] = await db
    .update(eventRegistrations)
    .set({ attended: true, checkedInAt: now })
    .where(and(eq(eventRegistrations.id, registrationId), eq(eventRegistrations.status, 'confirmed'), isNull(eventRegistrations.checkedInAt)))
    .returning();
  return row;
}
