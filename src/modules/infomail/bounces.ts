import { and, eq, sql } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import type { Db } from '../../platform/db.ts';
import { addressHash, normaliseAddress } from './address.ts';
import { infomailBounces, infomailMailings, infomailRecipients, infomailSubscribers, infomailSuppressions } from './schema.ts';

/** Hard bounces before an address is blocked: one can be a mistake of the receiving server. */
export const HARD_BOUNCE_LIMIT = 2;

export interface BounceReport {
  email: string;
  hard: boolean;
  status: string;
  diagnostic: string;
  recipientId: string | null;
}

/**
 * Reads a delivery status notification (RFC 3464) with mailparser: the recipient and status from the
 * message/delivery-status part, and our X-Infomail-Recipient header from the returned original.
 * 5.x.x is hard (address does not exist), 4.x.x soft (mailbox full, try later).
 */
export async function parseBounce(raw: Buffer | string): Promise<BounceReport[]> {
  const mail = await simpleParser(raw);
  const reports: BounceReport[] = [];
  let recipientId: string | null = null;
  let statusText = '';
  for (const attachment of mail.attachments) {
    const content = attachment.content.toString('utf8');
    if (/delivery-status/i.test(attachment.contentType)) statusText += `\n${content}`;
    const header = content.match(/^X-Infomail-Recipient:\s*([0-9a-f-]{36})/im);
    if (header?.[1]) recipientId = header[1];
  }
  // Some servers put the report in the text.
  if (!statusText) statusText = mail.text ?? '';
  const idInText = (mail.text ?? '').match(/^X-Infomail-Recipient:\s*([0-9a-f-]{36})/im);
  if (!recipientId && idInText?.[1]) recipientId = idInText[1];
  for (const block of statusText.split(/\n\s*\n/)) {
    const recipient = block.match(/^Final-Recipient:\s*[^;]*;\s*(.+)$/im)?.[1]?.trim() ?? block.match(/^Original-Recipient:\s*[^;]*;\s*(.+)$/im)?.[1]?.trim();
    const status = block.match(/^Status:\s*([245]\.\d{1,3}\.\d{1,3})/im)?.[1];
    if (!recipient || !status) continue;
    const action = block.match(/^Action:\s*(\w+)/im)?.[1]?.toLowerCase() ?? '';
    if (status.startsWith('2') || action === 'delivered' || action === 'relayed' || action === 'expanded') continue;
    reports.push({
      email: recipient,
      hard: status.startsWith('5'),
      status,
      diagnostic: (block.match(/^Diagnostic-Code:\s*(.+(?:\n[ \t].+)*)/im)?.[1] ?? '').replace(/\s+/g, ' ').slice(0, 480),
      recipientId,
    });
  }
  return reports;
}

/**
 * Files a report: the office sees every one; a hard bounce marks the recipient row; after
 * HARD_BOUNCE_LIMIT hard bounces the address is blocked (subscriber marked, hash suppressed). A soft
 * bounce never blocks.
 */
export async function recordBounce(db: Db, report: BounceReport, now: Date): Promise<{ blocked: boolean }> {
  const normal = normaliseAddress(report.email);
  const email = normal.ok ? normal.email : report.email.toLowerCase();
  let networkId: string | null = null;
  if (report.recipientId) {
    const [row] = await db
      .select({ networkId: infomailMailings.networkId, email: infomailRecipients.email })
      .from(infomailRecipients)
      .innerJoin(infomailMailings, eq(infomailMailings.id, infomailRecipients.mailingId))
      .where(eq(infomailRecipients.id, report.recipientId));
    if (row && row.email === email) {
      networkId = row.networkId;
      if (report.hard) await db.update(infomailRecipients).set({ state: 'bounced', lastError: `${report.status} ${report.diagnostic}`.slice(0, 480) }).where(eq(infomailRecipients.id, report.recipientId));
    }
  }
  const recipientId = networkId ? report.recipientId : null;
  await db.insert(infomailBounces).values({ networkId, email, recipientId, hard: report.hard, status: report.status, diagnostic: report.diagnostic, receivedAt: now });
  if (!report.hard || !networkId) return { blocked: false };
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(infomailBounces)
    .where(and(eq(infomailBounces.email, email), eq(infomailBounces.networkId, networkId), eq(infomailBounces.hard, true)));
  if ((count?.n ?? 0) < HARD_BOUNCE_LIMIT) return { blocked: false };
  await db.update(infomailSubscribers).set({ bouncedAt: now }).where(and(eq(infomailSubscribers.networkId, networkId), eq(infomailSubscribers.email, email)));
  await db.insert(infomailSuppressions).values({ networkId, listId: null, emailHash: addressHash(email), reason: 'bounced' }).onConflictDoNothing();
  return { blocked: true };
}
