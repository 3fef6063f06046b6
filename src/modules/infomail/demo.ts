import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import type { DemoPart } from '../../platform/module.ts';
import { networks } from '../../platform/networks/schema.ts';
import { infomailLists, infomailMailings } from './schema.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Per demo network: a public list and two sent info mails, so the archive and its feed show something. */
export async function seedInfomailDemo(db: Db, now: Date = new Date()): Promise<void> {
  for (const network of await db.select().from(networks)) {
    const existing = await db.select({ id: infomailLists.id }).from(infomailLists).where(eq(infomailLists.networkId, network.id));
    if (existing.length > 0) continue;
    const [list] = await db
      .insert(infomailLists)
      .values({ networkId: network.id, name: 'Neuigkeiten aus dem Netzwerk', description: 'Etwa einmal im Monat: neue Angebote, Termine und Geschichten aus der Region.', isPublic: true })
      .returning();
    if (!list) continue;
    await db.insert(infomailLists).values({ networkId: network.id, name: 'Alle Engagementlotsinnen und -lotsen', kind: 'segment', segment: { roles: ['guide'] } });
    await db.insert(infomailMailings).values([
      {
        networkId: network.id,
        listId: list.id,
        subject: `Herbstgruß aus dem Netzwerk ${network.name}`,
        body: `## Danke für Ihr Engagement!\n\nIn diesem Herbst haben sich viele Menschen neu gemeldet. **Drei Vereine** suchen noch Unterstützung beim Laternenumzug.\n\n- Vorlesen in der Kita\n- Fahrdienst zum Seniorentreff\n- Hilfe beim Dorffest\n\nAlle Angebote finden Sie unter ${'https://'}mitmachnetz.example/netzwerk/${network.slug}/angebote.`,
        status: 'sent',
        startedAt: new Date(now.getTime() - 40 * DAY_MS),
        sentAt: new Date(now.getTime() - 40 * DAY_MS),
      },
      {
        networkId: network.id,
        listId: list.id,
        subject: 'Einladung zum Ehrenamtsabend',
        body: `Liebe Engagierte,\n\nwir laden Sie herzlich zum **Ehrenamtsabend** ein: ein Abend zum Kennenlernen, mit Imbiss und Musik.\n\n> Wer sich engagiert, verdient auch mal ein Dankeschön.\n\nBitte melden Sie sich bis Ende des Monats an.`,
        status: 'sent',
        startedAt: new Date(now.getTime() - 10 * DAY_MS),
        sentAt: new Date(now.getTime() - 10 * DAY_MS),
      },
    ]);
  }
}

export const demoInfomail: DemoPart = {
  order: 90,
  seed: (db, now) => seedInfomailDemo(db, now),
};
