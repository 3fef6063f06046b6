import { and, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { events } from '../events/index.ts';
import { municipalities, networks } from '../../platform/networks/schema.ts';
import { createEntry, type EntryContent } from './commands.ts';

const BLANK: Omit<EntryContent, 'kind' | 'title'> = { summary: '', body: '', situation: '', approach: '', result: '', contact: '', municipalityId: null, theme: null, tags: [], visibility: 'public' };

/**
 * Demo knowledge for GEMS: two articles, a practice example, two frequently asked questions, a
 * members-only note and the documentation of the past training (when the events demo ran first).
 */
export async function seedKnowledgeDemo(db: Db, now: Date = new Date()): Promise<void> {
  const [gems] = await db.select().from(networks).where(eq(networks.slug, 'gems'));
  if (!gems) return;
  const [krostitz] = await db.select().from(municipalities).where(and(eq(municipalities.networkId, gems.id), eq(municipalities.name, 'Krostitz')));
  const author = { id: null, name: 'Netzwerkstelle GEMS' };
  const add = (content: EntryContent, eventId: string | null = null) =>
    createEntry(db, { networkId: gems.id, status: 'published', author, content, eventId }, now);
  await add({
    ...BLANK,
    kind: 'article',
    title: 'Engagementstrategie für das Delitzscher Land',
    summary: 'Was die Kommunen, Vereine und Institutionen gemeinsam erarbeitet haben und woran wir weiter arbeiten.',
    theme: 'strategie',
    tags: ['strategie', 'leader'],
    body: '## Worum es geht\n\nGemeinsam mit den zehn Kommunen der LEADER-Region haben wir erarbeitet, **was gut läuft**, wo Unterstützung nötig ist und woran wir gemeinsam arbeiten wollen.\n\n## Schwerpunkte\n\n- Überblick über Angebote und Bedarf schaffen\n- Vernetzung und Austausch: zwei Netzwerktreffen im Jahr\n- Qualifizierung: Workshops, Schulungen, Dorfwerkstätten\n- Anerkennung: Ehrenamtskarte\n',
  });
  await add({
    ...BLANK,
    kind: 'article',
    title: 'Engagementlotsen: Ansprechpersonen in jeder Gemeinde',
    summary: 'Wie Engagementlotsen die Netzwerkstelle vor Ort ergänzen.',
    theme: 'netzwerkmanagement',
    tags: ['engagementlotsen'],
    body: 'Die Netzwerkstelle koordiniert die Betreuung von Engagierten. Nach und nach übernehmen **Engagementlotsen** diese Aufgabe in ihrer Gemeinde: Sie kennen die Vereine, beantworten Anfragen und vermitteln.\n',
  });
  await add({
    ...BLANK,
    kind: 'practice',
    title: 'Dorfwerkstatt Krostitz: neue Aktive für den Heimatverein',
    summary: 'Eine offene Werkstatt brachte zwölf neue Engagierte.',
    theme: 'laendlicher_raum',
    tags: ['dorfwerkstatt', 'mitgliedergewinnung'],
    situation: 'Der Heimatverein fand kaum noch Nachwuchs; das Dorffest stand auf der Kippe.',
    approach: 'Eine offene Dorfwerkstatt an einem Samstagnachmittag: Ideen an Stellwänden, kleine Aufgaben zum Mitmachen, Kuchen.',
    result: 'Zwölf Menschen haben sich für einzelne Aufgaben gemeldet, drei davon sind inzwischen im Vorstand.',
    contact: 'Heimatverein Krostitz e. V.',
    municipalityId: krostitz?.id ?? null,
  });
  await add({
    ...BLANK,
    kind: 'faq',
    title: 'Sind Ehrenamtliche bei ihrem Einsatz versichert?',
    theme: 'beteiligung',
    tags: ['versicherung'],
    body: 'In der Regel ja: über die Haftpflicht- und Unfallversicherung des Vereins und ergänzend über die **Sammelversicherung des Freistaats Sachsen**. Fragen Sie im Zweifel die Netzwerkstelle.\n',
  });
  await add({
    ...BLANK,
    kind: 'faq',
    title: 'Wie bekomme ich die Ehrenamtskarte?',
    theme: 'beteiligung',
    tags: ['ehrenamtskarte'],
    body: 'Die Ehrenamtskarte beantragen Sie über Ihre Gemeinde oder die Netzwerkstelle. Voraussetzung ist ein regelmäßiges Engagement; die genauen Regeln stehen auf der Seite der Ehrenamtskarte.\n',
  });
  await add({
    ...BLANK,
    kind: 'article',
    title: 'Protokollvorlage für Netzwerktreffen',
    theme: 'netzwerkmanagement',
    tags: ['vorlage'],
    visibility: 'members',
    body: '## Vorlage\n\n1. Begrüßung und Ziele\n2. Berichte aus den Kommunen\n3. Verabredungen (wer, was, bis wann)\n',
  });
  const [training] = await db.select().from(events).where(and(eq(events.networkId, gems.id), eq(events.title, 'Schulung: Vereinsrecht kompakt')));
  if (training) {
    await add(
      {
        ...BLANK,
        kind: 'documentation',
        title: 'Dokumentation: Schulung: Vereinsrecht kompakt',
        summary: 'Satzung prüfen, Haftung begrenzen, Gemeinnützigkeit sichern.',
        theme: 'netzwerkmanagement',
        body: '## Protokoll\n\nAcht Vorstände aus fünf Kommunen. Themen: Satzungsänderungen, Haftung des Vorstands, Freistellungsbescheid.\n',
        result: 'Checkliste „Satzung prüfen“ wird allen Vereinen zugeschickt.',
        contact: 'Netzwerkstelle GEMS',
      },
      training.id,
    );
  }
}
