import type { ComponentChildren } from 'preact';
import type { Locale, T } from '../i18n/index.ts';
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

interface LayoutProps {
  ctx: PageContext;
  title: string;
  children: ComponentChildren;
  /** Extra head content (e.g. structured data). */
  description?: string;
}

export function Layout({ ctx, title, children, description }: LayoutProps) {
  const { t, network } = ctx;
  const home = network ? `/netzwerk/${network.slug}` : '/';
  const legal = network ? `/netzwerk/${network.slug}` : '';
  const switchTo = ctx.locale === 'de' ? 'en' : 'de';
  return (
    <html lang={ctx.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} – ${network?.name ?? t('site.name')}`}</title>
        {description && <meta name="description" content={description} />}
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
                <li>
                  <a href={network ? `/netzwerk/${network.slug}/angebote` : '/angebote'}>{t('layout.offers')}</a>
                </li>
                <li>
                  <a href={network ? `/netzwerk/${network.slug}/ueberblick` : '/ueberblick'}>{t('layout.overview')}</a>
                </li>
              </ul>
            </nav>
            <nav aria-label={t('layout.userNav')}>
              <ul class="nav-list">
                {ctx.user ? (
                  <>
                    {ctx.canAdminister && network && (
                      <li>
                        <a href={`/netzwerk/${network.slug}/verwaltung`}>{t('layout.admin')}</a>
                      </li>
                    )}
                    {ctx.isPlatformAdmin && !network && (
                      <li>
                        <a href="/verwaltung">{t('layout.admin')}</a>
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
