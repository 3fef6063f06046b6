import { and, desc, eq, gte, lt } from 'drizzle-orm';
import { auditLog } from '../../platform/audit/schema.ts';
import type { Db } from '../../platform/db.ts';
import type { RetentionRule } from '../../platform/privacy.ts';
import { registeredModules } from '../../platform/registry.ts';
import { networks } from '../../platform/networks/schema.ts';
import { retentionRuns, retentionSettings } from './schema.ts';

/** Every registered module's retention rules. */
export function retentionRules(): RetentionRule[] {
  return registeredModules().flatMap((module) => module.retention ?? []);
}

export interface RetentionPeriod {
  rule: RetentionRule;
  months: number;
}

/** A network's periods: its own setting where it made one (kept within the rule's limits), else the default. */
export async function networkPeriods(db: Db, networkId: string): Promise<RetentionPeriod[]> {
  const rows = await db.select().from(retentionSettings).where(eq(retentionSettings.networkId, networkId));
  const chosen = new Map(rows.map((row) => [row.key, row.months]));
  return retentionRules().map((rule) => {
    const months = chosen.get(rule.key) ?? rule.defaultMonths;
    return { rule, months: Math.min(rule.maxMonths, Math.max(rule.minMonths, months)) };
  });
}

/** Checks each value against its rule's limits; returns the keys out of range (nothing is saved then). */
export async function saveRetention(db: Db, networkId: string, values: Record<string, number>): Promise<string[]> {
  const rules = retentionRules();
  const wrong = rules.filter((rule) => {
    const value = values[rule.key];
    return value === undefined || !Number.isInteger(value) || value < rule.minMonths || value > rule.maxMonths;
  });
  if (wrong.length > 0) return wrong.map((rule) => rule.key);
  await db.transaction(async (tx) => {
    for (const rule of rules) {
      const months = values[rule.key]!;
      await tx
        .insert(retentionSettings)
        .values({ networkId, key: rule.key, months })
        .onConflictDoUpdate({ target: [retentionSettings.networkId, retentionSettings.key], set: { months } });
    }
  });
  return [];
}

export function monthsBefore(now: Date, months: number): Date {
  const before = new Date(now);
  before.setUTCMonth(before.getUTCMonth() - months);
  return before;
}

export interface RetentionReport {
  networkId: string;
  key: string;
  removed: number;
}

/** The daily job: applies every network's periods and records what went, for the log and the office's page. */
export async function runRetention(db: Db, now: Date): Promise<RetentionReport[]> {
  const report: RetentionReport[] = [];
  const all = await db.select({ id: networks.id }).from(networks);
  for (const network of all) {
    for (const { rule, months } of await networkPeriods(db, network.id)) {
      const removed = await rule.purge(db, { networkId: network.id, before: monthsBefore(now, months) });
      if (removed === 0) continue;
      await db.insert(retentionRuns).values({ networkId: network.id, at: now, key: rule.key, removed });
      report.push({ networkId: network.id, key: rule.key, removed });
    }
  }
  return report;
}

/** The last removals in a network, newest first (the office's page). */
export async function recentRuns(db: Db, networkId: string, since: Date) {
  return db
    .select()
    .from(retentionRuns)
    .where(and(eq(retentionRuns.networkId, networkId), gte(retentionRuns.at, since)))
    .orderBy(desc(retentionRuns.at))
    .limit(50);
}

/** The privacy module's own rule: the network's entries in the audit log. */
export const auditRetention: RetentionRule = {
  key: 'audit',
  label: 'privacy.retention.audit',
  defaultMonths: 24,
  minMonths: 6,
  maxMonths: 120,
  async purge(db, scope) {
    const removed = await db
      .delete(auditLog)
      .where(and(eq(auditLog.networkId, scope.networkId), lt(auditLog.at, scope.before)))
      .returning();
    return removed.length;
  },
};
