import { and, eq, inArray } from 'drizzle-orm';
import type { AppDeps } from '../../platform/deps.ts';
import { translator } from '../../platform/i18n/index.ts';
import { queueMail } from '../../platform/mail/index.ts';
import type { Network } from '../../platform/networks/schema.ts';
import { renderMail } from './render.ts';
import { infomailLists, infomailMailings, infomailSettings, type Mailing } from './schema.ts';
import { queueBatch } from './send.ts';

export interface MailingDraft {
  listId: string;
  subject: string;
  body: string;
  scheduledAt: Date | null;
}

export type MailingError = 'not_editable' | 'not_yours' | 'unknown_list';

const EDITABLE = ['draft', 'awaiting_approval'];

/** Creates or changes a draft; a mailing already scheduled or sending stays as it is. */
export async function saveDraft(deps: AppDeps, network: Network, userId: string, id: string | null, draft: MailingDraft): Promise<{ ok: true; mailing: Mailing } | { ok: false; error: MailingError }> {
  const [list] = await deps.db.select().from(infomailLists).where(and(eq(infomailLists.id, draft.listId), eq(infomailLists.networkId, network.id)));
  if (!list) return { ok: false, error: 'unknown_list' };
  const values = { listId: draft.listId, subject: draft.subject, body: draft.body, scheduledAt: draft.scheduledAt, updatedAt: deps.clock() };
  if (!id) {
    const [mailing] = await deps.db.insert(infomailMailings).values({ ...values, networkId: network.id, createdBy: userId }).returning();
    return { ok: true, mailing: mailing! };
  }
  // Changing the text after submitting withdraws the submission: the approver must see what is sent.
  const [mailing] = await deps.db
    .update(infomailMailings)
    .set({ ...values, status: 'draft', approvedBy: null })
    .where(and(eq(infomailMailings.id, id), eq(infomailMailings.networkId, network.id), inArray(infomailMailings.status, EDITABLE as Mailing['status'][])))
    .returning();
  return mailing ? { ok: true, mailing } : { ok: false, error: 'not_editable' };
}

export async function settingsOf(deps: AppDeps, networkId: string) {
  const [settings] = await deps.db.select().from(infomailSettings).where(eq(infomailSettings.networkId, networkId));
  return settings ?? { networkId, fromName: '', replyTo: '', requireApproval: false };
}

/**
 * "Send" on a draft: with the two-person rule the mailing waits for someone else's approval; without,
 * it is scheduled (now or at the chosen time) and the job queue takes over.
 */
export async function requestSend(deps: AppDeps, network: Network, mailing: Mailing): Promise<{ ok: true; status: 'awaiting_approval' | 'scheduled' } | { ok: false; error: MailingError }> {
  const settings = await settingsOf(deps, network.id);
  if (mailing.status !== 'draft') return { ok: false, error: 'not_editable' };
  if (settings.requireApproval) {
    const [row] = await deps.db
      .update(infomailMailings)
      .set({ status: 'awaiting_approval' })
      .where(and(eq(infomailMailings.id, mailing.id), eq(infomailMailings.status, 'draft')))
      .returning();
    return row ? { ok: true, status: 'awaiting_approval' } : { ok: false, error: 'not_editable' };
  }
  return schedule(deps, mailing, 'draft', null);
}

/** The second person's approval; the author cannot approve their own mailing. */
export async function approve(deps: AppDeps, mailing: Mailing, userId: string): Promise<{ ok: true; status: 'scheduled' } | { ok: false; error: MailingError }> {
  if (mailing.status !== 'awaiting_approval') return { ok: false, error: 'not_editable' };
  if (mailing.createdBy === userId) return { ok: false, error: 'not_yours' };
  return schedule(deps, mailing, 'awaiting_approval', userId);
}

async function schedule(deps: AppDeps, mailing: Mailing, from: Mailing['status'], approvedBy: string | null): Promise<{ ok: true; status: 'scheduled' } | { ok: false; error: MailingError }> {
  const now = deps.clock();
  const at = mailing.scheduledAt && mailing.scheduledAt > now ? mailing.scheduledAt : now;
  const [row] = await deps.db
    .update(infomailMailings)
    .set({ status: 'scheduled', scheduledAt: at, approvedBy })
    .where(and(eq(infomailMailings.id, mailing.id), eq(infomailMailings.status, from)))
    .returning();
  if (!row) return { ok: false, error: 'not_editable' };
  await queueBatch(deps, mailing.id, at > now ? at : undefined);
  return { ok: true, status: 'scheduled' };
}

export async function pause(deps: AppDeps, mailing: Mailing): Promise<boolean> {
  const rows = await deps.db.update(infomailMailings).set({ status: 'paused' }).where(and(eq(infomailMailings.id, mailing.id), eq(infomailMailings.status, 'sending'))).returning();
  return rows.length > 0;
}

export async function resume(deps: AppDeps, mailing: Mailing): Promise<boolean> {
  const rows = await deps.db.update(infomailMailings).set({ status: 'sending' }).where(and(eq(infomailMailings.id, mailing.id), eq(infomailMailings.status, 'paused'))).returning();
  if (rows.length > 0) await queueBatch(deps, mailing.id);
  return rows.length > 0;
}

/** The mail as recipients will see it, sent to the person writing it (links point at the preview). */
export async function sendTest(deps: AppDeps, network: Network, mailing: Pick<Mailing, 'subject' | 'body' | 'listId'>, to: string): Promise<void> {
  const t = translator('de');
  const [list] = await deps.db.select().from(infomailLists).where(eq(infomailLists.id, mailing.listId));
  const settings = await settingsOf(deps, network.id);
  const parts = renderMail({
    network,
    subject: `[Test] ${mailing.subject}`,
    body: mailing.body,
    publicUrl: deps.config.publicUrl,
    links: { unsubscribe: `${deps.config.publicUrl}/netzwerk/${network.slug}/infomail` },
    footer: {
      unsubscribe: t('infomail.mail.unsubscribe'),
      preferences: t('infomail.mail.preferences'),
      archive: t('infomail.mail.archive'),
      why: t('infomail.mail.why', { list: list?.name ?? '', network: network.name }),
    },
  });
  await queueMail(deps.jobs, {
    to,
    subject: parts.subject,
    text: parts.text,
    html: parts.html,
    fromName: settings.fromName || network.name,
    ...(settings.replyTo ? { replyTo: settings.replyTo } : {}),
  });
}
