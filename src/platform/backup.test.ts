import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { Writable } from 'node:stream';
import zlib from 'node:zlib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE, openTestDatabase } from '../../test/helpers.ts';
import { openDatabase, type Database } from './db.ts';
import { backupForDownload, backupToFile, backupToStream, removeBackupSpool, restoreFromFile } from './backup.ts';
import { sortByDependencies } from './backup/catalog.ts';

/** The server used as the other engine when the suite runs on PGlite. */
const POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test';

interface Opened {
  database: Database;
  drop(): Promise<void>;
}

/** A migrated, empty database of the engine that is NOT under test. */
async function openOtherEngine(): Promise<Opened> {
  if (ENGINE === 'postgres') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mmn-backup-lite-'));
    const database = await openDatabase({ dataDir: dir });
    await database.migrate();
    return {
      database,
      async drop() {
        await database.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `mmn_backup_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client(POSTGRES_URL);
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 3 });
  await database.migrate();
  return {
    database,
    async drop() {
      await database.close();
      // pool.end() resolves before its connections are gone; forcing them out then raises errors.
      for (let i = 0; i < 50; i++) {
        const { rows } = await admin.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
        if (rows[0].n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

// A table a future module might add, with a foreign key to itself: covered without code changes.
const PROBE_TABLE = `CREATE TABLE backup_probe_tree (
  id integer PRIMARY KEY, parent_id integer REFERENCES backup_probe_tree(id), label text NOT NULL,
  doubled integer GENERATED ALWAYS AS (id * 2) STORED)`;

// And a derived table beside it (like the overview's counts): left out of the file and recomputed
// by the function its comment names, after the restore.
const PROBE_DERIVED = [
  `CREATE TABLE backup_probe_labels (labels integer NOT NULL)`,
  `COMMENT ON TABLE backup_probe_labels IS 'derived: backup_probe_count()'`,
  `CREATE FUNCTION backup_probe_count() RETURNS void LANGUAGE sql AS $$
     DELETE FROM backup_probe_labels; INSERT INTO backup_probe_labels SELECT count(*) FROM backup_probe_tree $$`,
];

const AWKWARD = 'Zoë „Anführung“ \'single\' "double" \\ back\nneue Zeile\ttab 😀 Ünïcödé';
const ids = {
  gems: '11111111-1111-4111-8111-111111111111',
  other: '22222222-2222-4222-8222-222222222222',
  jesewitz: '33333333-3333-4333-8333-333333333333',
  krostitz: '44444444-4444-4444-8444-444444444444',
  anna: '55555555-5555-4555-8555-555555555555',
  bernd: '66666666-6666-4666-8666-666666666666',
  membership: '77777777-7777-4777-8777-777777777777',
  organisation: '88888888-8888-4888-8888-888888888888',
  offer: '99999999-9999-4999-8999-999999999999',
  need: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
  placement: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb',
  event: 'cccccccc-cccc-4ccc-8ccc-cccccccccccc',
  knowledge: 'dddddddd-dddd-4ddd-8ddd-dddddddddddd',
  list: 'eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee',
  subscriber: 'ffffffff-ffff-4fff-8fff-ffffffffffff',
  mailing: '12121212-1212-4121-8121-121212121212',
  recipient: '13131313-1313-4131-8131-131313131313',
  application: '14141414-1414-4141-8141-141414141414',
};

/** Beyond 2^53: a reader that parses bigint columns as JavaScript numbers would change it. */
const BIG = '9007199254740993';

/** Rows in every table, with the values that break naive dumps. */
async function fillWithAwkwardRows(database: Database) {
  const q = (text: string, params: unknown[] = []) => database.query(text, params);
  await q(
    `INSERT INTO networks (id, slug, name, description, logo_path, created_at, updated_at) VALUES
     ($1, 'gems', 'GEMS – gemeinsam engagiert', $3, NULL, '2024-02-29 23:59:59.123456+00', '2024-03-01 00:00:00.000001+01'),
     ($2, 'leer', '', '', '/logo "x".png', '1999-12-31 23:59:59.999999+00', now())`,
    [ids.gems, ids.other, AWKWARD],
  );
  await q(
    `INSERT INTO municipalities (id, network_id, name, type, ags, lat, lng, inhabitants, outline) VALUES
     ($1, $3, 'Jesewitz', 'Gemeinde', '14730150', 51.423456789012345, 1e-300, 3064,
       '{"type":"Polygon","coordinates":[[[12.5,51.4],[12.6,51.4],[12.5,51.4]]],"name":"Jesewitz 😀"}'),
     ($2, $3, 'Krostitz', '', NULL, NULL, -12.5, 0, 'null'::jsonb)`,
    [ids.jesewitz, ids.krostitz, ids.gems],
  );
  await q(
    `INSERT INTO users (id, email, name, password_hash, email_verified_at, locale, is_platform_admin, created_at) VALUES
     ($1, 'anna@example.org', $3, '$argon2id$v=19$m=19456,t=2,p=1$abc$def', '2024-05-06 07:08:09.654321+00', 'de', true, '2024-01-01 00:00:00+00'),
     ($2, 'bernd@example.org', '', NULL, NULL, 'en', false, '2024-01-01 00:00:00.5+00')`,
    [ids.anna, ids.bernd, AWKWARD],
  );
  await q(
    `INSERT INTO sessions (id, user_id, created_at, expires_at) VALUES
     ('${'a'.repeat(64)}', $1, '2024-05-06 07:08:09.000001+00', '2099-01-01 00:00:00+00')`,
    [ids.anna],
  );
  await q(
    `INSERT INTO tokens (id, purpose, email, user_id, data, expires_at, used_at) VALUES
     ('${'b'.repeat(64)}', 'magic', 'anna@example.org', $1, $2::jsonb, '2024-05-07 07:08:09.123456+00', NULL),
     ('${'c'.repeat(64)}', 'invite', 'neu@example.org', NULL, '{}', '2024-05-07 07:08:09+00', '2024-05-06 07:08:09.999999+00')`,
    [ids.anna, JSON.stringify({ next: '/netzwerke/gems?x="1"&y=ä', nested: { list: [1, 'zwei', null, true], empty: [] } })],
  );
  await q(`INSERT INTO memberships (id, network_id, user_id, role) VALUES ($1, $2, $3, 'guide')`, [
    ids.membership,
    ids.gems,
    ids.bernd,
  ]);
  await q(`INSERT INTO membership_municipalities (membership_id, municipality_id) VALUES ($1, $2), ($1, $3)`, [
    ids.membership,
    ids.jesewitz,
    ids.krostitz,
  ]);
  await q(
    `INSERT INTO invitations (network_id, email, role, municipality_ids, invited_by) VALUES
     ($1, 'lotse@example.org', 'guide', ARRAY[$2, $3]::uuid[], $4),
     ($1, 'office@example.org', 'network_office', '{}', NULL)`,
    [ids.gems, ids.jesewitz, ids.krostitz, ids.anna],
  );
  await q(
    `INSERT INTO audit_log (at, actor_id, network_id, action, subject_id, details) VALUES
     ('2024-05-06 07:08:09.123456+00', $1, $2, 'network.updated', NULL, $3::jsonb),
     ('2024-05-06 07:08:09.123457+00', NULL, NULL, 'platform.started', 'x', 'null'::jsonb),
     (now(), NULL, NULL, 'big.number', NULL, '{"big": 123456789012345678901234567890, "exact": 0.1000000000000000055511151231257827}')`,
    [ids.anna, ids.gems, JSON.stringify({ before: { name: AWKWARD }, after: { name: '' } })],
  );
  // A gap in the sequence, as after rolled-back inserts: restore must keep it.
  await q(`SELECT nextval('audit_log_id_seq') FROM generate_series(1, 5)`);

  await q(
    `INSERT INTO organisations (id, network_id, municipality_id, name, description, status, verified_at, created_by) VALUES
     ($1, $2, $3, 'Heimatverein Jesewitz e. V.', $4, 'verified', '2024-05-06 07:08:09.123456+00', $5)`,
    [ids.organisation, ids.gems, ids.jesewitz, AWKWARD, ids.anna],
  );
  await q(`INSERT INTO organisation_members (organisation_id, user_id, role) VALUES ($1, $2, 'admin')`, [
    ids.organisation,
    ids.anna,
  ]);
  await q(
    `INSERT INTO api_tokens (organisation_id, name, token_hash, prefix, scopes, created_by, last_used_at, revoked_at) VALUES
     ($1, $2, '${'d'.repeat(64)}', 'mmn_abcdef', ARRAY['read', 'write'], $3, '2024-05-06 07:08:09.5+00', NULL)`,
    [ids.organisation, AWKWARD, ids.anna],
  );
  await q(
    `INSERT INTO offers (id, network_id, organisation_id, municipality_id, title, description, target_groups, skills, tags,
       hours_per_week, weekdays, times_of_day, starts_on, ends_on, people_wanted, status, published_at, created_by) VALUES
     ($1, $2, $3, $4, 'Fahrradwerkstatt für alle', $5, '{}', ARRAY['Schrauben', 'Geduld „viel“'], ARRAY['Fahrrad'],
       2.5, '{1,3,5}', '{abends}', '2024-02-29', NULL, 3, 'published', '2024-05-06 07:08:09.123456+00', $6)`,
    [ids.offer, ids.gems, ids.organisation, ids.jesewitz, AWKWARD, ids.anna],
  );
  await q(
    `INSERT INTO needs (id, network_id, municipality_id, requester_name, title, skills, weekdays, starts_on) VALUES
     ($1, $2, $3, $4, 'Einkaufshilfe gesucht', '{}', '{}', '2025-01-01')`,
    [ids.need, ids.gems, ids.krostitz, AWKWARD],
  );
  await q(
    `INSERT INTO volunteer_profiles (user_id, home_municipality_id, fields, skills, languages, about) VALUES
     ($1, $2, ARRAY['sozial'], '{}', ARRAY['de', 'uk'], $3)`,
    [ids.bernd, ids.jesewitz, AWKWARD],
  );
  await q(
    `INSERT INTO placements (id, network_id, offer_id, volunteer_id, volunteer_name, message, first_response_at) VALUES
     ($1, $2, $3, $4, 'Bernd', $5, '2024-05-06 07:08:09.000001+00')`,
    [ids.placement, ids.gems, ids.offer, ids.bernd, AWKWARD],
  );
  await q(
    `INSERT INTO placement_events (placement_id, actor_id, from_status, to_status, note) VALUES
     ($1, $2, NULL, 'requested', ''), ($1, NULL, 'requested', 'in_contact', $3)`,
    [ids.placement, ids.bernd, AWKWARD],
  );
  await q(`INSERT INTO placement_messages (placement_id, author_id, side, body) VALUES ($1, $2, 'volunteer', $3)`, [
    ids.placement,
    ids.bernd,
    AWKWARD,
  ]);
  await q(`INSERT INTO saved_searches (user_id, name, query) VALUES ($1, 'Abends', $2::jsonb)`, [
    ids.bernd,
    JSON.stringify({ q: 'Fahrrad', fields: [], radius: 15.5 }),
  ]);
  await q(
    `INSERT INTO content_reports (network_id, subject_type, subject_id, reason, reporter_id) VALUES ($1, 'offer', $2, $3, NULL)`,
    [ids.gems, ids.offer, AWKWARD],
  );
  await fillModuleRows(q);
  await q(`INSERT INTO backup_probe_tree (id, parent_id, label) VALUES (1, 2, 'Kind vor Eltern'), (2, NULL, 'Wurzel')`);
  await q(`SELECT backup_probe_count()`);
}

/**
 * Rows for the tables of the events, knowledge, infomail, recognition, privacy, moderation and
 * organisations modules, written as SQL so the fixture stays independent of their code: numeric
 * hours, bigint counters beyond 2^53, dates, arrays, nested jsonb, composite and text primary keys.
 */
async function fillModuleRows(q: (text: string, params?: unknown[]) => Promise<unknown>) {
  await q(
    `INSERT INTO organisation_invitations (organisation_id, email, role, invited_by, created_at, accepted_at, revoked_at) VALUES
     ($1, 'kassenwart@example.org', 'admin', $2, '2024-03-01 10:00:00.000001+00', '2024-03-02 08:15:00+00', NULL),
     ($1, 'müller@bücher.example', 'member', NULL, '2024-03-01 10:00:00+00', NULL, '2024-03-05 00:00:00+00')`,
    [ids.organisation, ids.anna],
  );
  await q(
    `INSERT INTO events (id, network_id, organisation_id, created_by, series_id, kind, status, title, description,
       starts_at, ends_at, mode, place, accessibility, municipality_id, lat, lng, online_url, audience, fields, capacity,
       registration_opens_at, registration_closes_at, registration_enabled, questions, costs, seats_taken, arrivals) VALUES
     ($1, $2, $3, $4, $1, 'workshop', 'published', 'Reparaturcafé im Dorfgemeinschaftshaus', $5,
       '2024-10-27 01:30:00+00', '2024-10-27 03:30:00+00', 'onsite', 'Dorfstraße 1, 04838 Jesewitz', 'Stufenloser Zugang',
       $6, 51.4234567890123, 12.5678901234567, '', 'Alle Generationen', ARRAY['umwelt', 'sozial'], 12,
       NULL, '2024-10-26 22:00:00+00', true, $7::jsonb, 'kostenfrei', 1, $8)`,
    [
      ids.event, ids.gems, ids.organisation, ids.anna, AWKWARD, ids.jesewitz,
      JSON.stringify([{ id: 'q1', label: 'Was bringen Sie mit? „Gerät“', type: 'choice', options: ['Toaster', 'Fahrrad', ''], required: true }]),
      BIG,
    ],
  );
  await q(
    `INSERT INTO event_registrations (event_id, user_id, name, email, answers, status, position, token_hash, attended,
       reminder_sent_at, confirmed_at, cancelled_at, locale) VALUES
     ($1, $2, 'Bernd', 'bernd@example.org', $3::jsonb, 'confirmed', $4, '${'e'.repeat(64)}', true,
       '2024-10-26 07:00:00.5+00', '2024-10-01 12:00:00+00', NULL, 'en'),
     ($1, NULL, $5, 'gast@example.org', '{}', 'cancelled', NULL, '${'f'.repeat(64)}', NULL, NULL, NULL, '2024-10-02 12:00:00+00', 'de')`,
    [ids.event, ids.bernd, JSON.stringify({ q1: 'Toaster 😀' }), BIG, AWKWARD],
  );
  await q(
    `INSERT INTO knowledge_entries (id, network_id, kind, status, visibility, theme, tags, title, summary, body, situation,
       approach, result, contact, municipality_id, event_id, file_text, created_by, published_at) VALUES
     ($1, $2, 'practice', 'published', 'members', 'laendlicher_raum', ARRAY['Dorf', 'Ehrenamt „vor Ort“'],
       'Mitfahrbank in Jesewitz', 'Wie eine Bank Mitfahrten vermittelt', $3, 'Kein Bus am Wochenende', 'Eine Bank mit Schild',
       'Viele Fahrten pro Woche', 'Gemeindeamt Jesewitz', $4, $5, '', $6, '2024-06-01 09:00:00+00')`,
    [ids.knowledge, ids.gems, AWKWARD, ids.jesewitz, ids.event, ids.anna],
  );
  await q(
    `INSERT INTO knowledge_files (entry_id, file_name, media_type, size, storage_key, uploaded_by) VALUES
     ($1, 'Leitfaden Mitfahrbank (Entwurf) „final“.pdf', 'application/pdf', 2147483647, 'kb-0123456789abcdef', $2)`,
    [ids.knowledge, ids.anna],
  );
  await q(
    `INSERT INTO knowledge_revisions (entry_id, author_id, author_name, title, content, note) VALUES
     ($1, $2, 'Anna', 'Mitfahrbank in Jesewitz', $3, 'Erste Fassung'),
     ($1, NULL, '', 'Mitfahrbank', '', '')`,
    [ids.knowledge, ids.anna, AWKWARD],
  );

  await q(
    `INSERT INTO infomail_lists (id, network_id, name, description, kind, is_public, segment) VALUES
     ($1, $2, 'Rundbrief Ehrenamt', $3, 'subscription', true, '{}'),
     ($4, $2, 'Alle Lotsinnen', '', 'segment', false, $5::jsonb)`,
    [ids.list, ids.gems, AWKWARD, '15151515-1515-4151-8151-151515151515',
      JSON.stringify({ roles: ['guide'], municipalityIds: [ids.jesewitz], organisationContacts: false })],
  );
  await q(
    `INSERT INTO infomail_subscribers (id, network_id, email, user_id, confirmed_at, confirm_token_hash, confirm_sent_at,
       frequency, digest, digest_municipality_ids, digest_fields, last_digest_at, bounced_at) VALUES
     ($1, $2, 'bernd@example.org', $3, '2024-04-01 08:00:00.123+00', NULL, '2024-04-01 07:59:00+00', 'digest', true,
       $4::jsonb, '["sozial", "umwelt"]', '2024-04-08 06:00:00+00', NULL)`,
    [ids.subscriber, ids.gems, ids.bernd, JSON.stringify([ids.jesewitz, ids.krostitz])],
  );
  await q(`INSERT INTO infomail_subscriptions (subscriber_id, list_id) VALUES ($1, $2)`, [ids.subscriber, ids.list]);
  await q(
    `INSERT INTO infomail_suppressions (network_id, list_id, email_hash, reason) VALUES
     ($1, NULL, '${'0'.repeat(64)}', 'bounced'), ($1, $2, '${'1'.repeat(64)}', 'unsubscribed')`,
    [ids.gems, ids.list],
  );
  await q(
    `INSERT INTO infomail_settings (network_id, from_name, reply_to, require_approval) VALUES ($1, $2, 'buero@gems.example', true)`,
    [ids.gems, AWKWARD],
  );
  await q(
    `INSERT INTO infomail_mailings (id, network_id, list_id, subject, body, status, created_by, approved_by, scheduled_at,
       started_at, sent_at) VALUES
     ($1, $2, $3, 'Neuigkeiten aus dem Netzwerk – März', $4, 'sent', $5, $6, NULL, '2024-03-15 09:00:00+00', '2024-03-15 09:01:30.25+00')`,
    [ids.mailing, ids.gems, ids.list, AWKWARD, ids.anna, ids.bernd],
  );
  await q(
    `INSERT INTO infomail_recipients (id, mailing_id, email, subscriber_id, state, attempts, next_attempt_at, claimed_at,
       sent_at, last_error) VALUES
     ($1, $2, 'bernd@example.org', $3, 'bounced', 3, NULL, '2024-03-15 09:00:01+00', NULL, $4)`,
    [ids.recipient, ids.mailing, ids.subscriber, '550 5.1.1 „Postfach unbekannt“'],
  );
  await q(
    `INSERT INTO infomail_bounces (network_id, email, recipient_id, hard, status, diagnostic, received_at) VALUES
     ($1, 'bernd@example.org', $2, true, '5.1.1', $3, '2024-03-15 09:05:00+00'),
     (NULL, 'unbekannt@example.org', NULL, false, '', '', '2024-03-15 09:06:00+00')`,
    [ids.gems, ids.recipient, AWKWARD],
  );

  await q(
    `INSERT INTO hours_entries (user_id, network_id, organisation_id, placement_id, event_id, day, hours, activity, source,
       status, reason, decided_by, decided_at) VALUES
     ($1, $2, $3, $4, NULL, '2024-02-29', 2.25, $5, 'placement', 'confirmed', NULL, $6, '2024-03-01 10:00:00+00'),
     ($1, $2, $3, NULL, $7, '2024-10-27', 0.01, 'Reparaturcafé', 'event', 'rejected', 'Nicht teilgenommen', $6, now()),
     (NULL, $2, $3, NULL, NULL, '2023-12-31', 120.5, 'Vereinsarbeit 2023', 'organisation', 'confirmed', NULL, NULL, NULL)`,
    [ids.bernd, ids.gems, ids.organisation, ids.placement, AWKWARD, ids.anna, ids.event],
  );
  await q(
    `INSERT INTO hours_proposal_dismissals (user_id, kind, source_id, dismissed_at) VALUES
     ($1, 'event', $2, '2024-10-28 08:00:00+00'), ($1, 'placement', $3, '2024-03-02 00:00:00.000001+00')`,
    [ids.bernd, ids.event, ids.placement],
  );
  await q(`INSERT INTO card_settings (network_id, state, overrides) VALUES ($1, 'SN', '{"hoursPerYear": 200, "minAge": null}')`, [ids.gems]);
  await q(
    `INSERT INTO card_applications (id, user_id, network_id, municipality_id, kind, holder_name, birth_date, allowance_euro,
       alternative, note, evidence, status, reason, decided_by, decided_at) VALUES
     ($1, $2, $3, $4, 'standard', $5, '1960-02-29', 840, NULL, 'Nachweis liegt im Büro', $6::jsonb, 'approved', NULL, $7,
       '2024-06-01 12:00:00+00')`,
    [ids.application, ids.bernd, ids.gems, ids.jesewitz, AWKWARD,
      JSON.stringify([{ from: '2023-06-01', to: '2024-05-31', have: 250.75, need: 250 }]), ids.anna],
  );
  await q(
    `INSERT INTO cards (number, application_id, user_id, network_id, holder_name, region, kind, valid_from, valid_until, code,
       status, revoked_at, revoked_reason) VALUES
     ('SN-2024-0001', $1, $2, $3, $4, 'Landkreis Nordsachsen', 'standard', '2024-06-01', '2027-05-31', 'eyJhbGciOiJFZERTQSJ9.eyJuIjoxfQ.c2ln',
       'revoked', '2024-07-01 00:00:00+00', 'Karte verloren')`,
    [ids.application, ids.bernd, ids.gems, AWKWARD],
  );
  await q(
    `INSERT INTO card_reminders (card_id, reminder, weeks, sent_at)
     SELECT id, r, w, '2027-04-05 05:30:00+00' FROM cards, unnest(ARRAY[1, 2], ARRAY[8, 2]) AS x(r, w) WHERE number = 'SN-2024-0001'`,
  );
  await q(
    `INSERT INTO engagement_certificates (number, user_id, network_id, holder_name, issuer_name, issued_by, period_from,
       period_to, hours, lines, code) VALUES
     ('EN-2024-0001', $1, $2, 'Bernd', 'Heimatverein Jesewitz e. V.', $3, '2023-01-01', '2023-12-31', 123456.78, $4::jsonb, 'c2lnbmVk')`,
    [ids.bernd, ids.gems, ids.anna,
      JSON.stringify([{ organisation: 'Heimatverein Jesewitz e. V.', activities: ['Fahrradwerkstatt', AWKWARD], hours: 0.1 }])],
  );
  await q(
    `INSERT INTO signing_keys (id, public_key, private_key, created_at, retired_at) VALUES
     ('2024-01-k1', 'MCowBQYDK2VwAyEAabc_-', 'v1.iv.ciphertext.tag', '2024-01-01 00:00:00+00', '2024-06-30 23:59:59.999999+00'),
     ('2024-07-k2', 'MCowBQYDK2VwAyEAdef_-', 'v1.iv2.ciphertext2.tag2', '2024-07-01 00:00:00+00', NULL)`,
  );
  await q(
    `INSERT INTO acceptance_points (network_id, municipality_id, name, category, discount, street, postcode, place, lat, lng, website) VALUES
     ($1, $2, 'Bäckerei Müller', 'gastronomie', '10 % auf „Kaffee & Kuchen“', 'Hauptstraße 5', '04838', 'Jesewitz', 51.42, 12.56, ''),
     ($1, NULL, 'Freibad Krostitz', 'freizeit', $3, '', '', '', NULL, NULL, 'https://freibad.example/?a=1&b=ä')`,
    [ids.gems, ids.jesewitz, AWKWARD],
  );

  await q(
    `INSERT INTO consents (user_id, email, network_id, purpose, version, method, given_at, withdrawn_at) VALUES
     ($1, NULL, NULL, 'volunteers.contact', '2026-01', 'form', '2024-01-01 00:00:00.000001+00', NULL),
     (NULL, 'ohne-konto@example.org', $2, 'infomail', '2024-03', 'double_opt_in', '2024-03-01 00:00:00+00', '2024-04-01 00:00:00+00')`,
    [ids.bernd, ids.gems],
  );
  await q(
    `INSERT INTO data_exports (user_id, status, requested_at, finished_at, file, token_hash, expires_at, downloaded_at) VALUES
     ($1, 'ready', '2024-05-01 10:00:00+00', '2024-05-01 10:02:00.5+00', 'export-0123456789abcdef.zip', '${'9'.repeat(64)}',
       '2024-05-08 10:02:00+00', NULL),
     ($2, 'queued', '2024-05-02 10:00:00+00', NULL, NULL, NULL, NULL, NULL)`,
    [ids.bernd, ids.anna],
  );
  await q(
    `INSERT INTO erasure_requests (user_id, requested_at, due_at, requested_by, network_id, undo_token_hash, cancelled_at, done_at) VALUES
     ($1, '2024-05-01 10:00:00+00', '2024-05-15 10:00:00+00', $2, $3, '${'8'.repeat(64)}', NULL, NULL),
     (NULL, '2023-01-01 10:00:00+00', '2023-01-15 10:00:00+00', NULL, NULL, NULL, NULL, '2023-01-15 10:00:01+00')`,
    [ids.bernd, ids.anna, ids.gems],
  );
  await q(`INSERT INTO retention_settings (network_id, key, months) VALUES ($1, 'invitations', 3), ($1, 'audit', 24)`, [ids.gems]);
  await q(
    `INSERT INTO retention_runs (network_id, at, key, removed) VALUES
     ($1, '2024-05-01 03:00:00+00', 'invitations', 0), ($1, '2024-05-02 03:00:00.000001+00', 'audit', 2147483647)`,
    [ids.gems],
  );
  await q(
    `INSERT INTO office_notice_settings (network_id, user_id, mode, last_summary_at) VALUES
     ($1, $2, 'daily', '2024-05-06 05:00:00+00'), ($1, $3, 'off', NULL)`,
    [ids.gems, ids.anna, ids.bernd],
  );
}

/**
 * Every row of every application table as text, independent of engine, driver and session time
 * zone. Stored search vectors are left out: the trigger recomputes them on insert.
 */
async function snapshot(database: Database): Promise<Record<string, string[]>> {
  const { rows: columns } = await database.query<{ table_name: string; column_name: string; data_type: string }>(
    `SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c
     JOIN pg_tables t ON t.schemaname = c.table_schema AND t.tablename = c.table_name
     WHERE c.table_schema = 'public' AND c.table_name NOT IN ('rate_limits', 'offer_changes') ORDER BY c.table_name, c.ordinal_position`,
  );
  const byTable = new Map<string, string[]>();
  for (const c of columns) {
    if (c.data_type === 'tsvector') continue;
    const expr =
      c.data_type === 'timestamp with time zone' ? `(x."${c.column_name}" AT TIME ZONE 'UTC')` : `x."${c.column_name}"`;
    byTable.set(c.table_name, [...(byTable.get(c.table_name) ?? []), expr]);
  }
  const result: Record<string, string[]> = {};
  for (const [table, exprs] of byTable) {
    const { rows } = await database.query<{ row: string }>(
      `SELECT ROW(${exprs.join(', ')})::text AS row FROM public."${table}" x`,
    );
    // Sorted here: the engines may sort text with different collations.
    result[table] = rows.map((r) => r.row).sort();
  }
  return result;
}

const gzipLines = (lines: string[]) => zlib.gzipSync(lines.map((l) => `${l}\n`).join(''));
const fileLines = (file: string) => zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').trimEnd().split('\n');

describe(`backup and restore (${ENGINE} under test, the other engine beside it)`, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mmn-backup-'));
  const opened: Opened[] = [];
  let source: Database;
  let other: Database;
  let target: Database;
  let original: Record<string, string[]>;
  let sequenceAtBackup: number;
  const first = path.join(dir, 'first.mmn.gz');
  const second = path.join(dir, 'second.mmn.gz');

  beforeAll(async () => {
    const [a, b, c] = await Promise.all([openTestDatabase(), openOtherEngine(), openTestDatabase()]);
    opened.push(a, b, c);
    source = a.database;
    other = b.database;
    target = c.database;
    for (const database of [source, other, target]) {
      for (const statement of [PROBE_TABLE, ...PROBE_DERIVED]) await database.query(statement);
    }
    await fillWithAwkwardRows(source);
    original = await snapshot(source);
    const { rows } = await source.query<{ last: string }>(`SELECT last_value::text AS last FROM audit_log_id_seq`);
    sequenceAtBackup = Number(rows[0]!.last);
  });

  afterAll(async () => {
    // db.ts gives the pool no 'error' listener, and pool.end() does not wait for its connections:
    // a connection still closing when the test database is dropped would crash the run.
    for (const o of opened) o.database.pool?.on('error', () => undefined);
    for (const o of opened) await o.drop().catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('has rows in every table before the round trip', () => {
    // A table a new module adds fails here until the fixture gives it rows, so the round trip below compares it too.
    const empty = Object.entries(original).filter(([, rows]) => rows.length === 0).map(([table]) => table);
    expect(empty).toEqual([]);
    for (const table of ['networks', 'municipalities', 'users', 'sessions', 'tokens', 'memberships',
      'membership_municipalities', 'invitations', 'audit_log',
      // Derived: the round trip must give the same rows, counted once.
      'backup_probe_labels', 'overview_offer_counts', 'overview_placement_months', 'overview_network_response_minutes']) {
      expect(original[table]?.length, table).toBeGreaterThan(0);
    }
  });

  it('moves every row exactly to the other engine and back, replacing what was there', async () => {
    const counts = await backupToFile(source, first);
    expect(counts.users).toBe(2);
    expect(counts.audit_log).toBe(3);
    expect(counts.backup_probe_tree).toBe(2);
    expect((fs.statSync(first).mode & 0o777).toString(8)).toBe('600');

    const header = JSON.parse(fileLines(first)[0]!);
    expect(header).toMatchObject({ format: 'mitmachnetz-backup', version: 1, engine: ENGINE });
    expect(header.migration.tag).toMatch(/^\d{4}_/);
    const tables = header.tables.map((t: { name: string }) => t.name) as string[];
    expect(tables).not.toContain('__drizzle_migrations');
    expect(tables).not.toContain('rate_limits');
    expect(tables).not.toContain('offer_changes');
    expect(tables).not.toContain('backup_probe_labels');
    expect(tables.filter((t) => t.startsWith('overview_'))).toEqual([]);
    expect(tables.indexOf('networks')).toBeLessThan(tables.indexOf('municipalities'));
    expect(tables.indexOf('users')).toBeLessThan(tables.indexOf('memberships'));
    expect(tables.indexOf('memberships')).toBeLessThan(tables.indexOf('membership_municipalities'));
    expect(tables.indexOf('offers')).toBeLessThan(tables.indexOf('placements'));

    expect(await restoreFromFile(other, first)).toEqual(counts);
    expect(await snapshot(other)).toEqual(original);

    expect(await backupToFile(other, second)).toEqual(counts);
    // The target already holds different data: the restore replaces it.
    await target.query(`INSERT INTO networks (slug, name) VALUES ('alt', 'Altes Netzwerk')`);
    await target.query(`INSERT INTO audit_log (action) SELECT 'old' FROM generate_series(1, 20)`);
    await target.query(`INSERT INTO backup_probe_labels VALUES (99)`);
    expect(await restoreFromFile(target, second)).toEqual(counts);
    expect(await snapshot(target)).toEqual(original);
  });

  it('keeps the awkward values themselves, not just equal text on both sides', async () => {
    const { rows: users } = await target.query<{ name: string; verified: string }>(
      `SELECT name, to_char(email_verified_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') AS verified
       FROM users WHERE id = $1`,
      [ids.anna],
    );
    expect(users[0]).toEqual({ name: AWKWARD, verified: '2024-05-06 07:08:09.654321' });
    const { rows: audit } = await target.query<{ details: string; sql_null: boolean }>(
      `SELECT details::text AS details, details IS NULL AS sql_null FROM audit_log ORDER BY id`,
    );
    expect(audit[1]).toEqual({ details: 'null', sql_null: false });
    expect(audit[2]!.details).toContain('123456789012345678901234567890');
    expect(audit[2]!.details).toContain('0.1000000000000000055511151231257827');
    const { rows: municipalities } = await target.query<{ lng: number; outline_null: boolean; outline: string | null }>(
      `SELECT lng, outline IS NULL AS outline_null, outline::text AS outline FROM municipalities ORDER BY name`,
    );
    expect(municipalities.map((m) => [m.lng, m.outline_null])).toEqual([[1e-300, false], [-12.5, false]]);
    expect(municipalities[1]!.outline).toBe('null');
    const { rows: invitations } = await target.query<{ n: number }>(
      `SELECT cardinality(municipality_ids) AS n FROM invitations ORDER BY email`,
    );
    expect(invitations.map((i) => i.n)).toEqual([2, 0]);
    // The search vector was rebuilt by the trigger, so restored offers are found.
    const { rows: found } = await target.query(
      `SELECT id FROM offers WHERE search @@ websearch_to_tsquery('german', 'Fahrradwerkstatt')`,
    );
    expect(found).toHaveLength(1);
    const { rows: events } = await target.query(
      `SELECT arrivals::text AS arrivals, (SELECT position::text FROM event_registrations WHERE position IS NOT NULL) AS position
       FROM events WHERE search @@ websearch_to_tsquery('german', 'Reparaturcafé')`,
    );
    expect(events).toEqual([{ arrivals: BIG, position: BIG }]);
    const { rows: hours } = await target.query(
      `SELECT (SELECT array_agg(hours::text ORDER BY hours) FROM hours_entries) AS entries,
              (SELECT hours::text FROM engagement_certificates) AS certificate`,
    );
    expect(hours).toEqual([{ entries: ['0.01', '2.25', '120.50'], certificate: '123456.78' }]);
    const { rows: constraint } = await target.query<{ deferrable: boolean }>(
      `SELECT condeferrable AS deferrable FROM pg_constraint WHERE conrelid = 'backup_probe_tree'::regclass AND contype = 'f'`,
    );
    expect(constraint[0]!.deferrable).toBe(false);
  });

  it('lets sequences continue where the backup left them', async () => {
    const { rows } = await target.query<{ id: string }>(`INSERT INTO audit_log (action) VALUES ('after.restore') RETURNING id::text AS id`);
    expect(Number(rows[0]!.id)).toBe(sequenceAtBackup + 1);
    await target.query(`DELETE FROM audit_log WHERE action = 'after.restore'`);
    const { rows: runs } = await target.query<{ id: string }>(
      `INSERT INTO retention_runs (network_id, at, key, removed) VALUES ($1, now(), 'audit', 0) RETURNING id::text AS id`,
      [ids.gems],
    );
    expect(runs[0]!.id).toBe('3');
    await target.query(`DELETE FROM retention_runs WHERE id = 3`);
  });

  it('writes the same backup to any stream, and to a download that leaves no file behind', async () => {
    const lines = (gzip: Buffer) => zlib.gunzipSync(gzip).toString('utf8').trimEnd().split('\n');
    const withoutTime = (all: string[]) => all.map((l, i) => (i === 0 ? JSON.stringify({ ...JSON.parse(l), createdAt: null }) : l));
    const expected = withoutTime(fileLines(first));

    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    });
    const counts = await backupToStream(source, sink);
    expect(withoutTime(lines(Buffer.concat(chunks)))).toEqual(expected);

    const spool = path.join(dir, 'spool');
    const download = await backupForDownload(source, spool);
    const received: Buffer[] = [];
    for await (const chunk of download.stream) received.push(chunk as Buffer);
    expect(await download.finished).toEqual(counts);
    expect(withoutTime(lines(Buffer.concat(received)))).toEqual(expected);
    // PGlite writes the file first (its size is known); PostgreSQL streams from the snapshot.
    expect(download.size).toBe(ENGINE === 'pglite' ? Buffer.concat(received).length : undefined);
    expect(fs.existsSync(spool) ? fs.readdirSync(spool) : []).toEqual([]);
  });

  it('closes the snapshot when the stream it writes to fails', async () => {
    const broken = new Writable({
      write(_chunk, _encoding, done) {
        done(new Error('disk full'));
      },
    });
    await expect(backupToStream(source, broken)).rejects.toThrow('disk full');
    // A snapshot left open would make this wait for ever on PGlite and keep a pool client on PostgreSQL.
    expect((await source.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    if (source.pool) expect(source.pool.idleCount).toBe(source.pool.totalCount);
  });

  describe('refuses bad files and leaves the data as it was', () => {
    const expectRefused = async (file: string, message: RegExp) => {
      const before = await snapshot(target);
      await expect(restoreFromFile(target, file)).rejects.toThrow(message);
      expect(await snapshot(target)).toEqual(before);
    };
    const withLines = (name: string, lines: string[]) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, gzipLines(lines));
      return file;
    };

    it('a file that is not a backup at all', async () => {
      const file = path.join(dir, 'notes.txt');
      fs.writeFileSync(file, 'Protokoll der Netzwerktreffen\n');
      await expectRefused(file, /notes\.txt is not a Mitmachnetz backup/);
      await expectRefused(withLines('other.json.gz', ['{"hello":"world"}']), /is not a Mitmachnetz backup/);
      await expectRefused(path.join(dir, 'missing.gz'), /does not exist/);
    });

    it('a truncated file', async () => {
      const file = path.join(dir, 'truncated.gz');
      const whole = fs.readFileSync(first);
      fs.writeFileSync(file, whole.subarray(0, Math.floor(whole.length * 0.8)));
      await expectRefused(file, /damaged or cut off/);
    });

    it('a file whose end marker or rows are missing', async () => {
      const lines = fileLines(first);
      await expectRefused(withLines('no-end.gz', lines.slice(0, -1)), /incomplete: its end marker is missing/);
      const withoutOneRow = lines.filter((l) => !l.startsWith('{"t":"sessions"'));
      await expectRefused(withLines('missing-row.gz', withoutOneRow), /table "sessions" should have 1 rows, found 0/);
    });

    it('a damaged line after rows were already inserted', async () => {
      const lines = fileLines(first);
      lines.splice(lines.length - 2, 0, '{"t":"users","r":{"id": "not-a-uuid"');
      await expectRefused(withLines('damaged.gz', lines), /line \d+ is not valid JSON/);
    });

    it('a row the database rejects', async () => {
      const lines = fileLines(first);
      lines.splice(lines.length - 1, 0, '{"t":"users","r":{"id":"not-a-uuid","email":"x@example.org"}}');
      await expect(restoreFromFile(target, withLines('bad-row.gz', lines))).rejects.toThrow(/uuid/);
      expect(await snapshot(target)).toEqual(original);
    });

    it('a newer format version or a newer database state', async () => {
      const [headerLine, ...rest] = fileLines(first);
      const header = JSON.parse(headerLine!);
      await expectRefused(
        withLines('v2.gz', [JSON.stringify({ ...header, version: 2 }), ...rest]),
        /format version 2, newer than this Mitmachnetz reads/,
      );
      const ahead = { ...header, migration: { tag: '9999_future', hash: 'f'.repeat(64), when: header.migration.when + 1 } };
      await expectRefused(withLines('ahead.gz', [JSON.stringify(ahead), ...rest]), /newer or different version of Mitmachnetz \(database state 9999_future\)/);
    });
  });
});

describe('removeBackupSpool', () => {
  it('removes the download files a crashed process left, and nothing else', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mmn-spool-'));
    try {
      const id = crypto.randomUUID();
      const left = [`backup-download-${id}.jsonl.gz`, `backup-download-${id}.jsonl.gz.partial-4242`];
      const kept = ['cookie-secret', 'db.lock', 'backup-2026-11-24.jsonl.gz', `backup-download-${id}.jsonl.gz.bak`];
      for (const name of [...left, ...kept]) fs.writeFileSync(path.join(dir, name), 'x');
      fs.mkdirSync(path.join(dir, 'db'));
      expect(await removeBackupSpool(dir)).toBe(2);
      expect(fs.readdirSync(dir).sort()).toEqual([...kept, 'db'].sort());
      expect(await removeBackupSpool(path.join(dir, 'missing'))).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('sortByDependencies', () => {
  const fk = (table: string, references: string) => ({ name: `${table}_${references}`, table, references, deferrable: false });

  it('puts referenced tables first and finds the foreign keys inside cycles', () => {
    const { order, cyclic } = sortByDependencies(
      ['a', 'b', 'c', 'd', 'e'],
      [fk('a', 'b'), fk('b', 'c'), fk('d', 'e'), fk('e', 'd'), fk('c', 'c')],
    );
    expect(order).toEqual(['c', 'b', 'a', 'd', 'e']);
    expect(cyclic.map((f) => f.name).sort()).toEqual(['c_c', 'd_e', 'e_d']);
  });
});
