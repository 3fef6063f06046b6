import type { VNode } from 'preact';
import { formatNumber, type Locale, type T } from '../../../platform/i18n/index.ts';
import { fieldLabel } from '../../offers/index.ts';
import type { RecentOffer } from '../queries.ts';
import type { Municipality, Network } from '../schema.ts';

export function NetworkHome({
  t,
  locale,
  network,
  municipalities,
  recentOffers,
  upcomingEvents,
}: {
  t: T;
  locale: Locale;
  network: Network;
  municipalities: Municipality[];
  recentOffers: RecentOffer[];
  /** The events module's list of the next dates, if any. */
  upcomingEvents?: VNode | undefined;
}) {
  const base = `/netzwerk/${network.slug}`;
  return (
    <>
      <h1>{network.name}</h1>
      <p class="meta">{[network.kind, network.region].filter(Boolean).join(' · ')}</p>
      <form method="get" action={`${base}/angebote`} class="home-search" role="search" aria-label={t('networks.search.label')}>
        <div class="field">
          <label for="home-q">{t('networks.search.what')}</label>
          <input id="home-q" type="search" name="q" placeholder={t('networks.search.placeholder')} />
        </div>
        <div class="field">
          <label for="home-ort">{t('networks.search.where')}</label>
          <input id="home-ort" type="text" name="ort" autoComplete="postal-code" />
        </div>
        <button type="submit">{t('networks.search.submit')}</button>
      </form>
      <nav aria-labelledby="mitmachen" class="link-panel">
        <h2 id="mitmachen">{t('networks.takePart')}</h2>
        <ul class="link-grid">
          <li>
            <a href={`${base}/angebote`}>{t('networks.link.offers')}</a>
          </li>
          <li>
            <a href={`${base}/gesuche/oeffentlich`}>{t('networks.link.needs')}</a>
          </li>
          <li>
            <a href={`${base}/gesuche/neu`}>{t('networks.link.newNeed')}</a>
          </li>
          <li>
            <a href={`${base}/organisation-anlegen`}>{t('networks.link.newOrganisation')}</a>
          </li>
          <li>
            <a href={`${base}/ueberblick`}>{t('networks.link.overview')}</a>
          </li>
        </ul>
      </nav>
      {recentOffers.length > 0 && (
        <section aria-labelledby="neu">
          <h2 id="neu">{t('networks.recentOffers')}</h2>
          <ul class="cards">
            {recentOffers.map((o) => (
              <li class="card" key={o.id}>
                <h3>
                  <a href={`/angebote/${o.id}`}>{o.title}</a>
                </h3>
                <p class="meta">
                  {[o.organisationName, o.municipalityName, fieldLabel(locale, o.field)].filter(Boolean).join(' · ')}
                </p>
                {o.summary && <p>{o.summary}</p>}
              </li>
            ))}
          </ul>
        </section>
      )}
      {upcomingEvents}
      <section aria-labelledby="about">
        <h2 id="about">{t('networks.about')}</h2>
        <p>{network.description}</p>
      </section>
      <section aria-labelledby="kommunen">
        <h2 id="kommunen">{t('networks.municipalities')}</h2>
        <ul class="columns">
          {municipalities.map((m) => (
            <li key={m.id}>
              <strong>{m.name}</strong>
              {m.type && <span class="meta"> ({m.type})</span>}
              {m.inhabitants !== null && (
                <span class="meta">
                  {' – '}
                  {t('networks.inhabitants', { count: formatNumber(locale, m.inhabitants) })}
                </span>
              )}
            </li>
          ))}
        </ul>
      </section>
      {network.contactEmail && (
        <section aria-labelledby="kontakt">
          <h2 id="kontakt">{t('networks.contact')}</h2>
          <p>
            <a href={`mailto:${network.contactEmail}`}>{network.contactEmail}</a>
          </p>
        </section>
      )}
    </>
  );
}

/** A legal text kept by the network office; paragraphs split on blank lines, never parsed as HTML. */
export function LegalText({ title, text, emptyText }: { title: string; text: string; emptyText: string }) {
  const paragraphs = text.split(/\n\s*\n/).filter((p) => p.trim());
  return (
    <>
      <h1>{title}</h1>
      {paragraphs.length === 0 ? <p>{emptyText}</p> : paragraphs.map((p, i) => <p key={i}>{p}</p>)}
    </>
  );
}
