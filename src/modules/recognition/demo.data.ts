/** Invented acceptance points for the demo networks: names, addresses and discounts are made up. */
export const DEMO_ACCEPTANCE_POINTS: Record<string, Array<{ name: string; category: string; discount: string; street: string; postcode: string; municipality: string }>> = {
  gems: [
    { name: 'Stadtmuseum im Barockschloss', category: 'kultur', discount: 'Freier Eintritt in die Dauerausstellung', street: 'Schloßstraße 1', postcode: '04509', municipality: 'Delitzsch' },
    { name: 'Elberitzbad', category: 'freizeit', discount: '20 % auf Einzel- und Zehnerkarten', street: 'Am Wallgraben 4', postcode: '04509', municipality: 'Delitzsch' },
    { name: 'Kreisvolkshochschule, Außenstelle Delitzsch', category: 'bildung', discount: '10 % auf alle Kurse', street: 'Dübener Straße 12', postcode: '04509', municipality: 'Delitzsch' },
    { name: 'Bäckerei Sommer', category: 'gastronomie', discount: 'Ein Kaffee gratis zu jedem Frühstück', street: 'Leipziger Straße 20', postcode: '04509', municipality: 'Krostitz' },
    { name: 'Heimatstube Krostitz', category: 'kultur', discount: 'Freier Eintritt, Führung auf Anfrage', street: 'Kirchweg 3', postcode: '04509', municipality: 'Krostitz' },
    { name: 'Stadtbibliothek Schkeuditz', category: 'bildung', discount: 'Jahresausweis kostenlos', street: 'Rathausplatz 2', postcode: '04435', municipality: 'Schkeuditz' },
    { name: 'Radhaus Taucha', category: 'mobilitaet', discount: '15 % auf Reparaturen', street: 'Leipziger Straße 61', postcode: '04425', municipality: 'Taucha' },
    { name: 'Freibad Löbnitz', category: 'freizeit', discount: 'Halber Eintritt', street: 'Am See 1', postcode: '04509', municipality: 'Löbnitz' },
    { name: 'Apotheke am Markt Rackwitz', category: 'gesundheit', discount: '5 % auf freiverkäufliche Artikel', street: 'Markt 5', postcode: '04519', municipality: 'Rackwitz' },
    { name: 'Hofladen Zschepplin', category: 'einzelhandel', discount: '10 % auf den Einkauf am Samstag', street: 'Dorfstraße 14', postcode: '04838', municipality: 'Zschepplin' },
  ],
  weisswasser: [
    { name: 'Glasmuseum Weißwasser', category: 'kultur', discount: 'Ermäßigter Eintritt', street: 'Forster Straße 12', postcode: '02943', municipality: 'Weißwasser/O.L.' },
    { name: 'Eisarena Weißwasser', category: 'freizeit', discount: 'Ermäßigter Eintritt bei Heimspielen', street: 'Jahnstraße 1', postcode: '02943', municipality: 'Weißwasser/O.L.' },
    { name: 'Soziokulturelles Zentrum Telux', category: 'kultur', discount: '2 Euro Nachlass auf Veranstaltungen', street: 'Straße des Friedens 23', postcode: '02943', municipality: 'Weißwasser/O.L.' },
  ],
};

/**
 * Invented volunteers of the GEMS demo with hours at the first verified organisations (by name). Those with
 * `consent` let the organisation and the office see their hours by name; the others count only in the
 * anonymous sum. Their accounts have no password (nobody logs in as them).
 */
export const DEMO_VOLUNTEERS: Array<{ name: string; email: string; consent: boolean; activity: string; hoursPerMonth: number; organisation: number }> = [
  { name: 'Renate Blümel', email: 'renate.bluemel@example.org', consent: true, activity: 'Lebensmittelausgabe am Dienstag', hoursPerMonth: 12, organisation: 0 },
  { name: 'Jens Albrecht', email: 'jens.albrecht@example.org', consent: true, activity: 'Fahrdienst zum Einkauf', hoursPerMonth: 8, organisation: 0 },
  { name: 'Marlene Kögel', email: 'marlene.koegel@example.org', consent: true, activity: 'Hausaufgabenhilfe', hoursPerMonth: 6, organisation: 1 },
  { name: 'Tobias Wendt', email: 'tobias.wendt@example.org', consent: false, activity: 'Aufbau beim Stadtfest', hoursPerMonth: 5, organisation: 0 },
  { name: 'Sabine Hering', email: 'sabine.hering@example.org', consent: false, activity: 'Vorlesen in der Kita', hoursPerMonth: 4, organisation: 1 },
];
