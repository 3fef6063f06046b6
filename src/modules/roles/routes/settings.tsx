import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { sendError } from '../../../platform/http/errors.tsx';
import { fieldErrorsFromValidation, type FieldErrors } from '../../../platform/http/forms.ts';
import { adminNetwork } from '../../../platform/networks/context.ts';
import type { Network } from '../../../platform/networks/schema.ts';
import { settingsProblems, updateNetworkSettings, type NetworkSettings } from '../commands.ts';
import { canEditNetworkSettings } from '../policy.ts';
import { chosenColour } from '../rules.ts';
import { adminPath } from '../views/common.tsx';
import { SETTINGS_LIMITS, SettingsForm, type SettingsValues } from '../views/settings.tsx';
import { actorId, messagesFor, notice, pageTitle, text } from '../route-helpers.ts';

/* The network's settings: name, colours, contact and legal texts. */

const settingsBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: SETTINGS_LIMITS.name }),
  kind: Type.Optional(Type.String({ maxLength: SETTINGS_LIMITS.kind })),
  region: Type.Optional(Type.String({ maxLength: SETTINGS_LIMITS.region })),
  description: Type.Optional(Type.String({ maxLength: SETTINGS_LIMITS.description })),
  contactEmail: Type.Optional(Type.String({ maxLength: SETTINGS_LIMITS.contactEmail, pattern: '^$|^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$' })),
  primaryColor: Type.Optional(Type.String({ maxLength: 50 })),
  accentColor: Type.Optional(Type.String({ maxLength: 50 })),
  imprint: Type.Optional(Type.String({ maxLength: SETTINGS_LIMITS.imprint })),
  privacyStatement: Type.Optional(Type.String({ maxLength: SETTINGS_LIMITS.privacyStatement })),
  accessibilityStatement: Type.Optional(Type.String({ maxLength: SETTINGS_LIMITS.accessibilityStatement })),
});
const SETTINGS_KEYS = Object.keys(settingsBody.properties) as Array<keyof SettingsValues>;

export const settingsRoutes: FastifyPluginAsync = async (app) => {
  const { db, clock } = app.deps;

  // ---- network admin: settings ----

  const renderSettings = (request: FastifyRequest, reply: FastifyReply, network: Network, values: SettingsValues, errors: FieldErrors, status = 200) =>
    reply.page(
      pageTitle(request.t, 'roles.settings.title'),
      <SettingsForm
        t={request.t}
        csrfToken={reply.generateCsrf()}
        network={network}
        values={values}
        errors={errors}
        notice={status === 200 ? notice(request, { gespeichert: 'roles.settings.saved' }) : undefined}
      />,
      { status },
    );

  app.get('/netzwerk/:slug/verwaltung/einstellungen', async (request, reply) => {
    const network = await adminNetwork(request, reply, canEditNetworkSettings);
    if (!network) return reply;
    const values = Object.fromEntries(SETTINGS_KEYS.map((k) => [k, network[k]])) as SettingsValues;
    return renderSettings(request, reply, network, values, {});
  });

  app.post('/netzwerk/:slug/verwaltung/einstellungen', {
    schema: { body: settingsBody },
    attachValidation: true,
    handler: async (request, reply) => {
      const network = await adminNetwork(request, reply, canEditNetworkSettings);
      if (!network) return reply;
      const t = request.t;
      const body = request.body;
      const values = Object.fromEntries(SETTINGS_KEYS.map((k) => [k, text(body, k)])) as SettingsValues;
      values.primaryColor = chosenColour(values.primaryColor, text(body, 'primaryColorPicker'), text(body, 'primaryColorPickerShown'));
      values.accentColor = chosenColour(values.accentColor, text(body, 'accentColorPicker'), text(body, 'accentColorPickerShown'));
      const errors: FieldErrors = {
        ...fieldErrorsFromValidation(request.validationError?.validation, t),
        ...messagesFor(request, settingsProblems(values)),
      };
      if (errors.contactEmail && values.contactEmail.length <= SETTINGS_LIMITS.contactEmail) errors.contactEmail = t('form.email');
      if (Object.keys(errors).length > 0) return renderSettings(request, reply, network, values, errors, 422);
      const result = await updateNetworkSettings(db, { networkId: network.id, values: values as NetworkSettings, actorId: actorId(request), now: clock() });
      if (result.ok) return reply.redirect(`${adminPath(network.slug, '/einstellungen')}?hinweis=gespeichert`, 303);
      if (result.code === 'roles.not_found') return sendError(request, reply, 404);
      return renderSettings(request, reply, network, values, messagesFor(request, result.problems), 422);
    },
  });
};
