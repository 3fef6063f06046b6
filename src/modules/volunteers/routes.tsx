import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { allow, sendError } from '../../platform/http/errors.tsx';
import { fieldErrorsFromValidation, type FieldErrors } from '../../platform/http/forms.ts';
import { FIELDS, SUITABILITY, TIMES_OF_DAY, type Suitability } from '../../platform/vocabulary.ts';
import { saveVolunteerProfile, splitList } from './commands.ts';
import { canEditOwnProfile, canSeeOwnSuggestions, canSeeVolunteersForOffer } from './policy.ts';
import {
  findOfferForSuggestions,
  getVolunteerProfile,
  isOrganisationMember,
  listMunicipalityGroups,
  offerCandidatesForVolunteer,
  volunteerCandidatesFor,
} from './queries.ts';
import { rankOffers, rankVolunteers } from './suggestions.ts';
import { keptFormValues as formValues, type FormValues } from '../../platform/ui/form-values.ts';
import { ProfilePage, profileValues } from './views/profile.tsx';
import { OfferSuggestionsPage, VolunteersForOfferPage } from './views/suggestions.tsx';
import { UUID_REGEX as UUID } from '../../platform/http/ids.ts';


const literals = <const V extends readonly string[]>(values: V) => Type.Union(values.map((v) => Type.Literal(v)));

// Free text: no control characters except line breaks.
const TEXT = '^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F]*$';

export const ProfileBody = Type.Object({
  fields: Type.Optional(Type.Array(literals(FIELDS), { maxItems: FIELDS.length })),
  skills: Type.String({ maxLength: 600, pattern: TEXT }),
  weekdays: Type.Optional(Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), { maxItems: 7 })),
  timesOfDay: Type.Optional(Type.Array(literals(TIMES_OF_DAY), { maxItems: TIMES_OF_DAY.length })),
  homeMunicipalityId: Type.Union([Type.Literal(''), Type.String({ pattern: UUID.source })]),
  postcode: Type.String({ pattern: '^([0-9]{5})?$' }),
  radiusKm: Type.Integer({ minimum: 1, maximum: 200 }),
  languages: Type.String({ maxLength: 300, pattern: TEXT }),
  remoteOk: Type.Optional(Type.Literal('1')),
  about: Type.String({ maxLength: 1000, pattern: TEXT }),
  contactable: Type.Optional(Type.Literal('1')),
});

const SuggestionsQuery = Type.Object({
  eignung: Type.Optional(Type.Array(Type.String({ maxLength: 30 }), { maxItems: 10 })),
});

/** Where an organisation or the office contacts a suggested volunteer: the placements module's form. */
export function newPlacementHref(networkSlug: string, params: Record<string, string>): string {
  return `/netzwerk/${networkSlug}/vermittlungen/neu?${new URLSearchParams(params).toString()}`;
}

export const routes: FastifyPluginAsync = async (app) => {
  const { db } = app.deps;

  const showProfile = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: FormValues,
    errors: FieldErrors,
    status = 200,
  ) => {
    const groups = await listMunicipalityGroups(db);
    const saved = (request.query as { gespeichert?: string } | undefined)?.gespeichert === '1' && status === 200;
    return reply.page(
      request.t('volunteers.profile.title'),
      <ProfilePage
        t={request.t}
        locale={request.locale}
        csrfToken={reply.generateCsrf()}
        values={values}
        errors={errors}
        groups={groups}
        saved={saved}
      />,
      { status },
    );
  };

  app.get('/konto/engagement', async (request, reply) => {
    if (!allow(request, reply, canEditOwnProfile(request.actor))) return reply;
    const profile = await getVolunteerProfile(db, request.actor.userId!);
    return showProfile(request, reply, profileValues(profile), {});
  });

  app.post('/konto/engagement', {
    attachValidation: true,
    schema: { body: ProfileBody },
    handler: async (request, reply) => {
      if (!allow(request, reply, canEditOwnProfile(request.actor))) return reply;
      const t = request.t;
      const values = formValues(request.body);
      const errors: FieldErrors = {};
      if (request.validationError) {
        Object.assign(errors, fieldErrorsFromValidation(request.validationError.validation, t));
        if (errors.radiusKm) errors.radiusKm = t('volunteers.profile.radiusRange');
        if (errors.postcode) errors.postcode = t('volunteers.profile.postcodeFormat');
        if (errors.homeMunicipalityId) errors.homeMunicipalityId = t('volunteers.profile.unknownMunicipality');
        if (Object.keys(errors).length === 0) errors.fields = t('form.invalid');
      }
      const body = request.body as Static<typeof ProfileBody>;
      const skills = errors.skills ? null : splitList(body.skills, 30, 60);
      const languages = errors.languages ? null : splitList(body.languages, 10, 40);
      if (!errors.skills && skills === null) errors.skills = t('volunteers.profile.tooMany');
      if (!errors.languages && languages === null) errors.languages = t('volunteers.profile.tooMany');
      if (Object.keys(errors).length > 0 || !skills || !languages) {
        return showProfile(request, reply, values, errors, 422);
      }
      const result = await saveVolunteerProfile(
        db,
        request.actor.userId!,
        {
          fields: body.fields ?? [],
          skills,
          weekdays: body.weekdays ?? [],
          timesOfDay: body.timesOfDay ?? [],
          homeMunicipalityId: body.homeMunicipalityId || null,
          postcode: body.postcode,
          radiusKm: body.radiusKm,
          languages,
          remoteOk: body.remoteOk === '1',
          about: body.about,
          contactable: body.contactable === '1',
        },
        app.deps.clock(),
      );
      if (!result.ok) {
        const message =
          result.code === 'volunteers.unknown_municipality'
            ? t('volunteers.profile.unknownMunicipality')
            : t('volunteers.profile.radiusRange');
        return showProfile(request, reply, values, { [result.field]: message }, 422);
      }
      return reply.redirect('/konto/engagement?gespeichert=1', 303);
    },
  });

  app.get('/konto/vorschlaege', {
    schema: { querystring: SuggestionsQuery },
    handler: async (request, reply) => {
      if (!allow(request, reply, canSeeOwnSuggestions(request.actor))) return reply;
      const asked = (request.query as Static<typeof SuggestionsQuery>).eignung ?? [];
      const suitability = SUITABILITY.filter((flag): flag is Suitability => asked.includes(flag));
      const profile = await getVolunteerProfile(db, request.actor.userId!);
      const candidates = profile ? await offerCandidatesForVolunteer(db, profile, app.deps.clock()) : [];
      const suggestions = profile ? rankOffers(profile, candidates, { suitability }) : [];
      return reply.page(
        request.t('volunteers.suggestions.title'),
        <OfferSuggestionsPage
          t={request.t}
          hasProfile={profile !== undefined}
          hasPlace={profile?.lat != null}
          suitability={suitability}
          suggestions={suggestions}
        />,
      );
    },
  });

  app.get('/angebote/:id/vorschlaege', async (request, reply) => {
    const { id } = request.params as { id: string };
    const offer = UUID.test(id) ? await findOfferForSuggestions(db, id) : undefined;
    if (!offer) return sendError(request, reply, 404);
    const isMember = await isOrganisationMember(db, request.actor.userId, offer.organisationId);
    if (!allow(request, reply, canSeeVolunteersForOffer(request.actor, offer, { isOrganisationMember: isMember }))) {
      return reply;
    }
    request.network = { id: offer.networkId, slug: offer.networkSlug, name: offer.networkName };
    const candidates = await volunteerCandidatesFor(db, offer);
    const suggestions = rankVolunteers(offer, candidates);
    const t = request.t;
    return reply.page(
      t('volunteers.forOffer.title', { title: offer.title }),
      <VolunteersForOfferPage
        t={t}
        title={offer.title}
        offerId={offer.id}
        suggestions={suggestions}
        contactHref={(userId) => newPlacementHref(offer.networkSlug, { offer: offer.id, volunteer: userId })}
      />,
    );
  });
};
