import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/helpers.ts';
import type { Database } from '../../platform/db.ts';
import type { PersonalDataPart } from '../../platform/privacy.ts';
import { uncoveredColumns, type CatalogueColumn } from './catalogue-guard.ts';
import { personalDataParts } from './download.ts';

/**
 * Columns whose names look personal but which hold no data about a person, each with the reason. A new
 * entry here is a decision a reviewer should see; a new personal column belongs in a module's part instead.
 */
const NOT_PERSONAL: Record<string, string> = {
  'networks.name': "a network's name",
  'networks.contact_email': "the network office's functional mailbox, published on the network's pages",
  'municipalities.name': "a municipality's name",
  'organisations.name': "an organisation's name",
  'organisations.street': "an organisation's address",
  'offers.street': 'where an offer takes place',
  'api_tokens.name': 'the label an organisation gives a key',
  'offers.status_reason': "the office's reason for an offer's status, about the offer",
  'organisations.status_reason': "the office's reason for an organisation's status, about the organisation",
  'retention_settings': 'periods per network',
  'retention_runs': 'counts per network',
  'acceptance_points.name': "a business's or institution's name",
  'acceptance_points.street': "a business's address",
  'engagement_certificates.issuer_name': 'the issuing organisation or office',
  'infomail_lists.name': "a list's name",
  'infomail_settings.from_name': "the network's sender name",
  'infomail_mailings.body': 'an info mail the office publishes to its list',
  'infomail_suppressions.email_hash': 'a one-way hash kept so an unsubscribed address gets no mail (issue 15)',
  'infomail_suppressions.reason': 'why an address is suppressed (unsubscribed, bounced)',
};

let database: Database;
let drop: () => Promise<void>;

beforeAll(async () => {
  const opened = await openTestDatabase();
  database = opened.database;
  drop = opened.drop;
});
afterAll(async () => {
  await drop();
});

/** The migrated database's public tables and columns, with the tables and columns their foreign keys point to. */
async function readCatalogue(): Promise<CatalogueColumn[]> {
  const { rows } = await database.query<{ table_name: string; column_name: string; ref_table: string | null; ref_column: string | null }>(
    `select c.table_name, c.column_name, r.table_name as ref_table, r.column_name as ref_column
       from information_schema.columns c
       join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
       left join information_schema.key_column_usage k
         on k.table_schema = c.table_schema and k.table_name = c.table_name and k.column_name = c.column_name
       left join information_schema.referential_constraints rc
         on rc.constraint_schema = k.constraint_schema and rc.constraint_name = k.constraint_name
       left join information_schema.key_column_usage r
         on r.constraint_schema = rc.unique_constraint_schema and r.constraint_name = rc.unique_constraint_name
            and r.ordinal_position = k.position_in_unique_constraint
      where c.table_schema = 'public'
      order by c.table_name, c.ordinal_position`,
  );
  return rows.map((row) => ({
    table: row.table_name,
    column: row.column_name,
    references: row.ref_table && row.ref_column ? { table: row.ref_table, column: row.ref_column } : undefined,
  }));
}

describe('the catalogue guard', () => {
  it('finds every personal-data column of the migrated database in some module\'s part', async () => {
    const catalogue = await readCatalogue();
    expect(catalogue.some((column) => column.table === 'placements' && column.references?.table === 'users')).toBe(true);
    expect(uncoveredColumns(catalogue, personalDataParts(), NOT_PERSONAL)).toEqual([]);
  });

  it('fails for a new column that references users, or is named like personal data, without a part', () => {
    const part: PersonalDataPart = {
      name: 'x',
      label: 'privacy.kind.account',
      tables: [{ table: 'hours', columns: ['volunteer_id'] }],
      export: async () => [],
      erase: async () => {},
    };
    const catalogue: CatalogueColumn[] = [
      { table: 'hours', column: 'volunteer_id', references: { table: 'users', column: 'id' } },
      { table: 'hours', column: 'confirmed_by', references: { table: 'users', column: 'id' } },
      { table: 'hours', column: 'minutes' },
      { table: 'survey_answers', column: 'respondent', references: { table: 'users', column: 'id' } },
      { table: 'survey_answers', column: 'answer' },
      { table: 'newsletter', column: 'subscriber_email' },
      { table: 'events', column: 'title' },
      { table: 'networks', column: 'name' },
    ];
    expect(uncoveredColumns(catalogue, [part], NOT_PERSONAL)).toEqual([
      'hours.confirmed_by',
      'newsletter.subscriber_email',
      'survey_answers.answer',
      'survey_answers.respondent',
    ]);
  });
});
