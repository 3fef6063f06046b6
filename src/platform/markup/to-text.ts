import { parseDocument } from 'htmlparser2';
import { isTag, isText, type ChildNode } from 'domhandler';

/**
 * Sanitised HTML → readable plain text: paragraphs separated by a blank line, list items with a dash
 * (numbers in ordered lists), links as "label (address)". Used for the text part of mails, summaries,
 * and to give back the text someone typed for editing (renderPlainText of it gives the same HTML).
 */
export function htmlToText(html: string): string {
  return walk(parseDocument(html, { decodeEntities: true }).children)
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function walk(nodes: ChildNode[]): string {
  let out = '';
  for (const node of nodes) {
    if (isText(node)) {
      out += node.data;
      continue;
    }
    if (!isTag(node)) continue;
    switch (node.name) {
      case 'br':
        out += '\n';
        break;
      case 'hr':
        out += '\n\n———\n\n';
        break;
      case 'img':
        out += node.attribs.alt ?? '';
        break;
      case 'p':
      case 'h2':
      case 'h3':
      case 'h4':
      case 'ul':
      case 'ol':
        out += `\n\n${walk(node.children).trim()}\n\n`;
        break;
      case 'pre':
        out += `\n\n${walk(node.children)}\n\n`;
        break;
      case 'blockquote':
        out += `\n\n${walk(node.children)
          .trim()
          .split('\n')
          .map((line) => `> ${line}`.trimEnd())
          .join('\n')}\n\n`;
        break;
      case 'li': {
        const parent = node.parent;
        const number = parent && isTag(parent) && parent.name === 'ol' ? `${parent.children.filter((c) => isTag(c)).indexOf(node) + 1}.` : '-';
        out += `${number} ${walk(node.children).trim()}\n`;
        break;
      }
      case 'a': {
        const label = walk(node.children);
        const href = node.attribs.href ?? '';
        const target = href.replace(/^mailto:/i, '');
        out += !href || label === href || label === target ? label : `${label} (${target})`;
        break;
      }
      default:
        out += walk(node.children);
    }
  }
  return out;
}
