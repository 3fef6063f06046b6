import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { formatDateTime, type T } from '../../platform/i18n/index.ts';
import { findEvent, type EventDetail } from './queries.ts';
import { eventRegistrations, type Event, type EventRegistration } from './schema.ts';

/*
 * Participation certificates (Teilnahmebescheinigungen) for trainings. The verification code is the
 * registration's id and an HMAC-SHA256 over it, keyed by a key derived from the platform's secret:
 * anyone can check a code on the verification page, nobody can make one, and changing a single
 * character makes it fail. No list of certificates is kept: the registration is the record.
 */

const CODE = /^([0-9a-f]{32})-([A-Za-z0-9_-]{22})$/;

function key(secret: string): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', secret, 'mitmachnetz', 'event-certificate-v1', 32));
}

function mac(secret: string, id: string): string {
  return crypto.createHmac('sha256', key(secret)).update(id).digest('base64url').slice(0, 22);
}

export function certificateCode(secret: string, registrationId: string): string {
  const id = registrationId.replace(/-/g, '').toLowerCase();
  return `${id}-${mac(secret, id)}`;
}

/** The registration id a code stands for, or null when it was not made by this platform. */
export function verifyCertificateCode(secret: string, code: string): string | null {
  const match = CODE.exec(code.trim());
  if (!match) return null;
  const [, id, given] = match as unknown as [string, string, string];
  const expected = Buffer.from(mac(secret, id));
  const actual = Buffer.from(given);
  if (expected.length !== actual.length || !crypto.timingSafeEqual(expected, actual)) return null;
  return `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`;
}

/** What the verification page shows for a genuine certificate. */
export interface VerifiedCertificate {
  name: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  organiser: string;
}

/**
 * Checks a certificate code and returns what it certifies, or null (made elsewhere, altered, or the
 * registration no longer earns a certificate). Exported through index.ts so that another verification
 * page (recognition's /pruefen) could check event certificates too.
 */
export async function verifyEventCertificate(db: Db, secret: string, code: string, now: Date): Promise<VerifiedCertificate | null> {
  const id = verifyCertificateCode(secret, code);
  const [registration] = id ? await db.select().from(eventRegistrations).where(eq(eventRegistrations.id, id)) : [];
  const event = registration ? await findEvent(db, registration.eventId) : undefined;
  if (!registration || !event || !certificateAvailable(event, registration, now)) return null;
  return { name: registration.name, title: event.title, startsAt: event.startsAt, endsAt: event.endsAt, organiser: event.organiserName ?? event.networkName };
}

/** Trainings and workshops give certificates to those marked present, once the event is over. */
export function certificateAvailable(event: Pick<Event, 'kind' | 'endsAt'>, registration: Pick<EventRegistration, 'status' | 'attended'>, now: Date): boolean {
  return (event.kind === 'training' || event.kind === 'workshop') && registration.status === 'confirmed' && registration.attended === true && event.endsAt <= now;
}

const DEJAVU = '/usr/share/fonts/truetype/dejavu';

/** The certificate as a tagged PDF (headings and paragraphs as structure, German, with a title). */
export function certificatePdf(input: {
  t: T;
  event: EventDetail;
  registration: EventRegistration;
  code: string;
  verifyUrl: string;
  now: Date;
  compress?: boolean;
}): PDFKit.PDFDocument {
  const { t, event, registration } = input;
  const PDFDocument = createRequire(import.meta.url)('pdfkit') as typeof import('pdfkit');
  const title = t('events.certificate.title');
  const doc = new PDFDocument({
    size: 'A4',
    margin: 64,
    tagged: true,
    lang: 'de-DE',
    displayTitle: true,
    compress: input.compress ?? true,
    info: { Title: `${title} – ${event.title}`, Author: event.organiserName ?? event.networkName, Creator: 'Mitmachnetz', CreationDate: input.now },
  });
  const hasDejaVu = fs.existsSync(`${DEJAVU}/DejaVuSans.ttf`) && fs.existsSync(`${DEJAVU}/DejaVuSans-Bold.ttf`);
  if (hasDejaVu) {
    doc.registerFont('body', `${DEJAVU}/DejaVuSans.ttf`);
    doc.registerFont('bold', `${DEJAVU}/DejaVuSans-Bold.ttf`);
  }
  const regular = hasDejaVu ? 'body' : 'Helvetica';
  const bold = hasDejaVu ? 'bold' : 'Helvetica-Bold';
  const root = doc.struct('Document');
  doc.addStructure(root);
  const block = (type: 'H1' | 'P', text: string, font: string, size: number, gap = 0.8) => {
    root.add(
      doc.struct(type, {}, () => {
        doc.font(font).fontSize(size).fillColor('#1a1a1a').text(text);
      }),
    );
    doc.moveDown(gap);
  };
  block('H1', title, bold, 24, 1.2);
  block('P', t('events.certificate.confirms'), regular, 12);
  block('P', registration.name, bold, 18);
  block('P', t('events.certificate.attended'), regular, 12);
  block('P', event.title, bold, 15);
  block('P', `${formatDateTime('de', event.startsAt)} – ${formatDateTime('de', event.endsAt)}`, regular, 12);
  if (event.mode === 'onsite' && event.place) block('P', [event.place, event.municipalityName].filter(Boolean).join(', '), regular, 12);
  const hours = Math.round(((event.endsAt.getTime() - event.startsAt.getTime()) / 3_600_000) * 10) / 10;
  block('P', t('events.certificate.duration', { hours: String(hours).replace('.', ',') }), regular, 12);
  block('P', t('events.certificate.organiser', { name: event.organiserName ?? event.networkName }), regular, 12, 2);
  // The page is named and linked, and the code's own address opens the result at once (issue 14, point 5).
  block('P', t('events.certificate.verifyPage', { url: input.verifyUrl }), regular, 10, 0.4);
  block('P', t('events.certificate.code', { code: input.code }), regular, 10, 0.4);
  const direct = `${input.verifyUrl}?code=${encodeURIComponent(input.code)}`;
  root.add(
    doc.struct('P', {}, () => {
      doc.font(regular).fontSize(10).fillColor('#1a1a1a').text(t('events.certificate.verifyDirect', { url: direct }), { link: direct });
    }),
  );
  root.end();
  doc.end();
  return doc;
}
