import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Db } from '../../platform/db.ts';
import { translator, type T } from '../../platform/i18n/index.ts';
import { findNetworkBySlug } from '../../platform/networks/queries.ts';
import { importCsv, importFreinet, importTarget, recordExport } from './commands.ts';
import { offersCsv } from './csv.ts';
import { offersForExport } from './queries.ts';
import { summaryLines } from './summary.ts';

/*
 * `mitmachnetz import freinet|csv FILE --network SLUG` and `mitmachnetz export csv FILE --network SLUG`.
 * Progress goes to stderr, the summary to stdout; exit code 0 when the file was read to its end.
 */

export interface ImportExportArgs {
  command: 'import' | 'export';
  format: string;
  file: string;
  network: string;
}

/**
 * What is wrong with the command line (exit code 2) or with the file to import (exit code 1), or null.
 * Checked before the database is opened, so a typo costs no waiting.
 */
export function importExportUsage(command: string, rest: string[], network: string | undefined): { message: string; exitCode: 1 | 2 } | null {
  const [format, file] = rest;
  const formats = command === 'import' ? ['freinet', 'csv'] : ['csv'];
  const example = command === 'import' ? 'mitmachnetz import freinet export.xml --network gems' : 'mitmachnetz export csv angebote.csv --network gems';
  const usage = (message: string) => ({ message, exitCode: 2 as const });
  if (!format || !formats.includes(format)) return usage(`${command} needs a format (${formats.join(' or ')}), e.g. ${example}`);
  if (!file) return usage(`${command} ${format} needs a FILE, e.g. ${example}`);
  if (!network) return usage(`${command} needs --network SLUG (the network's short name), e.g. ${example}`);
  if (command === 'import' && !isReadableFile(path.resolve(file))) {
    return { message: cliTranslator()('imports.cli.fileMissing', { file: path.resolve(file) }), exitCode: 1 };
  }
  return null;
}

function isReadableFile(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.R_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** German for people whose system speaks German, English otherwise (like the rest of the command line). */
function cliTranslator(): T {
  const lang = process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '';
  return translator(lang.toLowerCase().startsWith('de') ? 'de' : 'en');
}

export async function runImportExport(
  db: Db,
  args: ImportExportArgs,
  now: Date,
  out: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream } = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  const t = cliTranslator();
  const file = path.resolve(args.file);
  const network = await findNetworkBySlug(db, args.network);
  if (!network) {
    out.stderr.write(`${t('imports.cli.networkUnknown', { slug: args.network })}\n`);
    return 1;
  }

  if (args.command === 'export') {
    let count = 0;
    await pipeline(Readable.from(offersCsv(offersForExport(db, network.id), () => count++)), fs.createWriteStream(file));
    await recordExport(db, { networkId: network.id, actorId: null, now, count, format: 'csv' });
    out.stdout.write(`${t('imports.cli.exported', { count, file })}\n`);
    return 0;
  }

  if (!isReadableFile(file)) {
    out.stderr.write(`${t('imports.cli.fileMissing', { file })}\n`);
    return 1;
  }
  const target = await importTarget(db, network, null, now);
  const onProgress = (read: number) => out.stderr.write(`${t('imports.progress', { count: read })}\n`);
  const summary =
    args.format === 'freinet'
      ? await importFreinet(db, target, fs.createReadStream(file), { onProgress })
      : await importCsv(db, target, await fs.promises.readFile(file), { onProgress });
  out.stdout.write(`${summaryLines(t, summary).join('\n')}\n`);
  return summary.fatal ? 1 : 0;
}
