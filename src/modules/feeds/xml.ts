/* Feeds and sitemaps written as text: small fixed shapes where a template with one escaping function is
 * easier to check than a DOM builder. Every value passes through xmlText or xmlAttribute. */

/** Characters XML 1.0 does not allow at all (most control characters): dropped, or the whole feed is invalid. */
const NOT_XML = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xmlText(value: string): string {
  return value.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function xmlAttribute(value: string): string {
  return xmlText(value).replace(/"/g, '&quot;');
}

/** RFC 822 dates for RSS 2.0, e.g. "Tue, 03 Jun 2025 08:00:00 GMT". */
export function rssDate(date: Date): string {
  return date.toUTCString();
}

export interface FeedEntry {
  id: string;
  url: string;
  title: string;
  summary: string;
  category: string;
  author: string;
  published: Date;
  updated: Date;
}

export interface Feed {
  title: string;
  description: string;
  /** The page the feed belongs to. */
  link: string;
  /** The feed's own address. */
  self: string;
  language: string;
  author: string;
  entries: FeedEntry[];
}

function newest(feed: Feed): Date {
  const times = feed.entries.map((e) => Math.max(e.updated.getTime(), e.published.getTime()));
  return times.length ? new Date(Math.max(...times)) : new Date(0);
}

export function rss(feed: Feed): string {
  const items = feed.entries
    .map(
      (e) => `    <item>
      <title>${xmlText(e.title)}</title>
      <link>${xmlText(e.url)}</link>
      <guid isPermaLink="true">${xmlText(e.url)}</guid>
      <pubDate>${rssDate(e.published)}</pubDate>
      <description>${xmlText(e.summary)}</description>
      <category>${xmlText(e.category)}</category>
      <dc:creator>${xmlText(e.author)}</dc:creator>
    </item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>${xmlText(feed.title)}</title>
    <link>${xmlText(feed.link)}</link>
    <description>${xmlText(feed.description)}</description>
    <language>${xmlText(feed.language)}</language>
    <lastBuildDate>${rssDate(newest(feed))}</lastBuildDate>
    <atom:link href="${xmlAttribute(feed.self)}" rel="self" type="application/rss+xml"/>
${items}
  </channel>
</rss>
`;
}

export function atom(feed: Feed): string {
  const entries = feed.entries
    .map(
      (e) => `  <entry>
    <id>${xmlText(e.url)}</id>
    <title>${xmlText(e.title)}</title>
    <link rel="alternate" type="text/html" href="${xmlAttribute(e.url)}"/>
    <published>${e.published.toISOString()}</published>
    <updated>${e.updated.toISOString()}</updated>
    <author><name>${xmlText(e.author)}</name></author>
    <category term="${xmlAttribute(e.category)}"/>
    <summary>${xmlText(e.summary)}</summary>
  </entry>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xmlAttribute(feed.language)}">
  <id>${xmlText(feed.self)}</id>
  <title>${xmlText(feed.title)}</title>
  <subtitle>${xmlText(feed.description)}</subtitle>
  <updated>${newest(feed).toISOString()}</updated>
  <link rel="self" type="application/atom+xml" href="${xmlAttribute(feed.self)}"/>
  <link rel="alternate" type="text/html" href="${xmlAttribute(feed.link)}"/>
  <author><name>${xmlText(feed.author)}</name></author>
${entries}
</feed>
`;
}

export function sitemap(urls: Array<{ loc: string; lastModified?: Date | undefined }>): string {
  const body = urls
    .map((u) => `  <url><loc>${xmlText(u.loc)}</loc>${u.lastModified ? `<lastmod>${u.lastModified.toISOString()}</lastmod>` : ''}</url>`)
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${body}
</urlset>
`;
}

export function sitemapIndex(locations: string[]): string {
  const body = locations.map((loc) => `  <sitemap><loc>${xmlText(loc)}</loc></sitemap>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${body}
</sitemapindex>
`;
}
