/*
 * Exports name places the way people write them: "Delitzsch OT Selben", "04509 Delitzsch",
 * "Gemeinde Krostitz", "Weisswasser", "SCHÖNWÖLKAU". This finds the network's municipality behind
 * such a name, or nothing; it never guesses between two.
 */

/** Lower case, umlauts spelt out (ä → ae, ß → ss), accents and punctuation gone, spaces single. */
export function normalisePlace(value: string): string {
  return value
    .toLocaleLowerCase('de')
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Words in front of a municipality's name that say what kind of place it is. */
const KIND_PREFIX = /^(?:grosse kreisstadt|kreisstadt|stadt|gemeinde|markt|ortsteil)\s+/;
/** "Delitzsch OT Selben", "Delitzsch, Ortsteil Selben", "Delitzsch - Selben": the municipality comes first. */
const DISTRICT_SEPARATOR = /\s+(?:ot|ortsteil|st|stadtteil)\s+|\s*[,/–-]\s*/i;

function candidates(raw: string): string[] {
  const result: string[] = [];
  const add = (value: string) => {
    const normalised = normalisePlace(value).replace(/^\d{5}\s+/, '').replace(KIND_PREFIX, '');
    if (normalised && !result.includes(normalised)) result.push(normalised);
  };
  const text = raw.trim();
  if (!text) return result;
  add(text);
  const withoutBrackets = text.replace(/\(([^)]*)\)/g, ' ').trim();
  add(withoutBrackets);
  const head = withoutBrackets.split(DISTRICT_SEPARATOR)[0];
  if (head) add(head);
  // "Selben (Delitzsch)": the bracket names the municipality.
  for (const match of text.matchAll(/\(([^)]*)\)/g)) if (match[1]) add(match[1]);
  return result;
}

export interface PlaceMatcher {
  /** The municipality for an explicit name, or for a place and its district; null when none fits. */
  match(input: { name?: string; place?: string; district?: string }): string | null;
}

export function placeMatcher(municipalities: ReadonlyArray<{ id: string; name: string }>): PlaceMatcher {
  const byName = new Map<string, string | null>();
  const put = (key: string, id: string) => {
    if (!key) return;
    const existing = byName.get(key);
    // Two municipalities under one short name: the short name fits neither.
    byName.set(key, existing === undefined || existing === id ? id : null);
  };
  for (const m of municipalities) {
    const full = normalisePlace(m.name);
    put(full, m.id);
    put(full.replace(KIND_PREFIX, ''), m.id);
    // "Weißwasser/O.L." is also written "Weißwasser".
    const short = m.name.split(/[/(,]/)[0];
    if (short) put(normalisePlace(short), m.id);
  }
  const lookup = (raw: string | undefined): string | null => {
    for (const candidate of candidates(raw ?? '')) {
      const id = byName.get(candidate);
      if (id) return id;
    }
    return null;
  };
  return {
    match({ name, place, district }) {
      return lookup(name) ?? lookup(place) ?? lookup(district);
    },
  };
}
