import type { Db } from '../../platform/db.ts';
import { placementEvents, placements, type PlacementStatus } from '../placements/index.ts';

/*
 * Eighteen months of placements for a demo network, so that a first look at the overview shows what it
 * is for: a trend over the months, figures per municipality above the "< 5" threshold, placements in
 * every state (requested, in contact, first meeting, placed, ended, declined by either side, no answer).
 * Everything is drawn from a seeded generator: the same network gets the same history on every start.
 * The volunteers have no account and invented addresses at beispiel.de.
 */

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

const DAY = 86_400_000;
const HOUR = 3_600_000;
export const HISTORY_DAYS = 540;

/** mulberry32: small, fast, good enough to invent demo data reproducibly. */
function generator(seed: string): () => number {
  let a = 0;
  for (const c of seed) a = (Math.imul(a ^ c.charCodeAt(0), 2654435761) + 1) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ['Anna', 'Ben', 'Clara', 'David', 'Emma', 'Felix', 'Greta', 'Hannes', 'Ida', 'Jan', 'Karla', 'Lukas', 'Marie', 'Noah', 'Olga', 'Paul', 'Rosa', 'Simon', 'Tilda', 'Uwe', 'Vera', 'Willi', 'Yvonne', 'Zoe', 'Renate', 'Dieter', 'Monika', 'Jürgen', 'Sabine', 'Thomas'];
const LAST = ['Schulze', 'Krause', 'Lehmann', 'Wagner', 'Richter', 'Hoffmann', 'Franke', 'Zimmermann', 'Schubert', 'Böhme', 'Vogel', 'Kühn', 'Seidel', 'Winkler', 'Günther', 'Lorenz', 'Ludwig', 'Hahn', 'Pietsch', 'Nitzsche'];
const MESSAGES = [
  'Ich hätte unter der Woche nachmittags Zeit und würde gern mithelfen.',
  'Ich bin seit Kurzem in Rente und suche eine sinnvolle Aufgabe in der Nähe.',
  'Ich studiere und könnte mich an zwei Nachmittagen im Monat einbringen.',
  'Wir sind zu zweit und würden gern gemeinsam helfen. Passt das?',
  'Ich habe so etwas früher schon gemacht und hätte wieder Lust darauf.',
  'Am Wochenende bin ich flexibel. Wie läuft das bei Ihnen ab?',
];
const NOTES: Partial<Record<PlacementStatus, string[]>> = {
  in_contact: ['Telefonat vereinbart', 'Rückruf am Montag', ''],
  first_meeting: ['Kennenlernen im Vereinsheim', 'Treffen zum Schnuppern', ''],
  placed: ['Start nächste Woche', 'Passt gut, beginnt im nächsten Monat', 'Einarbeitung beim ersten Termin', ''],
  ended: ['Umzug, Engagement beendet', 'Projekt abgeschlossen', 'Aus gesundheitlichen Gründen beendet'],
  declined: ['Zeiten passten leider nicht', 'Stelle inzwischen besetzt', 'Zu weit entfernt'],
};

interface Step {
  to: PlacementStatus;
  afterHours: number;
  side: 'organisation' | 'volunteer' | null;
}

/** The course of one placement, from how long ago it was requested and a few draws. */
function course(daysAgo: number, random: () => number): Step[] {
  const answer = Math.round(2 + random() ** 2 * 120);
  const r = random();
  const later = (days: number) => answer + Math.round(days * 24 * (0.5 + random()));
  // Young inquiries are still running; old ones have come to an end.
  if (daysAgo < 4) return r < 0.6 ? [] : [{ to: 'in_contact', afterHours: answer, side: 'organisation' }];
  if (daysAgo < 21) {
    if (r < 0.25) return [{ to: 'in_contact', afterHours: answer, side: 'organisation' }];
    if (r < 0.45) return [{ to: 'in_contact', afterHours: answer, side: 'organisation' }, { to: 'first_meeting', afterHours: later(3), side: 'organisation' }];
    if (r < 0.55) return [{ to: 'declined', afterHours: later(1), side: 'volunteer' }];
  }
  if (r < 0.08) return [{ to: 'no_answer', afterHours: 20 * 24, side: null }];
  if (r < 0.2) return [{ to: 'declined', afterHours: answer, side: 'organisation' }];
  if (r < 0.3) return [{ to: 'in_contact', afterHours: answer, side: 'organisation' }, { to: 'declined', afterHours: later(4), side: 'volunteer' }];
  const placed: Step[] = [
    { to: 'in_contact', afterHours: answer, side: 'organisation' },
    { to: 'first_meeting', afterHours: later(5), side: 'organisation' },
    { to: 'placed', afterHours: later(10), side: 'organisation' },
  ];
  if (daysAgo > 120 && r > 0.78) return [...placed, { to: 'ended', afterHours: later(90 + random() * 120), side: 'organisation' }];
  return placed;
}

/**
 * Adds the history for the network's offers. `offers` are the offers just created, with their
 * publication date; each gets inquiries from its publication on, more in recent months.
 */
export async function seedDemoHistory(
  tx: Tx,
  network: { id: string; slug: string },
  offers: ReadonlyArray<{ id: string; publishedAt: Date | null }>,
  now: Date,
): Promise<number> {
  const random = generator(`history:${network.slug}`);
  const rows: Array<typeof placements.$inferInsert> = [];
  const courses: Step[][] = [];
  let n = 0;
  for (const offer of offers) {
    const published = offer.publishedAt ?? now;
    const span = Math.max(1, Math.floor((now.getTime() - published.getTime()) / DAY));
    const count = 4 + Math.floor(random() * 9);
    for (let i = 0; i < count; i++) {
      // u^1.6 leans towards the recent months: the network grows.
      const daysAgo = Math.min(span, HISTORY_DAYS) * random() ** 1.6;
      const requestedAt = new Date(now.getTime() - daysAgo * DAY - random() * 10 * HOUR);
      const steps = course(daysAgo, random).filter((s) => requestedAt.getTime() + s.afterHours * HOUR < now.getTime());
      const first = FIRST[Math.floor(random() * FIRST.length)]!;
      const last = LAST[Math.floor(random() * LAST.length)]!;
      const staff = steps.find((s) => s.side === 'organisation');
      const end = steps.at(-1);
      n++;
      rows.push({
        networkId: network.id,
        offerId: offer.id,
        volunteerName: `${first} ${last}`,
        volunteerEmail: `${first}.${last}.${n}@beispiel.de`.toLowerCase().replace(/ü/g, 'ue').replace(/ö/g, 'oe'),
        emailConfirmedAt: requestedAt,
        message: MESSAGES[Math.floor(random() * MESSAGES.length)]!,
        status: end?.to ?? 'requested',
        createdAt: requestedAt,
        firstResponseAt: staff ? new Date(requestedAt.getTime() + staff.afterHours * HOUR) : null,
        lastActivityAt: end ? new Date(requestedAt.getTime() + end.afterHours * HOUR) : requestedAt,
        remindedAt: end?.to === 'no_answer' ? new Date(requestedAt.getTime() + 5 * DAY) : null,
        escalatedAt: end?.to === 'no_answer' ? new Date(requestedAt.getTime() + 10 * DAY) : null,
      });
      courses.push(steps);
    }
  }
  if (rows.length === 0) return 0;
  const inserted = await tx.insert(placements).values(rows).returning();
  const events: Array<typeof placementEvents.$inferInsert> = [];
  inserted.forEach((row, i) => {
    const at = row.emailConfirmedAt ?? now;
    events.push({ placementId: row.id, at, toStatus: 'requested', side: 'volunteer' });
    let from: PlacementStatus = 'requested';
    for (const step of courses[i] ?? []) {
      const notes = NOTES[step.to] ?? [''];
      events.push({
        placementId: row.id,
        at: new Date(at.getTime() + step.afterHours * HOUR),
        fromStatus: from,
        toStatus: step.to,
        note: notes[Math.floor(random() * notes.length)] ?? '',
        side: step.side,
      });
      from = step.to;
    }
  });
  // In parts: one statement with thousands of rows is slower to plan than a few with hundreds.
  for (let i = 0; i < events.length; i += 1000) await tx.insert(placementEvents).values(events.slice(i, i + 1000));
  return inserted.length;
}
