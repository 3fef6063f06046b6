import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { sendError } from '../../../platform/http/errors.tsx';
import { fieldErrorsFromValidation, type FieldErrors } from '../../../platform/http/forms.ts';
import { idParam } from '../../../platform/http/ids.ts';
import { adminNetwork } from '../../../platform/networks/context.ts';
import { listMunicipalities } from '../../../platform/networks/queries.ts';
import type { Network } from '../../../platform/networks/schema.ts';
import { saveMunicipality } from '../commands.ts';
import { canManageMunicipalities } from '../policy.ts';
import { findMunicipality } from '../queries.ts';
import { parseMunicipality, type MunicipalityInput } from '../rules.ts';
import { adminPath } from '../views/common.tsx';
import { MunicipalityForm, MunicipalityList, municipalityFormValues } from '../views/municipalities.tsx';
import { actorId, messagesFor, notice, pageTitle, text } from '../route-helpers.ts';

/* The network's municipalities: list, new, edit. */

const municipalityBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  type: Type.Optional(Type.String({ maxLength: 100 })),
  ags: Type.Optional(Type.String({ maxLength: 20 })),
  lat: Type.Optional(Type.String({ maxLength: 30 })),
  lng: Type.Optional(Type.String({ maxLength: 30 })),
  inhabitants: Type.Optional(Type.String({ maxLength: 20 })),
});
const MUNICIPALITY_KEYS = Object.keys(municipalityBody.properties) as Array<keyof MunicipalityInput>;

export const municipalitiesRoutes: FastifyPluginAsync = async (app) => {
  const { db, clock } = app.deps;

  // ---- network admin: municipalities ----

  app.get('/netzwerk/:slug/verwaltung/kommunen', async (request, reply) => {
    const network = await adminNetwork(request, reply, canManageMunicipalities);
    if (!network) return reply;
    return reply.page(
      pageTitle(request.t, 'roles.places.list.title'),
      <MunicipalityList
        t={request.t}
        locale={request.locale}
        network={network}
        municipalities={await listMunicipalities(db, network.id)}
        notice={notice(request, { gespeichert: 'roles.places.list.saved' })}
      />,
    );
  });

  const renderMunicipality = (
    request: FastifyRequest,
    reply: FastifyReply,
    network: Network,
    municipality: { id: string; name: string } | undefined,
    values: MunicipalityInput,
    errors: FieldErrors,
    status = 200,
  ) => {
    const t = request.t;
    const heading = municipality ? t('roles.place.edit', { name: municipality.name }) : t('roles.place.new');
    return reply.page(
      heading,
      <MunicipalityForm t={t} csrfToken={reply.generateCsrf()} network={network} municipalityId={municipality?.id} heading={heading} values={values} errors={errors} />,
      { status },
    );
  };

  const EMPTY_MUNICIPALITY: MunicipalityInput = { name: '', type: '', ags: '', lat: '', lng: '', inhabitants: '' };

  app.get('/netzwerk/:slug/verwaltung/kommunen/neu', async (request, reply) => {
    const network = await adminNetwork(request, reply, canManageMunicipalities);
    if (!network) return reply;
    return renderMunicipality(request, reply, network, undefined, EMPTY_MUNICIPALITY, {});
  });

  app.get('/netzwerk/:slug/verwaltung/kommunen/:municipalityId', async (request, reply) => {
    const network = await adminNetwork(request, reply, canManageMunicipalities);
    if (!network) return reply;
    const id = idParam(request, 'municipalityId');
    const municipality = id && (await findMunicipality(db, network.id, id));
    if (!municipality) return sendError(request, reply, 404);
    return renderMunicipality(request, reply, network, municipality, municipalityFormValues(request.locale, municipality), {});
  });

  const submitMunicipality = async (request: FastifyRequest, reply: FastifyReply, existing: boolean) => {
    const network = await adminNetwork(request, reply, canManageMunicipalities);
    if (!network) return reply;
    let municipality: { id: string; name: string } | undefined;
    if (existing) {
      const id = idParam(request, 'municipalityId');
      municipality = (id && (await findMunicipality(db, network.id, id))) || undefined;
      if (!municipality) return sendError(request, reply, 404);
    }
    const t = request.t;
    const values = Object.fromEntries(MUNICIPALITY_KEYS.map((k) => [k, text(request.body, k)])) as unknown as MunicipalityInput;
    const parsed = parseMunicipality(values);
    const errors: FieldErrors = {
      ...fieldErrorsFromValidation(request.validationError?.validation, t),
      ...(parsed.ok ? {} : messagesFor(request, parsed.problems)),
    };
    if (Object.keys(errors).length > 0) return renderMunicipality(request, reply, network, municipality, values, errors, 422);
    const result = await saveMunicipality(db, {
      networkId: network.id,
      municipalityId: municipality?.id,
      input: values,
      actorId: actorId(request),
      now: clock(),
    });
    if (result.ok) return reply.redirect(`${adminPath(network.slug, '/kommunen')}?hinweis=gespeichert`, 303);
    if (result.code === 'roles.not_found') return sendError(request, reply, 404);
    return renderMunicipality(request, reply, network, municipality, values, messagesFor(request, result.problems), 422);
  };

  app.post('/netzwerk/:slug/verwaltung/kommunen', {
    schema: { body: municipalityBody },
    attachValidation: true,
    handler: (request, reply) => submitMunicipality(request, reply, false),
  });

  app.post('/netzwerk/:slug/verwaltung/kommunen/:municipalityId', {
    schema: { body: municipalityBody },
    attachValidation: true,
    handler: (request, reply) => submitMunicipality(request, reply, true),
  });
};
