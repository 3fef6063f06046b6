import { and, eq } from 'drizzle-orm';
import { hashSecret, newSecret } from '../../platform/auth/tokens.ts';
import type { Db } from '../../platform/db.ts';
import { municipalities, networks } from '../../platform/networks/schema.ts';
import { organisations } from '../organisations/index.ts';
import { eventRegistrations, events, type EventKind } from './schema.ts';
import { berlinDayStart } from '../../platform/berlin-time.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** A day `days` from now at `hour` o'clock German time. */
function at(now: Date, days: number, hour: number): Date {
  return new Date(berlinDayStart(now, days).getTime() + hour * HOUR);
}

const PEOPLE = ['Anke Richter', 'Bernd Schulze', 'Carla Neumann', 'Dirk Hoffmann', 'Elke Wagner', 'Frank Lehmann', 'Gisela Krause', 'Holger Vogel'];

/**
 * Demo events for the GEMS network (Delitzscher Land): the spring network meeting, a workshop, a village
 * workshop, an online training and a past training with its attendance, so that lists, the calendar,
 * the figures and certificates have something to show.
 */
export async function seedEventsDemo(db: Db, now: Date = new Date()): Promise<void> {
  const [gems] = await db.select().from(networks).where(eq(networks.slug, 'gems'));
  if (!gems) return;
  const places = await db.select().from(municipalities).where(eq(municipalities.networkId, gems.id));
  const place = (name: string) => places.find((m) => m.name === name)?.id ?? null;
  /** The municipality's centre, as position.ts places an event without a postcode. */
  const centre = (name: string) => {
    const m = places.find((p) => p.name === name);
    return { lat: m?.lat ?? null, lng: m?.lng ?? null };
  };
  const [club] = await db.select().from(organisations).where(and(eq(organisations.networkId, gems.id), eq(organisations.status, 'verified'))).limit(1);
  const make = (kind: EventKind, title: string, start: Date, hours: number, extra: Partial<typeof events.$inferInsert> = {}) => ({
    networkId: gems.id,
    kind,
    title,
    status: 'published' as const,
    startsAt: start,
    endsAt: new Date(start.getTime() + hours * HOUR),
    createdAt: now,
    updatedAt: now,
    ...extra,
  });
  const rows = await db
    .insert(events)
    .values([
      make('network_meeting', 'Netzwerktreffen Frühjahr: Engagement im Delitzscher Land', at(now, 21, 17), 3, {
        description: 'Zweimal im Jahr treffen sich Kommunen, Vereine, Initiativen und Unternehmen des Netzwerks. Diesmal: Ehrenamtskarte, Engagementlotsen und die Ergebnisse der Vereinsbefragung.',
        place: 'Rathaus Delitzsch, Ratssaal, Markt 3',
        municipalityId: place('Delitzsch'),
        ...centre('Delitzsch'),
        accessibility: 'Stufenloser Zugang über den Hof, Aufzug, barrierefreies WC im Erdgeschoss.',
        audience: 'Kommunen, Vereine, Initiativen, Unternehmen',
        fields: ['sozial', 'politik'],
        capacity: 40,
        costs: 'kostenfrei',
        questions: [{ id: 'q1', label: 'Essen', type: 'choice', options: ['vegetarisch', 'vegan', 'egal'], required: false }],
      }),
      make('workshop', 'Workshop: Ehrenamtliche gewinnen und halten', at(now, 10, 18), 2.5, {
        description: 'Wie finden Vereine neue Mitglieder, und was hält sie? Mit Beispielen aus der Region und Zeit für eigene Fragen.',
        place: 'Bürgerhaus Rackwitz, Gruppenraum',
        municipalityId: place('Rackwitz'),
        ...centre('Rackwitz'),
        accessibility: 'Erdgeschoss, ebenerdiger Eingang.',
        audience: 'Vorstände und Aktive von Vereinen',
        fields: ['freizeit', 'sport', 'kultur'],
        capacity: 15,
        costs: 'kostenfrei',
        organisationId: club?.id ?? null,
      }),
      make('village_workshop', 'Dorfwerkstatt Zschepplin: Was braucht unser Dorf?', at(now, 35, 15), 3, {
        description: 'Eine offene Werkstatt für alle, die in Zschepplin leben: Ideen sammeln, Vorhaben verabreden, Mitstreiter finden.',
        place: 'Dorfgemeinschaftshaus Zschepplin',
        municipalityId: place('Zschepplin'),
        ...centre('Zschepplin'),
        accessibility: 'Stufenloser Zugang; bitte melden Sie sich, wenn Sie einen Fahrdienst brauchen.',
        audience: 'Bürgerinnen und Bürger',
        capacity: 30,
        costs: 'kostenfrei, Kaffee und Kuchen',
      }),
      make('training', 'Online-Schulung: Digitale Werkzeuge für Vereine', at(now, 14, 19), 1.5, {
        description: 'Videokonferenzen, gemeinsame Dokumente und Terminplanung – datensparsam und kostenlos.',
        mode: 'online',
        onlineUrl: 'https://meet.example.org/gems-digital',
        audience: 'Vereinsaktive',
        fields: ['jugend_bildung'],
        capacity: 25,
        costs: 'kostenfrei',
      }),
      make('training', 'Schulung: Vereinsrecht kompakt', at(now, -20, 17), 3, {
        description: 'Satzung, Haftung, Gemeinnützigkeit: das Wichtigste für Vorstände in drei Stunden.',
        place: 'Volkshochschule Delitzsch, Raum 2',
        municipalityId: place('Delitzsch'),
        ...centre('Delitzsch'),
        audience: 'Vorstände',
        fields: ['jugend_bildung'],
        capacity: 12,
        costs: 'kostenfrei',
        seatsTaken: PEOPLE.length,
        arrivals: PEOPLE.length,
      }),
    ])
    .returning();
  const past = rows.find((r) => r.title === 'Schulung: Vereinsrecht kompakt');
  if (past) {
    await db.insert(eventRegistrations).values(
      PEOPLE.map((name, i) => ({
        eventId: past.id,
        name,
        email: `${name.toLowerCase().replace(/\s+/g, '.')}@example.org`,
        status: 'confirmed' as const,
        position: i + 1,
        tokenHash: hashSecret(newSecret()),
        attended: i < 6,
        createdAt: new Date(past.startsAt.getTime() - (14 - i) * DAY),
        confirmedAt: new Date(past.startsAt.getTime() - (14 - i) * DAY),
      })),
    );
  }
}
