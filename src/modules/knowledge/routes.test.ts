import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { Client, createUser, signedInClient, type TestContext } from '../../../test/helpers.ts';
import { startEventWorld, type EventWorld } from '../events/testing.ts';
import { createEntry } from './commands.ts';
import { knowledgeEntries, knowledgeFiles, knowledgeRevisions } from './schema.ts';
import { pdfWith, uploadFile } from './testing.ts';

let ctx: TestContext;
let world: EventWorld;
beforeAll(async () => ({ ctx, world } = await startEventWorld()));
afterAll(() => ctx.close());

const base = () => `/netzwerk/${world.gems.slug}/wissen`;

function entryForm(overrides: Record<string, string> = {}) {
  return {
    kind: 'article',
    title: 'Engagement fördern im ländlichen Raum',
    summary: 'Was Kommunen tun können.',
    body: '## Erste Schritte\n\nEine **Ansprechperson** benennen.',
    situation: '',
    approach: '',
    result: '',
    contact: '',
    municipalityId: '',
    theme: 'laendlicher_raum',
    tags: 'Kommune, Ehrenamtskarte',
    visibility: 'public',
    aktion: 'veroeffentlichen',
    ...overrides,
  };
}

async function idFrom(location: string | undefined): Promise<string> {
  const id = location?.match(/wissen\/([0-9a-f-]{36})/)?.[1];
  if (!id) throw new Error(`no entry in ${location}`);
  return id;
}

describe('writing, previewing and publishing', () => {
  it('shows a preview without saving, renders Markdown sanitised, and keeps HTML and script out', async () => {
    const office = await signedInClient(ctx, world.office);
    const body = '## Überschrift\n\n<script>alert(1)</script> <img src=x onerror=alert(2)> [klick](javascript:alert(3)) **fett**';
    const preview = await office.submit(`${base()}/neu`, entryForm({ body, aktion: 'vorschau', title: 'Vorschau-Test' }), `${base()}/neu`);
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('<strong>fett</strong>');
    expect(preview.body).not.toContain('<script>alert(1)');
    expect(preview.body).not.toMatch(/<img[^>]*onerror/);
    expect(preview.body).not.toContain('href="javascript:');
    expect(await ctx.deps.db.select().from(knowledgeEntries).where(eq(knowledgeEntries.title, 'Vorschau-Test'))).toHaveLength(0);

    const saved = await office.submit(`${base()}/neu`, entryForm({ body, title: 'T <b>x</b>' }));
    expect(saved.statusCode).toBe(303);
    const page = await new Client(ctx.app).get(saved.headers.location as string);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h2>Überschrift</h2>');
    expect(page.body).not.toContain('<script>alert(1)');
    expect(page.body).not.toMatch(/<img[^>]*onerror/);
    expect(page.body).not.toContain('href="javascript:');
    expect(page.body).toContain('T &lt;b>x&lt;/b>');
  });

  it('lets contributors write drafts and send them for review; only the office publishes', async () => {
    const org = await createUser(ctx, { email: 'redaktion@verein.example', roles: [{ networkId: world.gems.id, role: 'organisation' }] });
    const writer = await signedInClient(ctx, org);
    const draft = await writer.submit(`${base()}/neu`, entryForm({ title: 'Unser Vereinsfest', aktion: 'einreichen' }), `${base()}/neu`);
    const id = await idFrom(draft.headers.location as string);
    const [row] = await ctx.deps.db.select().from(knowledgeEntries).where(eq(knowledgeEntries.id, id));
    expect(row?.status).toBe('review');
    // "Veröffentlichen" from a contributor does not publish.
    const sneaky = await writer.submit(`${base()}/${id}/bearbeiten`, entryForm({ title: 'Unser Vereinsfest', aktion: 'veroeffentlichen' }), `${base()}/${id}/bearbeiten`);
    expect(sneaky.statusCode).toBe(303);
    expect((await ctx.deps.db.select().from(knowledgeEntries).where(eq(knowledgeEntries.id, id)))[0]?.status).not.toBe('published');
    expect((await writer.submit(`${base()}/${id}/status`, { status: 'published' }, `${base()}/${id}`)).statusCode).toBe(403);
    expect((await new Client(ctx.app).get(`${base()}/${id}`)).statusCode).toBe(404);
    const volunteer = await signedInClient(ctx, world.volunteer);
    expect((await volunteer.get(`${base()}/neu`)).statusCode).toBe(403);
    expect((await volunteer.get(`${base()}/${id}`)).statusCode).toBe(404);

    const office = await signedInClient(ctx, world.office);
    expect((await office.get(base())).body).toContain('Unser Vereinsfest');
    expect((await office.submit(`${base()}/${id}/status`, { status: 'published' }, `${base()}/${id}`)).statusCode).toBe(303);
    expect((await new Client(ctx.app).get(`${base()}/${id}`)).statusCode).toBe(200);
    // Once published, the author no longer edits it alone; the office does.
    expect((await writer.get(`${base()}/${id}/bearbeiten`)).statusCode).toBe(403);
    // Another network's office has no say.
    const otherOffice = await signedInClient(ctx, world.otherOffice);
    expect((await otherOffice.get(`${base()}/${id}/bearbeiten`)).statusCode).toBe(403);
  });

  it('records who changed what and shows the difference', async () => {
    const office = await signedInClient(ctx, world.office);
    const created = await office.submit(`${base()}/neu`, entryForm({ title: 'FAQ Versicherung', kind: 'faq', body: 'Sind Ehrenamtliche versichert?\n\nJa, über die Unfallkasse.' }), `${base()}/neu`);
    const id = await idFrom(created.headers.location as string);
    ctx.clock.advance(60_000);
    await office.submit(`${base()}/${id}/bearbeiten`, entryForm({ title: 'FAQ Versicherung', kind: 'faq', body: 'Sind Ehrenamtliche versichert?\n\nJa, über die Sammelversicherung des Landes.' }), `${base()}/${id}/bearbeiten`);
    const revisions = await ctx.deps.db.select().from(knowledgeRevisions).where(eq(knowledgeRevisions.entryId, id));
    expect(revisions).toHaveLength(2);
    const list = await new Client(ctx.app).get(`${base()}/${id}/versionen`);
    expect(list.body).toContain('Netzwerkstelle GEMS');
    const latest = list.body.match(/versionen\/([0-9a-f-]{36})/)?.[1];
    const diff = await new Client(ctx.app).get(`${base()}/${id}/versionen/${latest}`);
    expect(diff.body).toMatch(/<del>.*Unfallkasse/s);
    expect(diff.body).toMatch(/<ins>.*Sammelversicherung/s);
  });

  it('keeps practice examples structured and refuses one without a situation', async () => {
    const office = await signedInClient(ctx, world.office);
    const missing = await office.submit(`${base()}/neu`, entryForm({ kind: 'practice' }), `${base()}/neu`);
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('Ein Praxisbeispiel braucht eine Ausgangslage.');
    const ok = await office.submit(
      `${base()}/neu`,
      entryForm({ kind: 'practice', title: 'Dorfwerkstatt Krostitz', situation: 'Wenig Nachwuchs im Verein.', approach: 'Offene Werkstatt.', result: 'Zwölf neue Engagierte.', contact: 'Heimatverein', municipalityId: world.krostitz.id }),
    );
    const page = await new Client(ctx.app).get(ok.headers.location as string);
    expect(page.body).toContain('Ausgangslage');
    expect(page.body).toContain('Zwölf neue Engagierte.');
    expect(page.body).toContain('Krostitz');
  });
});

describe('visibility', () => {
  it('hides members-only entries from visitors everywhere: list, page, search and files', async () => {
    const entryId = await createEntry(
      ctx.deps.db,
      {
        networkId: world.gems.id,
        status: 'published',
        author: { id: world.office.id, name: 'Netzwerkstelle' },
        content: { kind: 'article', title: 'Interne Protokollvorlage Zwiebelturm', summary: '', body: 'Nur für Mitglieder: Zwiebelturm.', situation: '', approach: '', result: '', contact: '', municipalityId: null, theme: null, tags: ['intern'], visibility: 'members' },
      },
      ctx.clock.now,
    );
    const office = await signedInClient(ctx, world.office);
    const upload = await uploadFile(office, `${base()}/${entryId}/dateien`, `${base()}/${entryId}`, { name: 'vorlage.pdf', type: 'application/pdf', data: await pdfWith('Vorlage') });
    expect(upload.statusCode).toBe(303);
    const [file] = await ctx.deps.db.select().from(knowledgeFiles).where(eq(knowledgeFiles.entryId, entryId));

    const visitor = new Client(ctx.app);
    expect((await visitor.get(base())).body).not.toContain('Zwiebelturm');
    expect((await visitor.get(`${base()}?q=Zwiebelturm`)).body).not.toContain('Interne Protokollvorlage');
    expect((await visitor.get(`${base()}?schlagwort=intern`)).body).not.toContain('Zwiebelturm');
    expect((await visitor.get(`${base()}/${entryId}`)).statusCode).toBe(404);
    expect((await visitor.get(`${base()}/dateien/${file!.id}`)).statusCode).toBe(404);
    // A signed-in person without a role in this network is a visitor too.
    const stranger = await signedInClient(ctx, world.otherOffice);
    expect((await stranger.get(`${base()}/${entryId}`)).statusCode).toBe(404);

    const member = await signedInClient(ctx, world.volunteer);
    expect((await member.get(`${base()}?q=Zwiebelturm`)).body).toContain('Interne Protokollvorlage');
    expect((await member.get(`${base()}/${entryId}`)).statusCode).toBe(200);
    expect((await member.get(`${base()}/dateien/${file!.id}`)).statusCode).toBe(200);
  });
});

describe('publications: uploads', () => {
  it('finds the text of an uploaded PDF, serves files with safe headers and names, and refuses lying, large or missing files', async () => {
    const office = await signedInClient(ctx, world.office);
    const created = await office.submit(`${base()}/neu`, entryForm({ kind: 'publication', title: 'Leitfaden Engagementstrategie' }), `${base()}/neu`);
    const id = await idFrom(created.headers.location as string);
    const page = `${base()}/${id}`;

    const pdf = await pdfWith('Die Quirlbesenmethode hilft bei der Gewinnung von Ehrenamtlichen.');
    const ok = await uploadFile(office, `${page}/dateien`, page, { name: '../../etc/pass"wd<script>.exe.pdf', type: 'application/pdf', data: pdf });
    expect(ok.statusCode).toBe(303);
    const [stored] = await ctx.deps.db.select().from(knowledgeFiles).where(eq(knowledgeFiles.entryId, id));
    expect(stored?.fileName).not.toMatch(/[/\\<>"]/);
    expect(stored?.fileName.endsWith('.pdf')).toBe(true);
    expect(stored?.storageKey).toMatch(/^[0-9a-f-]{36}$/);

    const found = await new Client(ctx.app).get(`${base()}?q=Quirlbesenmethode`);
    expect(found.body).toContain('Leitfaden Engagementstrategie');

    const download = await new Client(ctx.app).get(`${base()}/dateien/${stored!.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="[A-Za-z0-9._-]+"; filename\*=UTF-8''/);
    expect(download.headers['x-content-type-options']).toBe('nosniff');

    const lying = await uploadFile(office, `${page}/dateien`, page, { name: 'bericht.pdf', type: 'application/pdf', data: Buffer.from('<html><script>alert(1)</script></html>') });
    expect(lying.statusCode).toBe(415);
    expect(lying.body).toContain('Geprüft wird der Inhalt');
    const large = await uploadFile(office, `${page}/dateien`, page, { name: 'gross.pdf', type: 'application/pdf', data: Buffer.concat([pdf, Buffer.alloc(21 * 1024 * 1024)]) });
    expect(large.statusCode).toBe(413);
    expect((await ctx.deps.db.select().from(knowledgeFiles).where(eq(knowledgeFiles.entryId, id)))).toHaveLength(1);

    // Removing the file takes its text out of the search.
    const removed = await office.submit(`${page}/dateien/${stored!.id}/loeschen`, {}, page);
    expect(removed.statusCode).toBe(303);
    expect((await new Client(ctx.app).get(`${base()}?q=Quirlbesenmethode`)).body).not.toContain('Leitfaden Engagementstrategie');
  });
});

describe('the list', () => {
  it('filters by kind and keeps the chosen filter in the form', async () => {
    const office = await signedInClient(ctx, world.office);
    await office.submit(`${base()}/neu`, entryForm({ title: 'FAQ Fahrtkosten', kind: 'faq', body: 'Werden Fahrtkosten erstattet?\n\nJa, nach Absprache.' }), `${base()}/neu`);
    await office.submit(`${base()}/neu`, entryForm({ title: 'Artikel Fahrgemeinschaften' }), `${base()}/neu`);
    const page = (await new Client(ctx.app).get(`${base()}?art=faq`)).body;
    expect(page).toContain('FAQ Fahrtkosten');
    expect(page).not.toContain('Artikel Fahrgemeinschaften');
    expect(page).toMatch(/<option value="faq" selected/);
    expect(page).not.toMatch(/<option value="article" selected/);
  });
});
