import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE, type TestContext } from '../../../test/helpers.ts';
import { createEvent, DAY, startEventWorld, type EventWorld } from './testing.ts';

let ctx: TestContext;
let world: EventWorld;
beforeAll(async () => ({ ctx, world } = await startEventWorld()));
afterAll(() => ctx.close());

interface ApiEvent {
  id: string;
  url: string;
  title: string;
  status: string;
  place: string;
  network: { slug: string };
  municipality: { id: string; name: string } | null;
  seatsFree: number | null;
}

const get = (url: string) => ctx.app.inject({ method: 'GET', url });

describe(`public API: events (${ENGINE})`, () => {
  it('lists upcoming published and cancelled events only, filtered, without the online link', async () => {
    const soon = await createEvent(ctx, { networkId: world.gems.id, title: 'Netzwerktreffen', capacity: 10, seatsTaken: 4, municipalityId: world.krostitz.id });
    await createEvent(ctx, { networkId: world.gems.id, title: 'Abgesagter Workshop', kind: 'workshop', status: 'cancelled' });
    const online = await createEvent(ctx, { networkId: world.gems.id, title: 'Online-Schulung', kind: 'training', mode: 'online', place: '', onlineUrl: 'https://meet.example/geheim' });
    await createEvent(ctx, { networkId: world.gems.id, title: 'Entwurf', status: 'draft' });
    await createEvent(ctx, { networkId: world.gems.id, title: 'Wartet', status: 'review', organisationId: world.organisation.id });
    await createEvent(ctx, { networkId: world.gems.id, title: 'Vorbei', startsAt: new Date(ctx.clock.now.getTime() - 2 * DAY), endsAt: new Date(ctx.clock.now.getTime() - DAY) });
    await createEvent(ctx, { networkId: world.region.weisswasser.id, title: 'Stadtfest-Treffen' });

    const all = await get('/api/v1/events');
    expect(all.statusCode).toBe(200);
    expect(all.headers['access-control-allow-origin']).toBe('*');
    const body = all.json() as { total: number; page: number; perPage: number; items: ApiEvent[] };
    expect(body.items.map((e) => e.title).sort()).toEqual(['Abgesagter Workshop', 'Netzwerktreffen', 'Online-Schulung', 'Stadtfest-Treffen']);
    expect(body).toMatchObject({ total: 4, page: 1, perPage: 50 });
    expect(all.body).not.toContain('meet.example');
    expect(all.body).not.toMatch(/Entwurf|Wartet|Vorbei/);

    const first = body.items.find((e) => e.id === soon.id)!;
    expect(first.url).toBe(`${ctx.deps.config.publicUrl}/netzwerk/gems/veranstaltungen/${soon.id}`);
    expect(first.seatsFree).toBe(6);
    expect(first.municipality).toEqual({ id: world.krostitz.id, name: 'Krostitz' });
    expect(body.items.find((e) => e.title === 'Abgesagter Workshop')?.status).toBe('cancelled');

    const gems = (await get('/api/v1/events?netzwerk=gems')).json() as { items: ApiEvent[] };
    expect(gems.items.every((e) => e.network.slug === 'gems')).toBe(true);
    expect(gems.items).toHaveLength(3);
    const trainings = (await get('/api/v1/events?netzwerk=gems&art=training&format=online')).json() as { items: ApiEvent[] };
    expect(trainings.items.map((e) => e.id)).toEqual([online.id]);
    const inKrostitz = (await get(`/api/v1/events?kommune=${world.krostitz.id}`)).json() as { items: ApiEvent[] };
    expect(inKrostitz.items.map((e) => e.id)).toEqual([soon.id]);
    expect(((await get('/api/v1/events?seite=2')).json() as { items: ApiEvent[] }).items).toEqual([]);
  });

  it('answers bad filters with a 400 problem naming the field', async () => {
    const unknown = await get('/api/v1/events?netzwerk=atlantis');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect(unknown.json()).toMatchObject({ status: 400, errors: [{ field: 'netzwerk' }] });
    for (const bad of ['art=party', 'kommune=123', 'format=hybrid', 'seite=0']) {
      const response = await get(`/api/v1/events?${bad}`);
      expect(response.statusCode, bad).toBe(400);
      expect(response.headers['content-type'], bad).toContain('application/problem+json');
    }
  });

  it('answers a municipality of another network, or an unknown one, with a 400 problem naming kommune', async () => {
    const otherNetwork = await get(`/api/v1/events?netzwerk=weisswasser&kommune=${world.krostitz.id}`);
    expect(otherNetwork.statusCode).toBe(400);
    expect(otherNetwork.headers['content-type']).toContain('application/problem+json');
    expect(otherNetwork.json()).toMatchObject({ status: 400, errors: [{ field: 'kommune', message: 'Diese Kommune gibt es (in diesem Netzwerk) nicht.' }] });
    const unknown = await get('/api/v1/events?kommune=00000000-0000-4000-8000-000000000000');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ errors: [{ field: 'kommune' }] });
    // Its own network with its own municipality still lists.
    const own = await get(`/api/v1/events?netzwerk=gems&kommune=${world.krostitz.id}`);
    expect(own.statusCode).toBe(200);
    expect((own.json() as { items: ApiEvent[] }).items.every((e) => e.municipality?.id === world.krostitz.id)).toBe(true);
  });

  it('is described in the OpenAPI document under its own tag', async () => {
    const document = (await get('/api/openapi.json')).json() as { paths: Record<string, { get?: { tags?: string[] } }> };
    expect(document.paths['/api/v1/events']?.get?.tags).toEqual(['events']);
  });
});
