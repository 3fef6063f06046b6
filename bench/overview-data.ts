/**
 * Synthetic figures for the overview: organisations, offers, needs, volunteers and placements of one
 * network, made in SQL with generate_series so a million rows take seconds, not minutes. Used by
 * bench/overview.ts (on top of bench/generate.ts's offers) and by the overview screenshots.
 * setseed() makes the same call give the same data. Never run it against a production database.
 */
import type { Database } from '../src/platform/db.ts';

const FIELDS = ['sport', 'kultur', 'freizeit', 'sozial', 'schule', 'kirche', 'umwelt', 'politik', 'jugend_bildung', 'rettung', 'gesundheit', 'beruf', 'justiz', 'sonstiges'];
/** Offers leave out the last fields, so some needs find nothing in reach (as in life). */
const OFFER_FIELDS = FIELDS.slice(0, 11);
const TITLES = ['Besuchsdienst', 'Lesepatenschaft', 'Kinderturnen', 'Repair-Café', 'Chorprobe', 'Baumpflanzaktion', 'Hausaufgabenhilfe', 'Fahrdienst', 'Tafel', 'Dorffest', 'Jugendfeuerwehr', 'Seniorencafé'];

function list(values: readonly string[]): string {
  return `array[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',')}]`;
}

/** The network's municipality ids as one array, to pick from at random. */
function places(networkId: string): string {
  return `(select array_agg(id order by id) from municipalities where network_id = '${networkId}')`;
}

export async function addOrganisations(database: Database, networkId: string, count: number, seed = 0.42): Promise<void> {
  await database.query(`select setseed(${seed})`);
  await database.query(
    `insert into organisations (network_id, municipality_id, name, status, verified_at)
     select $1, m.ids[1 + floor(random() * array_length(m.ids, 1))::int], 'Verein ' || g, case when random() < 0.85 then 'verified' else 'pending' end, now()
     from generate_series(1, $2) g, ${places(networkId)} as m(ids)`,
    [networkId, count],
  );
}

/** Offers spread over the 24 months before `now`, most of them published. */
export async function addOffers(database: Database, networkId: string, count: number, now: Date, seed = 0.43): Promise<void> {
  await database.query(`select setseed(${seed})`);
  await database.query(
    `with orgs as (select array_agg(id order by id) as ids from organisations where network_id = $1),
          rows as (
            select g, orgs.ids[1 + floor(random() * array_length(orgs.ids, 1))::int] as organisation_id,
              $3::timestamptz - (power(random(), 1.3) * interval '730 days') as at, random() as roll
            from generate_series(1, $2) g, orgs)
     insert into offers (network_id, organisation_id, municipality_id, title, field, status, published_at, lat, lng, created_at)
     select $1, r.organisation_id, o.municipality_id,
       (${list(TITLES)})[1 + floor(random() * ${TITLES.length})::int] || ' ' || r.g,
       (${list(OFFER_FIELDS)})[1 + floor(power(random(), 1.6) * ${OFFER_FIELDS.length})::int],
       case when r.roll < 0.8 then 'published' when r.roll < 0.9 then 'expired' when r.roll < 0.95 then 'archived' else 'draft' end,
       case when r.roll < 0.95 then r.at end,
       m.lat + (random() - 0.5) * 0.03, m.lng + (random() - 0.5) * 0.05, r.at
     from rows r join organisations o on o.id = r.organisation_id left join municipalities m on m.id = o.municipality_id`,
    [networkId, count, now.toISOString()],
  );
}

export async function addNeeds(database: Database, networkId: string, count: number, seed = 0.44): Promise<void> {
  await database.query(`select setseed(${seed})`);
  await database.query(
    `insert into needs (network_id, municipality_id, title, field, status, lat, lng)
     select $1, m.id, 'Gesuch ' || g, (${list(FIELDS)})[1 + floor(random() * ${FIELDS.length})::int],
       case when random() < 0.7 then 'open' else 'closed' end, m.lat + (random() - 0.5) * 0.03, m.lng + (random() - 0.5) * 0.05
     from generate_series(1, $2) g
     join lateral (select id, lat, lng from municipalities where network_id = $1 order by md5(id::text || g::text) limit 1) m on true`,
    [networkId, count],
  );
}

export async function addVolunteers(database: Database, networkId: string, count: number, seed = 0.45): Promise<void> {
  await database.query(`select setseed(${seed})`);
  const { rows } = await database.query<{ n: number }>(`select count(*)::int as n from users`);
  const offset = rows[0]?.n ?? 0;
  await database.query(
    `with created as (
       insert into users (email, name) select 'engagiert' || (g + $2) || '@example.org', 'Engagierte ' || g from generate_series(1, $1) g returning id)
     insert into volunteer_profiles (user_id, home_municipality_id)
     select c.id, m.ids[1 + floor(random() * array_length(m.ids, 1))::int] from created c, ${places(networkId)} as m(ids)`,
    [count, offset],
  );
}

/**
 * Placements for offers of the network, opened over the 24 months before `now`, in batches of
 * 100,000 rows per statement. Four in five get a first answer within three days.
 */
export async function addPlacements(database: Database, networkId: string, count: number, now: Date, seed = 0.46): Promise<void> {
  await database.query(`select setseed(${seed})`);
  for (let done = 0; done < count; done += 100_000) {
    const size = Math.min(100_000, count - done);
    await database.query(
      `with ids as (select array_agg(id order by id) as a from offers where network_id = $1 and published_at is not null),
            rows as (
              select $3::timestamptz - (random() * interval '730 days') as at, random() as roll, random() as answer,
                ids.a[1 + floor(random() * array_length(ids.a, 1))::int] as offer_id
              from generate_series(1, $2) g, ids)
       insert into placements (network_id, offer_id, volunteer_name, volunteer_email, status, created_at, last_activity_at, first_response_at)
       select $1, offer_id, 'Beispiel', 'beispiel@example.org',
         case when roll < 0.12 then 'requested' when roll < 0.22 then 'in_contact' when roll < 0.3 then 'first_meeting'
              when roll < 0.58 then 'placed' when roll < 0.72 then 'ended' when roll < 0.9 then 'declined' else 'no_answer' end,
         at, at, case when answer < 0.8 then at + (power(answer / 0.8, 3) * interval '72 hours') end
       from rows`,
      [networkId, size, now.toISOString()],
    );
  }
}
