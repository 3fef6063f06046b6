import { SaxesParser } from 'saxes';

/** An element of a parsed XML document: namespace-aware name, attributes, child elements and text. */
export interface XmlElement {
  /** The namespace URI, so a test can tell an Atom <link> from an RSS <link>. */
  uri: string;
  local: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/**
 * Parses a whole document with saxes, a conforming XML parser: it throws on anything a feed reader would
 * refuse (bad characters, unescaped markup, wrong nesting, undeclared prefixes). For tests.
 */
export function parseXml(source: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  parser.on('error', (error) => {
    throw error;
  });
  parser.on('opentag', (tag) => {
    const element: XmlElement = {
      uri: tag.uri,
      local: tag.local,
      attributes: Object.fromEntries(Object.values(tag.attributes).map((a) => [a.local, a.value])),
      children: [],
      text: '',
    };
    stack.at(-1)?.children.push(element);
    stack.push(element);
    root ??= element;
  });
  parser.on('text', (text) => {
    const top = stack.at(-1);
    if (top) top.text += text;
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.write(source).close();
  if (!root) throw new Error('no root element');
  return root;
}

export function childrenNamed(element: XmlElement, local: string, uri?: string): XmlElement[] {
  return element.children.filter((c) => c.local === local && (uri === undefined || c.uri === uri));
}

export function childText(element: XmlElement, local: string, uri?: string): string {
  return childrenNamed(element, local, uri)[0]?.text.trim() ?? '';
}
