export const de = {
  'feeds.title': 'Neue Engagement-Angebote – {network}',
  'feeds.titleFiltered': 'Neue Engagement-Angebote – {network} ({filter})',
  'feeds.description': 'Die neuesten veröffentlichten Angebote zum Mitmachen im Netzwerk {network}.',
  'feeds.help': 'So bauen Sie die Adresse eines Feeds',
  'feeds.error.municipality': 'Eine Kommune „{name}“ gehört nicht zum Netzwerk {network}. Bitte prüfen Sie die Schreibweise.',
  'feeds.error.field':
    'Dieses Tätigkeitsfeld kennen wir nicht. Erlaubt sind: sport, kultur, freizeit, sozial, schule, kirche, umwelt, politik, jugend_bildung, rettung, gesundheit, beruf, justiz, sonstiges.',
} as const;

export const en: { [K in keyof typeof de]: string } = {
  'feeds.title': 'New engagement offers – {network}',
  'feeds.titleFiltered': 'New engagement offers – {network} ({filter})',
  'feeds.description': 'The newest published offers to take part in, in the network {network}.',
  'feeds.help': 'How to build a feed address',
  'feeds.error.municipality': 'There is no municipality “{name}” in the network {network}. Please check the spelling.',
  'feeds.error.field':
    'We do not know this field of activity. Allowed are: sport, kultur, freizeit, sozial, schule, kirche, umwelt, politik, jugend_bildung, rettung, gesundheit, beruf, justiz, sonstiges.',
};

declare module '../../platform/i18n/index.ts' {
  interface MessageCatalog extends Record<keyof typeof de, string> {}
}
