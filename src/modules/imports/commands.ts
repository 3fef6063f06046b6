import { and, asc, eq, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { auditLog } from '../../platform/audit/schema.ts';
import { listMunicipalities } from '../../platform/networks/queries.ts';
import type { Network } from '../../platform/networks/schema.ts';
import { offers, type Offer, type OfferStatus } from '../offers/index.ts';
import { organisations, type Organisation } from '../organisations/index.ts';
import { readCsv } from './csv.ts';
import { readFreinet } from './freinet.ts';
import { freinetRecord } from './freinet-records.ts';
import { placeMatcher, type PlaceMatcher } from './places.ts';
import type { ImportRecord, Problem } from './record.ts';
import { addSkipped, addWarning, emptySummary, type ImportFormat, type ImportSummary } from './summary.ts';
import { UUID_REGEX as UUID } from '../../platform/http/ids.ts';

/*
 * Imports write offers one record at a time, each in its own transaction: a record that fails
 * leaves nothing behind, and everything before it stays. Offers are matched by their external id
 * within the network, so importing the same file twice updates and never duplicates.
 */

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface ImportTarget {
  network: Network;
  places: PlaceMatcher;
  /** The person importing (null on the command line). */
  actorId: string | null;
  now: Date;
}

export async function importTarget(db: Db, network: Network, actorId: string | null, now: Date): Promise<ImportTarget> {
  return { network, places: placeMatcher(await listMunicipalities(db, network.id)), actorId, now };
}

export type SaveResult =
  | { ok: true; outcome: 'created' | 'updated'; organisationCreated: boolean; warnings: Problem[] }
  | { ok: false; reasons: Problem[] };

/** An expected reason to give up on a record inside its transaction, so nothing of it stays. */
class Refusal extends Error {
  constructor(readonly problem: Problem) {
    super(problem.key);
  }
}


function errorCode(error: unknown): string | undefined {
  const e = error as { code?: unknown; cause?: { code?: unknown } };
  const code = e?.code ?? e?.cause?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The database's own words for a refused row (a constraint, a too long value); no stack, no data dump. */
function databaseReason(error: unknown): Problem {
  const e = error as { message?: unknown; cause?: { message?: unknown } };
  const message = typeof e?.cause?.message === 'string' ? e.cause.message : typeof e?.message === 'string' ? e.message : 'unknown';
  return { key: 'imports.reason.database', params: { detail: message.split('\n')[0]?.slice(0, 200) ?? '' } };
}

/** Stores one record: finds or creates its organisation, then creates or updates its offer. */
export async function saveImportedOffer(db: Db, target: ImportTarget, record: ImportRecord): Promise<SaveResult> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction((tx) => save(tx, target, record));
    } catch (error) {
      if (error instanceof Refusal) return { ok: false, reasons: [error.problem] };
      // Two imports of the same file at once: the second finds the row the first just made.
      if (errorCode(error) === '23505' && attempt === 0) continue;
      if (errorCode(error) === undefined && !(error as { cause?: unknown })?.cause) throw error;
      return { ok: false, reasons: [databaseReason(error)] };
    }
  }
}

async function findOrganisation(tx: Tx, networkId: string, wanted: ImportRecord['organisation']) {
  if (wanted.externalId) {
    const [byId] = await tx
      .select()
      .from(organisations)
      .where(and(eq(organisations.networkId, networkId), eq(organisations.externalId, wanted.externalId)))
      .limit(1);
    if (byId) return { organisation: byId, byName: false };
  }
  if (!wanted.name) return null;
  // By name only an organisation that is not already another system's record of a different id.
  const [byName] = await tx
    .select()
    .from(organisations)
    .where(
      and(
        eq(organisations.networkId, networkId),
        sql`lower(${organisations.name}) = lower(${wanted.name})`,
        wanted.externalId ? or(isNull(organisations.externalId), eq(organisations.externalId, wanted.externalId)) : undefined,
      ),
    )
    .orderBy(asc(organisations.createdAt), asc(organisations.id))
    .limit(1);
  return byName ? { organisation: byName, byName: true } : null;
}

async function organisationFor(
  tx: Tx,
  target: ImportTarget,
  record: ImportRecord,
  municipalityId: string | null | undefined,
): Promise<{ organisation: Organisation; created: boolean }> {
  const { network, now } = target;
  const found = await findOrganisation(tx, network.id, record.organisation);
  if (!found) {
    if (!record.organisation.name) {
      throw new Refusal({ key: 'imports.reason.organisationUnknown', params: { id: record.organisation.externalId ?? '' } });
    }
    const [created] = await tx
      .insert(organisations)
      .values({
        networkId: network.id,
        externalId: record.organisation.externalId,
        name: record.organisation.name,
        municipalityId: municipalityId ?? null,
        postcode: record.values.postcode ?? '',
        place: record.values.place ?? '',
        // The network office imports what it already knows: these organisations need no second check.
        status: 'verified',
        verifiedAt: now,
        createdBy: target.actorId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!created) throw new Error('organisation not created');
    return { organisation: created, created: true };
  }
  const { organisation, byName } = found;
  const changes: Partial<typeof organisations.$inferInsert> = {};
  if (byName && !organisation.externalId && record.organisation.externalId) changes.externalId = record.organisation.externalId;
  // Matched by its id: the source's current name wins.
  if (!byName && record.organisation.name && record.organisation.name !== organisation.name) changes.name = record.organisation.name;
  if (organisation.status === 'pending') {
    changes.status = 'verified';
    changes.verifiedAt = now;
  }
  if (Object.keys(changes).length === 0) return { organisation, created: false };
  const [updated] = await tx
    .update(organisations)
    .set({ ...changes, updatedAt: now })
    .where(eq(organisations.id, organisation.id))
    .returning();
  return { organisation: updated ?? organisation, created: false };
}

async function existingOffer(tx: Tx, networkId: string, externalId: string): Promise<Offer | undefined> {
  const [byExternal] = await tx
    .select()
    .from(offers)
    .where(and(eq(offers.networkId, networkId), eq(offers.externalId, externalId)))
    .for('update')
    .limit(1);
  if (byExternal || !UUID.test(externalId)) return byExternal;
  // Our own CSV export names offers made on the platform by their id.
  const [byId] = await tx
    .select()
    .from(offers)
    .where(and(eq(offers.networkId, networkId), eq(offers.id, externalId), isNull(offers.externalId)))
    .for('update')
    .limit(1);
  return byId;
}

/** Status and its dates: FreiNet offers are published; a spreadsheet may say otherwise. */
function lifecycle(target: ImportTarget, record: ImportRecord, existing: Offer | undefined) {
  const { now, network } = target;
  const freshExpiry = new Date(now.getTime() + network.offerLifetimeDays * 86_400_000);
  const renewed = {
    status: 'published' as OfferStatus,
    statusReason: '',
    publishedAt: record.publishedAt ?? existing?.publishedAt ?? now,
    expiresAt: freshExpiry,
    expiryReminderSentAt: null,
  };
  const kept = {
    status: existing?.status ?? ('published' as OfferStatus),
    statusReason: existing?.statusReason ?? '',
    publishedAt: existing?.publishedAt ?? null,
    expiresAt: existing?.expiresAt ?? null,
    expiryReminderSentAt: existing?.expiryReminderSentAt ?? null,
  };
  if (record.status === undefined) {
    // Paused or archived on the platform is a person's decision; a new export does not undo it.
    if (!existing || existing.status === 'published' || existing.status === 'expired') return renewed;
    return kept;
  }
  if (record.status === 'published') {
    const running = existing?.status === 'published' && existing.expiresAt !== null && existing.expiresAt > now;
    return running ? { ...kept, status: 'published' as OfferStatus } : { ...renewed, publishedAt: existing?.publishedAt ?? record.publishedAt ?? now };
  }
  return { ...kept, status: record.status };
}

async function save(tx: Tx, target: ImportTarget, record: ImportRecord): Promise<SaveResult> {
  const { network, now } = target;
  const warnings = [...record.warnings];
  let municipalityId: string | null | undefined;
  if (record.municipality) {
    const { name, place, district } = record.municipality;
    municipalityId = target.places.match(record.municipality);
    const given = [name, place, district].filter(Boolean).join(' / ');
    if (!municipalityId && given) warnings.push({ key: 'imports.warning.municipality', params: { place: given.slice(0, 120) } });
  }
  const { organisation, created: organisationCreated } = await organisationFor(tx, target, record, municipalityId);
  const existing = await existingOffer(tx, network.id, record.externalId);
  const life = lifecycle(target, record, existing);
  if (!existing) {
    await tx.insert(offers).values({
      networkId: network.id,
      organisationId: organisation.id,
      municipalityId: municipalityId ?? null,
      externalId: record.externalId,
      ...record.values,
      ...life,
      createdBy: target.actorId,
      createdAt: record.createdAt ?? now,
      updatedAt: now,
    });
    return { ok: true, outcome: 'created', organisationCreated, warnings };
  }
  await tx
    .update(offers)
    .set({
      organisationId: organisation.id,
      ...(municipalityId !== undefined ? { municipalityId } : {}),
      ...record.values,
      ...life,
      updatedAt: now,
    })
    .where(eq(offers.id, existing.id));
  return { ok: true, outcome: 'updated', organisationCreated, warnings };
}

export interface ImportOptions {
  /** Called after every 100 records read (the command line prints progress). */
  onProgress?: (read: number) => void;
}

function progress(summary: ImportSummary, options: ImportOptions): void {
  if (summary.read % 100 === 0) options.onProgress?.(summary.read);
}

async function store(db: Db, target: ImportTarget, summary: ImportSummary, record: ImportRecord): Promise<void> {
  const result = await saveImportedOffer(db, target, record);
  if (!result.ok) {
    addSkipped(summary, record.where, result.reasons);
    return;
  }
  if (result.outcome === 'created') summary.created++;
  else summary.updated++;
  if (result.organisationCreated) summary.organisationsCreated++;
  for (const warning of result.warnings) addWarning(summary, record.where, warning);
}

/** One audit entry per import: counts only, never the file's contents. */
async function auditImport(db: Db, target: ImportTarget, summary: ImportSummary): Promise<void> {
  await db.insert(auditLog).values({
    at: target.now,
    actorId: target.actorId,
    networkId: target.network.id,
    action: `imports.${summary.format}`,
    subjectId: target.network.id,
    details: {
      read: summary.read,
      created: summary.created,
      updated: summary.updated,
      skipped: summary.skippedCount,
      warnings: summary.warningCount,
      fatal: summary.fatal?.problem.key ?? null,
    },
  });
}

/** Reads a FreiNet XML export from a stream of bytes and stores its offers in the target's network. */
export async function importFreinet(
  db: Db,
  target: ImportTarget,
  source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const summary = emptySummary('freinet');
  const seen = new Map<string, number>();
  try {
    for await (const item of readFreinet(source)) {
      switch (item.kind) {
        case 'start':
          break;
        case 'warning':
          addWarning(summary, { line: item.line }, { key: 'imports.warning.xml', params: { detail: item.error } });
          break;
        case 'repaired':
          addWarning(summary, null, { key: 'imports.warning.repaired', params: { count: item.count } });
          break;
        case 'fatal':
          summary.fatal = { where: { line: item.line }, problem: { key: `imports.fatal.${item.code}` as Problem['key'], params: { detail: item.detail } } };
          break;
        case 'broken': {
          summary.read++;
          const where = { index: item.index, line: item.line, ...(item.angebotsId ? { externalId: item.angebotsId } : {}) };
          addSkipped(summary, where, item.errors.map((detail) => ({ key: 'imports.reason.xml', params: { detail } })));
          progress(summary, options);
          break;
        }
        case 'offer': {
          summary.read++;
          const converted = freinetRecord(item.offer);
          const where = { index: item.offer.index, line: item.offer.line, ...(item.offer.angebotsId ? { externalId: item.offer.angebotsId.trim() } : {}) };
          if (!converted.ok) addSkipped(summary, where, converted.reasons);
          else {
            const first = seen.get(converted.record.externalId);
            if (first !== undefined) {
              addSkipped(summary, where, [{ key: 'imports.reason.duplicateOffer', params: { first } }]);
            } else {
              seen.set(converted.record.externalId, item.offer.index);
              await store(db, target, summary, converted.record);
            }
          }
          progress(summary, options);
          break;
        }
      }
    }
  } catch (error) {
    // The file could not be read on (a disk error, a cut connection): keep what is stored.
    summary.fatal = { where: null, problem: { key: 'imports.fatal.read', params: { detail: (error as Error).message.slice(0, 200) } } };
  }
  await auditImport(db, target, summary);
  return summary;
}

/** Reads a CSV file (the whole file: spreadsheets are small) and stores its offers. */
export async function importCsv(db: Db, target: ImportTarget, bytes: Uint8Array, options: ImportOptions = {}): Promise<ImportSummary> {
  const summary = emptySummary('csv');
  const parsed = readCsv(bytes);
  for (const warning of parsed.warnings) addWarning(summary, warning.where, warning.problem);
  const seen = new Map<string, number>();
  for (const row of parsed.rows) {
    summary.read++;
    if (!row.ok) addSkipped(summary, row.where, row.reasons);
    else {
      const key = row.record.externalId;
      const first = seen.get(key);
      if (first !== undefined) addSkipped(summary, row.where, [{ key: 'imports.reason.duplicateRow', params: { first } }]);
      else {
        seen.set(key, row.where.line ?? 0);
        await store(db, target, summary, row.record);
      }
    }
    progress(summary, options);
  }
  summary.fatal = parsed.fatal;
  await auditImport(db, target, summary);
  return summary;
}

/** An export leaves a trace too: who took the network's offers out, and how many. */
export async function recordExport(db: Db, input: { networkId: string; actorId: string | null; now: Date; count: number; format: ImportFormat }): Promise<void> {
  await db.insert(auditLog).values({
    at: input.now,
    actorId: input.actorId,
    networkId: input.networkId,
    action: `imports.export_${input.format}`,
    subjectId: input.networkId,
    details: { offers: input.count },
  });
}
