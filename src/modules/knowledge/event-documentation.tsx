import { and, desc, eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db.ts';
import type { FieldErrors } from '../../platform/http/forms.ts';
import type { T } from '../../platform/i18n/index.ts';
import { isNetworkAdmin, type Actor } from '../../platform/policy.ts';
import { Field } from '../../platform/ui/field.tsx';
import { CsrfField, ErrorSummary } from '../../platform/ui/form.tsx';
import { RadioGroup } from '../../platform/ui/radio-group.tsx';
import { networks } from '../../platform/networks/schema.ts';
import { isNetworkMember, type EventDetail, type EventLoader } from '../events/index.ts';
import { createEntry, updateEntry, type EntryContent } from './commands.ts';
import { entryOfEvent } from './queries.ts';
import { knowledgeEntries, type KnowledgeEntry } from './schema.ts';

/*
 * Documentation flows into the knowledge base: after an event its organiser writes the minutes and
 * results here; they become a knowledge entry of kind "documentation" that points to the event (and
 * the event page points back). Photos and files are added on the entry, like any publication's. The
 * office's documentation is published at once; an organisation's waits for the office's review.
 * The events module shows the link and mounts the routes (with its event loaders) through the contract in
 * events/documentation.ts, which knowledge's manifest provides.
 */

type Loader = EventLoader;

/** The event's documentation in the knowledge base, when published and visible to the person. */
export async function documentationOf(db: Db, eventId: string, actor: Actor): Promise<{ href: string; title: string } | null> {
  const [entry] = await db
    .select({ id: knowledgeEntries.id, title: knowledgeEntries.title, networkId: knowledgeEntries.networkId, visibility: knowledgeEntries.visibility, slug: networks.slug })
    .from(knowledgeEntries)
    .innerJoin(networks, eq(networks.id, knowledgeEntries.networkId))
    .where(and(eq(knowledgeEntries.eventId, eventId), eq(knowledgeEntries.kind, 'documentation'), eq(knowledgeEntries.status, 'published')))
    .orderBy(desc(knowledgeEntries.updatedAt))
    .limit(1);
  if (!entry) return null;
  if (entry.visibility === 'members' && !isNetworkMember(actor, entry.networkId)) return null;
  return { href: `/netzwerk/${entry.slug}/wissen/${entry.id}`, title: entry.title };
}

function DocumentationForm(props: {
  t: T;
  event: EventDetail;
  csrfToken: string;
  values: Record<string, string>;
  errors: FieldErrors;
  existing: KnowledgeEntry | undefined;
}) {
  const { t, values, errors } = props;
  const labels = { minutes: t('events.documentation.minutes'), results: t('events.documentation.results'), visibility: t('knowledge.field.visibility') };
  const base = `/netzwerk/${props.event.networkSlug}/veranstaltungen/${props.event.id}`;
  return (
    <>
      <h1>{t('events.documentation.title', { title: props.event.title })}</h1>
      <p>{t('events.documentation.intro')}</p>
      {props.existing && (
        <p>
          <a href={`/netzwerk/${props.event.networkSlug}/wissen/${props.existing.id}`}>{t('events.documentation.files')}</a>
        </p>
      )}
      <ErrorSummary errors={errors} labels={labels} t={t} />
      <form method="post" action={`${base}/dokumentation`} novalidate>
        <CsrfField token={props.csrfToken} />
        <Field name="minutes" label={labels.minutes} hint={t('knowledge.hint.markdown')} value={values.minutes} error={errors.minutes} multiline rows={12} maxLength={100000} />
        <Field name="results" label={labels.results} value={values.results} error={errors.results} multiline rows={6} maxLength={8000} />
        <RadioGroup
          name="visibility"
          legend={labels.visibility}
          options={[
            { value: 'public', label: t('knowledge.visibility.public') },
            { value: 'members', label: t('knowledge.visibility.members'), hint: t('knowledge.hint.members') },
          ]}
          value={values.visibility || 'public'}
          error={errors.visibility}
        />
        <button type="submit">{t('events.documentation.save')}</button>
      </form>
      <p>
        <a href={base}>{t('events.back')}</a>
      </p>
    </>
  );
}

export async function registerDocumentationRoutes(app: FastifyInstance, loaders: { loadManaged: Loader; loadEvent: Loader }): Promise<void> {
  const { db } = app.deps;

  async function guard(request: FastifyRequest, reply: FastifyReply) {
    const loaded = await loaders.loadManaged(request, reply);
    if (!loaded) return undefined;
    return loaded;
  }

  function show(request: FastifyRequest, reply: FastifyReply, event: EventDetail, existing: KnowledgeEntry | undefined, values: Record<string, string>, errors: FieldErrors, status = 200) {
    return reply.page(
      request.t('events.documentation.title', { title: event.title }),
      <DocumentationForm t={request.t} event={event} csrfToken={reply.generateCsrf()} values={values} errors={errors} existing={existing} />,
      { status },
    );
  }

  app.get('/netzwerk/:slug/veranstaltungen/:id/dokumentation', async (request, reply) => {
    const loaded = await guard(request, reply);
    if (!loaded) return reply;
    const existing = await entryOfEvent(db, loaded.event.id);
    const values: Record<string, string> = existing ? { minutes: existing.body, results: existing.result, visibility: existing.visibility } : { visibility: 'public' };
    return show(request, reply, loaded.event, existing, values, {});
  });

  app.post('/netzwerk/:slug/veranstaltungen/:id/dokumentation', async (request, reply) => {
    const loaded = await guard(request, reply);
    if (!loaded) return reply;
    const { event, network } = loaded;
    const t = request.t;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string).replace(/\r\n/g, '\n').trim() : '');
    const values = { minutes: text('minutes'), results: text('results'), visibility: text('visibility') || 'public' };
    const errors: FieldErrors = {};
    const control = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
    if (!values.minutes && !values.results) errors.minutes = t('events.documentation.empty');
    if (control.test(values.minutes) || values.minutes.length > 100_000) errors.minutes = t('form.invalid');
    if (control.test(values.results) || values.results.length > 8000) errors.results = t('form.invalid');
    if (values.visibility !== 'public' && values.visibility !== 'members') errors.visibility = t('form.invalid');
    const existing = await entryOfEvent(db, event.id);
    if (app.deps.clock() < event.startsAt) errors.minutes = t('events.documentation.tooEarly');
    if (Object.keys(errors).length > 0) return show(request, reply, event, existing, values, errors, 422);
    const content: EntryContent = {
      kind: 'documentation',
      title: t('events.documentation.entryTitle', { title: event.title }),
      summary: values.results.split('\n')[0]?.slice(0, 300) ?? '',
      body: values.minutes,
      situation: '',
      approach: '',
      result: values.results,
      contact: event.organiserName ?? '',
      municipalityId: event.municipalityId,
      theme: existing?.theme ?? 'netzwerkmanagement',
      tags: existing?.tags ?? [],
      visibility: values.visibility as 'public' | 'members',
    };
    const status = isNetworkAdmin(request.actor, network.id) ? 'published' : (existing?.status ?? 'review');
    const author = { id: request.actor.userId, name: request.user?.name ?? '' };
    const now = app.deps.clock();
    const id = existing
      ? (await updateEntry(db, existing, content, status, author, now), existing.id)
      : await createEntry(db, { networkId: network.id, content, status, author, eventId: event.id }, now);
    return reply.redirect(`/netzwerk/${network.slug}/wissen/${id}?gespeichert=1`, 303);
  });
}
