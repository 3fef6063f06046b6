export const de = {
  'openapi.docs.title': 'Offene Schnittstelle (API)',
  'openapi.docs.intro':
    'Über die Schnittstelle lesen Kommunen, Vereine und andere Programme die öffentlichen Engagement-Angebote, Organisationen, Kommunen und Netzwerke. Organisationen können ihre eigenen Angebote mit einem API-Schlüssel anlegen und ändern.',
  'openapi.docs.document': 'Maschinenlesbare Beschreibung:',
  'openapi.docs.reading':
    'Lesen geht ohne Anmeldung und von jeder Website aus (CORS, ohne Cookies); höchstens {limit} Abfragen pro Minute und Adresse.',
  'openapi.docs.writing':
    'Schreiben geht nur mit einem API-Schlüssel der Organisation (Kopfzeile Authorization: Bearer …), höchstens {limit} Abfragen pro Minute und Schlüssel. Den Schlüssel legen Administrator:innen der Organisation in deren Einstellungen an.',
  'openapi.docs.caching':
    'Antworten tragen ETag und, wo bekannt, Last-Modified; mit If-None-Match oder If-Modified-Since kommt 304 Not Modified zurück, wenn sich nichts geändert hat.',
  'openapi.docs.errors': 'Fehler kommen als „problem+json“ (RFC 9457) mit einer Beschreibung und, bei Eingabefehlern, einer Liste der betroffenen Felder.',
  'openapi.docs.contents': 'Inhalt',
  'openapi.docs.name': 'Name',
  'openapi.docs.type': 'Typ',
  'openapi.docs.required': 'Pflicht',
  'openapi.docs.optional': 'freiwillig',
  'openapi.docs.description': 'Beschreibung',
  'openapi.docs.parameters': 'Parameter von {operation}',
  'openapi.docs.body': 'Felder im Inhalt von {operation}',
  'openapi.docs.responses': 'Antworten:',
  'openapi.docs.example': 'Beispiel:',
  'openapi.docs.needsToken': 'Braucht einen API-Schlüssel der Organisation mit dem Recht „Schreiben“.',
  'openapi.docs.feeds': 'Feeds und Sitemap',
  'openapi.docs.feedsText':
    'Neue Angebote eines Netzwerks als RSS 2.0 oder Atom, auf Wunsch nur einer Kommune (kommune=Name) oder eines Tätigkeitsfelds (feld=Schlüssel). Die Sitemap listet Netzwerke, veröffentlichte Angebote, Organisationen und die Rechtstexte.',
  'openapi.docs.widget': 'Einbinden in die Website Ihrer Kommune',
  'openapi.docs.widgetText':
    'Ein kleines Skript zeigt die aktuellen Angebote direkt auf Ihrer Seite, in deren Schrift und Farben. Es setzt keine Cookies und speichert nichts. Mögliche Angaben: data-network (Pflicht), data-municipality, data-field, data-limit (1–20), data-theme (inherit, light oder dark).',
  'openapi.docs.iframeText': 'Wenn Ihre Website keine fremden Skripte erlaubt, binden Sie die Liste als Rahmen (iframe) ein:',
  'openapi.docs.widgetEvents':
    'Die kommenden Veranstaltungen zeigt dasselbe Skript mit data-kind="events" (Angaben wie oben, ohne data-field), der Rahmen unter /widget/veranstaltungen (netzwerk, kommune, art, anzahl, design). Beide nennen Titel, Zeit und Ort, nie Angemeldete und nie den Link einer Online-Veranstaltung.',

  'openapi.error.unauthorised.title': 'API-Schlüssel fehlt oder ist ungültig',
  'openapi.error.unauthorised.text':
    'Senden Sie einen gültigen API-Schlüssel Ihrer Organisation in der Kopfzeile „Authorization: Bearer …“. Widerrufene Schlüssel gelten nicht mehr.',
  'openapi.error.forbidden.title': 'Nicht erlaubt',
  'openapi.error.forbidden.text':
    'Dieser API-Schlüssel darf das nicht: Er braucht das Recht „Schreiben“, und er gilt nur für die Angebote seiner eigenen Organisation.',
  'openapi.error.invalid.title': 'Das Angebot ist so nicht vollständig',
  'openapi.error.invalid.text': 'Bitte prüfen Sie die genannten Felder; es gelten dieselben Regeln wie im Angebotsformular.',
  'openapi.error.conflict.title': 'Das geht im jetzigen Zustand des Angebots nicht',
  'openapi.error.networkUnknown': 'Dieses Netzwerk gibt es hier nicht.',
  'openapi.error.municipalityUnknown': 'Diese Kommune gibt es (in diesem Netzwerk) nicht.',
  'openapi.error.listSeparator': 'Ein Eintrag darf kein Komma und kein Semikolon enthalten.',

  'openapi.tokens.link': 'API-Schlüssel',
  'openapi.tokens.title': 'API-Schlüssel von {name}',
  'openapi.tokens.back': 'Zurück zu {name}',
  'openapi.tokens.intro':
    'Mit einem API-Schlüssel kann ein Programm Ihrer Organisation, zum Beispiel Ihre Vereinswebsite, Ihre Angebote lesen und anlegen, ohne dass jemand ein Passwort weitergibt. Jeder Schlüssel gilt nur für Ihre Organisation und lässt sich jederzeit widerrufen.',
  'openapi.tokens.docs': 'Beschreibung der Schnittstelle',
  'openapi.tokens.none': 'Ihre Organisation hat noch keinen API-Schlüssel.',
  'openapi.tokens.caption': 'API-Schlüssel Ihrer Organisation',
  'openapi.tokens.name': 'Bezeichnung',
  'openapi.tokens.nameHint': 'Wofür ist der Schlüssel? Zum Beispiel „Vereinswebsite“.',
  'openapi.tokens.prefix': 'Beginnt mit',
  'openapi.tokens.scopes': 'Rechte',
  'openapi.tokens.scope.read': 'Lesen (auch Entwürfe und Angebote in Prüfung)',
  'openapi.tokens.scope.write': 'Schreiben (Angebote anlegen, ändern, archivieren)',
  'openapi.tokens.createdAt': 'Angelegt',
  'openapi.tokens.lastUsed': 'Zuletzt benutzt',
  'openapi.tokens.neverUsed': 'noch nie',
  'openapi.tokens.state': 'Zustand',
  'openapi.tokens.revokedAt': 'widerrufen am {date}',
  'openapi.tokens.revoke': 'Widerrufen',
  'openapi.tokens.revokeLabel': 'Schlüssel „{name}“ widerrufen',
  'openapi.tokens.revoked': 'Der Schlüssel ist widerrufen. Programme, die ihn benutzen, bekommen ab sofort keinen Zugang mehr.',
  'openapi.tokens.new': 'Neuen API-Schlüssel anlegen',
  'openapi.tokens.create': 'Schlüssel anlegen',
  'openapi.tokens.created': 'Der Schlüssel „{name}“ ist angelegt.',
  'openapi.tokens.copyNow':
    'Kopieren Sie ihn jetzt und bewahren Sie ihn sicher auf: Er wird nur dieses eine Mal angezeigt. Wir speichern nur einen Fingerabdruck davon.',
  'openapi.tokens.token': 'Ihr neuer API-Schlüssel',
  'openapi.tokens.noScope': 'Bitte wählen Sie mindestens ein Recht.',
  'openapi.tokens.repeated': 'Dieses Formular wurde schon abgeschickt; der Schlüssel wurde dabei angelegt und angezeigt. Legen Sie bei Bedarf einen neuen an.',
  'openapi.tokens.notFound': 'Diesen Schlüssel gibt es nicht.',
} as const;

export const en: { [K in keyof typeof de]: string } = {
  'openapi.docs.title': 'Open interface (API)',
  'openapi.docs.intro':
    'Through the interface, municipalities, clubs and other programs read the public engagement offers, organisations, municipalities and networks. Organisations can create and change their own offers with an API key.',
  'openapi.docs.document': 'Machine-readable description:',
  'openapi.docs.reading': 'Reading needs no sign-in and works from any website (CORS, without cookies); at most {limit} requests per minute and address.',
  'openapi.docs.writing':
    'Writing needs an API key of the organisation (header Authorization: Bearer …), at most {limit} requests per minute and key. The organisation’s admins create keys in its settings.',
  'openapi.docs.caching':
    'Answers carry an ETag and, where known, Last-Modified; with If-None-Match or If-Modified-Since you get 304 Not Modified when nothing changed.',
  'openapi.docs.errors': 'Errors come as “problem+json” (RFC 9457) with a description and, for input errors, a list of the fields concerned.',
  'openapi.docs.contents': 'Contents',
  'openapi.docs.name': 'Name',
  'openapi.docs.type': 'Type',
  'openapi.docs.required': 'required',
  'openapi.docs.optional': 'optional',
  'openapi.docs.description': 'Description',
  'openapi.docs.parameters': 'Parameters of {operation}',
  'openapi.docs.body': 'Body fields of {operation}',
  'openapi.docs.responses': 'Responses:',
  'openapi.docs.example': 'Example:',
  'openapi.docs.needsToken': 'Needs an API key of the organisation with the “write” right.',
  'openapi.docs.feeds': 'Feeds and sitemap',
  'openapi.docs.feedsText':
    'New offers of a network as RSS 2.0 or Atom, optionally of one municipality only (kommune=name) or one field of activity (feld=key). The sitemap lists networks, published offers, organisations and the legal pages.',
  'openapi.docs.widget': 'Embedding in your municipality’s website',
  'openapi.docs.widgetText':
    'A small script shows the current offers right on your page, in its font and colours. It sets no cookies and stores nothing. Settings: data-network (required), data-municipality, data-field, data-limit (1–20), data-theme (inherit, light or dark).',
  'openapi.docs.iframeText': 'If your website allows no scripts from elsewhere, embed the list as a frame (iframe):',
  'openapi.docs.widgetEvents':
    'The same script shows upcoming events with data-kind="events" (settings as above, without data-field), the frame at /widget/veranstaltungen (netzwerk, kommune, art, anzahl, design). Both give title, time and place, never who registered and never the link of an online event.',

  'openapi.error.unauthorised.title': 'API key missing or not valid',
  'openapi.error.unauthorised.text':
    'Send a valid API key of your organisation in the header “Authorization: Bearer …”. Revoked keys no longer work.',
  'openapi.error.forbidden.title': 'Not allowed',
  'openapi.error.forbidden.text': 'This API key may not do this: it needs the “write” right, and it only works for its own organisation’s offers.',
  'openapi.error.invalid.title': 'The offer is not complete like this',
  'openapi.error.invalid.text': 'Please check the fields named; the same rules apply as in the offer form.',
  'openapi.error.conflict.title': 'Not possible in the offer’s current state',
  'openapi.error.networkUnknown': 'There is no such network here.',
  'openapi.error.municipalityUnknown': 'There is no such municipality (in this network).',
  'openapi.error.listSeparator': 'An entry must not contain a comma or a semicolon.',

  'openapi.tokens.link': 'API keys',
  'openapi.tokens.title': 'API keys of {name}',
  'openapi.tokens.back': 'Back to {name}',
  'openapi.tokens.intro':
    'With an API key, a program of your organisation, for example your club’s website, can read and create your offers without anybody passing on a password. Each key works only for your organisation and can be revoked at any time.',
  'openapi.tokens.docs': 'Description of the interface',
  'openapi.tokens.none': 'Your organisation has no API key yet.',
  'openapi.tokens.caption': 'API keys of your organisation',
  'openapi.tokens.name': 'Name',
  'openapi.tokens.nameHint': 'What is the key for? For example “Club website”.',
  'openapi.tokens.prefix': 'Starts with',
  'openapi.tokens.scopes': 'Rights',
  'openapi.tokens.scope.read': 'Read (drafts and offers in review too)',
  'openapi.tokens.scope.write': 'Write (create, change, archive offers)',
  'openapi.tokens.createdAt': 'Created',
  'openapi.tokens.lastUsed': 'Last used',
  'openapi.tokens.neverUsed': 'never',
  'openapi.tokens.state': 'State',
  'openapi.tokens.revokedAt': 'revoked on {date}',
  'openapi.tokens.revoke': 'Revoke',
  'openapi.tokens.revokeLabel': 'Revoke key “{name}”',
  'openapi.tokens.revoked': 'The key is revoked. Programs that use it have no access from now on.',
  'openapi.tokens.new': 'Create a new API key',
  'openapi.tokens.create': 'Create key',
  'openapi.tokens.created': 'The key “{name}” has been created.',
  'openapi.tokens.copyNow': 'Copy it now and keep it safe: it is shown this one time only. We only store a fingerprint of it.',
  'openapi.tokens.token': 'Your new API key',
  'openapi.tokens.noScope': 'Please choose at least one right.',
  'openapi.tokens.repeated': 'This form was sent already; the key was created and shown then. Create a new one if you need it.',
  'openapi.tokens.notFound': 'There is no such key.',
};

declare module '../../platform/i18n/index.ts' {
  interface MessageCatalog extends Record<keyof typeof de, string> {}
}
