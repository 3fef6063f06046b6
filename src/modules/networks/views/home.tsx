import type { T } from '../../../platform/i18n/index.ts';
import type { Network } from '../schema.ts';

export function PlatformHome({ t, networks }: { t: T; networks: Array<Network & { municipalityCount: number }> }) {
  return (
    <>
      <h1>{t('networks.home.title')}</h1>
      <p class="lead">{t('networks.home.intro')}</p>
      {networks.length === 0 ? (
        <p>{t('networks.home.empty')}</p>
      ) : (
        <ul class="cards">
          {networks.map((n) => (
            <li class="card" key={n.id}>
              <h2>
                <a href={`/netzwerk/${n.slug}`}>{n.name}</a>
              </h2>
              <p class="meta">
                {[n.kind, n.region].filter(Boolean).join(' · ')}
                {' · '}
                {n.municipalityCount === 1
                  ? t('networks.municipalityCountOne')
                  : t('networks.municipalityCount', { count: n.municipalityCount })}
              </p>
              <p>{n.description}</p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
