import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, signedInClient, type TestContext } from '../../../test/helpers.ts';
import { createOffer } from '../../../test/fixtures.ts';
import { createEvent, startEventWorld, type EventWorld } from '../events/testing.ts';
import { createEntry } from '../knowledge/commands.ts';

let ctx: TestContext;
let world: EventWorld;

beforeAll(async () => {
  ({ ctx, world } = await startEventWorld({ env: { SEARCH_INDEX: 'database' } }));
  await createOffer(ctx, { networkId: world.gems.id, organisationId: world.organisation.id, title: 'Helfende Hände für die Apfelernte', municipalityId: world.krostitz.id });
  await createEvent(ctx, { networkId: world.gems.id, title: 'Apfelernte-Fest in Krostitz' });
  const content = { kind: 'article' as const, summary: '', situation: '', approach: '', result: '', contact: '', municipalityId: null, theme: null, tags: [] };
  const author = { id: world.office.id, name: 'Netzwerkstelle' };
  await createEntry(ctx.deps.db, { networkId: world.gems.id, status: 'published', author, content: { ...content, title: 'Leitfaden Apfelernte', body: 'Wie man eine Apfelernte organisiert.', visibility: 'public' } }, ctx.clock.now);
  await createEntry(ctx.deps.db, { networkId: world.gems.id, status: 'published', author, content: { ...content, title: 'Interna zur Apfelernte', body: 'Nur intern.', visibility: 'members' } }, ctx.clock.now);
});
afterAll(() => ctx.close());

describe('site-wide search', () => {
  it('shows offers, events and knowledge together, grouped, and keeps members-only knowledge from visitors', async () => {
    const page = await new Client(ctx.app).get('/suche?q=Apfelernte');
    expect(page.statusCode).toBe(200);
    const offers = page.body.indexOf('id="gruppe-search"');
    const events = page.body.indexOf('id="gruppe-events"');
    const knowledge = page.body.indexOf('id="gruppe-knowledge"');
    expect(offers).toBeGreaterThan(0);
    expect(events).toBeGreaterThan(offers);
    expect(knowledge).toBeGreaterThan(events);
    expect(page.body.slice(offers, events)).toContain('Helfende Hände für die Apfelernte');
    expect(page.body.slice(events, knowledge)).toContain('Apfelernte-Fest in Krostitz');
    expect(page.body.slice(knowledge)).toContain('Leitfaden Apfelernte');
    expect(page.body).not.toContain('Interna zur Apfelernte');
    // A member searching in the network sees the members-only entry.
    const member = await signedInClient(ctx, world.volunteer);
    expect((await member.get(`/suche?q=Apfelernte&netzwerk=${world.gems.slug}`)).body).toContain('Interna zur Apfelernte');
    // Another network: nothing of GEMS.
    const other = await new Client(ctx.app).get(`/suche?q=Apfelernte&netzwerk=${world.region.weisswasser.slug}`);
    expect(other.body).not.toContain('Apfelernte-Fest');
    expect(other.body).toContain('wurde nichts gefunden');
  });

  it('answers odd input with a page, not an error', async () => {
    for (const q of ['"', '<script>alert(1)</script>', '!!! & | :*', 'x'.repeat(500)]) {
      const page = await new Client(ctx.app).get(`/suche?q=${encodeURIComponent(q)}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain('<script>alert(1)');
    }
  });
});
