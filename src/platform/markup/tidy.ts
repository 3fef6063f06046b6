import { parseDocument } from 'htmlparser2';
import { isTag, isText, type ChildNode, type Element } from 'domhandler';

/**
 * The structure step after the allow-list: sanitize-html keeps what is allowed where it stands, which
 * can leave list items without a list, text directly in a list, paragraphs split by a dropped
 * container or empty elements. Here the sanitised HTML is parsed again (htmlparser2) and written
 * back so that loose text sits in paragraphs, list items in lists, `div` boundaries become paragraph
 * breaks and empty elements go. Only the elements sanitize-html let through can arrive here.
 */

type Node = { text: string } | { name: string; attribs: Record<string, string>; children: Node[] };

const BLOCKS = new Set(['p', 'h2', 'h3', 'h4', 'ul', 'ol', 'blockquote', 'pre', 'hr']);
const PARAGRAPH_LIKE = new Set(['p', 'h2', 'h3', 'h4']);
const VOID = new Set(['br', 'hr', 'img']);
const WHITESPACE = /[\t\n\f\r ]+/g;

export function tidy(html: string, options: { linkRel?: string | undefined } = {}): string {
  const document = parseDocument(html, { decodeEntities: true });
  return serialise(flow(document.children, 'p'), options.linkRel);
}

/**
 * Content where blocks may stand (the top, a quote, a list item). Runs of text and inline elements
 * are wrapped in `wrap` (a paragraph at the top), or left as they are inside a list item.
 */
function flow(nodes: ChildNode[], wrap: string | null): Node[] {
  const out: Node[] = [];
  let run: Node[] = [];
  let orphanList: Node & { children: Node[] } | null = null;
  const flush = () => {
    const trimmed = trimRun(run);
    run = [];
    if (trimmed.length === 0) return;
    if (wrap) out.push({ name: wrap, attribs: {}, children: trimmed });
    else out.push(...trimmed);
  };
  const walk = (children: ChildNode[]) => {
    for (const node of children) {
      if (isTag(node) && node.name === 'li') {
        flush();
        const item = listItem(node);
        if (!item) continue;
        if (!orphanList) {
          orphanList = { name: 'ul', attribs: {}, children: [] };
          out.push(orphanList);
        }
        orphanList.children.push(item);
        continue;
      }
      if (isTag(node) && (node.name === 'div' || BLOCKS.has(node.name))) {
        flush();
        orphanList = null;
        if (node.name === 'div') walk(node.children);
        else out.push(...block(node));
        flush();
        continue;
      }
      const inline = inlineNodes(node);
      if (hasContent(inline)) orphanList = null;
      run.push(...inline);
    }
  };
  walk(nodes);
  flush();
  return out;
}

function block(element: Element): Node[] {
  const name = element.name;
  // A paragraph never holds a block: one inside splits it, so it is flowed with the paragraph as wrapper.
  if (PARAGRAPH_LIKE.has(name)) return flow(element.children, name);
  if (name === 'hr') return [{ name, attribs: {}, children: [] }];
  if (name === 'pre') {
    const text = textOf(element);
    return /\S/.test(text) ? [{ name, attribs: {}, children: [{ name: 'code', attribs: {}, children: [{ text }] }] }] : [];
  }
  if (name === 'blockquote') {
    const children = flow(element.children, 'p');
    return children.length > 0 ? [{ name, attribs: {}, children }] : [];
  }
  // ul / ol: only list items; anything else standing in the list becomes one.
  const items: Node[] = [];
  let loose: ChildNode[] = [];
  const flushLoose = () => {
    const item = loose.length > 0 ? listItemOf(loose) : null;
    loose = [];
    if (item) items.push(item);
  };
  for (const child of element.children) {
    if (isTag(child) && child.name === 'li') {
      flushLoose();
      const item = listItem(child);
      if (item) items.push(item);
    } else {
      loose.push(child);
    }
  }
  flushLoose();
  return items.length > 0 ? [{ name, attribs: {}, children: items }] : [];
}

function listItem(element: Element): Node | null {
  return listItemOf(element.children);
}

function listItemOf(nodes: ChildNode[]): Node | null {
  const children = flow(nodes, null);
  // Inline content directly in the item loses its edges' whitespace like a paragraph does.
  const trimmed = children.some((c) => 'name' in c && BLOCKS.has(c.name)) ? children : trimRun(children);
  return hasContent(trimmed) ? { name: 'li', attribs: {}, children: trimmed } : null;
}

/** Text and inline elements; an element can come back as its content alone (hence a list). */
function inlineNodes(node: ChildNode): Node[] {
  if (isText(node)) return [{ text: node.data.replace(WHITESPACE, ' ') }];
  if (!isTag(node)) return []; // comments, directives
  if (node.name === 'img' && !node.attribs.src) return [];
  if (VOID.has(node.name)) return [{ name: node.name, attribs: { ...node.attribs }, children: [] }];
  // A block inside an inline element gives up its element and keeps its content.
  const inner = (child: ChildNode): Node[] =>
    isTag(child) && (BLOCKS.has(child.name) || child.name === 'div' || child.name === 'li') ? child.children.flatMap(inner) : inlineNodes(child);
  const children = mergeText(node.children.flatMap(inner));
  if (!hasContent(children)) return [];
  // A link whose address the sanitiser removed is unwrapped: its text stays.
  if (node.name === 'a' && !node.attribs.href) return children;
  return [{ name: node.name, attribs: { ...node.attribs }, children }];
}

function textOf(node: ChildNode): string {
  if (isText(node)) return node.data;
  if (isTag(node)) return node.name === 'br' ? '\n' : node.children.map(textOf).join('');
  return '';
}

/**
 * Adjacent text pieces become one, with whitespace runs collapsed across the seam; spaces on either
 * side of a line break go (they would start or end a line).
 */
function mergeText(nodes: Node[]): Node[] {
  const out: Node[] = [];
  for (const node of nodes) {
    const last = out[out.length - 1];
    if ('text' in node && last && 'text' in last) last.text = (last.text + node.text).replace(/ {2,}/g, ' ');
    else out.push('text' in node ? { text: node.text } : node);
  }
  for (let i = 0; i < out.length; i++) {
    const node = out[i];
    if (!node || 'text' in node || node.name !== 'br') continue;
    const before = out[i - 1];
    const after = out[i + 1];
    if (before && 'text' in before) before.text = before.text.replace(/ +$/, '');
    if (after && 'text' in after) after.text = after.text.replace(/^ +/, '');
  }
  return out.filter((node) => !('text' in node) || node.text !== '');
}

/** Whitespace and line breaks at either edge of a paragraph mean nothing and go. */
function trimRun(nodes: Node[]): Node[] {
  const run = mergeText(nodes);
  const blank = (n: Node | undefined) => n !== undefined && (('text' in n && !/\S/.test(n.text)) || ('name' in n && n.name === 'br'));
  while (blank(run[0])) run.shift();
  while (blank(run[run.length - 1])) run.pop();
  const first = run[0];
  if (first && 'text' in first) first.text = first.text.replace(/^ +/, '');
  const last = run[run.length - 1];
  if (last && 'text' in last) last.text = last.text.replace(/ +$/, '');
  return hasContent(run) ? run : [];
}

function hasContent(nodes: Node[]): boolean {
  return nodes.some((n) => ('text' in n ? /\S/.test(n.text) : n.name === 'img' || n.name === 'hr' || hasContent(n.children)));
}

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttribute = (text: string) => escapeText(text).replace(/"/g, '&quot;');

function serialise(nodes: Node[], linkRel: string | undefined): string {
  let out = '';
  for (const node of nodes) {
    if ('text' in node) {
      out += escapeText(node.text);
      continue;
    }
    const attribs = { ...node.attribs };
    if (node.name === 'a' && linkRel) attribs.rel = linkRel;
    const attributes = Object.entries(attribs)
      .map(([key, value]) => ` ${key}="${escapeAttribute(value)}"`)
      .join('');
    out += `<${node.name}${attributes}>`;
    if (VOID.has(node.name)) continue;
    out += `${serialise(node.children, linkRel)}</${node.name}>`;
  }
  return out;
}
