export const de = {
  'sitesearch.title': 'Suche',
  'sitesearch.titleFor': 'Suche: „{q}“',
  'sitesearch.label': 'Alles durchsuchen',
  'sitesearch.words': 'Suchwörter',
  'sitesearch.network': 'Netzwerk',
  'sitesearch.allNetworks': 'alle Netzwerke',
  'sitesearch.submit': 'Suchen',
  'sitesearch.intro': 'Angebote, Veranstaltungen und Wissen aus allen Netzwerken mit einer Suche.',
  'sitesearch.count': '{count} Treffer',
  'sitesearch.none': 'Nichts gefunden.',
  'sitesearch.nothingAtAll': 'Zu „{q}“ wurde nichts gefunden. Versuchen Sie andere oder weniger Wörter.',
  'sitesearch.failed': 'Dieser Bereich konnte gerade nicht durchsucht werden.',
  'sitesearch.more': 'Alle Angebote zu „{q}“',
  'sitesearch.group.offers': 'Angebote',
  'sitesearch.nav': 'Suche',
} as const;

export const en: { [K in keyof typeof de]: string } = {
  'sitesearch.title': 'Search',
  'sitesearch.titleFor': 'Search: “{q}”',
  'sitesearch.label': 'Search everything',
  'sitesearch.words': 'Search words',
  'sitesearch.network': 'Network',
  'sitesearch.allNetworks': 'all networks',
  'sitesearch.submit': 'Search',
  'sitesearch.intro': 'Offers, events and knowledge from all networks in one search.',
  'sitesearch.count': '{count} results',
  'sitesearch.none': 'Nothing found.',
  'sitesearch.nothingAtAll': 'Nothing was found for “{q}”. Try other or fewer words.',
  'sitesearch.failed': 'This part could not be searched just now.',
  'sitesearch.more': 'All offers for “{q}”',
  'sitesearch.group.offers': 'Offers',
  'sitesearch.nav': 'Search',
};

declare module '../../platform/i18n/index.ts' {
  interface MessageCatalog extends Record<keyof typeof de, string> {}
}
