import { formatNumber, type Locale, type T } from '../../../platform/i18n/index.ts';
import type { Municipality, Network } from '../schema.ts';

export function NetworkHome({
  t,
  locale,
  network,
  municipalities,
}: {
  t: T;
  locale: Locale;
  network: Network;
  municipalities: Municipality[];
}) {
  return (
    <>
      <h1>{network.name}</h1>
      <p class="meta">{[network.kind, network.region].filter(Boolean).join(' · ')}</p>
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
