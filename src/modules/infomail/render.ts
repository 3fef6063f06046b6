import crypto from 'node:crypto';
import { Parser } from 'htmlparser2';
import { htmlToText, renderMarkdown } from '../../platform/markup/index.ts';
import type { Network } from '../../platform/networks/schema.ts';

export interface MailParts {
  subject: string;
  html: string;
  text: string;
}

export interface MailLinks {
  unsubscribe: string;
  preferences?: string | undefined;
  archive?: string | undefined;
}

const COLOUR = /^#[0-9a-f]{6}$/i;
const colour = (value: string, fallback: string) => (COLOUR.test(value) ? value : fallback);
const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * An info mail in the network's colours with its logo: the body is Markdown through the markup pipeline
 * (sanitised, no images from other hosts, so no tracking pixels), the text part from that sanitised HTML.
 * Mail clients ignore most CSS, hence the table and inline styles.
 */
export function renderMail(
  input: {
    network: Pick<Network, 'name' | 'primaryColor' | 'accentColor' | 'logoPath'>;
    subject: string;
    body: string;
    publicUrl: string;
    links: MailLinks;
    footer: { unsubscribe: string; preferences: string; archive: string; why: string };
    /** The body already rendered (a batch renders it once for all its recipients). */
    rendered?: { html: string; text: string } | undefined;
  },
): MailParts {
  const { network, publicUrl, links, footer } = input;
  const rendered = input.rendered ?? renderBody(input.body, publicUrl);
  const body = rendered.html;
  const primary = colour(network.primaryColor, '#1d5c8c');
  const accent = colour(network.accentColor, '#b3541e');
  const logo = network.logoPath ? `<img src="${escape(publicUrl + network.logoPath)}" alt="" height="40" style="vertical-align:middle;margin-right:12px;border:0">` : '';
  const footerLinks = [
    `<a href="${escape(links.unsubscribe)}" style="color:${accent}">${escape(footer.unsubscribe)}</a>`,
    links.preferences ? `<a href="${escape(links.preferences)}" style="color:${accent}">${escape(footer.preferences)}</a>` : '',
    links.archive ? `<a href="${escape(links.archive)}" style="color:${accent}">${escape(footer.archive)}</a>` : '',
  ]
    .filter(Boolean)
    .join(' · ');
  const html = `<!doctype html><html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escape(input.subject)}</title><style>a{color:${accent}}</style></head>
<body style="margin:0;padding:0;background:#f3f3f3">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f3f3f3"><tr><td align="center" style="padding:16px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:640px;background:#ffffff;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a">
<tr><td style="background:${primary};color:#ffffff;padding:16px 24px;font-size:20px;font-weight:bold">${logo}${escape(network.name)}</td></tr>
<tr><td style="padding:24px">${body}</td></tr>
<tr><td style="padding:16px 24px;border-top:4px solid ${accent};font-size:14px;color:#444444">${escape(footer.why)}<br>${footerLinks}</td></tr>
</table></td></tr></table></body></html>`;
  const text = [
    rendered.text,
    '',
    '-- ',
    footer.why,
    `${footer.unsubscribe}: ${links.unsubscribe}`,
    links.preferences ? `${footer.preferences}: ${links.preferences}` : '',
    links.archive ? `${footer.archive}: ${links.archive}` : '',
  ]
    .filter((line, i, all) => line !== '' || all[i - 1] !== '')
    .join('\n')
    .trim();
  return { subject: input.subject, html, text };
}

/**
 * The Markdown body as sanitised HTML (images only from the platform's own host) and as text read from
 * that same HTML, so the text part says exactly what the HTML part shows: what the sanitiser removed is
 * not in it, and HTML typed into the Markdown (shown as text in both parts, never as an element) reads the same.
 */
export function renderBody(markdown: string, publicUrl: string): { html: string; text: string } {
  const html = renderMarkdown(markdown, { imageHosts: [new URL(publicUrl).host] });
  return { html, text: htmlToText(html) };
}

/**
 * The page's style policy widened by exactly the mail's inline styles (its style attributes and <style>
 * element), so the office's preview in a srcdoc frame, which inherits the page's policy, shows the mail
 * in the network's colours without allowing any other inline style.
 */
export function previewStylePolicy(policy: string, html: string): string {
  const sources = new Set<string>();
  let style: string | null = null;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        // The attribute's value as the browser hashes it: entities decoded.
        if (attributes.style !== undefined) sources.add(attributes.style);
        if (name === 'style') style = '';
      },
      ontext(text) {
        if (style !== null) style += text;
      },
      onclosetag(name) {
        if (name === 'style' && style !== null) {
          sources.add(style);
          style = null;
        }
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  if (sources.size === 0) return policy;
  const hashes = [...sources].map((source) => `'sha256-${crypto.createHash('sha256').update(source).digest('base64')}'`).join(' ');
  return policy.replace(/style-src ([^;]*)/, (_directive, list: string) => `style-src ${list} 'unsafe-hashes' ${hashes}`);
}
