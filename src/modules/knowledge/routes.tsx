import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { allow, sendError } from '../../platform/http/errors.tsx';
import type { FieldErrors } from '../../platform/http/forms.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { isNetworkMember } from '../events/index.ts';
import { networkOf } from '../../platform/networks/context.ts';
import { listMunicipalities } from '../../platform/networks/queries.ts';
import type { Network } from '../../platform/networks/schema.ts';
import { addFile, createEntry, removeFile, setEntryStatus, updateEntry } from './commands.ts';
import { checkFile, contentDisposition, MAX_FILE_MEGABYTES, pdfText, readStoredFile, removeStoredFile, safeFileName, storeFile } from './files.ts';
import { entryValues, parseEntryForm, type EntryFormValues, type FormAction } from './form.ts';
import { canContribute, canEditEntry, canPublishEntry, canViewEntry } from './policy.ts';
import { entryFiles, findEntry, findFile, listEntries, revisionsOf, tagsInUse, unpublishedEntries, type EntryDetail } from './queries.ts';
import { ENTRY_KINDS, THEMES, type EntryKind, type EntryStatus, type Theme } from './schema.ts';
import { EntryPage } from './views/entry.tsx';
import { EntryForm } from './views/form.tsx';
import { KnowledgeListPage } from './views/list.tsx';
import { DiffPage, RevisionsPage } from './views/revisions.tsx';

interface Upload {
  data: Buffer;
  truncated: boolean;
  filename: string;
}

const PAGE_SIZE = 20;

function one(value: unknown): string {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === 'string' ? v : '';
}

/** What the form's button asks for, as the entry's next status. */
function statusFor(action: FormAction, canPublish: boolean, current: EntryStatus | null): EntryStatus {
  if (action === 'veroeffentlichen' && canPublish) return 'published';
  if (action === 'einreichen') return 'review';
  if (action === 'entwurf') return current === 'published' && canPublish ? 'published' : 'draft';
  return current ?? 'draft';
}

export const routes: FastifyPluginAsync = async (app) => {
  const { db } = app.deps;
  const now = () => app.deps.clock();

  // Only this plugin's routes take multipart bodies (files of publications and documentation).
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits: { fileSize: MAX_FILE_MEGABYTES * 1024 * 1024, files: 1, fields: 2, parts: 3, fieldSize: 200 },
    async onFile(part: MultipartFile) {
      const chunks: Buffer[] = [];
      for await (const chunk of part.file) chunks.push(chunk as Buffer);
      (part as unknown as { value: Upload }).value = { data: Buffer.concat(chunks), truncated: part.file.truncated, filename: part.filename };
    },
  });

  app.get('/netzwerk/:slug/wissen', async (request, reply) => {
    const network = await networkOf(request, reply);
    if (!network) return reply;
    const t = request.t;
    const query = request.query as Record<string, unknown>;
    const filters = { q: one(query.q).trim().slice(0, 200), art: one(query.art), thema: one(query.thema), schlagwort: one(query.schlagwort).slice(0, 40) };
    const member = isNetworkMember(request.actor, network.id);
    const pageNumber = Math.max(1, Math.min(1000, Number.parseInt(one(query.seite), 10) || 1));
    const { items, total } = await listEntries(
      db,
      {
        networkId: network.id,
        words: filters.q || undefined,
        kind: ENTRY_KINDS.includes(filters.art as EntryKind) ? (filters.art as EntryKind) : undefined,
        theme: THEMES.includes(filters.thema as Theme) ? (filters.thema as Theme) : undefined,
        tag: filters.schlagwort || undefined,
        member,
      },
      { limit: PAGE_SIZE, offset: (pageNumber - 1) * PAGE_SIZE },
    );
    const base = `/netzwerk/${network.slug}/wissen`;
    const contributor = canContribute(request.actor, network.id);
    const unpublished = contributor
      ? await unpublishedEntries(db, network.id, canPublishEntry(request.actor, network.id) ? null : request.actor.userId)
      : [];
    const keep = new URLSearchParams(Object.entries(filters).filter(([, v]) => v));
    return reply.page(
      t('knowledge.list.title', { network: network.name }),
      <KnowledgeListPage
        t={t}
        locale={request.locale}
        networkName={network.name}
        base={base}
        items={items}
        total={total}
        filters={filters}
        tags={await tagsInUse(db, network.id, member)}
        canContribute={contributor}
        unpublished={unpublished}
        page={{
          number: pageNumber,
          pages: Math.ceil(total / PAGE_SIZE),
          href: (p) => `${base}?${new URLSearchParams([...keep, ['seite', String(p)]]).toString()}`,
        }}
      />,
      { description: t('knowledge.list.intro') },
    );
  });

  // ---- Create and edit ----

  async function showForm(
    request: FastifyRequest,
    reply: FastifyReply,
    network: Network,
    form: { mode: 'create' | 'edit'; action: string; values: EntryFormValues; errors: FieldErrors; preview: boolean },
    status = 200,
  ) {
    const t = request.t;
    return reply.page(
      form.mode === 'create' ? t('knowledge.new.title') : t('knowledge.edit.title'),
      <EntryForm
        t={t}
        csrfToken={reply.generateCsrf()}
        action={form.action}
        mode={form.mode}
        values={form.values}
        errors={form.errors}
        preview={form.preview}
        municipalities={await listMunicipalities(db, network.id)}
        canPublish={canPublishEntry(request.actor, network.id)}
      />,
      { status },
    );
  }

  app.get('/netzwerk/:slug/wissen/neu', async (request, reply) => {
    const network = await networkOf(request, reply);
    if (!network) return reply;
    if (!allow(request, reply, canContribute(request.actor, network.id))) return reply;
    const kind = one((request.query as Record<string, unknown>).art);
    return showForm(request, reply, network, {
      mode: 'create',
      action: `/netzwerk/${network.slug}/wissen/neu`,
      values: { kind: ENTRY_KINDS.includes(kind as EntryKind) ? kind : 'article', visibility: 'public' },
      errors: {},
      preview: false,
    });
  });

  app.post('/netzwerk/:slug/wissen/neu', async (request, reply) => {
    const network = await networkOf(request, reply);
    if (!network) return reply;
    if (!allow(request, reply, canContribute(request.actor, network.id))) return reply;
    const municipalities = await listMunicipalities(db, network.id);
    const parsed = parseEntryForm((request.body ?? {}) as Record<string, unknown>, request.t, { municipalityIds: municipalities.map((m) => m.id) });
    const action = `/netzwerk/${network.slug}/wissen/neu`;
    if (!parsed.result.ok) return showForm(request, reply, network, { mode: 'create', action, values: parsed.values, errors: parsed.result.errors, preview: false }, 422);
    if (parsed.action === 'vorschau') return showForm(request, reply, network, { mode: 'create', action, values: parsed.values, errors: {}, preview: true });
    const status = statusFor(parsed.action, canPublishEntry(request.actor, network.id), null);
    const id = await createEntry(
      db,
      { networkId: network.id, content: parsed.result.content, status, author: { id: request.actor.userId, name: request.user?.name ?? '' } },
      now(),
    );
    return reply.redirect(`/netzwerk/${network.slug}/wissen/${id}?gespeichert=1`, 303);
  });

  async function loadEntry(request: FastifyRequest, reply: FastifyReply) {
    const network = await networkOf(request, reply);
    if (!network) return undefined;
    const { id } = request.params as { id: string };
    const entry = await findEntry(db, id, network.id);
    // Members-only and unpublished entries do not exist for those who may not see them.
    if (!entry || !canViewEntry(request.actor, entry)) {
      await sendError(request, reply, 404);
      return undefined;
    }
    return { network, entry };
  }

  const NOTICES: Record<string, MessageKey> = {
    gespeichert: 'knowledge.notice.saved',
    status: 'knowledge.notice.status',
    datei: 'knowledge.notice.file',
    entfernt: 'knowledge.notice.fileRemoved',
  };

  async function showEntry(request: FastifyRequest, reply: FastifyReply, network: Network, entry: EntryDetail, extra: { uploadError?: string; status?: number } = {}) {
    const query = request.query as Record<string, unknown>;
    const key = Object.keys(NOTICES).find((k) => query[k] === '1');
    return reply.page(
      entry.title,
      <EntryPage
        t={request.t}
        locale={request.locale}
        entry={entry}
        files={await entryFiles(db, entry.id)}
        base={`/netzwerk/${network.slug}/wissen`}
        csrfToken={reply.generateCsrf()}
        notice={key ? request.t(NOTICES[key]!) : null}
        canEdit={canEditEntry(request.actor, entry)}
        canPublish={canPublishEntry(request.actor, network.id)}
        maxMegabytes={MAX_FILE_MEGABYTES}
        uploadError={extra.uploadError}
      />,
      { status: extra.status ?? 200, description: entry.summary || entry.title, meta: { type: 'article' } },
    );
  }

  app.get('/netzwerk/:slug/wissen/:id', async (request, reply) => {
    const loaded = await loadEntry(request, reply);
    if (!loaded) return reply;
    return showEntry(request, reply, loaded.network, loaded.entry);
  });

  app.get('/netzwerk/:slug/wissen/:id/bearbeiten', async (request, reply) => {
    const loaded = await loadEntry(request, reply);
    if (!loaded) return reply;
    if (!allow(request, reply, canEditEntry(request.actor, loaded.entry))) return reply;
    return showForm(request, reply, loaded.network, {
      mode: 'edit',
      action: `/netzwerk/${loaded.network.slug}/wissen/${loaded.entry.id}/bearbeiten`,
      values: entryValues(loaded.entry),
      errors: {},
      preview: false,
    });
  });

  app.post('/netzwerk/:slug/wissen/:id/bearbeiten', async (request, reply) => {
    const loaded = await loadEntry(request, reply);
    if (!loaded) return reply;
    const { network, entry } = loaded;
    if (!allow(request, reply, canEditEntry(request.actor, entry))) return reply;
    const municipalities = await listMunicipalities(db, network.id);
    const parsed = parseEntryForm((request.body ?? {}) as Record<string, unknown>, request.t, { municipalityIds: municipalities.map((m) => m.id) });
    const action = `/netzwerk/${network.slug}/wissen/${entry.id}/bearbeiten`;
    if (!parsed.result.ok) return showForm(request, reply, network, { mode: 'edit', action, values: parsed.values, errors: parsed.result.errors, preview: false }, 422);
    if (parsed.action === 'vorschau') return showForm(request, reply, network, { mode: 'edit', action, values: parsed.values, errors: {}, preview: true });
    const status = statusFor(parsed.action, canPublishEntry(request.actor, network.id), entry.status);
    await updateEntry(db, entry, parsed.result.content, status, { id: request.actor.userId, name: request.user?.name ?? '' }, now());
    return reply.redirect(`/netzwerk/${network.slug}/wissen/${entry.id}?gespeichert=1`, 303);
  });

  app.post('/netzwerk/:slug/wissen/:id/status', async (request, reply) => {
    const loaded = await loadEntry(request, reply);
    if (!loaded) return reply;
    const { network, entry } = loaded;
    if (!allow(request, reply, canPublishEntry(request.actor, network.id))) return reply;
    const wanted = one((request.body as Record<string, unknown> | undefined)?.status);
    if (wanted !== 'published' && wanted !== 'draft') return sendError(request, reply, 400);
    await setEntryStatus(db, entry, wanted, now());
    return reply.redirect(`/netzwerk/${network.slug}/wissen/${entry.id}?status=1`, 303);
  });

  // ---- Revisions ----

  app.get('/netzwerk/:slug/wissen/:id/versionen', async (request, reply) => {
    const loaded = await loadEntry(request, reply);
    if (!loaded) return reply;
    const href = `/netzwerk/${loaded.network.slug}/wissen/${loaded.entry.id}`;
    return reply.page(
      request.t('knowledge.revisions.title', { title: loaded.entry.title }),
      <RevisionsPage t={request.t} locale={request.locale} title={loaded.entry.title} href={href} revisions={await revisionsOf(db, loaded.entry.id)} />,
    );
  });

  app.get('/netzwerk/:slug/wissen/:id/versionen/:rid', async (request, reply) => {
    const loaded = await loadEntry(request, reply);
    if (!loaded) return reply;
    const { rid } = request.params as { rid: string };
    const revisions = await revisionsOf(db, loaded.entry.id);
    const index = revisions.findIndex((r) => r.id === rid);
    const after = revisions[index];
    const before = revisions[index + 1];
    if (!after || !before) return sendError(request, reply, 404);
    return reply.page(
      request.t('knowledge.diff.title', { title: after.title }),
      <DiffPage t={request.t} locale={request.locale} href={`/netzwerk/${loaded.network.slug}/wissen/${loaded.entry.id}`} before={before} after={after} />,
    );
  });

  // ---- Files ----

  app.post('/netzwerk/:slug/wissen/:id/dateien', {
    // Refuse before the upload is read.
    onRequest: async (request, reply) => {
      const loaded = await loadEntry(request, reply);
      if (!loaded) return reply;
      if (!allow(request, reply, canEditEntry(request.actor, loaded.entry))) return reply;
    },
    handler: async (request, reply) => {
      const loaded = await loadEntry(request, reply);
      if (!loaded) return reply;
      const { network, entry } = loaded;
      if (!allow(request, reply, canEditEntry(request.actor, entry))) return reply;
      const t = request.t;
      const upload = (request.body as Record<string, unknown> | undefined)?.datei as Upload | undefined;
      if (!upload || !Buffer.isBuffer(upload.data) || upload.data.length === 0) {
        return showEntry(request, reply, network, entry, { uploadError: t('knowledge.files.error.none'), status: 422 });
      }
      if (upload.truncated) {
        return showEntry(request, reply, network, entry, { uploadError: t('knowledge.files.error.size', { size: MAX_FILE_MEGABYTES }), status: 413 });
      }
      const check = await checkFile(upload.data);
      if (!check.ok) return showEntry(request, reply, network, entry, { uploadError: t('knowledge.files.error.type'), status: 415 });
      const key = await storeFile(app.deps.config.dataDir, upload.data);
      await addFile(
        db,
        entry,
        {
          fileName: safeFileName(upload.filename, check.ext),
          mediaType: check.mediaType,
          size: upload.data.length,
          storageKey: key,
          uploadedBy: request.actor.userId,
          data: upload.data,
        },
        now(),
      );
      return reply.redirect(`/netzwerk/${network.slug}/wissen/${entry.id}?datei=1`, 303);
    },
  });

  app.post('/netzwerk/:slug/wissen/:id/dateien/:fileId/loeschen', async (request, reply) => {
    const loaded = await loadEntry(request, reply);
    if (!loaded) return reply;
    if (!allow(request, reply, canEditEntry(request.actor, loaded.entry))) return reply;
    const { fileId } = request.params as { fileId: string };
    const dataDir = app.deps.config.dataDir;
    const key = await removeFile(db, loaded.entry.id, fileId, async (k) => pdfText(await readStoredFile(dataDir, k)));
    if (!key) return sendError(request, reply, 404);
    await removeStoredFile(dataDir, key);
    return reply.redirect(`/netzwerk/${loaded.network.slug}/wissen/${loaded.entry.id}?entfernt=1`, 303);
  });

  app.get('/netzwerk/:slug/wissen/dateien/:fileId', async (request, reply) => {
    const network = await networkOf(request, reply);
    if (!network) return reply;
    const file = await findFile(db, (request.params as { fileId: string }).fileId);
    const entry = file ? await findEntry(db, file.entryId, network.id) : undefined;
    if (!file || !entry || !canViewEntry(request.actor, entry)) return sendError(request, reply, 404);
    const data = await readStoredFile(app.deps.config.dataDir, file.storageKey);
    return reply
      .type(file.mediaType)
      .header('content-disposition', contentDisposition(file.fileName))
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('cache-control', entry.visibility === 'public' && entry.status === 'published' ? 'public, max-age=3600' : 'private, no-store')
      .send(data);
  });

};
