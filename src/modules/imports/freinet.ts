import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { decodeChunks, UnknownEncodingError } from './decode.ts';

/*
 * Reads a FreiNet XML export as a stream, one offer at a time, so a file of any size needs no more
 * memory than one offer. The root is <angebotsliste agenturId="…">, each offer an
 * <angebot angebotsId="…"> with simple child elements; any child may be empty or missing.
 *
 * Damage stays local where the parser can tell: an offer with an XML error inside it comes out as
 * "broken" with the parser's reasons, and reading goes on with the next one.
 */

export const FREINET_CHILDREN = [
  'einrichtungsname',
  'einrichtungs_id',
  'angebotsname',
  'kurz_beschreibung',
  'beschreibung',
  'strasse',
  'plz',
  'ort',
  'ortsteil',
  'geo_breite',
  'geo_laenge',
  'kontaktierbar',
  'avatar',
  'termine',
  'anzahl_gesuche',
  'anzahl_vermittlungen',
  'erstellt',
  'bearbeitet',
] as const;
export type FreinetChild = (typeof FREINET_CHILDREN)[number];

export interface FreinetOffer {
  /** 1-based position of the <angebot> in the file. */
  index: number;
  line: number;
  angebotsId: string;
  values: Partial<Record<FreinetChild, string>>;
}

export type FreinetItem =
  | { kind: 'start'; agenturId: string }
  | { kind: 'offer'; offer: FreinetOffer }
  | { kind: 'broken'; index: number; line: number; angebotsId: string; errors: string[] }
  /** An XML error outside any offer: reported, nothing skipped. */
  | { kind: 'warning'; line: number; error: string }
  /** Stray "&" the reader took as text (counted over the whole file). */
  | { kind: 'repaired'; count: number }
  /** Reading cannot go on; what came before stays valid. */
  | { kind: 'fatal'; code: 'not_freinet' | 'truncated' | 'encoding'; line: number; detail: string };

const KNOWN_CHILDREN: ReadonlySet<string> = new Set(FREINET_CHILDREN);

/**
 * Makes text XML can read without changing what a person meant: a lone "&" ("Kaffee & Kuchen")
 * becomes "&amp;", and HTML entities XML does not know ("&auml;", "&nbsp;") pass through as text
 * for the HTML decoder later. Without this, one stray "&" makes the parser read the rest of the file
 * as an entity name. CDATA sections are left exactly as they are. Works across chunk borders.
 */
export class AmpersandRepair {
  private carry = '';
  private inCdata = false;
  /** Lone "&" characters turned into text. */
  repaired = 0;

  push(text: string): string {
    return this.run(this.carry + text, false);
  }

  end(): string {
    return this.run(this.carry, true);
  }

  private run(s: string, final: boolean): string {
    this.carry = '';
    let out = '';
    let i = 0;
    while (i < s.length) {
      if (this.inCdata) {
        const close = s.indexOf(']]>', i);
        if (close < 0) {
          // "]]" at the very end may be the start of the closing marker.
          const keep = final ? 0 : Math.min(2, s.length - i);
          out += s.slice(i, s.length - keep);
          this.carry = s.slice(s.length - keep);
          return out;
        }
        out += s.slice(i, close + 3);
        i = close + 3;
        this.inCdata = false;
        continue;
      }
      const amp = s.indexOf('&', i);
      const cdata = s.indexOf('<![CDATA[', i);
      if (cdata >= 0 && (amp < 0 || cdata < amp)) {
        out += s.slice(i, cdata + 9);
        i = cdata + 9;
        this.inCdata = true;
        continue;
      }
      if (amp < 0) {
        let end = s.length;
        if (!final) {
          // A "<![CDATA[" cut in half at the chunk's end waits for the next chunk.
          const lt = s.lastIndexOf('<');
          if (lt >= i && '<![CDATA['.startsWith(s.slice(lt))) end = lt;
        }
        out += s.slice(i, end);
        this.carry = s.slice(end);
        return out;
      }
      out += s.slice(i, amp);
      const rest = s.slice(amp, amp + 40);
      const reference = /^&(?:#[0-9]+|#x[0-9a-fA-F]+|[A-Za-z_:][\w.:-]*)?;?/.exec(rest)?.[0] ?? '&';
      if (!final && s.length - amp < 40 && /^&(?:#(?:x[0-9a-fA-F]*|[0-9]*)|[A-Za-z_:][\w.:-]*)?$/.test(s.slice(amp))) {
        // The reference may go on in the next chunk ("&", "&#", "&#x", "&#82", "&au" at the very end).
        this.carry = s.slice(amp);
        return out;
      }
      if (/^&(?:#[0-9]+|#x[0-9a-fA-F]+|amp|lt|gt|quot|apos);$/.test(reference)) {
        out += reference;
        i = amp + reference.length;
      } else {
        if (!/^&[A-Za-z][A-Za-z0-9]*;$/.test(reference)) this.repaired++;
        out += '&amp;';
        i = amp + 1;
      }
    }
    return out;
  }
}

interface OpenOffer {
  index: number;
  line: number;
  angebotsId: string;
  values: Partial<Record<FreinetChild, string>>;
  errors: string[];
  /** Elements open inside the offer, outermost first. */
  stack: string[];
  /** The child element being read and its content: text, or markup that was not escaped. */
  child: { name: string; parts: Array<{ text: string } | { markup: string }> } | null;
}

function attribute(tag: SaxesTagPlain, name: string): string {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(tag.attributes)) if (key.toLowerCase() === wanted) return String(value).trim();
  return '';
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A child's content as one string: plain text as it came, or — when it held elements — HTML. */
function childValue(parts: Array<{ text: string } | { markup: string }>): string {
  if (!parts.some((p) => 'markup' in p)) return parts.map((p) => ('text' in p ? p.text : '')).join('');
  return parts.map((p) => ('markup' in p ? p.markup : escapeHtml(p.text))).join('');
}

export async function* readFreinet(source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>): AsyncGenerator<FreinetItem> {
  const queue: FreinetItem[] = [];
  const parser = new SaxesParser<{ xmlns: false; position: true }>({ xmlns: false, position: true });
  const repair = new AmpersandRepair();
  // Declared by assertion: the parser's callbacks change these, so the compiler must not narrow them.
  let root = 'none' as 'none' | 'open' | 'closed';
  let stopped = false as boolean;
  let index = 0;
  let current = null as OpenOffer | null;
  let recovered = false as boolean;
  let afterBroken = false as boolean;

  const finish = (offer: OpenOffer, extraError?: string) => {
    if (extraError) offer.errors.push(extraError);
    afterBroken = offer.errors.length > 0;
    if (offer.errors.length > 0) {
      queue.push({ kind: 'broken', index: offer.index, line: offer.line, angebotsId: offer.angebotsId, errors: offer.errors });
    } else {
      queue.push({ kind: 'offer', offer: { index: offer.index, line: offer.line, angebotsId: offer.angebotsId, values: offer.values } });
    }
  };

  const fatal = (code: 'not_freinet' | 'truncated' | 'encoding', detail: string) => {
    if (stopped) return;
    stopped = true;
    queue.push({ kind: 'fatal', code, line: parser.line, detail });
  };

  parser.on('opentag', (tag) => {
    if (stopped) return;
    const name = tag.name;
    if (root === 'none') {
      if (name !== 'angebotsliste') return fatal('not_freinet', `<${name}>`);
      root = 'open';
      queue.push({ kind: 'start', agenturId: attribute(tag, 'agenturId') });
      return;
    }
    if (root === 'closed') {
      // The parser answers a closing tag that matches nothing by closing every open element, the
      // list included; the offers after it are still offers, so reading goes on as if the list were open.
      root = 'open';
      recovered = true;
    }
    if (name === 'angebot') {
      // An offer inside an offer means the outer one was never closed.
      if (current) finish(current, 'element <angebot> is not closed before the next offer begins');
      index++;
      afterBroken = false;
      current = { index, line: parser.line, angebotsId: attribute(tag, 'angebotsId'), values: {}, errors: [], stack: [], child: null };
      return;
    }
    if (!current) return;
    current.stack.push(name);
    if (current.stack.length === 1) {
      current.child = KNOWN_CHILDREN.has(name) ? { name, parts: [] } : null;
    } else if (current.child) {
      const href = name.toLowerCase() === 'a' ? attribute(tag, 'href') : '';
      current.child.parts.push({ markup: href ? `<a href="${escapeHtml(href).replace(/"/g, '&quot;')}">` : `<${name}>` });
    }
  });

  parser.on('closetag', (tag) => {
    if (stopped) return;
    const name = tag.name;
    if (name === 'angebotsliste') {
      // Closed with an offer still open: the parser gave up on that offer (its error follows).
      if (current) finish(current, 'element <angebot> is not closed');
      current = null;
      root = 'closed';
      return;
    }
    if (!current) return;
    if (name === 'angebot' && current.stack.length === 0) {
      finish(current);
      current = null;
      return;
    }
    const open = current.stack.pop();
    if (current.stack.length === 0 && current.child && open === current.child.name) {
      const value = childValue(current.child.parts);
      const key = current.child.name as FreinetChild;
      // A child given twice: the first non-empty one counts.
      if (!current.values[key]?.trim()) current.values[key] = value;
      current.child = null;
    } else if (current.child && current.stack.length > 0) {
      current.child.parts.push({ markup: `</${name}>` });
    }
  });

  const onText = (text: string) => {
    if (current?.child) current.child.parts.push({ text });
  };
  parser.on('text', onText);
  parser.on('cdata', onText);

  parser.on('error', (error) => {
    if (stopped) return;
    if (recovered) {
      // After such a recovery the parser sees every further element as a second document root, and
      // the list's real end as a closing tag without an opening one.
      if (/only one root|outside of root node/.test(error.message)) return;
      if (/unmatched closing tag: angebotsliste\b/.test(error.message)) {
        root = 'closed';
        return;
      }
    }
    if (current) {
      current.errors.push(error.message);
      return;
    }
    // The echoes of a broken offer's error until the next offer begins say nothing new.
    if (afterBroken) return;
    if (root !== 'none') queue.push({ kind: 'warning', line: parser.line, error: error.message });
  });

  const drain = function* (): Generator<FreinetItem> {
    while (queue.length > 0) yield queue.shift() as FreinetItem;
  };

  try {
    let read = 0;
    for await (const text of decodeChunks(source)) {
      parser.write(repair.push(text));
      read += text.length;
      // Whatever this is, it is not an export with an <angebotsliste> near its start.
      if (root === 'none' && read > 65_536) fatal('not_freinet', 'no <angebotsliste>');
      yield* drain();
      if (stopped) return;
    }
    parser.write(repair.end());
  } catch (error) {
    if (error instanceof UnknownEncodingError) {
      fatal('encoding', error.encoding);
      yield* drain();
      return;
    }
    throw error;
  }
  yield* drain();
  if (stopped) return;
  // The parser reports unclosed elements while closing; an offer still open then is incomplete.
  parser.close();
  if (stopped) {
    yield* drain();
    return;
  }
  if (repair.repaired > 0) queue.push({ kind: 'repaired', count: repair.repaired });
  if (root === 'none') fatal('not_freinet', 'no element');
  else if (current) {
    finish(current, 'the file ends inside this offer');
    fatal('truncated', `<angebot> ${current.index}`);
  } else if (root === 'open') fatal('truncated', '</angebotsliste>');
  yield* drain();
}
