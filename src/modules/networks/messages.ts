export const de = {
  'networks.home.title': 'Engagement in Ihrer Region',
  'networks.home.intro':
    'Mitmachnetz zeigt, wo und wie Sie sich in Ihrer Umgebung engagieren können, und bringt Hilfesuchende und Hilfegebende zusammen. Wählen Sie Ihr Netzwerk:',
  'networks.home.empty': 'Noch gibt es hier kein Netzwerk. Die Betreiber legen es in der Verwaltung an.',
  'networks.municipalityCount': '{count} Kommunen',
  'networks.municipalityCountOne': '1 Kommune',
  'networks.municipalities': 'Unsere Kommunen',
  'networks.inhabitants': '{count} Einwohner:innen',
  'networks.contact': 'Kontakt zur Netzwerkstelle',
  'networks.about': 'Über das Netzwerk',
  'networks.search.label': 'Angebote suchen',
  'networks.search.what': 'Was möchten Sie tun?',
  'networks.search.placeholder': 'z. B. Hausaufgabenhilfe, Vorlesen, Feuerwehr',
  'networks.search.where': 'Ort oder Postleitzahl',
  'networks.search.submit': 'Angebote finden',
  'networks.takePart': 'Mitmachen',
  'networks.link.offers': 'Alle Engagementangebote',
  'networks.link.needs': 'Wo wird Hilfe gebraucht? (Gesuche)',
  'networks.link.newNeed': 'Ich brauche Hilfe: Gesuch aufgeben',
  'networks.link.newOrganisation': 'Organisation oder Verein eintragen',
  'networks.link.overview': 'Zahlen und Karte: der Überblick',
  'networks.recentOffers': 'Neue Angebote',
  'networks.legal.imprint': 'Impressum',
  'networks.legal.privacy': 'Datenschutzerklärung',
  'networks.legal.accessibility': 'Erklärung zur Barrierefreiheit',
  'networks.legal.platform':
    'Diese Plattform beherbergt mehrere Netzwerke. Jedes Netzwerk verantwortet seine Inhalte selbst; die Angaben finden Sie beim jeweiligen Netzwerk:',
  'networks.legal.empty': 'Die Netzwerkstelle hat diesen Text noch nicht hinterlegt.',
} as const;

export const en: { [K in keyof typeof de]: string } = {
  'networks.home.title': 'Civic engagement in your region',
  'networks.home.intro':
    'Mitmachnetz shows where and how you can get involved near you, and brings people who need help together with people who give it. Choose your network:',
  'networks.home.empty': 'There is no network here yet. The operators create one in the administration.',
  'networks.municipalityCount': '{count} municipalities',
  'networks.municipalityCountOne': '1 municipality',
  'networks.municipalities': 'Our municipalities',
  'networks.inhabitants': '{count} inhabitants',
  'networks.contact': 'Contact the network office',
  'networks.about': 'About the network',
  'networks.search.label': 'Search offers',
  'networks.search.what': 'What would you like to do?',
  'networks.search.placeholder': 'e.g. homework help, reading aloud, fire brigade',
  'networks.search.where': 'Place or postcode',
  'networks.search.submit': 'Find offers',
  'networks.takePart': 'Take part',
  'networks.link.offers': 'All engagement offers',
  'networks.link.needs': 'Where is help needed? (needs)',
  'networks.link.newNeed': 'I need help: post a need',
  'networks.link.newOrganisation': 'Register an organisation or club',
  'networks.link.overview': 'Figures and map: the overview',
  'networks.recentOffers': 'New offers',
  'networks.legal.imprint': 'Imprint',
  'networks.legal.privacy': 'Privacy statement',
  'networks.legal.accessibility': 'Accessibility statement',
  'networks.legal.platform':
    'This platform hosts several networks. Each network is responsible for its own content; you find the details with each network:',
  'networks.legal.empty': 'The network office has not provided this text yet.',
};

declare module '../../platform/i18n/index.ts' {
  interface MessageCatalog extends Record<keyof typeof de, string> {}
}
