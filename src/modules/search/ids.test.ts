import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { compareIds, IdTable, uuidWords } from './ids.ts';

describe('IdTable', () => {
  it('finds each id under its number through many removals and additions, and after renumbering', () => {
    const table = new IdTable();
    const filed = new Map<string, number>();
    const ids: string[] = [];
    let next = 0;
    for (let round = 0; round < 20_000; round++) {
      if (ids.length > 0 && round % 3 === 0) {
        // Remove one, taken from the middle of the list.
        const at = (round * 7919) % ids.length;
        const id = ids[at]!;
        ids[at] = ids[ids.length - 1]!;
        ids.pop();
        table.remove(id);
        filed.delete(id);
      } else {
        const id = randomUUID();
        table.set(next, id);
        ids.push(id);
        filed.set(id, next++);
      }
    }
    for (const [id, doc] of filed) {
      expect(table.find(id)).toBe(doc);
      expect(table.id(doc)).toBe(id);
    }
    expect(table.find(randomUUID())).toBe(-1);

    // Renumbered in reverse: the last filed becomes 0.
    const order = [...filed.values()].sort((a, b) => b - a);
    table.renumber(order);
    const renumbered = new Map(order.map((old, doc) => [old, doc]));
    for (const [id, old] of filed) expect(table.find(id)).toBe(renumbered.get(old));
  });

  it('orders ids as their lowercase text does', () => {
    const table = new IdTable();
    const ids = Array.from({ length: 200 }, () => randomUUID());
    ids.forEach((id, doc) => table.set(doc, id));
    const byTable = ids.map((_, doc) => doc).sort((a, b) => compareIds(table.words, a, b)).map((doc) => ids[doc]);
    expect(byTable).toEqual([...ids].sort());
  });

  it('reads upper case as lower case and refuses what is not a UUID', () => {
    const table = new IdTable();
    table.set(0, 'ABCDEF01-2345-4678-89AB-CDEF01234567');
    expect(table.id(0)).toBe('abcdef01-2345-4678-89ab-cdef01234567');
    expect(table.find('abcdef01-2345-4678-89ab-cdef01234567')).toBe(0);
    expect(() => uuidWords('not-a-uuid')).toThrow(/Not a UUID/);
    expect(uuidWords('ffffffff-0000-0000-0000-000000000001')).toEqual([0xffffffff, 0, 0, 1]);
  });
});
