import type { ComponentChildren } from 'preact';
import type { Locale, T } from '../../../platform/i18n/index.ts';
import type { FeedOffer } from '../../feeds/index.ts';

interface ShellProps {
  locale: Locale;
  title: string;
  theme: string;
  children: ComponentChildren;
}

/** A page of its own, without the site's layout: it lives inside someone else's page and sets no cookie. */
export function WidgetShell({ locale, title, theme, children }: ShellProps) {
  return (
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{title}</title>
        <link rel="stylesheet" href="/widget/angebote.css" />
      </head>
      <body class={`theme-${theme}`}>
        <main>{children}</main>
      </body>
    </html>
  );
}

interface ListProps {
  t: T;
  heading: string;
  offers: FeedOffer[];
  base: string;
  allLink: string;
  networkName: string;
}

export function WidgetOffers({ t, heading, offers, base, allLink, networkName }: ListProps) {
  return (
    <>
      <h1>{heading}</h1>
      {offers.length === 0 ? (
        <p>{t('widget.none')}</p>
      ) : (
        <ul>
          {offers.map((offer) => (
            <li key={offer.id}>
              {/* _top: the offer opens in place of the host page, not squeezed into the frame. */}
              <a href={`${base}/angebote/${offer.id}`} target="_top">
                {offer.title}
              </a>
              <span class="meta">{[offer.municipalityName, offer.organisationName].filter(Boolean).join(' · ')}</span>
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href={allLink} target="_top">
          {t('widget.all', { network: networkName })}
        </a>
      </p>
    </>
  );
}

export function WidgetProblem({ title, text }: { title: string; text: string }) {
  return (
    <>
      <h1>{title}</h1>
      <p>{text}</p>
    </>
  );
}
