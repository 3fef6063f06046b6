import type { T } from '../../../platform/i18n/index.ts';

export interface OrganisationOfferItem {
  id: string;
  title: string;
  summary: string;
  municipalityName: string | null;
}

/** The organisation page's section of its published offers (added to the page in offers' manifest). */
export function OrganisationOffers({ t, offers }: { t: T; offers: OrganisationOfferItem[] }) {
  return (
    <section aria-labelledby="angebote">
      <h2 id="angebote">{t('organisations.page.offers')}</h2>
      {offers.length === 0 ? (
        <p>{t('organisations.page.noOffers')}</p>
      ) : (
        <ul class="cards">
          {offers.map((offer) => (
            <li class="card" key={offer.id}>
              <h3>
                <a href={`/angebote/${offer.id}`}>{offer.title}</a>
              </h3>
              {offer.municipalityName && <p class="meta">{offer.municipalityName}</p>}
              {offer.summary && <p>{offer.summary}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
