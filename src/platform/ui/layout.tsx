import type { ComponentChildren } from 'preact';
import type { Locale, T } from '../i18n/index.ts';
import type { NavigationScope } from '../module.ts';
import { navigationLinks } from '../navigation.tsx';
import { CsrfField } from './form.tsx';

/** What every page needs to know about the request it answers. */
export interface PageContext {
  t: T;
  locale: Locale;
  /** The path and query of this page, for the language switch and login returns. */
  path: string;
  csrfToken: string;
  user: { name: string; email: string } | null;
  canAdminister: boolean;
  isPlatformAdmin: boolean;
  network?: { slug: string; name: string } | undefined;
}

/** What a page tells link previews and search engines about itself. */
export interface PageMeta {
  /** Open Graph type: "website" unless the page is about one thing ("article", "profile"). */
  type?: string;
  /** The page's absolute address. */
  url?: string;
  /** An absolute image address for link previews. */
  image?: string;
  /** schema.org objects, embedded as JSON-LD. */
  jsonLd?: object[];
}

interface LayoutProps {
  ctx: PageContext;
  title: string;
  children: ComponentChildren;
  description?: string;
  /** Open Graph tags and structured data. */
  meta?: PageMeta | undefined;
}

/**
 * JSON for a <script> data block. The HTML parser ends a script at "</script" whatever the type, so every
 * "<", ">" and "&" is written as a JSON escape: the JSON means the same, and no text can leave the block.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function Layout({ ctx, title, children, description, meta }: LayoutProps) {
  const { t, network } = ctx;
  const home = network ? `/netzwerk/${network.slug}` : '/';
  const legal = network ? `/netzwerk/${network.slug}` : '';
  const switchTo = ctx.locale === 'de' ? 'en' : 'de';
  const scope: NavigationScope = {
    networkSlug: network?.slug,
    signedIn: ctx.user !== null,
    canAdminister: ctx.canAdminister,
    isPlatformAdmin: ctx.isPlatformAdmin,
  };
  // "Verwaltung" leads to the first page of the network's admin area, or of the operator's on global pages.
  const adminHome = (network ? navigationLinks('network-admin', scope) : navigationLinks('platform-admin', scope))[0]?.href;
  return (
    <html lang={ctx.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} – ${network?.name ?? t('site.name')}`}</title>
        {description && <meta name="description" content={description} />}
        {meta && (
          <>
            <meta property="og:title" content={title} />
            {description && <meta property="og:description" content={description} />}
            <meta property="og:type" content={meta.type ?? 'website'} />
            {meta.url && <meta property="og:url" content={meta.url} />}
            {meta.image && <meta property="og:image" content={meta.image} />}
            <meta property="og:site_name" content={network?.name ?? t('site.name')} />
            <meta property="og:locale" content={ctx.locale === 'de' ? 'de_DE' : 'en_GB'} />
          </>
        )}
        {meta?.jsonLd?.map((data, i) => (
          // Data, not code: the CSP (script-src 'self') would not run it anyway, and jsonForScript keeps it inside the block.
          <script key={i} type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonForScript(data) }} />
        ))}
        <link rel="stylesheet" href="/static/style.css" />
        {network && <link rel="stylesheet" href={`/netzwerk/${network.slug}/theme.css`} />}
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
      </head>
      <body>
        <a class="skip-link" href="#inhalt">
          {t('layout.skip')}
        </a>
        <header class="site-header">
          <div class="wrap header-inner">
            <a class="brand" href={home}>
              {network?.name ?? t('site.name')}
            </a>
            <nav aria-label={t('layout.nav')}>
              <ul class="nav-list">
                {navigationLinks('main', scope).map((link) => (
                  <li key={link.href}>
                    <a href={link.href}>{t(link.label)}</a>
                  </li>
                ))}
              </ul>
            </nav>
            <nav aria-label={t('layout.userNav')}>
              <ul class="nav-list">
                {ctx.user ? (
                  <>
                    {adminHome && (
                      <li>
                        <a href={adminHome}>{t('layout.admin')}</a>
                      </li>
                    )}
                    <li>
                      <a href="/konto">{t('layout.account')}</a>
                    </li>
                    <li>
                      <form method="post" action="/abmelden" class="inline-form">
                        <CsrfField token={ctx.csrfToken} />
                        <button type="submit" class="link-button">
                          {t('layout.logout')}
                        </button>
                      </form>
                    </li>
                  </>
                ) : (
                  <>
                    <li>
                      <a href={`/anmelden?weiter=${encodeURIComponent(ctx.path)}`}>{t('layout.login')}</a>
                    </li>
                    <li>
                      <a href="/registrieren">{t('layout.register')}</a>
                    </li>
                  </>
                )}
                <li>
                  <a
                    href={`/sprache/${switchTo}?weiter=${encodeURIComponent(ctx.path)}`}
                    lang={switchTo}
                    hrefLang={switchTo}
                  >
                    {t('layout.languageSwitch')}
                  </a>
                </li>
              </ul>
            </nav>
          </div>
        </header>
        <main id="inhalt" class="wrap" tabIndex={-1}>
          {children}
        </main>
        <footer class="site-footer">
          <nav class="wrap" aria-label={t('layout.footer')}>
            <ul class="nav-list">
              <li>
                <a href={`${legal}/impressum`}>{t('layout.imprint')}</a>
              </li>
              <li>
                <a href={`${legal}/datenschutz`}>{t('layout.privacy')}</a>
              </li>
              <li>
                <a href={`${legal}/barrierefreiheit`}>{t('layout.accessibility')}</a>
              </li>
            </ul>
          </nav>
        </footer>
      </body>
    </html>
  );
}
