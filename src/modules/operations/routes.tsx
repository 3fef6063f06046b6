import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { allow, sendError } from '../../platform/http/errors.tsx';
import { fieldErrorsFromValidation, type FieldErrors } from '../../platform/http/forms.ts';
import { backupForDownload } from '../../platform/backup.ts';
import { listNetworks } from '../../platform/networks/queries.ts';
import { createNetwork, recordBackupDownload } from './commands.ts';
import { canDownloadBackup, canManageNetworks, canViewFailedJobs, canViewOutbox } from './policy.ts';
import { listBackupDownloads, listFailedJobs, listOutbox, readOutboxMessage } from './queries.ts';
import { BACKUP_DOWNLOADS_PER_HOUR, backupFileName, SLUG } from './rules.ts';
import { BackupPage, FailedJobsPage, OUTBOX_DEFAULT_SORT, OUTBOX_SORTS, OutboxMessagePage, OutboxPage, PlatformOverview } from './views/platform.tsx';
import { parseSort } from '../../platform/ui/table.tsx';

/*
 * The operator's area (/verwaltung): the networks of this installation, the outbox of an installation
 * without SMTP, failed jobs and the backup download. Every page is the platform admin's alone.
 */

/** Body fields as strings; a form field sent twice arrives as an array and is joined, never lost. */
function text(body: unknown, field: string): string {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[field] : undefined;
  if (Array.isArray(value)) return value.map(String).join(',');
  return typeof value === 'string' ? value : '';
}

/** The signed-in person behind an admin action; the policy check before it guarantees there is one. */
function actorId(request: FastifyRequest): string {
  const id = request.actor.userId;
  if (!id) throw new Error('admin action without a signed-in person');
  return id;
}

const networkBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  slug: Type.String({ minLength: 1, maxLength: 60 }),
});

/**
 * Counted per person after the CSRF check (preHandler), so a forged or refused request does not
 * use up the operator's downloads.
 */
const BACKUP_LIMIT = {
  rateLimit: {
    max: BACKUP_DOWNLOADS_PER_HOUR,
    timeWindow: 60 * 60_000,
    hook: 'preHandler' as const,
    keyGenerator: (request: FastifyRequest) => request.actor.userId ?? request.ip,
  },
};

export const routes: FastifyPluginAsync = async (app) => {
  const { db, database, mailer, config, clock } = app.deps;

  // ---- platform admin ----

  const renderPlatform = async (request: FastifyRequest, reply: FastifyReply, values: { name: string; slug: string }, errors: FieldErrors, status = 200) =>
    reply.page(
      request.t('operations.platform.title'),
      <PlatformOverview t={request.t} csrfToken={reply.generateCsrf()} networks={await listNetworks(db)} values={values} errors={errors} />,
      { status },
    );

  app.get('/verwaltung', async (request, reply) => {
    if (!allow(request, reply, canManageNetworks(request.actor))) return reply;
    return renderPlatform(request, reply, { name: '', slug: '' }, {});
  });

  app.post('/verwaltung/netzwerke', {
    schema: { body: networkBody },
    attachValidation: true,
    handler: async (request, reply) => {
      if (!allow(request, reply, canManageNetworks(request.actor))) return reply;
      const t = request.t;
      const values = { name: text(request.body, 'name'), slug: text(request.body, 'slug') };
      const errors = fieldErrorsFromValidation(request.validationError?.validation, t);
      if (values.slug && !errors.slug && !SLUG.test(values.slug)) errors.slug = t('operations.error.slug');
      if (Object.keys(errors).length > 0) return renderPlatform(request, reply, values, errors, 422);
      const result = await createNetwork(db, { name: values.name, slug: values.slug, actorId: actorId(request), now: clock() });
      if (!result.ok) return renderPlatform(request, reply, values, Object.fromEntries(Object.entries(result.problems).map(([field, p]) => [field, request.t(p.key)])), 422);
      return reply.redirect(`/netzwerk/${result.slug}/verwaltung`, 303);
    },
  });

  app.get('/verwaltung/postausgang', async (request, reply) => {
    if (!allow(request, reply, canViewOutbox(request.actor))) return reply;
    const dir = mailer.outboxDir;
    return reply.page(
      request.t('operations.outbox.title'),
      <OutboxPage
        t={request.t}
        locale={request.locale}
        entries={dir ? listOutbox(dir) : []}
        smtp={!dir}
        sort={parseSort((request.query as Record<string, unknown> | undefined)?.sortierung, OUTBOX_SORTS, OUTBOX_DEFAULT_SORT)}
      />,
    );
  });

  app.get('/verwaltung/postausgang/:file', async (request, reply) => {
    if (!allow(request, reply, canViewOutbox(request.actor))) return reply;
    const dir = mailer.outboxDir;
    const file = String((request.params as { file?: string }).file ?? '');
    const message = dir ? readOutboxMessage(dir, file) : undefined;
    if (!message) return sendError(request, reply, 404);
    return reply.page(message.subject || request.t('operations.outbox.title'), <OutboxMessagePage t={request.t} locale={request.locale} message={message} />);
  });

  app.get('/verwaltung/auftraege', async (request, reply) => {
    if (!allow(request, reply, canViewFailedJobs(request.actor))) return reply;
    return reply.page(request.t('operations.jobs.title'), <FailedJobsPage t={request.t} locale={request.locale} jobs={await listFailedJobs(database)} />);
  });

  app.get('/verwaltung/sicherung', async (request, reply) => {
    if (!allow(request, reply, canDownloadBackup(request.actor))) return reply;
    return reply.page(
      request.t('operations.backup.title'),
      <BackupPage
        t={request.t}
        locale={request.locale}
        csrfToken={reply.generateCsrf()}
        embedded={database.kind === 'pglite'}
        perHour={BACKUP_DOWNLOADS_PER_HOUR}
        downloads={await listBackupDownloads(db)}
      />,
    );
  });

  // compress: false, the file is gzip already.
  app.post('/verwaltung/sicherung', { config: BACKUP_LIMIT, compress: false }, async (request, reply) => {
    if (!allow(request, reply, canDownloadBackup(request.actor))) return reply;
    const at = clock();
    await recordBackupDownload(db, { at, actorId: actorId(request) });
    // PGlite spools the file in the data folder: private to the operator, unlike a shared /tmp.
    const download = await backupForDownload(database, config.dataDir);
    download.finished.catch((error: unknown) => request.log.error({ err: error }, 'backup download failed'));
    reply
      .type('application/gzip')
      .header('content-disposition', `attachment; filename="${backupFileName(at)}"`)
      .header('cache-control', 'no-store');
    if (download.size !== undefined) reply.header('content-length', download.size);
    return reply.send(download.stream);
  });
};
