import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { countRows, runCli, SLOW } from '../../../test/cli.ts';
import { ENGINE, openTestDatabase } from '../../../test/helpers.ts';
import { openDatabase, type Database } from '../../platform/db.ts';
import { seedDemoNetworks } from '../networks/demo.ts';

/** The commands as an operator runs them: the bin in a child process, with only the environment given. */
const FIXTURE = path.join(import.meta.dirname, 'fixtures/freinet-gems.xml');

let env: Record<string, string>;
let open: () => Promise<Database>;
let drop: () => Promise<void>;
let work: string;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'mmn-import-cli-'));
  const dataDir = path.join(work, 'data');
  if (ENGINE === 'postgres') {
    const instance = await openTestDatabase();
    const url = instance.url ?? '';
    await seedDemoNetworks(instance.database.db);
    // The child process works on the database; this pool is only needed to drop it afterwards.
    instance.database.pool?.on('error', () => undefined);
    env = { DATA_DIR: dataDir, DATABASE_URL: url };
    open = () => openDatabase({ databaseUrl: url, poolSize: 1 });
    drop = instance.drop;
  } else {
    fs.cpSync(inject('pgliteTemplate'), path.join(dataDir, 'db'), { recursive: true });
    env = { DATA_DIR: dataDir };
    open = () => openDatabase({ dataDir: path.join(dataDir, 'db') });
    drop = async () => undefined;
    const database = await open();
    await seedDemoNetworks(database.db);
    await database.close();
  }
}, SLOW);

afterAll(async () => {
  await drop?.().catch(() => undefined);
  fs.rmSync(work, { recursive: true, force: true });
});

const count = (sql: string) => countRows(open, sql);

describe('import and export on the command line', () => {
  // One step per child process, each with its own time: on a busy machine opening the embedded database takes a while.
  it('imports a FreiNet file and prints the summary', { timeout: SLOW }, async () => {
    const imported = await runCli(['import', 'freinet', FIXTURE, '--network', 'gems'], env);
    expect(imported.stderr).not.toContain('    at ');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('25 Datensätze gelesen: 22 neu angelegt, 0 aktualisiert, 3 übersprungen, 3 Hinweise.');
    expect(imported.stdout).toContain('Angebot 24 (angebotsId 1024, Zeile 339): Fehler im XML');
    expect(await count(`SELECT count(*) AS n FROM offers o JOIN networks n ON n.id = o.network_id WHERE n.slug = 'gems'`)).toBe(22);
  });

  it('exports the offers as CSV and imports the export as updates', { timeout: 2 * SLOW }, async () => {
    const file = path.join(work, 'angebote.csv');
    const exported = await runCli(['export', 'csv', file, '--network', 'gems'], env);
    expect(exported.code).toBe(0);
    expect(exported.stdout.trim()).toBe(`22 Angebote nach ${file} exportiert.`);
    expect(fs.readFileSync(file, 'utf8').startsWith('\ufeffTitel;')).toBe(true);

    const again = await runCli(['import', 'csv', file, '--network', 'gems'], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('22 Datensätze gelesen: 0 neu angelegt, 22 aktualisiert, 0 übersprungen');
  });

  it('exits with 1 when a file ends in the middle, keeping what was imported', { timeout: SLOW }, async () => {
    const broken = path.join(work, 'kaputt.xml');
    fs.writeFileSync(broken, fs.readFileSync(FIXTURE, 'utf8').slice(0, 5000));
    const cut = await runCli(['import', 'freinet', broken, '--network', 'gems'], env);
    expect(cut.code).toBe(1);
    expect(cut.stdout).toContain('Abgebrochen:');
    expect(await count(`SELECT count(*) AS n FROM offers`)).toBe(22);
  });

  it('refuses wrong command lines and missing files before opening the database', { timeout: SLOW }, async () => {
    const usage = await runCli(['import', 'excel', FIXTURE, '--network', 'gems'], env);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('import needs a format (freinet or csv)');
    const noNetwork = await runCli(['import', 'freinet', FIXTURE], env);
    expect(noNetwork.code).toBe(2);
    expect(noNetwork.stderr).toContain('--network SLUG');
    const missing = await runCli(['import', 'csv', path.join(work, 'fehlt.csv'), '--network', 'gems'], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe(`Die Datei ${path.join(work, 'fehlt.csv')} gibt es nicht oder sie ist nicht lesbar.`);
  });
});
