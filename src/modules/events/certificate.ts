import fs from 'node:fs';
import { createRequire } from 'node:module';
import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { formatDateTime, type T } from '../../platform/i18n/index.ts';
import { looksSigned, publicKeys, signPayload, verifyCode, type SignedPayload } from '../../platform/signing/index.ts';
import { isLegacyCertificateCode, legacyRegistrationId } from './legacy-certificate.ts';
import { findEvent, type EventDetail } from './queries.ts';
import { eventRegistrations, type Event, type EventRegistration } from './schema.ts';

/*
 * Participation certificates (Teilnahmebescheinigungen) for trainings. Their code is signed with the
 * platform's signing (platform/signing, decision 007): the payload carries what the certificate prints, so
 * anyone can check it with the published public keys, also offline, and changing a single character makes it
 * fail. No list of certificates is kept: the registration is the record. Codes printed before carry the old
 * HMAC shape (legacy-certificate.ts) and still verify.
 */

export const EVENT_CERTIFICATE = 'event-certificate';

/** What a certificate of participation's code says. */
export interface EventCertificatePayload {
  t: typeof EVENT_CERTIFICATE;
  /** The registration's id: the certificate's number */
  no: string;
  /** Participant's name */
  n: string;
  /** Event title */
  e: string;
  /** Start and end, ISO 8601 instants joined by "–" */
  p: string;
  /** Organiser (organisation, or the network for the office's events) */
  o: string;
}

function payloadOf(event: EventDetail, registration: Pick<EventRegistration, 'id' | 'name'>): EventCertificatePayload {
  return {
    t: EVENT_CERTIFICATE,
    no: registration.id,
    n: registration.name,
    e: event.title,
    p: `${event.startsAt.toISOString()}–${event.endsAt.toISOString()}`,
    o: event.organiserName ?? event.networkName,
  };
}

/** The code printed on a certificate; the same payload and key give the same code (Ed25519 is deterministic). */
export async function eventCertificateCode(db: Db, secret: string, event: EventDetail, registration: Pick<EventRegistration, 'id' | 'name'>, now: Date): Promise<string> {
  return signPayload(db, secret, payloadOf(event, registration), now);
}

/** What the verification pages show for a genuine certificate. */
export interface VerifiedCertificate {
  name: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  organiser: string;
}

function readPayload(payload: SignedPayload): VerifiedCertificate | null {
  const { t, no, n, e, p, o } = payload;
  if (t !== EVENT_CERTIFICATE || typeof no !== 'string' || typeof n !== 'string' || typeof e !== 'string' || typeof p !== 'string' || typeof o !== 'string') return null;
  const [startsAt, endsAt] = p.split('–').map((instant) => new Date(instant));
  if (!startsAt || !endsAt || Number.isNaN(startsAt.getTime()) || Number.isNaN(endsAt.getTime())) return null;
  return { name: n, title: e, startsAt, endsAt, organiser: o };
}

/**
 * What a verified signed code (platform/signing's verifyCode) certifies, or null when it is no certificate of
 * participation or the registration, if still there, no longer earns one (attendance corrected). A registration
 * removed or anonymised later does not undo the paper: the code carries what it printed.
 */
export async function eventCertificateOf(db: Db, payload: SignedPayload, now: Date): Promise<VerifiedCertificate | null> {
  const certificate = readPayload(payload);
  const id = payload.no as string;
  if (!certificate || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return null;
  const [registration] = await db.select().from(eventRegistrations).where(eq(eventRegistrations.id, id));
  const event = registration ? await findEvent(db, registration.eventId) : undefined;
  if (registration && event && !certificateAvailable(event, registration, now)) return null;
  return certificate;
}

/** LEGACY: what an old HMAC code certifies, read from the registration it names (legacy-certificate.ts). */
export async function verifyLegacyEventCertificate(db: Db, secret: string, code: string, now: Date): Promise<VerifiedCertificate | null> {
  const id = legacyRegistrationId(secret, code);
  const [registration] = id ? await db.select().from(eventRegistrations).where(eq(eventRegistrations.id, id)) : [];
  const event = registration ? await findEvent(db, registration.eventId) : undefined;
  if (!registration || !event || !certificateAvailable(event, registration, now)) return null;
  return { name: registration.name, title: event.title, startsAt: event.startsAt, endsAt: event.endsAt, organiser: event.organiserName ?? event.networkName };
}

/** Checks a code of either shape (signed, or the legacy HMAC) and returns what it certifies, or null. */
export async function verifyEventCertificate(db: Db, secret: string, code: string, now: Date): Promise<VerifiedCertificate | null> {
  if (isLegacyCertificateCode(code)) return verifyLegacyEventCertificate(db, secret, code, now);
  if (!looksSigned(code)) return null;
  const verified = verifyCode(code, await publicKeys(db));
  return verified.ok ? eventCertificateOf(db, verified.payload, now) : null;
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
