import fs from 'node:fs';
import path from 'node:path';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Database, Db } from '../../platform/db.ts';
import { auditLog } from '../../platform/audit/schema.ts';
import { decodeMimeWords, listOutbox } from '../../platform/mail/index.ts';
import { users } from '../../platform/auth/schema.ts';
import { BACKUP_DOWNLOADED } from './rules.ts';

export interface BackupDownloadRow {
  id: number;
  at: Date;
  /** Null when the account no longer exists. */
  actorName: string | null;
}

/** The latest backup downloads, newest first. */
export async function listBackupDownloads(db: Db, limit = 10): Promise<BackupDownloadRow[]> {
  return db
    .select({ id: auditLog.id, at: auditLog.at, actorName: users.name })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    // network_id IS NULL lets the (network_id, at) index serve the newest platform entries.
    .where(and(isNull(auditLog.networkId), eq(auditLog.action, BACKUP_DOWNLOADED)))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit);
}

export interface FailedJob {
  id: string;
  queue: string;
  at: Date;
  retryCount: number;
  error: string;
}

/**
 * Failed jobs of pg-boss 10, both those still in its job table and those already archived. The
 * error is what the worker threw (pg-boss stores it serialised in `output`); job data is left out
 * because it may hold personal data such as a mail's recipient and text.
 */
export async function listFailedJobs(database: Database, limit = 100): Promise<FailedJob[]> {
  const columns = `id::text as id, name as queue, coalesce(completed_on, started_on, created_on) as at,
    retry_count as "retryCount",
    coalesce(output->>'message', output#>>'{value,message}', output::text, '') as error`;
  const { rows } = await database.query<{ id: string; queue: string; at: Date | string; retryCount: number; error: string }>(
    `select * from (
       select ${columns} from pgboss.job where state = 'failed'
       union all
       select ${columns} from pgboss.archive where state = 'failed'
     ) failed
     order by at desc, id
     limit $1`,
    [limit],
  );
  return rows.map((r) => ({ ...r, at: new Date(r.at), retryCount: Number(r.retryCount) }));
}

export { listOutbox };

export interface OutboxMessage {
  file: string;
  date: Date;
  from: string;
  to: string;
  subject: string;
  text: string;
}

/**
 * Reads one message of the embedded outbox. Only names the outbox listing itself returns are
 * opened, so no request can reach a file outside the outbox folder.
 */
export function readOutboxMessage(outboxDir: string, file: string): OutboxMessage | undefined {
  const entry = listOutbox(outboxDir).find((e) => e.file === file);
  if (!entry) return undefined;
  const raw = fs.readFileSync(path.join(outboxDir, entry.file), 'utf8').replace(/\r\n/g, '\n');
  const split = raw.indexOf('\n\n');
  const head = (split === -1 ? raw : raw.slice(0, split)).replace(/\n[ \t]+/g, ' ');
  const body = split === -1 ? '' : raw.slice(split + 2);
  const header = (name: string) => head.match(new RegExp(`^${name}: (.*)$`, 'mi'))?.[1]?.trim() ?? '';
  return {
    file: entry.file,
    date: entry.date,
    from: decodeMimeWords(header('From')),
    to: entry.to,
    subject: entry.subject,
    text: decodeBody(body, header('Content-Transfer-Encoding')),
  };
}

function decodeBody(body: string, encoding: string): string {
  if (/base64/i.test(encoding)) return Buffer.from(body.replace(/\s/g, ''), 'base64').toString('utf8');
  if (!/quoted-printable/i.test(encoding)) return body;
  const joined = body.replace(/=\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(joined[i] ?? '', 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
