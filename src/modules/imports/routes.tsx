import { Readable } from 'node:stream';
import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../platform/http/forms.ts';
import { adminNetwork } from '../../platform/networks/context.ts';
import type { Network } from '../../platform/networks/schema.ts';
import { importCsv, importFreinet, importTarget, recordExport } from './commands.ts';
import { offersCsv } from './csv.ts';
import { canExportOffers, canImportOffers } from './policy.ts';
import { countOffers, offersForExport } from './queries.ts';
import type { ImportSummary } from './summary.ts';
import { ImportPage, UPLOAD_FIELD } from './views/import.tsx';

/** Larger exports go through the command line, which streams and shows progress. */
const MAX_UPLOAD_MEGABYTES = 20;

interface Upload {
  data: Buffer;
  truncated: boolean;
}

/** FreiNet exports are XML and start with "<"; spreadsheets never do. */
function looksLikeXml(data: Buffer): boolean {
  const head = data.subarray(0, 64).toString('latin1').replace(/^(\xef\xbb\xbf|\xff\xfe|\xfe\xff)/, '').replace(/\0/g, '');
  return head.trimStart().startsWith('<');
}

export const routes: FastifyPluginAsync = async (app) => {
  const { db, clock } = app.deps;

  // Only this plugin takes multipart bodies. The file is read into memory up to the limit and flagged
  // when it was cut off, so the answer is a page with a message instead of a bare error.
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits: { fileSize: MAX_UPLOAD_MEGABYTES * 1024 * 1024, files: 1, fields: 3, parts: 4, fieldSize: 1000 },
    async onFile(part: MultipartFile) {
      const chunks: Buffer[] = [];
      for await (const chunk of part.file) chunks.push(chunk as Buffer);
      const upload: Upload = { data: Buffer.concat(chunks), truncated: part.file.truncated };
      (part as unknown as { value: Upload }).value = upload;
    },
  });

  function render(request: FastifyRequest, reply: FastifyReply, network: Network, extra: { errors?: FieldErrors; summary?: ImportSummary; status?: number } = {}) {
    const t = request.t;
    return reply.page(
      t('imports.page.title'),
      <ImportPage
        t={t}
        slug={network.slug}
        networkName={network.name}
        csrfToken={reply.generateCsrf()}
        maxMegabytes={MAX_UPLOAD_MEGABYTES}
        errors={extra.errors}
        summary={extra.summary}
      />,
      { status: extra.status ?? 200 },
    );
  }

  app.get('/netzwerk/:slug/verwaltung/import', async (request, reply) => {
    const network = await adminNetwork(request, reply, canImportOffers);
    if (!network) return reply;
    return render(request, reply, network);
  });

  app.post('/netzwerk/:slug/verwaltung/import', {
    // Refuse before the upload is read: nobody else needs to send 20 MB first to hear "no".
    onRequest: async (request, reply) => {
      const network = await adminNetwork(request, reply, canImportOffers);
      if (!network) return reply;
    },
    handler: async (request, reply) => {
      const network = await adminNetwork(request, reply, canImportOffers);
      if (!network) return reply;
      const t = request.t;
      const upload = (request.body as Record<string, unknown> | undefined)?.[UPLOAD_FIELD] as Upload | undefined;
      if (!upload || !Buffer.isBuffer(upload.data) || upload.data.length === 0) {
        return render(request, reply, network, { errors: { [UPLOAD_FIELD]: t('imports.error.noFile') }, status: 422 });
      }
      if (upload.truncated) {
        return render(request, reply, network, { errors: { [UPLOAD_FIELD]: t('imports.error.tooLarge', { size: MAX_UPLOAD_MEGABYTES }) }, status: 413 });
      }
      const target = await importTarget(db, network, request.actor.userId, clock());
      // Importing is idempotent (offers are matched by their ids), so the result is shown right here
      // rather than after a redirect: sending the same file again changes nothing.
      const summary = looksLikeXml(upload.data) ? await importFreinet(db, target, [upload.data]) : await importCsv(db, target, upload.data);
      return render(request, reply, network, { summary });
    },
  });

  app.get('/netzwerk/:slug/verwaltung/export/angebote.csv', async (request, reply) => {
    const network = await adminNetwork(request, reply, canExportOffers);
    if (!network) return reply;
    const now = clock();
    // Written before the download starts, so an interrupted download is on record too.
    await recordExport(db, { networkId: network.id, actorId: request.actor.userId, now, count: await countOffers(db, network.id), format: 'csv' });
    const date = now.toISOString().slice(0, 10);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="angebote-${network.slug}-${date}.csv"`)
      .header('cache-control', 'no-store')
      .send(Readable.from(offersCsv(offersForExport(db, network.id))));
  });
};
