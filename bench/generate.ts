/**
 * Fills a database with N realistic German engagement offers for the search benchmark.
 *
 *   npx tsx bench/generate.ts --offers 10000                  # PGlite under $DATA_DIR (default ./data)
 *   DATABASE_URL=postgres://… npx tsx bench/generate.ts --offers 100000
 *
 * Adds the demo networks (if the database is empty) and a network "Benchmark Sachsen" with synthetic
 * municipalities spread over Saxony. The ten real GEMS municipalities get their share by number of
 * places (17 % at 10k offers, 5 % at 100k, 0.5 % at 1M), so searches around Delitzsch find a
 * realistic number of offers instead of a fifth of everything. Texts are composed from word lists; the same --seed gives
 * the same data. Never run it against a production database: it only adds, but it adds a lot.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { openDatabase, type Database } from '../src/platform/db.ts';
import { seedDemoNetworks } from '../src/modules/networks/demo.ts';
import { municipalities, networks } from '../src/modules/networks/schema.ts';
import { organisations, ORGANISATION_TYPES } from '../src/modules/organisations/schema.ts';
import { COMMITMENTS, FIELDS, SUITABILITY, TARGET_GROUPS, TIMES_OF_DAY, type Field } from '../src/platform/vocabulary.ts';

export const BENCH_NETWORK_SLUG = 'bench-sachsen';

/** A small deterministic random generator (mulberry32), so runs can be compared. */
export function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const some = <T>(list: readonly T[], max: number): T[] => {
    const count = Math.floor(next() * (max + 1));
    const chosen = new Set<T>();
    while (chosen.size < Math.min(count, list.length)) chosen.add(pick(list));
    return [...chosen];
  };
  return { next, pick, some };
}

/** What people do in each field of activity: a title phrase and words for the text. */
const ACTIVITIES: Record<Field, { titles: string[]; words: string[] }> = {
  sport: {
    titles: ['Übungsleitung Kinderturnen', 'Trainerin oder Trainer für die F-Jugend', 'Lauftreff begleiten', 'Schwimmhilfe im Freibad', 'Seniorengymnastik anleiten', 'Tischtennis-Training unterstützen'],
    words: ['Sportplatz', 'Turnhalle', 'Training', 'Bewegung', 'Mannschaft', 'Wettkampf', 'Verein'],
  },
  kultur: {
    titles: ['Mitspielen in der Theatergruppe', 'Chorprobe organisieren', 'Heimatmuseum betreuen', 'Bibliothek am Samstag öffnen', 'Konzertreihe mitorganisieren', 'Ortschronik schreiben'],
    words: ['Musik', 'Bühne', 'Ausstellung', 'Geschichte', 'Lesung', 'Kultur', 'Publikum'],
  },
  freizeit: {
    titles: ['Dorffest mitgestalten', 'Seniorennachmittag mit Kaffee und Kuchen', 'Spieleabend für Nachbarn', 'Wanderungen planen', 'Repair-Café betreuen', 'Nähcafé leiten'],
    words: ['Geselligkeit', 'Nachbarschaft', 'Fest', 'Treffpunkt', 'Ausflug', 'Gemeinschaft', 'Kaffee'],
  },
  sozial: {
    titles: ['Besuchsdienst für ältere Menschen', 'Einkaufshilfe für Nachbarn', 'Begleitung zum Arzt', 'Lebensmittel bei der Tafel ausgeben', 'Patenschaft für Familien', 'Fahrdienst für Seniorinnen und Senioren'],
    words: ['Nachbarschaftshilfe', 'Begleitung', 'Einsamkeit', 'Gespräch', 'Unterstützung', 'Alltag', 'Hilfe'],
  },
  schule: {
    titles: ['Hausaufgabenhilfe in der Grundschule', 'Vorlesepatin oder Vorlesepate in der Kita', 'Lernpatenschaft für Schulkinder', 'Schulgarten pflegen', 'Leseförderung in der Bibliothek', 'Nachhilfe in Mathematik'],
    words: ['Kinder', 'Schule', 'Lernen', 'Lesen', 'Hausaufgaben', 'Kindergarten', 'Förderung'],
  },
  kirche: {
    titles: ['Kirchencafé nach dem Gottesdienst', 'Besuchsdienst der Kirchengemeinde', 'Kinderkirche begleiten', 'Glockenturm-Führungen anbieten', 'Gemeindebrief austragen', 'Friedhofspflege unterstützen'],
    words: ['Gemeinde', 'Gottesdienst', 'Kirche', 'Seelsorge', 'Gemeinschaft', 'Pfarrhaus', 'Andacht'],
  },
  umwelt: {
    titles: ['Streuobstwiese pflegen', 'Gassi gehen mit Tierheimhunden', 'Müllsammelaktion am Flussufer', 'Krötenzaun betreuen', 'Gemeinschaftsgarten anlegen', 'Nistkästen bauen und reinigen'],
    words: ['Natur', 'Garten', 'Tiere', 'Umwelt', 'Bäume', 'Naturschutz', 'Artenvielfalt'],
  },
  politik: {
    titles: ['Jugendparlament begleiten', 'Bürgerbeteiligung moderieren', 'Ortschaftsrat unterstützen', 'Wahlhelferin oder Wahlhelfer', 'Demokratiewerkstatt mitgestalten', 'Bürgerinitiative für den Radweg'],
    words: ['Beteiligung', 'Demokratie', 'Bürger', 'Versammlung', 'Mitbestimmung', 'Gemeinderat', 'Dialog'],
  },
  jugend_bildung: {
    titles: ['Jugendclub am Abend betreuen', 'Ferienfreizeit begleiten', 'Computerkurs für Seniorinnen und Senioren', 'Deutschkurs für Geflüchtete', 'Bewerbungstraining für Jugendliche', 'Medienwerkstatt anleiten'],
    words: ['Jugendliche', 'Bildung', 'Kurs', 'Workshop', 'Sprache', 'Ferien', 'Weiterbildung'],
  },
  rettung: {
    titles: ['Mitmachen in der Freiwilligen Feuerwehr', 'Jugendfeuerwehr betreuen', 'Sanitätsdienst bei Veranstaltungen', 'Erste-Hilfe-Kurse geben', 'Wasserwacht am Badesee', 'Blutspendetermin unterstützen'],
    words: ['Feuerwehr', 'Einsatz', 'Rettung', 'Erste Hilfe', 'Übung', 'Sicherheit', 'Notfall'],
  },
  gesundheit: {
    titles: ['Selbsthilfegruppe begleiten', 'Hospizbegleitung', 'Besuche im Pflegeheim', 'Demenzcafé unterstützen', 'Bewegungsgruppe nach Schlaganfall', 'Sterbebegleitung im Hospiz'],
    words: ['Pflege', 'Gesundheit', 'Krankheit', 'Angehörige', 'Zuhören', 'Begleitung', 'Selbsthilfe'],
  },
  beruf: {
    titles: ['Berufsorientierung für Schülerinnen und Schüler', 'Mentoring für Gründerinnen', 'Handwerk erklären am Zukunftstag', 'Ausbildungspatenschaft', 'Senior-Experten beraten Betriebe', 'Bewerbungsmappen prüfen'],
    words: ['Beruf', 'Ausbildung', 'Erfahrung', 'Handwerk', 'Betrieb', 'Beratung', 'Praktikum'],
  },
  justiz: {
    titles: ['Schöffin oder Schöffe werden', 'Straffällige begleiten', 'Opferhilfe unterstützen', 'Streitschlichtung in der Nachbarschaft', 'Betreuung nach der Haft', 'Präventionsprojekt an Schulen'],
    words: ['Recht', 'Gericht', 'Prävention', 'Schlichtung', 'Beratung', 'Vertrauen', 'Verantwortung'],
  },
  sonstiges: {
    titles: ['Vereinswebseite pflegen', 'Kassenprüfung im Verein', 'Fotos für die Ortschronik', 'Übersetzen für Neuzugezogene', 'Fahrradwerkstatt betreuen', 'Dorfladen unterstützen'],
    words: ['Verein', 'Organisation', 'Ehrenamt', 'Technik', 'Verwaltung', 'Projekt', 'Dorf'],
  },
};

const SENTENCES = [
  'Wir suchen Menschen, die {w1} mögen und gern mit anderen zusammenarbeiten.',
  'Sie unterstützen unser Team rund um {w1} und {w2}.',
  'Vorkenntnisse sind nicht nötig; wir arbeiten Sie in Ruhe ein.',
  'Ein Einsatz dauert meist zwei bis drei Stunden.',
  'Bei uns zählt jede Stunde: schon einmal im Monat hilft sehr.',
  'Fahrtkosten erstatten wir, und Sie sind über den Verein versichert.',
  'Gemeinsam mit {w2} schaffen wir mehr für {place}.',
  'Wir freuen uns über Menschen jeden Alters, auch mit wenig Deutschkenntnissen.',
  'Das Angebot eignet sich gut für Familien und Jugendliche ab 14 Jahren.',
  'Für Fragen steht Ihnen unsere Ansprechperson jederzeit zur Verfügung.',
  'Im Mittelpunkt stehen {w1}, {w2} und ein gutes Miteinander.',
  'Melden Sie sich gern zu einem unverbindlichen Kennenlernen.',
];

const ORG_KINDS = ['Förderverein', 'Heimatverein', 'Sportverein', 'Initiative', 'Kirchengemeinde', 'Freundeskreis', 'Bürgerverein', 'Tierschutzverein', 'Jugendclub', 'Seniorenbeirat', 'Tafel', 'Feuerwehrverein'];
const SKILLS = ['Geduld', 'Führerschein', 'Erste Hilfe', 'Handwerk', 'Computer', 'Kochen', 'Fremdsprachen', 'Musik', 'Organisation', 'Gartenarbeit'];
const FIRST_NAMES = ['Anna', 'Jens', 'Petra', 'Uwe', 'Katrin', 'Thomas', 'Sabine', 'Frank', 'Ute', 'Matthias', 'Claudia', 'Ronny'];
const LAST_NAMES = ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Richter', 'Wolf', 'Krause', 'Lehmann', 'Hoffmann'];
const PREFIXES = ['Ober', 'Nieder', 'Alt', 'Neu', 'Groß', 'Klein', 'Hohen', 'Wald', 'Berg', 'Mittel', ''];
const STEMS = ['Lausch', 'Roß', 'Bernst', 'Krieb', 'Zscheil', 'Göhr', 'Wein', 'Lind', 'Kamm', 'Dob', 'Mügel', 'Ostr', 'Pirn', 'Grimm', 'Strehl', 'Lomm', 'Sohl', 'Frohn', 'Reich', 'Quohr'];
const ENDINGS = ['witz', 'dorf', 'au', 'hain', 'berg', 'itz', 'a', 'en', 'stedt', 'walde', 'bach', 'ritz'];

/** Saxony's rough extent, for synthetic municipalities. */
const SAXONY = { lat: [50.25, 51.65], lng: [12.0, 14.95] } as const;

interface Args {
  offers: number;
  seed: number;
  municipalities: number | undefined;
  /** Volunteer accounts with a profile, and placements between them and published offers (bench/run.ts). */
  volunteers?: number | undefined;
  placements?: number | undefined;
}

function args(): Args {
  const { values } = parseArgs({
    options: {
      offers: { type: 'string', default: '10000' },
      seed: { type: 'string', default: '42' },
      municipalities: { type: 'string' },
      volunteers: { type: 'string', default: '0' },
      placements: { type: 'string', default: '0' },
    },
  });
  const offers = Number(values.offers);
  if (!Number.isInteger(offers) || offers < 1) throw new Error('--offers must be a positive whole number');
  return {
    offers,
    seed: Number(values.seed) || 42,
    municipalities: values.municipalities ? Number(values.municipalities) : undefined,
    volunteers: Number(values.volunteers) || 0,
    placements: Number(values.placements) || 0,
  };
}

/**
 * Volunteer accounts (users + volunteer_profiles) and placements of them on published offers, made in
 * SQL with generate_series: millions of rows would take hours as single inserts. Filler texts, no
 * passwords; setseed() makes a run repeatable.
 */
export async function generatePeople(
  database: Database,
  options: { volunteers: number; placements: number; seed: number },
  log: (line: string) => void = console.log,
): Promise<void> {
  const batch = 100_000;
  await database.query(`SELECT setseed(${(options.seed % 1000) / 1000})`);
  const started = Date.now();
  for (let done = 0; done < options.volunteers; done += batch) {
    const size = Math.min(batch, options.volunteers - done);
    const { rows } = await database.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
    await database.query(
      `WITH places AS (SELECT array_agg(id ORDER BY id) AS ids FROM municipalities),
            created AS (
              INSERT INTO users (email, name, email_verified_at)
              SELECT 'freiwillig-' || (g + $2) || '@bench.example', 'Freiwillige ' || (g + $2), now() FROM generate_series(1, $1) g
              RETURNING id)
       INSERT INTO volunteer_profiles (user_id, home_municipality_id, postcode, radius_km, fields, weekdays, about, contactable)
       SELECT c.id, p.ids[1 + floor(random() * array_length(p.ids, 1))::int], lpad((1000 + floor(random() * 98000))::int::text, 5, '0'),
         (5 + floor(random() * 45))::int, ARRAY[(${list(FIELDS)})[1 + floor(random() * ${FIELDS.length})::int]],
         ARRAY[(1 + floor(random() * 7))::smallint], 'Ich helfe gern in meiner Freizeit.', random() < 0.4
       FROM created c, places p`,
      [size, rows[0]?.n ?? 0],
    );
  }
  if (options.volunteers > 0) log(`volunteers: ${options.volunteers} (${Math.round((Date.now() - started) / 1000)} s)`);
  for (let done = 0; done < options.placements; done += batch) {
    const size = Math.min(batch, options.placements - done);
    await database.query(
      `WITH offer_ids AS (SELECT array_agg(id ORDER BY id) AS a FROM offers WHERE published_at IS NOT NULL),
            people AS (SELECT array_agg(user_id ORDER BY user_id) AS a FROM volunteer_profiles),
            picked AS (
              SELECT o.a[1 + floor(random() * array_length(o.a, 1))::int] AS offer_id,
                p.a[1 + floor(random() * array_length(p.a, 1))::int] AS volunteer_id,
                now() - random() * interval '730 days' AS at, random() AS roll
              FROM generate_series(1, $1) g, offer_ids o, people p)
       INSERT INTO placements (network_id, offer_id, volunteer_id, message, status, created_at, last_activity_at, first_response_at)
       SELECT offers.network_id, picked.offer_id, picked.volunteer_id, 'Ich würde gern mitmachen. Wann passt es Ihnen?',
         CASE WHEN roll < 0.15 THEN 'requested' WHEN roll < 0.3 THEN 'in_contact' WHEN roll < 0.6 THEN 'placed'
              WHEN roll < 0.75 THEN 'ended' WHEN roll < 0.9 THEN 'declined' ELSE 'no_answer' END,
         at, at, CASE WHEN roll >= 0.15 THEN at + random() * interval '72 hours' END
       FROM picked JOIN offers ON offers.id = picked.offer_id`,
      [size],
    );
  }
  if (options.placements > 0) log(`placements: ${options.placements} (${Math.round((Date.now() - started) / 1000)} s)`);
  await database.query('ANALYZE users');
  await database.query('ANALYZE volunteer_profiles');
  await database.query('ANALYZE placements');
}

function list(values: readonly string[]): string {
  return `ARRAY[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',')}]`;
}

export async function openBenchDatabase(): Promise<Database> {
  const database = await openDatabase({
    databaseUrl: process.env.DATABASE_URL || undefined,
    dataDir: path.join(path.resolve(process.env.DATA_DIR || './data'), 'db'),
    poolSize: 4,
  });
  await database.migrate();
  return database;
}

export async function generate(database: Database, options: Args, log: (line: string) => void = console.log): Promise<void> {
  const { db } = database;
  const r = random(options.seed);
  await seedDemoNetworks(db);

  let [bench] = await db.select().from(networks).where(eq(networks.slug, BENCH_NETWORK_SLUG));
  if (!bench) {
    [bench] = await db
      .insert(networks)
      .values({ slug: BENCH_NETWORK_SLUG, name: 'Benchmark Sachsen', kind: 'Testdaten', region: 'Sachsen', description: 'Erzeugte Testdaten für Messungen.' })
      .returning();
  }
  if (!bench) throw new Error('bench network missing');
  const [gems] = await db.select().from(networks).where(eq(networks.slug, 'gems'));
  if (!gems) throw new Error('demo network gems missing');

  // Synthetic municipalities over Saxony: more offers, more places.
  const wanted = options.municipalities ?? Math.min(2000, Math.max(50, Math.round(options.offers / 500)));
  const existing = await db.select().from(municipalities).where(eq(municipalities.networkId, bench.id));
  const names = new Set(existing.map((m) => m.name));
  const fresh: Array<typeof municipalities.$inferInsert> = [];
  while (names.size < wanted) {
    const name = `${r.pick(PREFIXES)}${r.pick(STEMS).toLowerCase()}${r.pick(ENDINGS)}`.replace(/^./, (c) => c.toUpperCase());
    if (names.has(name)) {
      if (names.size > 20 * STEMS.length) break;
      continue;
    }
    names.add(name);
    fresh.push({
      networkId: bench.id,
      name,
      type: r.next() < 0.2 ? 'Stadt' : 'Gemeinde',
      lat: SAXONY.lat[0] + r.next() * (SAXONY.lat[1] - SAXONY.lat[0]),
      lng: SAXONY.lng[0] + r.next() * (SAXONY.lng[1] - SAXONY.lng[0]),
      inhabitants: Math.round(800 + r.next() * 30_000),
    });
  }
  for (let i = 0; i < fresh.length; i += 500) await db.insert(municipalities).values(fresh.slice(i, i + 500));
  const benchPlaces = await db.select().from(municipalities).where(eq(municipalities.networkId, bench.id));
  const gemsPlaces = await db.select().from(municipalities).where(eq(municipalities.networkId, gems.id));
  log(`municipalities: ${benchPlaces.length} synthetic + ${gemsPlaces.length} GEMS`);

  // Organisations: about one per 15 offers, each in one municipality.
  const orgCount = Math.max(20, Math.round(options.offers / 15));
  const gemsShare = gemsPlaces.length / (gemsPlaces.length + benchPlaces.length);
  const orgRows: Array<typeof organisations.$inferInsert> = [];
  for (let i = 0; i < orgCount; i++) {
    const inGems = r.next() < gemsShare;
    const place = inGems ? r.pick(gemsPlaces) : r.pick(benchPlaces);
    orgRows.push({
      networkId: inGems ? gems.id : bench.id,
      municipalityId: place.id,
      name: `${r.pick(ORG_KINDS)} ${place.name} e. V.`,
      type: r.pick(ORGANISATION_TYPES),
      place: place.name,
      lat: place.lat,
      lng: place.lng,
      status: 'verified',
    });
  }
  const orgs: Array<{ id: string; networkId: string; municipalityId: string | null }> = [];
  for (let i = 0; i < orgRows.length; i += 500) {
    const inserted = await db.insert(organisations).values(orgRows.slice(i, i + 500)).returning();
    orgs.push(...inserted.map((o) => ({ id: o.id, networkId: o.networkId, municipalityId: o.municipalityId })));
  }
  const placeById = new Map([...benchPlaces, ...gemsPlaces].map((m) => [m.id, m]));
  log(`organisations: ${orgs.length}`);

  const columns = [
    'network_id', 'organisation_id', 'municipality_id', 'title', 'summary', 'description', 'field', 'target_groups',
    'skills', 'tags', 'commitment', 'hours_per_week', 'weekdays', 'times_of_day', 'suitability', 'remote', 'place',
    'lat', 'lng', 'status', 'published_at', 'expires_at', 'contact_name',
  ];
  const casts = ['::uuid', '::uuid', '::uuid', '', '', '', '', '::text[]', '::text[]', '::text[]', '', '::real', '::smallint[]', '::text[]', '::text[]', '::boolean', '', '::float8', '::float8', '', '::timestamptz', '::timestamptz', ''];
  const now = Date.now();
  const batch = 400;
  const started = Date.now();
  for (let done = 0; done < options.offers; done += batch) {
    const values: unknown[] = [];
    const tuples: string[] = [];
    for (let i = 0; i < Math.min(batch, options.offers - done); i++) {
      const org = r.pick(orgs);
      const place = org.municipalityId ? placeById.get(org.municipalityId) : undefined;
      const field = r.next() < 0.25 ? r.pick(['schule', 'sozial', 'sport'] as const) : r.pick(FIELDS);
      const activity = ACTIVITIES[field];
      const title = r.next() < 0.3 && place ? `${r.pick(activity.titles)} in ${place.name}` : r.pick(activity.titles);
      const fill = (s: string) => s.replace('{w1}', r.pick(activity.words)).replace('{w2}', r.pick(activity.words)).replace('{place}', place?.name ?? 'unsere Region');
      const summary = fill(r.pick(SENTENCES));
      const description = Array.from({ length: 3 + Math.floor(r.next() * 4) }, () => `<p>${fill(r.pick(SENTENCES))}</p>`).join('');
      const remote = r.next() < 0.05;
      // Jitter of up to about 3 km around the municipality's centre.
      const lat = place?.lat != null ? place.lat + (r.next() - 0.5) * 0.054 : null;
      const lng = place?.lng != null ? place.lng + (r.next() - 0.5) * 0.086 : null;
      const publishedAt = now - Math.floor(r.next() * 80) * 86_400_000 - Math.floor(r.next() * 86_400_000);
      const roll = r.next();
      const status = roll < 0.9 ? 'published' : roll < 0.94 ? 'draft' : roll < 0.97 ? 'paused' : 'expired';
      const row = [
        org.networkId, org.id, place?.id ?? null, title.slice(0, 200), summary.slice(0, 500), description, field,
        r.some(TARGET_GROUPS, 2), r.some(SKILLS, 2), r.some(activity.words, 2), r.pick(COMMITMENTS),
        r.next() < 0.5 ? Math.ceil(r.next() * 6) : null, r.some([1, 2, 3, 4, 5, 6, 7], 3).sort(), r.some(TIMES_OF_DAY, 2),
        r.some(SUITABILITY, 2), remote, place?.name ?? '', lat, lng, status,
        status === 'draft' ? null : new Date(publishedAt).toISOString(), new Date(publishedAt + 90 * 86_400_000).toISOString(),
        `${r.pick(FIRST_NAMES)} ${r.pick(LAST_NAMES)}`,
      ];
      const base = values.length;
      values.push(...row);
      tuples.push(`(${row.map((_, k) => `$${base + k + 1}${casts[k]}`).join(', ')})`);
    }
    await database.query(`INSERT INTO offers (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, values);
    const total = Math.min(done + batch, options.offers);
    if (total % 10_000 === 0 || total === options.offers) {
      const rate = Math.round(total / ((Date.now() - started) / 1000));
      log(`offers: ${total}/${options.offers} (${rate}/s)`);
    }
  }
  await database.query('ANALYZE offers');
  await database.query('ANALYZE organisations');
  await database.query('ANALYZE municipalities');
  if (options.volunteers || options.placements) {
    await generatePeople(database, { volunteers: options.volunteers ?? 0, placements: options.placements ?? 0, seed: options.seed }, log);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const options = args();
  const database = await openBenchDatabase();
  try {
    console.log(`engine: ${database.kind}; generating ${options.offers} offers (seed ${options.seed})`);
    await generate(database, options);
    const [{ count } = { count: 0 }] = (await database.query<{ count: number }>('SELECT count(*)::int AS count FROM offers')).rows;
    console.log(`done: ${count} offers in the database`);
  } finally {
    await database.close();
  }
}
