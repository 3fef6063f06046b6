import type { AppDeps } from './deps.ts';
import type { Db } from './db.ts';
import type { MessageKey } from './i18n/index.ts';

/** The person whose data is downloaded or erased (DSGVO Art. 15, 17, 20). */
export interface DataSubject {
  userId: string;
  /** The account's e-mail address: rows written without an account (inquiries, registrations) carry only it. */
  email: string;
}

/** A table and the columns in it that hold personal data; read by the catalogue guard test. */
export interface PersonalDataTable {
  table: string;
  columns: string[];
}

/**
 * One kind of personal data a module holds (inquiries, messages, saved searches, …). The data download
 * writes `name.json` and `name.csv` from `export`; deleting an account calls `erase`, which deletes what
 * nobody else needs and anonymises what others still rely on (a placement the organisation keeps).
 */
export interface PersonalDataPart {
  /** File name in the download, and the kind's id: lower case, no spaces. */
  name: string;
  /** Heading of the kind in the download's README and on the privacy pages. */
  label: MessageKey;
  /** Where the data lives; every personal-data column in the database must be listed by some part. */
  tables: PersonalDataTable[];
  /** The subject's rows as flat records (values JSON-serialisable; nested values are written as JSON in CSV). */
  export: (db: Db, subject: DataSubject) => Promise<Array<Record<string, unknown>>>;
  /**
   * Deletes or anonymises the subject's rows, inside the erasure's transaction. Parts run in reverse module
   * order, so the account (registered early) is deleted after every part that finds rows by its id.
   */
  erase: (db: Db, subject: DataSubject, deps: AppDeps) => Promise<void>;
}

/** A kind of data that is removed after a period, set per network within the platform's limits. */
export interface RetentionRule {
  /** Stable key stored with a network's setting, e.g. `placements.closed`. */
  key: string;
  label: MessageKey;
  defaultMonths: number;
  minMonths: number;
  maxMonths: number;
  /** Removes (or anonymises) the network's data older than `before`; returns how many rows it removed. */
  purge: (db: Db, scope: { networkId: string; before: Date }) => Promise<number>;
}

/** An erasure that waits for its grace period to end. */
export interface PendingErasure {
  dueAt: Date;
}

/**
 * How the accounts module's "Konto löschen" and its sign-in reach the erasure, without importing the module
 * that carries it out (modules depend one way: privacy builds on accounts, not the other way round).
 */
export interface ErasureService {
  /** Schedules the erasure after the grace period (or finds the one already scheduled) and mails the undo link. */
  request(deps: AppDeps, input: { userId: string; requestedBy: string | null; networkId: string | null }): Promise<PendingErasure & { already: boolean }>;
  pending(db: Db, userId: string): Promise<PendingErasure | null>;
}

let erasureService: ErasureService | null = null;

export function provideErasureService(service: ErasureService): void {
  erasureService = service;
}

/** The registered erasure service; null only when no module provides one (then deleting an account is refused). */
export function erasureServiceOf(): ErasureService | null {
  return erasureService;
}
