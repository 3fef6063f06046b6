import { render } from 'preact-render-to-string';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { translator } from '../../platform/i18n/index.ts';
import { Layout } from '../../platform/ui/layout.tsx';
import { createTestApp, type TestContext } from '../../../test/helpers.ts';
import { createOffer, createOrganisation, demoRegion } from '../../../test/fixtures.ts';
import { getOffer, type OfferDetails } from '../offers/queries.ts';
import { getOrganisationDetails, type OrganisationDetails } from '../organisations/queries.ts';
import { offerJsonLd, offerPageMeta } from '../offers/jsonld.ts';
import { organisationJsonLd, organisationPageMeta } from '../organisations/jsonld.ts';

const BASE = 'https://mitmachen.example.org';
let ctx: TestContext;
let published: OfferDetails;
let remote: OfferDetails;
let draft: OfferDetails;
let organisation: OrganisationDetails;
let pending: OrganisationDetails;

async function offerDetails(id: string): Promise<OfferDetails> {
  const offer = await getOffer(ctx.deps.db, id);
  if (!offer) throw new Error('offer missing');
  return offer;
}

beforeAll(async () => {
  ctx = await createTestApp();
  const region = await demoRegion(ctx);
  const krostitz = region.municipality('Krostitz');
  const org = await createOrganisation(ctx, {
    networkId: region.gems.id,
    municipalityId: krostitz.id,
    street: 'Schulstraße 1',
    postcode: '04509',
    place: 'Krostitz',
    website: 'www.heimatverein-krostitz.de',
    email: 'info@heimatverein-krostitz.de',
    lat: 51.46,
    lng: 12.45,
  });
  const waiting = await createOrganisation(ctx, { networkId: region.gems.id, name: 'Wartet', status: 'pending' });
  published = await offerDetails(
    (
      await createOffer(ctx, {
        networkId: region.gems.id,
        organisationId: org.id,
        municipalityId: krostitz.id,
        title: 'Lesepatin </script><script>alert(1)</script> & „Freunde“',
        description: '<p>Vorlesen in der Kita.</p>',
        street: 'Kitaweg 2',
        postcode: '04509',
        place: 'Krostitz',
        hoursPerWeek: 1.5,
        peopleWanted: 3,
        endsOn: '2099-12-31',
      })
    ).id,
  );
  remote = await offerDetails((await createOffer(ctx, { networkId: region.gems.id, organisationId: org.id, title: 'Telefonpatenschaft', remote: true })).id);
  draft = await offerDetails((await createOffer(ctx, { networkId: region.gems.id, organisationId: org.id, status: 'draft', publishedAt: null })).id);
  organisation = (await getOrganisationDetails(ctx.deps.db, org.id)) as OrganisationDetails;
  pending = (await getOrganisationDetails(ctx.deps.db, waiting.id)) as OrganisationDetails;
});
afterAll(async () => ctx?.close());

describe('JobPosting for offers', () => {
  test('a published offer has every field search engines require for a volunteer posting', () => {
    const data = offerJsonLd(published, BASE) as Record<string, unknown>;
    expect(data).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'JobPosting',
      title: published.title,
      description: '<p>Vorlesen in der Kita.</p>',
      employmentType: 'VOLUNTEER',
      url: `${BASE}/angebote/${published.id}`,
      hiringOrganization: { '@type': 'Organization', name: 'Heimatverein Krostitz e. V.', url: `${BASE}/organisationen/${published.organisationId}` },
      jobLocation: {
        '@type': 'Place',
        name: 'Krostitz',
        address: { '@type': 'PostalAddress', streetAddress: 'Kitaweg 2', postalCode: '04509', addressLocality: 'Krostitz', addressCountry: 'DE' },
        geo: { '@type': 'GeoCoordinates', latitude: published.lat, longitude: published.lng },
      },
      totalJobOpenings: 3,
      workHours: '1,5 Stunden pro Woche',
    });
    expect(data.datePosted).toBe(published.publishedAt?.toISOString());
    // The earlier of the offer's own end and the end of its publication.
    expect(data.validThrough).toBe(published.expiresAt?.toISOString());
    expect(data).not.toHaveProperty('jobLocationType');
  });

  test('a remote offer without a place says TELECOMMUTE and where applicants may live', () => {
    const data = offerJsonLd(remote, BASE) as Record<string, unknown>;
    expect(data).toMatchObject({ jobLocationType: 'TELECOMMUTE', applicantLocationRequirements: { '@type': 'Country' } });
    expect(data).not.toHaveProperty('jobLocation');
    expect((data.hiringOrganization as Record<string, unknown>).url).toBe(`${BASE}/organisationen/${remote.organisationId}`);
    // An unverified organisation has no public page to link to (its offers are no longer public either, but the
    // description must not link to a page that answers 404).
    const unverified = offerJsonLd({ ...remote, organisationStatus: 'pending' }, BASE) as Record<string, unknown>;
    expect((unverified.hiringOrganization as Record<string, unknown>).url).toBeUndefined();
  });

  test('drafts get no structured data', () => {
    expect(offerJsonLd(draft, BASE)).toBeUndefined();
    expect(offerPageMeta(draft, BASE)).toEqual({ type: 'article' });
  });
});

describe('Organization for organisations', () => {
  test('a verified organisation with address, place, website and network', () => {
    expect(organisationJsonLd(organisation, BASE)).toMatchObject({
      '@type': 'Organization',
      name: 'Heimatverein Krostitz e. V.',
      url: `${BASE}/organisationen/${organisation.id}`,
      sameAs: ['https://www.heimatverein-krostitz.de/'],
      email: 'info@heimatverein-krostitz.de',
      address: { streetAddress: 'Schulstraße 1', postalCode: '04509', addressLocality: 'Krostitz', addressCountry: 'DE' },
      location: { geo: { latitude: 51.46, longitude: 12.45 } },
      areaServed: { name: 'Krostitz' },
      memberOf: { url: `${BASE}/netzwerk/gems` },
    });
  });

  test('an unverified one gets none', () => {
    expect(organisationJsonLd(pending, BASE)).toBeUndefined();
    expect(organisationPageMeta(pending, BASE)).toEqual({ type: 'website' });
  });
});

describe('embedding in the page', () => {
  function page(meta: Parameters<typeof Layout>[0]['meta']) {
    return render(
      <Layout
        ctx={{ t: translator('de'), locale: 'de', path: '/x', csrfToken: 'c', user: null, canAdminister: false, isPlatformAdmin: false }}
        title="Titel"
        description="Beschreibung"
        meta={meta}
      >
        <p>Inhalt</p>
      </Layout>,
    );
  }

  test('JSON-LD parses back to the same data, and a title with markup cannot end the script block', () => {
    const html = page(offerPageMeta(published, BASE));
    const blocks = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? '');
    expect(blocks).toHaveLength(1);
    const block = blocks[0] as string;
    expect(block).not.toMatch(/[<>&]/);
    expect(JSON.parse(block)).toEqual(offerJsonLd(published, BASE));
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).toContain('<meta property="og:type" content="article"/>');
  });

  test('line and paragraph separators stay escaped too', () => {
    const html = page({ jsonLd: [{ name: 'a\u2028b\u2029c' }] });
    expect(html).toContain('"a\\u2028b\\u2029c"');
  });

  test('without meta the layout adds no Open Graph tags and no script', () => {
    const html = page(undefined);
    expect(html).not.toContain('og:');
    expect(html).not.toContain('<script');
  });
});
