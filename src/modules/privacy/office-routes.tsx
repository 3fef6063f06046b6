import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { eq, sql } from 'drizzle-orm';
import { allow, sendError } from '../../platform/http/errors.tsx';
import type { FieldErrors } from '../../platform/http/forms.ts';
import { isConfirmed } from '../../platform/ui/confirm.tsx';
import { users } from '../../platform/auth/schema.ts';
import { networks } from '../../platform/networks/schema.ts';
import { memberships, type Role } from '../../platform/roles/schema.ts';
import { formatDay, requestErasure } from './erasure.ts';
import { canAdministerPrivacy } from './policy.ts';
import { networkPeriods, recentRuns, retentionRules, saveRetention } from './retention.ts';
import { OfficePrivacyPage, retentionField } from './views/office.tsx';

type Network = { id: string; slug: string; name: string };

/** Roles that make a person part of the network office itself. */
const OFFICE_ROLES: readonly Role[] = ['network_office', 'programme_office'];

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Whether a person belongs to the network's people: a role in it, a placement in it, or a volunteer profile
 * at home in one of its municipalities. The office erases only those (a platform admin anyone).
 */
const belongsTo = (networkId: string) => sql`(
  exists (select 1 from memberships m where m.user_id = ${users.id} and m.network_id = ${networkId})
  or exists (select 1 from placements p where p.volunteer_id = ${users.id} and p.network_id = ${networkId})
  or exists (select 1 from volunteer_profiles v join municipalities mu on mu.id = v.home_municipality_id
             where v.user_id = ${users.id} and mu.network_id = ${networkId}))`;

export const officeRoutes: FastifyPluginAsync = async (app) => {
  const { deps } = app;
  const { db } = deps;

  /**
   * An account is platform-wide, so the office erases only people it answers for: not a fellow office
   * person (an office of equals, one of whom could remove the others) and not someone with a role in
   * another network. Those requests go to the platform administration. Guides and municipality contacts
   * of the own network may be erased: the office assigns their roles, and the mailed undo link protects
   * them from a mistake (docs/privacy.md).
   */
  async function beyondTheOffice(userId: string, networkId: string): Promise<boolean> {
    const roles = await db.select({ networkId: memberships.networkId, role: memberships.role }).from(memberships).where(eq(memberships.userId, userId));
    return roles.some((r) => r.networkId !== networkId || OFFICE_ROLES.includes(r.role));
  }

  async function networkFor(request: FastifyRequest, reply: FastifyReply): Promise<Network | null> {
    const { slug } = request.params as { slug: string };
    const [network] = await db.select({ id: networks.id, slug: networks.slug, name: networks.name }).from(networks).where(eq(networks.slug, slug));
    if (!network) {
      sendError(request, reply, 404);
      return null;
    }
    return allow(request, reply, canAdministerPrivacy(request.actor, network.id)) ? network : null;
  }

  const base = (network: Network) => `/netzwerk/${network.slug}/verwaltung/datenschutz`;

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    network: Network,
    options: { values?: Record<string, string>; errors?: FieldErrors; notice?: string; confirmEmail?: string; status?: number } = {},
  ) {
    const periods = await networkPeriods(db, network.id);
    const values: Record<string, string> = {};
    for (const { rule, months } of periods) values[retentionField(rule.key)] = String(months);
    const labels = new Map(retentionRules().map((rule) => [rule.key, request.t(rule.label)]));
    const since = new Date(deps.clock().getTime() - 90 * 86_400_000);
    const runs = (await recentRuns(db, network.id, since)).map((run) => ({ id: run.id, at: run.at, label: labels.get(run.key) ?? run.key, removed: run.removed }));
    return reply.page(
      request.t('privacy.office.title'),
      <OfficePrivacyPage
        t={request.t}
        locale={request.locale}
        csrfToken={reply.generateCsrf()}
        base={base(network)}
        networkName={network.name}
        graceDays={deps.config.erasureGraceDays}
        periods={periods}
        values={{ ...values, ...options.values }}
        errors={options.errors ?? {}}
        runs={runs}
        notice={options.notice}
        confirmEmail={options.confirmEmail}
      />,
      { status: options.status ?? 200 },
    );
  }

  app.get('/netzwerk/:slug/verwaltung/datenschutz', async (request, reply) => {
    const network = await networkFor(request, reply);
    if (!network) return reply;
    const query = request.query as Record<string, unknown>;
    let notice: string | undefined;
    if (query.gespeichert !== undefined) notice = request.t('privacy.office.saved');
    if (typeof query.vorgemerkt === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(query.vorgemerkt)) {
      notice = request.t('privacy.office.eraseScheduled', { date: formatDay(request.locale, new Date(`${query.vorgemerkt}T12:00:00Z`)) });
    }
    return render(request, reply, network, notice ? { notice } : {});
  });

  app.post('/netzwerk/:slug/verwaltung/datenschutz/loeschen', async (request, reply) => {
    const network = await networkFor(request, reply);
    if (!network) return reply;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const email = typeof body.email === 'string' ? body.email.trim().toLowerCase() : '';
    const invalid = (message: string) => render(request, reply, network, { values: { email }, errors: { email: message }, status: 422 });
    if (!email) return invalid(request.t('form.required'));
    if (email.length > 254 || !EMAIL.test(email)) return invalid(request.t('form.email'));
    const conditions = request.actor.isPlatformAdmin ? eq(users.email, email) : sql`${users.email} = ${email} and ${belongsTo(network.id)} and not ${users.isPlatformAdmin}`;
    const [person] = await db.select({ id: users.id }).from(users).where(conditions);
    if (!person) return invalid(request.t('privacy.office.eraseUnknown'));
    if (!request.actor.isPlatformAdmin && (await beyondTheOffice(person.id, network.id))) return invalid(request.t('privacy.office.eraseBeyondOffice'));
    if (!isConfirmed(body)) return render(request, reply, network, { confirmEmail: email });
    const result = await requestErasure(deps, { userId: person.id, requestedBy: request.actor.userId, networkId: network.id });
    if (result.already) {
      return render(request, reply, network, { notice: request.t('privacy.office.eraseAlready', { date: formatDay(request.locale, result.dueAt) }) });
    }
    return reply.redirect(`${base(network)}?vorgemerkt=${result.dueAt.toISOString().slice(0, 10)}`, 303);
  });

  app.post('/netzwerk/:slug/verwaltung/datenschutz/fristen', async (request, reply) => {
    const network = await networkFor(request, reply);
    if (!network) return reply;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values: Record<string, string> = {};
    const months: Record<string, number> = {};
    for (const rule of retentionRules()) {
      const name = retentionField(rule.key);
      const raw = typeof body[name] === 'string' ? (body[name] as string).trim() : '';
      values[name] = raw;
      if (/^\d{1,4}$/.test(raw)) months[rule.key] = Number(raw);
    }
    const wrong = await saveRetention(db, network.id, months);
    if (wrong.length > 0) {
      const errors: FieldErrors = {};
      for (const rule of retentionRules().filter((r) => wrong.includes(r.key))) {
        errors[retentionField(rule.key)] = request.t('privacy.office.outOfRange', { min: rule.minMonths, max: rule.maxMonths });
      }
      return render(request, reply, network, { values, errors, status: 422 });
    }
    return reply.redirect(`${base(network)}?gespeichert=1`, 303);
  });
};
