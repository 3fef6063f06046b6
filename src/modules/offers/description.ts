/**
 * Offer descriptions are stored as HTML of a tiny subset: p, br, ul, ol, li, strong, em and links to
 * http(s)/mailto. Typed text is turned into that subset here; imported HTML (FreiNet) is parsed into
 * the same tree and written back, so both render the same and nothing else can ever reach a page.
 * Rendering walks the tree into Preact elements — no raw HTML is ever inserted into a page.
 */

export type DescriptionNode =
  | { kind: 'text'; text: string }
  | { kind: 'br' }
  | { kind: 'p' | 'ul' | 'ol' | 'li' | 'strong' | 'em'; children: DescriptionNode[] }
  | { kind: 'a'; href: string; children: DescriptionNode[] };

type ElementKind = 'p' | 'ul' | 'ol' | 'li' | 'strong' | 'em' | 'a';

const TAG_KINDS: Record<string, ElementKind | 'br' | 'block'> = {
  p: 'p',
  ul: 'ul',
  ol: 'ol',
  li: 'li',
  strong: 'strong',
  b: 'strong',
  em: 'em',
  i: 'em',
  a: 'a',
  br: 'br',
  // Other block elements end the current paragraph, so their text does not run together.
  div: 'block',
  h1: 'block',
  h2: 'block',
  h3: 'block',
  h4: 'block',
  h5: 'block',
  h6: 'block',
  blockquote: 'block',
  section: 'block',
  table: 'block',
  tr: 'block',
};

/** Elements whose content is never text a reader should see. */
const DROPPED_WITH_CONTENT = new Set(['script', 'style', 'iframe', 'object', 'embed', 'noscript', 'template', 'svg', 'math', 'head', 'title']);

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  auml: 'ä',
  ouml: 'ö',
  uuml: 'ü',
  Auml: 'Ä',
  Ouml: 'Ö',
  Uuml: 'Ü',
  szlig: 'ß',
  euro: '€',
  ndash: '–',
  mdash: '—',
  bdquo: '„',
  ldquo: '“',
  rdquo: '”',
  sbquo: '‚',
  lsquo: '‘',
  rsquo: '’',
  hellip: '…',
  bull: '•',
  middot: '·',
  eacute: 'é',
  egrave: 'è',
  agrave: 'à',
  copy: '©',
  shy: '',
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (match, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '';
      return String.fromCodePoint(code);
    }
    return NAMED_ENTITIES[body] ?? match;
  });
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}

/** Only links a reader can follow safely: web pages and e-mail addresses. */
export function safeHref(raw: string): string | null {
  // Browsers ignore control characters and whitespace inside a scheme ("java\nscript:"); so do we.
  const href = decodeEntities(raw).replace(/[\u0000-\u0020\u007f]/g, '');
  if (/^https?:\/\/[^/]/i.test(href)) {
    try {
      new URL(href);
      return href;
    } catch {
      return null;
    }
  }
  if (/^mailto:[^@\s]+@[^@\s]+$/i.test(href)) return href;
  return null;
}

/**
 * Plain text as typed into the form → paragraphs (blank lines) with line breaks; a paragraph whose lines
 * all start with "- " becomes a list; web addresses become links. Nothing typed is ever markup.
 */
export function textToDescriptionHtml(text: string): string {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return paragraphs
    .map((p) => {
      // Runs of spaces mean nothing in HTML; collapsing them here keeps edit round trips stable.
      const lines = p
        .split('\n')
        .map((line) => line.replace(/\s+/g, ' ').trim())
        .filter(Boolean);
      if (lines.every((line) => LIST_ITEM.test(line))) {
        return `<ul>${lines.map((line) => `<li>${inlineHtml(line.replace(LIST_ITEM, ''))}</li>`).join('')}</ul>`;
      }
      return `<p>${lines.map(inlineHtml).join('<br>')}</p>`;
    })
    .join('');
}

const LIST_ITEM = /^[-•*]\s+/;

function inlineHtml(line: string): string {
  let out = '';
  let rest = line;
  for (;;) {
    const found = rest.match(/https?:\/\/[^\s<>"]+/i);
    if (!found || found.index === undefined) break;
    // Punctuation that ends a sentence is not part of the address.
    const url = found[0].replace(/[.,;:!?)\]]+$/, '');
    const href = safeHref(url);
    out += escapeText(rest.slice(0, found.index));
    out += href ? `<a href="${escapeAttribute(href)}">${escapeText(url)}</a>` : escapeText(url);
    rest = rest.slice(found.index + url.length);
  }
  return out + escapeText(rest);
}

/** The stored HTML back to the text someone edits in the form. */
export function descriptionHtmlToText(html: string): string {
  return toText(parseDescriptionHtml(html)).replace(/\n{3,}/g, '\n\n').trim();
}

function toText(nodes: DescriptionNode[]): string {
  let out = '';
  for (const node of nodes) {
    switch (node.kind) {
      case 'text':
        out += node.text;
        break;
      case 'br':
        out += '\n';
        break;
      case 'p':
      case 'ul':
      case 'ol':
        out += `${toText(node.children).trim()}\n\n`;
        break;
      case 'li':
        out += `- ${toText(node.children).trim()}\n`;
        break;
      case 'a': {
        const label = toText(node.children);
        const target = node.href.replace(/^mailto:/i, '');
        out += label && label !== target ? `${label} (${target})` : target;
        break;
      }
      default:
        out += toText(node.children);
    }
  }
  return out;
}

/**
 * Parses any HTML into the safe tree. Unknown elements disappear but keep their text; script-like
 * elements disappear with their content; attributes other than a safe href are dropped.
 * Loose text and inline elements at the top level are gathered into paragraphs.
 */
export function parseDescriptionHtml(html: string): DescriptionNode[] {
  const root: DescriptionNode[] = [];
  type Open = { kind: ElementKind; node: Extract<DescriptionNode, { children: DescriptionNode[] }> };
  const stack: Open[] = [];
  let implicitParagraph: Open | null = null;

  const container = (): DescriptionNode[] => {
    const top = stack[stack.length - 1];
    return top ? top.node.children : root;
  };
  const closeImplicit = () => {
    if (!implicitParagraph) return;
    const index = stack.indexOf(implicitParagraph);
    if (index >= 0) stack.length = index;
    implicitParagraph = null;
  };
  const ensureInlineParent = () => {
    // Text and inline elements need a paragraph or list item around them.
    const inBlock = stack.some((s) => s.kind === 'p' || s.kind === 'li');
    if (inBlock) return;
    const lists = stack.filter((s) => s.kind === 'ul' || s.kind === 'ol');
    if (lists.length > 0) {
      const li: Open = { kind: 'li', node: { kind: 'li', children: [] } };
      container().push(li.node);
      stack.push(li);
      return;
    }
    const p: Open = { kind: 'p', node: { kind: 'p', children: [] } };
    container().push(p.node);
    stack.push(p);
    implicitParagraph = p;
  };
  const pushText = (text: string) => {
    if (!text) return;
    if (!/\S/.test(text)) {
      // Whitespace between blocks means nothing; inside a paragraph it separates words.
      const top = stack[stack.length - 1];
      if (!top || top.kind === 'ul' || top.kind === 'ol') return;
    }
    ensureInlineParent();
    const children = container();
    const last = children[children.length - 1];
    // Collapsed across pieces too: text split by a dropped tag ("a <> b") must not keep two spaces,
    // or sanitising the result again would change it.
    if (last && last.kind === 'text') last.text = (last.text + text).replace(/\s+/g, ' ');
    else children.push({ kind: 'text', text: text.replace(/\s+/g, ' ') });
  };
  const closeTo = (kind: ElementKind) => {
    for (let i = stack.length - 1; i >= 0; i--) {
      if (stack[i]?.kind === kind) {
        if (implicitParagraph && stack.indexOf(implicitParagraph) >= i) implicitParagraph = null;
        stack.length = i;
        return;
      }
    }
  };

  const tokens = /<!--[\s\S]*?(?:-->|$)|<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|<!?[^>]*>?|[^<]+|</g;
  let match: RegExpExecArray | null;
  let skipUntil: string | null = null;
  while ((match = tokens.exec(html)) !== null) {
    const [token, slash, rawName, attributes = ''] = match;
    if (skipUntil) {
      if (slash && rawName?.toLowerCase() === skipUntil) skipUntil = null;
      continue;
    }
    if (token.startsWith('<!--')) continue;
    if (rawName === undefined) {
      if (token.startsWith('<') && token.length > 1) continue; // doctype, processing instruction
      pushText(decodeEntities(token));
      continue;
    }
    const name = rawName.toLowerCase();
    if (DROPPED_WITH_CONTENT.has(name)) {
      if (!slash && !/\/\s*$/.test(attributes)) skipUntil = name;
      continue;
    }
    const kind = TAG_KINDS[name];
    if (!kind) continue;
    if (kind === 'br') {
      if (slash) continue;
      ensureInlineParent();
      container().push({ kind: 'br' });
      continue;
    }
    if (kind === 'block') {
      closeImplicit();
      const top = stack[stack.length - 1];
      if (top?.kind === 'p') stack.pop();
      continue;
    }
    if (slash) {
      closeTo(kind);
      continue;
    }
    if (kind === 'p' || kind === 'ul' || kind === 'ol') {
      // Blocks do not nest inside paragraphs: a new one closes the paragraph first.
      closeImplicit();
      const pIndex = stack.findIndex((s) => s.kind === 'p');
      if (pIndex >= 0) stack.length = pIndex;
      if (kind === 'p' && stack.some((s) => s.kind === 'li')) continue;
    }
    if (kind === 'li') {
      closeImplicit();
      const listIndex = Math.max(stack.map((s) => s.kind).lastIndexOf('ul'), stack.map((s) => s.kind).lastIndexOf('ol'));
      if (listIndex < 0) {
        // A list item without a list gets one, which (a block) closes an open paragraph first.
        const pIndex = stack.findIndex((s) => s.kind === 'p');
        if (pIndex >= 0) stack.length = pIndex;
        const ul: Open = { kind: 'ul', node: { kind: 'ul', children: [] } };
        container().push(ul.node);
        stack.push(ul);
      } else {
        stack.length = listIndex + 1;
      }
    }
    if (kind === 'strong' || kind === 'em' || kind === 'a') ensureInlineParent();
    let open: Open;
    if (kind === 'a') {
      const hrefMatch = attributes.match(/\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i);
      const href = safeHref(hrefMatch?.[1] ?? hrefMatch?.[2] ?? hrefMatch?.[3] ?? '');
      if (!href) continue; // the link goes, its text stays
      open = { kind, node: { kind: 'a', href, children: [] } };
    } else {
      open = { kind, node: { kind, children: [] } };
    }
    container().push(open.node);
    stack.push(open);
  }
  return prune(root);
}

/** Drops empty elements and trims whitespace at the edges of blocks. */
function prune(nodes: DescriptionNode[]): DescriptionNode[] {
  const result: DescriptionNode[] = [];
  for (const node of nodes) {
    if (node.kind === 'text' || node.kind === 'br') {
      result.push(node);
      continue;
    }
    const children = prune(node.children);
    if (node.kind === 'p' || node.kind === 'li') trimEdges(children);
    const hasContent = children.some((c) => c.kind !== 'br' && (c.kind !== 'text' || c.text.trim() !== ''));
    if (!hasContent) continue;
    result.push({ ...node, children } as DescriptionNode);
  }
  return result;
}

function trimEdges(children: DescriptionNode[]): void {
  // Line breaks and whitespace at either edge, in any order ("a<br> "): what a trim leaves empty goes too.
  const blank = (node: DescriptionNode | undefined) => node?.kind === 'br' || (node?.kind === 'text' && node.text.trim() === '');
  while (blank(children[0])) children.shift();
  while (blank(children[children.length - 1])) children.pop();
  const first = children[0];
  if (first?.kind === 'text') first.text = first.text.replace(/^\s+/, '');
  const last = children[children.length - 1];
  if (last?.kind === 'text') last.text = last.text.replace(/\s+$/, '');
}

export function serialiseDescription(nodes: DescriptionNode[]): string {
  return nodes
    .map((node) => {
      switch (node.kind) {
        case 'text':
          return escapeText(node.text);
        case 'br':
          return '<br>';
        case 'a':
          return `<a href="${escapeAttribute(node.href)}">${serialiseDescription(node.children)}</a>`;
        default:
          return `<${node.kind}>${serialiseDescription(node.children)}</${node.kind}>`;
      }
    })
    .join('');
}

/** Any HTML (e.g. from an import) reduced to the stored subset. */
export function sanitiseDescriptionHtml(html: string): string {
  return serialiseDescription(parseDescriptionHtml(html));
}

/** Plain text for summaries, mails and search snippets. */
export function descriptionPlainText(html: string): string {
  return descriptionHtmlToText(html).replace(/\s+/g, ' ').trim();
}
