import { describe, expect, it } from 'vitest';
import { backupFileName, SLUG } from './rules.ts';

describe('network short names', () => {
  it('allows lowercase letters, digits and single inner hyphens only', () => {
    for (const good of ['gems', 'engagiert-in-taucha', 'netz2']) expect(SLUG.test(good)).toBe(true);
    for (const bad of ['', 'Gems', 'weißwasser', '-a', 'a-', 'a--b', 'a b', 'a/b', '..']) expect(SLUG.test(bad)).toBe(false);
  });
});

describe('backup file name', () => {
  it('carries the German wall-clock time, in winter and in summer', () => {
    expect(backupFileName(new Date('2026-11-24T02:05:00Z'))).toBe('mitmachnetz-sicherung-2026-11-24T0305.jsonl.gz');
    expect(backupFileName(new Date('2026-07-01T21:59:59Z'))).toBe('mitmachnetz-sicherung-2026-07-01T2359.jsonl.gz');
  });

  it('moves to the next day at German midnight, not at UTC midnight', () => {
    expect(backupFileName(new Date('2026-12-31T23:30:00Z'))).toBe('mitmachnetz-sicherung-2027-01-01T0030.jsonl.gz');
    expect(backupFileName(new Date('2026-06-14T22:00:00Z'))).toBe('mitmachnetz-sicherung-2026-06-15T0000.jsonl.gz');
  });
});
