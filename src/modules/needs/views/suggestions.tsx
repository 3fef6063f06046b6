import type { T } from '../../../platform/i18n/index.ts';
import type { Ranked } from '../../volunteers/suggestions.ts';
import type { VolunteerCandidate } from '../../volunteers/queries.ts';
import { ReasonList } from '../../volunteers/views/reasons.tsx';
import { VolunteerTable } from '../../volunteers/views/suggestions.tsx';
import type { OfferForNeed } from '../queries.ts';

interface Base {
  t: T;
  title: string;
  needHref: string;
}

export function NeedVolunteersPage({
  t,
  title,
  needHref,
  suggestions,
  contactHref,
}: Base & { suggestions: Ranked<VolunteerCandidate>[]; contactHref: (userId: string) => string }) {
  return (
    <>
      <h1>{t('needs.volunteers.title', { title })}</h1>
      <p class="lead">{t('needs.volunteers.intro')}</p>
      <VolunteerTable t={t} suggestions={suggestions} contactHref={contactHref} />
      <p>
        <a href={needHref}>{t('needs.back')}</a>
      </p>
    </>
  );
}

export function NeedOffersPage({
  t,
  title,
  needHref,
  radiusKm,
  suggestions,
  placementHref,
}: Base & {
  radiusKm: number;
  suggestions: Array<Ranked<OfferForNeed>>;
  placementHref: (offerId: string) => string;
}) {
  return (
    <>
      <h1>{t('needs.offers.title', { title })}</h1>
      <p class="lead">{t('needs.offers.intro')}</p>
      <form method="get" action={`${needHref}/angebote`} class="stack">
        <div class="field">
          <label for="f-umkreis">{t('needs.offers.radius')}</label>
          <input id="f-umkreis" name="umkreis" type="number" min={1} max={200} value={String(radiusKm)} />
        </div>
        <button type="submit" class="secondary">
          {t('needs.offers.apply')}
        </button>
      </form>
      {suggestions.length === 0 ? (
        <p>{t('needs.offers.none')}</p>
      ) : (
        <div class="table-scroll">
          <table>
            <caption>{t('needs.offers.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('needs.offers.offer')}</th>
                <th scope="col">{t('volunteers.table.fit')}</th>
                <th scope="col">{t('volunteers.table.reasons')}</th>
                <th scope="col">{t('volunteers.table.action')}</th>
              </tr>
            </thead>
            <tbody>
              {suggestions.map(({ item, score, reasons }) => (
                <tr key={item.id}>
                  <th scope="row">
                    <a href={`/angebote/${item.id}`}>{item.title}</a>
                    <br />
                    <span class="meta">
                      {[item.organisationName, item.municipalityName].filter(Boolean).join(' · ')}
                    </span>
                  </th>
                  <td>{score} %</td>
                  <td>
                    <ReasonList reasons={reasons} t={t} />
                    {item.rank > 0 && <p class="meta">{t('needs.offers.words')}</p>}
                  </td>
                  <td>
                    <a href={placementHref(item.id)}>{t('needs.offers.link')}</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p>
        <a href={needHref}>{t('needs.back')}</a>
      </p>
    </>
  );
}
