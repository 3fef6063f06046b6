/** Values of one column, numbered in the order first seen; at most `limit` of them (the record's room). */
export class Dictionary {
  private readonly numbers = new Map<string, number>();
  readonly values: string[] = [];

  constructor(
    protected readonly column: string,
    private readonly limit: number,
  ) {}

  number(value: string): number {
    let n = this.numbers.get(value);
    if (n === undefined) {
      n = this.values.length;
      if (n >= this.limit) throw new Error(`The search index holds at most ${this.limit} values of ${this.column}.`);
      this.numbers.set(value, n);
      this.values.push(value);
    }
    return n;
  }

  find(value: string): number | undefined {
    return this.numbers.get(value);
  }
}

/** A dictionary for columns holding several values, kept as a bit mask. */
export class BitDictionary extends Dictionary {
  mask(values: readonly (string | number)[]): number {
    let mask = 0;
    for (const value of values) mask |= 1 << this.number(String(value));
    return mask >>> 0;
  }

  /** The mask of the known values among `values`, and whether every one was known. */
  wanted(values: readonly (string | number)[]): { mask: number; complete: boolean } {
    let mask = 0;
    let complete = true;
    for (const value of values) {
      const n = this.find(String(value));
      if (n === undefined) complete = false;
      else mask |= 1 << n;
    }
    return { mask: mask >>> 0, complete };
  }
}
