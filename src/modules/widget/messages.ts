export const de = {
  'widget.title': 'Mitmachen im Netzwerk {network}',
  'widget.titleIn': 'Mitmachen in {municipality}',
  'widget.none': 'Zurzeit gibt es hier keine Angebote.',
  'widget.all': 'Alle Angebote im Netzwerk {network}',
  'widget.problemTitle': 'Die Angebote können nicht angezeigt werden',
  'widget.error.parameters':
    'Die Adresse des Rahmens stimmt nicht: Bitte prüfen Sie netzwerk (Pflicht), kommune, feld, anzahl (1 bis 20) und design (hell oder dunkel).',
  'widget.error.network': 'Ein Netzwerk „{name}“ gibt es hier nicht.',
  'widget.error.municipality': 'Eine Kommune „{name}“ gehört nicht zum Netzwerk {network}.',
  'widget.events.title': 'Veranstaltungen im Netzwerk {network}',
  'widget.events.titleIn': 'Veranstaltungen in {municipality}',
  'widget.events.none': 'Zurzeit sind hier keine Veranstaltungen geplant.',
  'widget.events.all': 'Alle Veranstaltungen im Netzwerk {network}',
  'widget.events.problemTitle': 'Die Veranstaltungen können nicht angezeigt werden',
  'widget.events.cancelled': 'abgesagt',
  'widget.events.online': 'online',
  'widget.error.eventParameters':
    'Die Adresse des Rahmens stimmt nicht: Bitte prüfen Sie netzwerk (Pflicht), kommune, art, anzahl (1 bis 20) und design (hell oder dunkel).',
} as const;

export const en: { [K in keyof typeof de]: string } = {
  'widget.title': 'Get involved in the network {network}',
  'widget.titleIn': 'Get involved in {municipality}',
  'widget.none': 'There are no offers here at the moment.',
  'widget.all': 'All offers in the network {network}',
  'widget.problemTitle': 'The offers cannot be shown',
  'widget.error.parameters':
    'The frame’s address is not right: please check netzwerk (required), kommune, feld, anzahl (1 to 20) and design (hell or dunkel).',
  'widget.error.network': 'There is no network “{name}” here.',
  'widget.error.municipality': 'There is no municipality “{name}” in the network {network}.',
  'widget.events.title': 'Events in the network {network}',
  'widget.events.titleIn': 'Events in {municipality}',
  'widget.events.none': 'No events are planned here at the moment.',
  'widget.events.all': 'All events in the network {network}',
  'widget.events.problemTitle': 'The events cannot be shown',
  'widget.events.cancelled': 'cancelled',
  'widget.events.online': 'online',
  'widget.error.eventParameters':
    'The frame’s address is not right: please check netzwerk (required), kommune, art, anzahl (1 to 20) and design (hell or dunkel).',
};

declare module '../../platform/i18n/index.ts' {
  interface MessageCatalog extends Record<keyof typeof de, string> {}
}
