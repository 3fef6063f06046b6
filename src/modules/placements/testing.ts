import type { OutboxMail, TestContext } from '../../../test/helpers.ts';
import { createOffer, createOrganisation, demoRegion } from '../../../test/fixtures.ts';
import { createUser } from '../../../test/helpers.ts';
import { organisationMembers } from '../organisations/schema.ts';

/*
 * Shared setup for the placement tests: a Krostitz club with an offer and a member, the GEMS office,
 * a guide for Krostitz, and the people who must be kept out.
 */

/** Mails put on the queue, oldest first, in the shape of the outbox helpers (tests run without workers). */
export async function queuedMails(ctx: TestContext): Promise<OutboxMail[]> {
  const { rows } = await ctx.deps.database.query<{ data: { to: string; subject: string; text: string } }>(
    `select data from pgboss.job where name = 'mail.send' order by created_on, id`,
  );
  return rows.map((r) => ({ file: '', raw: '', to: r.data.to, subject: r.data.subject, text: r.data.text }));
}

/** Mails queued since `before` was taken. */
export async function newMails(ctx: TestContext, before: OutboxMail[]): Promise<OutboxMail[]> {
  return (await queuedMails(ctx)).slice(before.length);
}

export function requestKeyIn(html: string): string {
  const key = html.match(/name="requestKey" value="([^"]+)"/)?.[1];
  if (!key) throw new Error('no requestKey in form');
  return key;
}

export async function placementWorld(ctx: TestContext) {
  const region = await demoRegion(ctx);
  const gems = region.gems;
  const krostitz = region.municipality('Krostitz');
  const delitzsch = region.municipality('Delitzsch');
  const organisation = await createOrganisation(ctx, {
    networkId: gems.id,
    municipalityId: krostitz.id,
    email: 'info@heimatverein-krostitz.de',
  });
  const offer = await createOffer(ctx, {
    networkId: gems.id,
    organisationId: organisation.id,
    municipalityId: krostitz.id,
    title: 'Hausaufgabenhilfe in der Grundschule Krostitz',
    contactEmail: 'hausaufgaben@heimatverein-krostitz.de',
  });
  const otherOrganisation = await createOrganisation(ctx, {
    networkId: gems.id,
    municipalityId: delitzsch.id,
    name: 'Tafel Delitzsch e. V.',
  });
  const member = await createUser(ctx, { email: 'karl.kassenwart@heimatverein-krostitz.de', name: 'Karl Kassenwart' });
  const otherMember = await createUser(ctx, { email: 'vorstand@tafel-delitzsch.de', name: 'Tafel Vorstand' });
  await ctx.deps.db.insert(organisationMembers).values([
    { organisationId: organisation.id, userId: member.id, role: 'admin' },
    { organisationId: otherOrganisation.id, userId: otherMember.id, role: 'admin' },
  ]);
  const office = await createUser(ctx, {
    email: 'netzwerkstelle@gems.example',
    name: 'Netzwerkstelle GEMS',
    roles: [{ networkId: gems.id, role: 'network_office' }],
  });
  const guide = await createUser(ctx, {
    email: 'lotsin.krostitz@gems.example',
    name: 'Lotsin Krostitz',
    roles: [{ networkId: gems.id, role: 'guide', municipalityIds: [krostitz.id] }],
  });
  const otherGuide = await createUser(ctx, {
    email: 'lotse.delitzsch@gems.example',
    name: 'Lotse Delitzsch',
    roles: [{ networkId: gems.id, role: 'guide', municipalityIds: [delitzsch.id] }],
  });
  const otherOffice = await createUser(ctx, {
    email: 'koordination@weisswasser.example',
    name: 'Koordination Weißwasser',
    roles: [{ networkId: region.weisswasser.id, role: 'network_office' }],
  });
  return { region, gems, krostitz, delitzsch, organisation, offer, otherOrganisation, member, otherMember, office, guide, otherGuide, otherOffice };
}
