import sanitize from 'sanitize-html';
import { tidy } from './tidy.ts';

/**
 * Which elements survive. `basic` is what offer descriptions store (paragraphs, line breaks, lists,
 * emphasis, links); `rich` adds what Markdown writes for knowledge pages and info mails (headings,
 * quotes, code, rules, and images from allowed hosts only).
 */
export type MarkupProfile = 'basic' | 'rich';

export interface SanitizeOptions {
  profile?: MarkupProfile;
  /**
   * Hosts whose images may stay (`rich` only). Empty by default: a remote image in a mail is a
   * tracking pixel, so none survives unless the caller names the host (e.g. the platform's own).
   */
  imageHosts?: readonly string[];
  /** rel attribute put on every link when rendering into a page, e.g. "nofollow noopener". */
  linkRel?: string;
}

const INLINE = ['strong', 'em', 'a', 'br'];
const BASIC = ['p', 'ul', 'ol', 'li', ...INLINE];
const RICH = [...BASIC, 'h2', 'h3', 'h4', 'blockquote', 'pre', 'code', 'hr', 's', 'img'];

/** Containers whose content stays but whose boundaries become paragraph breaks (see tidy.ts). */
const CONTAINERS = ['div', 'section', 'article', 'header', 'footer', 'main', 'aside', 'nav', 'figure', 'figcaption', 'address', 'dl', 'dt', 'dd', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'caption', 'center', 'details', 'summary', 'form', 'fieldset'];

/** Only links a reader can follow safely: absolute web addresses and e-mail addresses. */
export function safeHref(raw: string): string | null {
  // Browsers ignore control characters and whitespace inside a scheme ("java\nscript:"); so do we.
  const href = raw.replace(/[\u0000-\u0020\u007f]/g, '');
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

function imageAllowed(src: string | undefined, hosts: readonly string[]): boolean {
  if (!src || hosts.length === 0) return false;
  try {
    const url = new URL(src);
    return (url.protocol === 'https:' || url.protocol === 'http:') && hosts.includes(url.host);
  } catch {
    return false;
  }
}

function sanitizeOptions(options: SanitizeOptions): sanitize.IOptions {
  const rich = options.profile === 'rich';
  const imageHosts = options.imageHosts ?? [];
  const heading = (name: string) => (rich ? name : 'div');
  return {
    allowedTags: [...(rich ? RICH : BASIC), 'div'],
    allowedAttributes: { a: ['href'], img: ['src', 'alt'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: {},
    allowProtocolRelative: false,
    allowedStyles: {},
    disallowedTagsMode: 'discard',
    // Content of these is never text a reader should see.
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'template', 'iframe', 'object', 'embed', 'svg', 'math', 'head', 'title'],
    parser: { lowerCaseTags: true, lowerCaseAttributeNames: true },
    transformTags: {
      b: 'strong',
      i: 'em',
      ...(rich ? { strike: 's', del: 's' } : {}),
      h1: heading('h2'),
      h2: heading('h2'),
      h3: heading('h3'),
      h4: heading('h4'),
      h5: heading('h4'),
      h6: heading('h4'),
      blockquote: rich ? 'blockquote' : 'div',
      pre: rich ? 'pre' : 'div',
      ...Object.fromEntries(CONTAINERS.map((name) => [name, 'div'])),
      a: (tagName, attribs) => {
        const href = safeHref(attribs.href ?? '');
        // A link that goes nowhere safe loses its address; tidy.ts then unwraps it and keeps its text.
        // (Renaming it to a disallowed tag here would confuse sanitize-html's matching of end tags.)
        return { tagName, attribs: href ? { href } : ({} as sanitize.Attributes) };
      },
      img: (tagName, attribs) =>
        imageAllowed(attribs.src, imageHosts)
          ? { tagName, attribs: { src: attribs.src ?? '', alt: attribs.alt ?? '' } }
          : { tagName, attribs: {} as sanitize.Attributes }, // without src: tidy.ts drops it
    },
  };
}

/**
 * Any HTML (typed by nobody we trust: imports, Markdown output, stored descriptions) reduced to the
 * allow-list of the profile and to a tidy structure. Sanitising its own output changes nothing.
 */
export function sanitizeHtml(html: string, options: SanitizeOptions = {}): string {
  return tidy(sanitize(html, sanitizeOptions(options)), { linkRel: options.linkRel });
}
