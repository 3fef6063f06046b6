/**
 * DEMO DATA: German postcodes of the two demo regions, so that "04509" works as a place in the search.
 * A postcode area often spans several municipalities; its point is the centre of the main place named
 * first (coordinates as in demo-regions.json, approximate town centres). 04838 is the postcode of
 * Eilenburg, which Jesewitz and Zschepplin share; its point is Eilenburg's centre, between the two.
 * Checked for plausibility against the municipalities' own addresses, not against an official register.
 * A real deployment replaces this table with the full list of its region.
 */
export interface Postcode {
  postcode: string;
  places: readonly string[];
  lat: number;
  lng: number;
}

export const DEMO_POSTCODES: readonly Postcode[] = [
  { postcode: '04509', places: ['Delitzsch', 'Wiedemar', 'Krostitz', 'Schönwölkau', 'Löbnitz'], lat: 51.5256, lng: 12.3422 },
  { postcode: '04435', places: ['Schkeuditz'], lat: 51.3958, lng: 12.2214 },
  { postcode: '04425', places: ['Taucha'], lat: 51.3797, lng: 12.4936 },
  { postcode: '04519', places: ['Rackwitz'], lat: 51.4392, lng: 12.3772 },
  { postcode: '04838', places: ['Eilenburg', 'Jesewitz', 'Zschepplin'], lat: 51.4597, lng: 12.6339 },
  { postcode: '02943', places: ['Weißwasser/O.L.'], lat: 51.505, lng: 14.6378 },
];

export function isPostcode(text: string): boolean {
  return /^\d{5}$/.test(text);
}

export function findDemoPostcode(text: string): Postcode | undefined {
  return DEMO_POSTCODES.find((p) => p.postcode === text);
}
