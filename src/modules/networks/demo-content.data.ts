import type { Commitment, Field, Suitability, TargetGroup, TimeOfDay } from '../../platform/vocabulary.ts';
import type { OrganisationType } from '../organisations/index.ts';
import type { PlacementStatus } from '../placements/index.ts';

/*
 * DEMO DATA: invented organisations, offers, needs and placements for the two demo networks, so that a
 * newcomer sees what the platform is for. Names of people and organisations are made up; addresses use
 * common street names and the places' real postcodes; e-mail addresses end in .example and reach nobody.
 */

export interface DemoOrganisation {
  key: string;
  name: string;
  type: OrganisationType;
  municipality: string;
  street: string;
  postcode: string;
  email: string;
  website?: string;
  description: string;
}

export interface DemoOffer {
  organisation: string;
  title: string;
  summary: string;
  /** Plain text as typed into the offer form: blank lines between paragraphs, "- " for lists. */
  description: string;
  field: Field;
  targetGroups: TargetGroup[];
  skills?: string[];
  tags?: string[];
  commitment: Commitment;
  hoursPerWeek?: number;
  weekdays?: number[];
  timesOfDay?: TimeOfDay[];
  suitability?: Suitability[];
  remote?: boolean;
  /** Defaults to the organisation's municipality. */
  municipality?: string;
  street?: string;
  district?: string;
  peopleWanted?: number;
  contactName: string;
  /** A period in days from the day of seeding, for one-off and project offers. */
  period?: { from: number; to: number };
  publishedDaysAgo: number;
}

export interface DemoNeed {
  title: string;
  description: string;
  field: Field;
  municipality: string;
  /** Key of the organisation that asks for help, if not a private person. */
  organisation?: string;
  requesterName: string;
  requesterEmail: string;
  weekdays?: number[];
  timesOfDay?: TimeOfDay[];
  isPublic?: boolean;
  createdDaysAgo: number;
}

export interface DemoPlacement {
  /** Title of the offer it belongs to. */
  offer: string;
  volunteerName: string;
  volunteerEmail: string;
  message: string;
  createdDaysAgo: number;
  /** Status changes by the organisation, in hours after the inquiry; the first one is its response. */
  steps: Array<{ to: PlacementStatus; afterHours: number; note?: string }>;
  /** The organisation's first answer, posted with the first step. */
  answer?: string;
}

export interface DemoContent {
  organisations: DemoOrganisation[];
  offers: DemoOffer[];
  needs: DemoNeed[];
  placements: DemoPlacement[];
}

const gems: DemoContent = {
  organisations: [
    {
      key: 'buergerverein',
      name: 'Bürgerverein Delitzsch-Nord e. V.',
      type: 'verein',
      municipality: 'Delitzsch',
      street: 'Lindenstraße 12',
      postcode: '04509',
      email: 'kontakt@buergerverein-delitzsch-nord.example',
      website: 'https://buergerverein-delitzsch-nord.example',
      description:
        'Wir sind ein Nachbarschaftsverein im Norden von Delitzsch und betreiben das Bürgerhaus an der Lindenstraße. Dort gibt es ein Nachbarschaftscafé, Hausaufgabenhilfe, Lernpatenschaften und Platz für Gruppen aus dem Viertel.\n\nBei uns engagieren sich rund 40 Menschen zwischen 16 und 82 Jahren.',
    },
    {
      key: 'willkommensnetz',
      name: 'Willkommensnetz Delitzsch',
      type: 'initiative',
      municipality: 'Delitzsch',
      street: 'Markt 5',
      postcode: '04509',
      email: 'hallo@willkommensnetz-delitzsch.example',
      description:
        'Eine Initiative von Ehrenamtlichen, die Menschen mit Fluchterfahrung beim Ankommen in Delitzsch und Umgebung unterstützt: mit Sprachcafé, Begleitung zu Ämtern und Übersetzungen. Wir treffen uns jeden ersten Montag im Monat.',
    },
    {
      key: 'nachbarschaftshilfe',
      name: 'Nachbarschaftshilfe Taucha e. V.',
      type: 'verein',
      municipality: 'Taucha',
      street: 'Leipziger Straße 40',
      postcode: '04425',
      email: 'buero@nachbarschaftshilfe-taucha.example',
      description:
        'Wir helfen dort, wo Familie und Pflegedienst nicht hinkommen: beim Einkaufen, bei Fahrten zum Arzt und mit Hausaufgabenhilfe an der Oberschule. Unser Büro ist dienstags und donnerstags von 9 bis 12 Uhr geöffnet.',
    },
    {
      key: 'kirchengemeinde',
      name: 'Evangelische Kirchengemeinde Schkeuditz-Nord',
      type: 'kirchengemeinde',
      municipality: 'Schkeuditz',
      street: 'Kirchplatz 2',
      postcode: '04435',
      email: 'gemeindebuero@kirche-schkeuditz-nord.example',
      description:
        'Unsere Gemeinde lebt vom Mitmachen: Besuchsdienst, Kinderbibeltage, offene Kirche am Wochenende. Alle sind willkommen, unabhängig von Konfession und Glauben.',
    },
    {
      key: 'kita',
      name: 'Kita „Sonnenblume“ Rackwitz',
      type: 'schule_kita',
      municipality: 'Rackwitz',
      street: 'Gartenweg 7',
      postcode: '04519',
      email: 'kita.sonnenblume@rackwitz.example',
      description:
        'Kindertagesstätte mit 85 Plätzen in Krippe und Kindergarten, mit großem Garten am Ortsrand. Wir freuen uns über Menschen, die Zeit und Ideen mitbringen.',
    },
    {
      key: 'naturschutz',
      name: 'Naturschutzinitiative Muldeaue Löbnitz',
      type: 'initiative',
      municipality: 'Löbnitz',
      street: 'Dorfstraße 18',
      postcode: '04509',
      email: 'muldeaue@naturschutz-loebnitz.example',
      description:
        'Wir pflegen Streuobstwiesen, betreuen im Frühjahr den Amphibienzaun an der Kreisstraße und zeigen Kindern die Tiere und Pflanzen der Muldeaue. Vorkenntnisse braucht niemand, nur Lust auf Arbeit an der frischen Luft.',
    },
    {
      key: 'sportverein',
      name: 'SV Blau-Weiß Jesewitz e. V.',
      type: 'verein',
      municipality: 'Jesewitz',
      street: 'Am Sportplatz 1',
      postcode: '04838',
      email: 'vorstand@blau-weiss-jesewitz.example',
      website: 'https://blau-weiss-jesewitz.example',
      description:
        'Fußball, Kinderturnen, Gymnastik und Tischtennis für alle Generationen. Der Verein hat 230 Mitglieder und wird vollständig ehrenamtlich geführt.',
    },
    {
      key: 'heimatverein',
      name: 'Heimatverein Zschepplin e. V.',
      type: 'verein',
      municipality: 'Zschepplin',
      street: 'Schloßstraße 3',
      postcode: '04838',
      email: 'info@heimatverein-zschepplin.example',
      description:
        'Wir sammeln und bewahren die Geschichte der Ortsteile von Zschepplin, betreuen die Heimatstube und laden jedes Jahr zum Dorffest ein.',
    },
    {
      key: 'begegnungsstaette',
      name: 'Begegnungsstätte „Miteinander“ Wiedemar',
      type: 'einrichtung',
      municipality: 'Wiedemar',
      street: 'Bahnhofstraße 9',
      postcode: '04509',
      email: 'miteinander@wiedemar.example',
      description:
        'Treffpunkt für ältere Menschen in Wiedemar und den Ortsteilen: Spielenachmittage, Bewegungsangebote, Beratung und ein offenes Ohr. Geöffnet montags bis donnerstags.',
    },
    {
      key: 'gemeinde',
      name: 'Gemeinde Schönwölkau',
      type: 'kommune',
      municipality: 'Schönwölkau',
      street: 'Hauptstraße 20',
      postcode: '04509',
      email: 'buergerbeteiligung@schoenwoelkau.example',
      description:
        'Die Gemeindeverwaltung lädt Bürgerinnen und Bürger ein, ihre Ortsteile mitzugestalten – zum Beispiel in der Dorfwerkstatt oder als Fahrerin oder Fahrer des Bürgerbusses.',
    },
    {
      key: 'feuerwehr',
      name: 'Förderverein der Freiwilligen Feuerwehr Krostitz e. V.',
      type: 'verein',
      municipality: 'Krostitz',
      street: 'Feuerwehrstraße 4',
      postcode: '04509',
      email: 'foerderverein@feuerwehr-krostitz.example',
      description:
        'Wir unterstützen die Freiwillige Feuerwehr und ihre Jugendfeuerwehr: mit Ausrüstung, Festen und Menschen, die mit anpacken, auch ohne selbst in den Einsatz zu gehen.',
    },
    {
      key: 'hospiz',
      name: 'Ambulanter Hospizdienst Taucha',
      type: 'einrichtung',
      municipality: 'Taucha',
      street: 'Portitzer Straße 15',
      postcode: '04425',
      email: 'hospizdienst@taucha.example',
      description:
        'Wir begleiten schwerkranke und sterbende Menschen und ihre Angehörigen zu Hause und im Pflegeheim. Unsere Ehrenamtlichen werden in einem Befähigungskurs vorbereitet und von Fachkräften begleitet.',
    },
    {
      key: 'betreuungsverein',
      name: 'Betreuungsverein Delitzscher Land e. V.',
      type: 'verein',
      municipality: 'Schkeuditz',
      street: 'Bahnhofstraße 28',
      postcode: '04435',
      email: 'ehrenamt@betreuungsverein-delitzscher-land.example',
      description:
        'Wir gewinnen, schulen und beraten ehrenamtliche rechtliche Betreuerinnen und Betreuer im Landkreis und helfen bei Vorsorgevollmacht und Betreuungsverfügung.',
    },
    {
      key: 'landtechnik',
      name: 'Landtechnik Wiedemar GmbH',
      type: 'unternehmen',
      municipality: 'Wiedemar',
      street: 'Gewerbering 6',
      postcode: '04509',
      email: 'werkstatt@landtechnik-wiedemar.example',
      description:
        'Familienbetrieb für Landmaschinen und Gartentechnik mit 24 Beschäftigten. Einmal im Monat öffnen wir unsere Werkstatt für das Reparaturcafé.',
    },
    {
      key: 'chor',
      name: 'Gemischter Chor Schkeuditz e. V.',
      type: 'verein',
      municipality: 'Schkeuditz',
      street: 'Rathausplatz 1',
      postcode: '04435',
      email: 'vorstand@chor-schkeuditz.example',
      description:
        'Rund 35 Sängerinnen und Sänger proben jeden Donnerstag und singen bei Stadtfesten, in Kirchen und Pflegeheimen der Region.',
    },
  ],

  offers: [
    {
      organisation: 'buergerverein',
      title: 'Hausaufgabenhilfe für Grundschulkinder',
      summary: 'Zweimal in der Woche mit Kindern der Klassen 1 bis 4 Hausaufgaben machen und Lesen üben – im Bürgerhaus Delitzsch-Nord.',
      description:
        'Viele Kinder aus unserem Viertel haben zu Hause niemanden, der bei den Hausaufgaben helfen kann. Im Bürgerhaus sitzen wir montags und mittwochs nach der Schule in kleinen Gruppen zusammen.\n\nSie erklären geduldig, hören beim Lesen zu und loben, wenn etwas klappt. Pädagogische Vorkenntnisse brauchen Sie nicht; wir führen Sie in den ersten Wochen ein.\n\n- Zeit: montags und mittwochs, 14 bis 16 Uhr\n- Ort: Bürgerhaus, Lindenstraße 12\n- Ein erweitertes Führungszeugnis ist nötig (wir beantragen es kostenfrei für Sie)',
      field: 'schule',
      targetGroups: ['kinder', 'familien'],
      skills: ['Geduld', 'Freude am Erklären'],
      tags: ['Hausaufgaben', 'Lesen', 'Grundschule'],
      commitment: 'regular',
      hoursPerWeek: 4,
      weekdays: [1, 3],
      timesOfDay: ['afternoon'],
      suitability: ['youth', 'seniors', 'wheelchair'],
      street: 'Lindenstraße 12',
      district: 'Delitzsch-Nord',
      peopleWanted: 4,
      contactName: 'Sabine Krüger',
      publishedDaysAgo: 3,
    },
    {
      organisation: 'buergerverein',
      title: 'Lernpatenschaft für Jugendliche',
      summary: 'Eine Jugendliche oder einen Jugendlichen ein Schuljahr lang begleiten: bei Hausaufgaben, Bewerbungen und der Frage, wie es nach der Schule weitergeht.',
      description:
        'Als Lernpatin oder Lernpate treffen Sie sich einmal in der Woche mit einer Schülerin oder einem Schüler ab Klasse 7. Was Sie zusammen machen, entscheiden Sie beide: Mathe wiederholen, Hausaufgaben besprechen, eine Bewerbung schreiben.\n\nWir bringen Sie zusammen, begleiten die Patenschaft und laden dreimal im Jahr zum Austausch ein.',
      field: 'jugend_bildung',
      targetGroups: ['jugendliche'],
      skills: ['Zuverlässigkeit', 'Zuhören'],
      tags: ['Lernpaten', 'Bewerbung', 'Berufsorientierung'],
      commitment: 'regular',
      hoursPerWeek: 1.5,
      timesOfDay: ['afternoon', 'evening'],
      suitability: ['seniors'],
      street: 'Lindenstraße 12',
      district: 'Delitzsch-Nord',
      peopleWanted: 6,
      contactName: 'Sabine Krüger',
      publishedDaysAgo: 12,
    },
    {
      organisation: 'buergerverein',
      title: 'Kuchen backen und ausschenken im Nachbarschaftscafé',
      summary: 'Freitags ist das Bürgerhaus ein Café für alle. Wir suchen Menschen, die backen, Kaffee kochen und mit den Gästen ins Gespräch kommen.',
      description:
        'Das Nachbarschaftscafé ist jeden Freitag von 14 bis 17 Uhr geöffnet. Zu uns kommen Seniorinnen, junge Familien und alle, die gern unter Leuten sind.\n\nSie können einmal im Monat oder jede Woche dabei sein, ganz wie es Ihnen passt. Zutaten bezahlt der Verein.',
      field: 'freizeit',
      targetGroups: ['alle', 'senioren'],
      skills: ['Backen', 'Gastfreundschaft'],
      tags: ['Café', 'Nachbarschaft'],
      commitment: 'regular',
      hoursPerWeek: 3,
      weekdays: [5],
      timesOfDay: ['afternoon'],
      suitability: ['seniors', 'families', 'little_german', 'wheelchair'],
      street: 'Lindenstraße 12',
      district: 'Delitzsch-Nord',
      peopleWanted: 5,
      contactName: 'Horst Lehmann',
      publishedDaysAgo: 20,
    },
    {
      organisation: 'buergerverein',
      title: 'Helferinnen und Helfer für das Stadtteilfest',
      summary: 'Aufbau, Kinderschminken, Kuchenstand, Abbau: Für unser Stadtteilfest brauchen wir viele Hände für einen Tag.',
      description:
        'Einmal im Jahr feiert Delitzsch-Nord sein Stadtteilfest auf der Wiese hinter dem Bürgerhaus. Tragen Sie sich für eine Schicht von drei Stunden ein – oder für den ganzen Tag.\n\n- Aufbau ab 9 Uhr\n- Stände und Spiele von 13 bis 18 Uhr\n- Abbau ab 18 Uhr',
      field: 'freizeit',
      targetGroups: ['alle', 'familien'],
      tags: ['Fest', 'Stadtteil'],
      commitment: 'one_off',
      weekdays: [6],
      timesOfDay: ['morning', 'afternoon', 'evening'],
      suitability: ['youth', 'families', 'little_german'],
      district: 'Delitzsch-Nord',
      peopleWanted: 20,
      contactName: 'Horst Lehmann',
      period: { from: 38, to: 38 },
      publishedDaysAgo: 6,
    },
    {
      organisation: 'willkommensnetz',
      title: 'Sprachcafé: Deutsch sprechen mit Neuzugewanderten',
      summary: 'Jeden Dienstagabend miteinander ins Gespräch kommen – die Teilnehmenden üben Deutsch, Sie lernen neue Menschen kennen.',
      description:
        'Im Sprachcafé sitzen Neuzugewanderte und Delitzscherinnen und Delitzscher an kleinen Tischen zusammen und unterhalten sich über Alltag, Arbeit und Familie. Es gibt keinen Unterricht und keine Noten.\n\nSie brauchen keine Fremdsprachenkenntnisse, nur Freude an Gesprächen und etwas Geduld.',
      field: 'jugend_bildung',
      targetGroups: ['gefluechtete'],
      skills: ['Geduld', 'Offenheit'],
      tags: ['Sprache', 'Integration', 'Deutsch'],
      commitment: 'regular',
      hoursPerWeek: 2,
      weekdays: [2],
      timesOfDay: ['evening'],
      suitability: ['youth', 'seniors'],
      street: 'Markt 5',
      peopleWanted: 8,
      contactName: 'Amira Haddad',
      publishedDaysAgo: 9,
    },
    {
      organisation: 'willkommensnetz',
      title: 'Begleitung zu Ämtern und Arztterminen',
      summary: 'Geflüchtete Familien zu Terminen beim Jobcenter, bei der Ausländerbehörde oder beim Kinderarzt begleiten.',
      description:
        'Formulare, Fachbegriffe und lange Wartezeiten: Vieles ist leichter, wenn jemand mitkommt. Sie begleiten nach Absprache zu einzelnen Terminen, meistens vormittags in Delitzsch oder Eilenburg.\n\nWir vermitteln die Termine über unsere Telefonkette und bereiten Sie in einem kurzen Gespräch vor.',
      field: 'sozial',
      targetGroups: ['gefluechtete', 'familien'],
      skills: ['Behördenerfahrung', 'Führerschein'],
      tags: ['Begleitung', 'Ämter'],
      commitment: 'regular',
      hoursPerWeek: 2,
      weekdays: [1, 2, 3, 4, 5],
      timesOfDay: ['morning'],
      suitability: ['seniors'],
      peopleWanted: 5,
      contactName: 'Amira Haddad',
      publishedDaysAgo: 27,
    },
    {
      organisation: 'willkommensnetz',
      title: 'Infoblätter übersetzen (Ukrainisch, Arabisch, Russisch)',
      summary: 'Kurze Informationen zu Kita-Anmeldung, Müllabfuhr und Arztbesuch in andere Sprachen übertragen – bequem von zu Hause.',
      description:
        'Die Gemeinden und Vereine der Region haben viele Informationen nur auf Deutsch. Wir sammeln die wichtigsten Blätter und suchen Menschen, die sie übersetzen oder Übersetzungen gegenlesen.\n\nSie arbeiten am eigenen Rechner, wann es Ihnen passt. Ein Blatt ist selten länger als eine Seite.',
      field: 'sozial',
      targetGroups: ['gefluechtete'],
      skills: ['Ukrainisch', 'Arabisch', 'Russisch'],
      tags: ['Übersetzung', 'online'],
      commitment: 'project',
      hoursPerWeek: 1,
      suitability: ['little_german', 'wheelchair'],
      remote: true,
      peopleWanted: 6,
      contactName: 'Amira Haddad',
      period: { from: 0, to: 120 },
      publishedDaysAgo: 15,
    },
    {
      organisation: 'nachbarschaftshilfe',
      title: 'Einkaufshilfe für ältere Nachbarinnen und Nachbarn',
      summary: 'Einmal in der Woche für oder mit einer älteren Person in Taucha einkaufen gehen.',
      description:
        'Manche unserer älteren Mitglieder schaffen den Weg zum Supermarkt nicht mehr allein. Sie kaufen nach Zettel ein oder gehen gemeinsam, mit Rollator und in Ruhe.\n\nWir bringen Sie mit einer Person aus Ihrer Nähe zusammen. Das Geld für den Einkauf wird vorher übergeben, Sie legen nichts aus.',
      field: 'sozial',
      targetGroups: ['senioren'],
      skills: ['Zuverlässigkeit'],
      tags: ['Einkaufen', 'Nachbarschaft'],
      commitment: 'regular',
      hoursPerWeek: 1.5,
      weekdays: [2, 4],
      timesOfDay: ['morning'],
      suitability: ['youth', 'seniors', 'little_german'],
      peopleWanted: 6,
      contactName: 'Renate Vogel',
      publishedDaysAgo: 33,
    },
    {
      organisation: 'nachbarschaftshilfe',
      title: 'Fahrdienst zu Arztterminen',
      summary: 'Mit dem Vereinsauto Menschen ohne eigenes Auto zu Ärztinnen, Ärzten und Therapien in Taucha und Leipzig fahren.',
      description:
        'Der Verein hat ein Auto, das Fahrten zu Arztpraxen, zur Physiotherapie und ins Krankenhaus möglich macht. Sie fahren ein- bis zweimal im Monat nach Plan, Benzin und Versicherung zahlt der Verein.\n\nSie brauchen einen Führerschein der Klasse B und Fahrpraxis.',
      field: 'gesundheit',
      targetGroups: ['senioren', 'kranke'],
      skills: ['Führerschein Klasse B'],
      tags: ['Fahrdienst', 'Mobilität'],
      commitment: 'regular',
      hoursPerWeek: 2,
      weekdays: [1, 2, 3, 4, 5],
      timesOfDay: ['morning', 'afternoon'],
      suitability: ['seniors'],
      peopleWanted: 3,
      contactName: 'Renate Vogel',
      publishedDaysAgo: 41,
    },
    {
      organisation: 'nachbarschaftshilfe',
      title: 'Hausaufgabenhilfe an der Oberschule Taucha',
      summary: 'Schülerinnen und Schülern der Klassen 5 und 6 in der Hausaufgabenzeit der Oberschule beim Lernen helfen.',
      description:
        'In der Hausaufgabenzeit der Oberschule sitzen bis zu zwölf Kinder in einem Raum. Mit Ihrer Hilfe kann die Lehrkraft sich um einzelne Kinder kümmern, während Sie anderen Aufgaben erklären.\n\nDienstags und donnerstags von 13:30 bis 15 Uhr, gern auch nur an einem Tag.',
      field: 'schule',
      targetGroups: ['kinder', 'jugendliche'],
      skills: ['Mathematik', 'Deutsch'],
      tags: ['Hausaufgaben', 'Oberschule'],
      commitment: 'regular',
      hoursPerWeek: 3,
      weekdays: [2, 4],
      timesOfDay: ['afternoon'],
      suitability: ['seniors'],
      peopleWanted: 3,
      contactName: 'Renate Vogel',
      publishedDaysAgo: 18,
    },
    {
      organisation: 'kirchengemeinde',
      title: 'Besuchsdienst im Pflegeheim',
      summary: 'Bewohnerinnen und Bewohner eines Schkeuditzer Pflegeheims regelmäßig besuchen, zuhören, vorlesen, spazieren gehen.',
      description:
        'Manche Bewohnerinnen und Bewohner bekommen kaum Besuch. Sie besuchen eine Person alle ein bis zwei Wochen für eine Stunde und bringen Zeit mit – mehr nicht.\n\nDer Besuchsdienstkreis trifft sich einmal im Monat zum Austausch.',
      field: 'kirche',
      targetGroups: ['senioren'],
      skills: ['Zuhören'],
      tags: ['Besuchsdienst', 'Pflegeheim'],
      commitment: 'regular',
      hoursPerWeek: 1,
      timesOfDay: ['afternoon'],
      suitability: ['youth', 'seniors', 'wheelchair'],
      peopleWanted: 6,
      contactName: 'Pfarrerin Johanna Seidel',
      publishedDaysAgo: 24,
    },
    {
      organisation: 'kirchengemeinde',
      title: 'Mitarbeit bei den Kinderbibeltagen in den Herbstferien',
      summary: 'Drei Tage mit 40 Kindern: Geschichten, Basteln, Singen und ein großes Geländespiel.',
      description:
        'Für die Kinderbibeltage suchen wir Jugendliche und Erwachsene, die eine Kleingruppe begleiten, in der Küche helfen oder beim Geländespiel eine Station betreuen.\n\nVor den Tagen gibt es ein Vorbereitungstreffen.',
      field: 'kirche',
      targetGroups: ['kinder'],
      skills: ['Basteln', 'Singen'],
      tags: ['Kinderbibeltage', 'Ferien'],
      commitment: 'project',
      timesOfDay: ['morning', 'afternoon'],
      suitability: ['youth', 'families'],
      peopleWanted: 10,
      contactName: 'Pfarrerin Johanna Seidel',
      period: { from: 52, to: 54 },
      publishedDaysAgo: 11,
    },
    {
      organisation: 'kirchengemeinde',
      title: 'Offene Kirche: Ansprechperson am Wochenende',
      summary: 'Samstags oder sonntags die Kirche für Besucherinnen und Besucher offen halten und Fragen beantworten.',
      description:
        'Von Mai bis Oktober ist unsere Kirche am Wochenende geöffnet. Sie sind zwei Stunden da, begrüßen Gäste, erzählen ein wenig über das Gebäude und achten auf die Kirche.\n\nEine Mappe mit dem Wichtigsten zur Geschichte bekommen Sie von uns.',
      field: 'kirche',
      targetGroups: ['alle'],
      tags: ['Offene Kirche', 'Kultur'],
      commitment: 'regular',
      hoursPerWeek: 2,
      weekdays: [6, 7],
      timesOfDay: ['afternoon'],
      suitability: ['seniors', 'wheelchair'],
      peopleWanted: 8,
      contactName: 'Gerd Winkler',
      publishedDaysAgo: 48,
    },
    {
      organisation: 'kita',
      title: 'Vorlesepatin oder Vorlesepate in der Kita',
      summary: 'Einmal in der Woche am Vormittag Kindergartenkindern vorlesen und mit ihnen über die Geschichten sprechen.',
      description:
        'Unsere Kinder lieben Geschichten. Sie lesen in einer kleinen Gruppe von vier bis sechs Kindern vor, dienstags oder donnerstags zwischen 9 und 11 Uhr. Bücher gibt es bei uns genug, Sie dürfen aber auch eigene mitbringen.\n\nFür die Arbeit mit Kindern brauchen wir ein erweitertes Führungszeugnis.',
      field: 'schule',
      targetGroups: ['kinder'],
      skills: ['Vorlesen'],
      tags: ['Vorlesen', 'Kita'],
      commitment: 'regular',
      hoursPerWeek: 1,
      weekdays: [2, 4],
      timesOfDay: ['morning'],
      suitability: ['seniors', 'wheelchair'],
      street: 'Gartenweg 7',
      peopleWanted: 3,
      contactName: 'Katrin Möller',
      publishedDaysAgo: 30,
    },
    {
      organisation: 'kita',
      title: 'Hochbeete bauen für den Kita-Garten',
      summary: 'An zwei Samstagen mit Eltern und Kindern Hochbeete aus Lärchenholz bauen und bepflanzen.',
      description:
        'Im Kita-Garten sollen vier Hochbeete entstehen, in denen die Kinder Gemüse anbauen. Das Holz ist bestellt; uns fehlen Menschen, die mit Säge und Akkuschrauber umgehen können und die Eltern anleiten.',
      field: 'umwelt',
      targetGroups: ['kinder', 'familien'],
      skills: ['Handwerk', 'Gartenarbeit'],
      tags: ['Garten', 'Bauen'],
      commitment: 'project',
      weekdays: [6],
      timesOfDay: ['morning'],
      suitability: ['youth', 'families', 'little_german'],
      street: 'Gartenweg 7',
      peopleWanted: 4,
      contactName: 'Katrin Möller',
      period: { from: 21, to: 28 },
      publishedDaysAgo: 5,
    },
    {
      organisation: 'naturschutz',
      title: 'Streuobstwiese pflegen',
      summary: 'Obstbäume schneiden, Wiese mähen, Äpfel ernten: Arbeitseinsätze auf der Streuobstwiese am Ortsrand von Löbnitz.',
      description:
        'Unsere Streuobstwiese hat über 60 alte Obstbäume. Einmal im Monat treffen wir uns samstags zum Arbeitseinsatz, im Herbst wird geerntet und gemeinsam gemostet.\n\nWerkzeug und Handschuhe sind da, Erfahrung im Obstbaumschnitt ist willkommen, aber keine Bedingung.',
      field: 'umwelt',
      targetGroups: ['alle', 'tiere'],
      skills: ['Obstbaumschnitt', 'Gartenarbeit'],
      tags: ['Streuobst', 'Natur'],
      commitment: 'regular',
      hoursPerWeek: 1,
      weekdays: [6],
      timesOfDay: ['morning'],
      suitability: ['youth', 'families', 'little_german'],
      peopleWanted: 10,
      contactName: 'Uwe Schröter',
      publishedDaysAgo: 45,
    },
    {
      organisation: 'naturschutz',
      title: 'Amphibienzaun betreuen',
      summary: 'Während der Krötenwanderung morgens die Eimer am Schutzzaun leeren und die Tiere sicher über die Straße tragen.',
      description:
        'Jedes Frühjahr wandern Erdkröten und Molche zu ihren Laichgewässern und müssen dabei eine Kreisstraße queren. Wir stellen einen Zaun auf und sammeln die Tiere morgens ein.\n\nSie übernehmen ein oder zwei feste Tage in der Woche, jeweils etwa eine Stunde. Eine Einweisung gibt es vor Ort.',
      field: 'umwelt',
      targetGroups: ['tiere'],
      tags: ['Krötenwanderung', 'Artenschutz'],
      commitment: 'project',
      hoursPerWeek: 2,
      weekdays: [1, 2, 3, 4, 5, 6, 7],
      timesOfDay: ['morning'],
      suitability: ['youth', 'seniors', 'families'],
      peopleWanted: 12,
      contactName: 'Uwe Schröter',
      period: { from: 60, to: 100 },
      publishedDaysAgo: 8,
    },
    {
      organisation: 'sportverein',
      title: 'Übungsleiterin oder Übungsleiter für das Kinderturnen',
      summary: 'Mittwochnachmittags eine Gruppe von Vier- bis Sechsjährigen in der Turnhalle anleiten.',
      description:
        'Unsere Kinderturngruppe ist so beliebt, dass wir eine zweite Gruppe eröffnen möchten. Sie leiten die Stunde gemeinsam mit einer erfahrenen Übungsleiterin.\n\nWer bleiben möchte, kann die Übungsleiterlizenz machen – der Verein übernimmt die Kosten.',
      field: 'sport',
      targetGroups: ['kinder'],
      skills: ['Sport', 'Erfahrung mit Kindern'],
      tags: ['Turnen', 'Kinder'],
      commitment: 'regular',
      hoursPerWeek: 1.5,
      weekdays: [3],
      timesOfDay: ['afternoon'],
      suitability: ['youth'],
      street: 'Am Sportplatz 1',
      peopleWanted: 2,
      contactName: 'Thomas Wagner',
      publishedDaysAgo: 14,
    },
    {
      organisation: 'sportverein',
      title: 'Helfende für das Sommersportfest',
      summary: 'Am Sportfest-Samstag Stationen betreuen, Ergebnisse eintragen oder am Grill stehen.',
      description:
        'Beim Sommersportfest treten Kinder, Familien und Mannschaften aus allen Ortsteilen gegeneinander an. Wir brauchen Menschen für Stationen, Anmeldung, Kuchenbasar und Grill.\n\nEine Schicht dauert drei Stunden.',
      field: 'sport',
      targetGroups: ['familien', 'alle'],
      tags: ['Sportfest'],
      commitment: 'one_off',
      weekdays: [6],
      timesOfDay: ['morning', 'afternoon'],
      suitability: ['youth', 'families', 'little_german'],
      street: 'Am Sportplatz 1',
      peopleWanted: 15,
      contactName: 'Thomas Wagner',
      period: { from: 45, to: 45 },
      publishedDaysAgo: 2,
    },
    {
      organisation: 'heimatverein',
      title: 'Ortschronik digitalisieren',
      summary: 'Alte Fotos, Zeitungsausschnitte und handschriftliche Chroniken abtippen und beschreiben – auch von zu Hause aus.',
      description:
        'In der Heimatstube liegen Kisten voller Fotos und Aufzeichnungen aus 150 Jahren. Wir scannen sie ein; Sie helfen, Texte abzutippen, Personen und Orte zu erkennen und alles zu beschreiben.\n\nDie Arbeit geht am eigenen Rechner. Wer Sütterlin lesen kann, ist uns besonders willkommen.',
      field: 'kultur',
      targetGroups: ['alle'],
      skills: ['Sütterlin', 'Computer'],
      tags: ['Geschichte', 'Archiv', 'online'],
      commitment: 'project',
      hoursPerWeek: 2,
      suitability: ['seniors', 'wheelchair'],
      remote: true,
      peopleWanted: 5,
      contactName: 'Dieter Paul',
      period: { from: 0, to: 180 },
      publishedDaysAgo: 36,
    },
    {
      organisation: 'heimatverein',
      title: 'Heimatstube sonntags öffnen',
      summary: 'Am ersten Sonntag im Monat die Heimatstube aufschließen, Gäste begrüßen und von früher erzählen.',
      description:
        'Die Heimatstube zeigt Möbel, Werkzeuge und Fotos aus dem Dorfleben. Sie ist einmal im Monat sonntags von 14 bis 17 Uhr geöffnet. Zu zweit betreuen Sie die Ausstellung und schenken Kaffee aus.',
      field: 'kultur',
      targetGroups: ['alle', 'familien'],
      tags: ['Heimatstube', 'Museum'],
      commitment: 'regular',
      hoursPerWeek: 1,
      weekdays: [7],
      timesOfDay: ['afternoon'],
      suitability: ['seniors'],
      street: 'Schloßstraße 3',
      peopleWanted: 4,
      contactName: 'Dieter Paul',
      publishedDaysAgo: 52,
    },
    {
      organisation: 'begegnungsstaette',
      title: 'Spielenachmittag mit Seniorinnen und Senioren',
      summary: 'Donnerstags Rommé, Mensch ärgere dich nicht und Gedächtnisspiele – Sie bringen gute Laune und ein wenig Organisation mit.',
      description:
        'Jeden Donnerstag kommen 15 bis 20 Gäste zum Spielenachmittag. Sie bereiten Spiele vor, erklären Regeln und sorgen dafür, dass niemand allein am Tisch sitzt.',
      field: 'freizeit',
      targetGroups: ['senioren'],
      tags: ['Spiele', 'Geselligkeit'],
      commitment: 'regular',
      hoursPerWeek: 2.5,
      weekdays: [4],
      timesOfDay: ['afternoon'],
      suitability: ['youth', 'seniors', 'wheelchair'],
      street: 'Bahnhofstraße 9',
      peopleWanted: 3,
      contactName: 'Marion Fischer',
      publishedDaysAgo: 16,
    },
    {
      organisation: 'begegnungsstaette',
      title: 'Smartphone-Sprechstunde für Ältere',
      summary: 'Dienstagvormittags Fragen rund um Handy und Tablet beantworten: Fotos verschicken, Videoanruf mit den Enkeln, Fahrplan-App.',
      description:
        'Viele unserer Gäste haben ein Smartphone geschenkt bekommen und trauen sich nicht recht heran. In der Sprechstunde sitzen Sie mit ein bis zwei Personen zusammen und zeigen in Ruhe, wie es geht.\n\nBesonders freuen wir uns über Jugendliche – gern auch als Praktikum oder im Freiwilligendienst.',
      field: 'jugend_bildung',
      targetGroups: ['senioren'],
      skills: ['Smartphone', 'Geduld'],
      tags: ['Digitales', 'Technik'],
      commitment: 'regular',
      hoursPerWeek: 2,
      weekdays: [2],
      timesOfDay: ['morning'],
      suitability: ['youth', 'wheelchair'],
      street: 'Bahnhofstraße 9',
      peopleWanted: 3,
      contactName: 'Marion Fischer',
      publishedDaysAgo: 22,
    },
    {
      organisation: 'begegnungsstaette',
      title: 'Spaziergangsgruppe „Gemeinsam unterwegs“ begleiten',
      summary: 'Montagmorgens eine Stunde mit einer kleinen Gruppe durch Wiedemar und die Felder spazieren.',
      description:
        'Bewegung an der frischen Luft hält gesund, in Gesellschaft macht sie mehr Spaß. Sie gehen vorneweg, achten auf das Tempo der Langsamsten und kennen eine Bank für die Pause.',
      field: 'gesundheit',
      targetGroups: ['senioren'],
      tags: ['Bewegung', 'Spaziergang'],
      commitment: 'regular',
      hoursPerWeek: 1,
      weekdays: [1],
      timesOfDay: ['morning'],
      suitability: ['seniors', 'little_german'],
      peopleWanted: 2,
      contactName: 'Marion Fischer',
      publishedDaysAgo: 39,
    },
    {
      organisation: 'gemeinde',
      title: 'Dorfwerkstatt: den Dorfplatz neu gestalten',
      summary: 'An drei Abenden mit Nachbarinnen, Nachbarn und dem Gemeinderat Ideen für den Dorfplatz sammeln und einen Vorschlag erarbeiten.',
      description:
        'Der Dorfplatz soll ein Treffpunkt für alle Generationen werden. In der Dorfwerkstatt entscheiden Bürgerinnen und Bürger mit, was dort entsteht: Bänke, Spielgeräte, ein Bücherschrank?\n\nDie Ergebnisse stellt die Gruppe dem Gemeinderat vor.',
      field: 'politik',
      targetGroups: ['alle'],
      tags: ['Beteiligung', 'Dorfentwicklung'],
      commitment: 'project',
      weekdays: [3],
      timesOfDay: ['evening'],
      suitability: ['youth', 'seniors', 'families', 'wheelchair'],
      street: 'Hauptstraße 20',
      peopleWanted: 25,
      contactName: 'Anja Neumann',
      period: { from: 14, to: 70 },
      publishedDaysAgo: 10,
    },
    {
      organisation: 'gemeinde',
      title: 'Fahrerin oder Fahrer für den Bürgerbus',
      summary: 'Den Bürgerbus der Gemeinde an einem Vormittag pro Woche durch die Ortsteile zum Einkaufen und zum Arzt fahren.',
      description:
        'Der Bürgerbus verbindet die Ortsteile von Schönwölkau mit Einkaufsmöglichkeiten und Arztpraxen. Gefahren wird nach festem Fahrplan an Werktagen vormittags.\n\nSie brauchen einen Führerschein der Klasse B; die Gemeinde bezahlt eine Schulung und die Gesundheitsprüfung.',
      field: 'sozial',
      targetGroups: ['senioren', 'alle'],
      skills: ['Führerschein Klasse B'],
      tags: ['Mobilität', 'Bürgerbus'],
      commitment: 'regular',
      hoursPerWeek: 4,
      weekdays: [1, 2, 3, 4, 5],
      timesOfDay: ['morning'],
      suitability: ['seniors'],
      peopleWanted: 6,
      contactName: 'Anja Neumann',
      publishedDaysAgo: 29,
    },
    {
      organisation: 'feuerwehr',
      title: 'Betreuerin oder Betreuer der Jugendfeuerwehr',
      summary: 'Freitagnachmittags mit 10- bis 16-Jährigen üben, basteln, Ausflüge planen – auch ohne eigene Einsatzerfahrung.',
      description:
        'Die Jugendfeuerwehr Krostitz hat 18 Mitglieder. Neben der feuerwehrtechnischen Ausbildung, die unsere Jugendwartin leitet, gibt es Spiel, Sport und Zeltlager. Dafür suchen wir Verstärkung im Betreuungsteam.',
      field: 'rettung',
      targetGroups: ['jugendliche', 'kinder'],
      skills: ['Erfahrung mit Jugendgruppen'],
      tags: ['Jugendfeuerwehr', 'Feuerwehr'],
      commitment: 'regular',
      hoursPerWeek: 2,
      weekdays: [5],
      timesOfDay: ['afternoon'],
      suitability: ['youth'],
      street: 'Feuerwehrstraße 4',
      peopleWanted: 2,
      contactName: 'Jana Hofmann',
      publishedDaysAgo: 19,
    },
    {
      organisation: 'feuerwehr',
      title: 'Öffentlichkeitsarbeit für die Feuerwehr',
      summary: 'Fotos und kurze Texte über Übungen und Feste für Website und Gemeindeblatt schreiben – vieles geht von zu Hause.',
      description:
        'Die Feuerwehr leistet viel, aber kaum jemand erfährt davon. Sie schreiben zwei- bis dreimal im Monat eine kurze Meldung, wählen Fotos aus und pflegen die Termine auf unserer Website.',
      field: 'rettung',
      targetGroups: ['alle'],
      skills: ['Schreiben', 'Fotografie'],
      tags: ['Öffentlichkeitsarbeit', 'online'],
      commitment: 'regular',
      hoursPerWeek: 1,
      suitability: ['youth', 'seniors', 'wheelchair'],
      remote: true,
      peopleWanted: 1,
      contactName: 'Jana Hofmann',
      publishedDaysAgo: 26,
    },
    {
      organisation: 'hospiz',
      title: 'Ehrenamtliche Hospizbegleitung',
      summary: 'Schwerkranke Menschen und ihre Angehörigen zu Hause oder im Pflegeheim begleiten, nach einem Befähigungskurs.',
      description:
        'Hospizbegleiterinnen und -begleiter schenken Zeit: Sie hören zu, lesen vor, sitzen da, damit Angehörige eine Pause haben. Vorher besuchen Sie unseren Befähigungskurs an zehn Abenden und zwei Wochenenden.\n\nWährend der Begleitungen treffen sich alle Ehrenamtlichen monatlich zur Supervision.',
      field: 'gesundheit',
      targetGroups: ['kranke', 'senioren', 'familien'],
      skills: ['Einfühlungsvermögen'],
      tags: ['Hospiz', 'Sterbebegleitung'],
      commitment: 'regular',
      hoursPerWeek: 2,
      timesOfDay: ['morning', 'afternoon', 'evening'],
      suitability: ['seniors'],
      peopleWanted: 8,
      contactName: 'Claudia Werner',
      publishedDaysAgo: 50,
    },
    {
      organisation: 'betreuungsverein',
      title: 'Ehrenamtliche rechtliche Betreuung übernehmen',
      summary: 'Für einen Menschen, der seine Angelegenheiten nicht mehr allein regeln kann, Post, Anträge und Absprachen mit Ämtern übernehmen.',
      description:
        'Das Betreuungsgericht bestellt für Menschen mit Krankheit oder Behinderung eine rechtliche Betreuung. Viele davon können Ehrenamtliche übernehmen, wenn sie gut vorbereitet und begleitet werden.\n\nWir schulen Sie, vermitteln eine passende Betreuung in Ihrer Nähe und sind bei Fragen für Sie da.',
      field: 'justiz',
      targetGroups: ['menschen_mit_behinderung', 'senioren'],
      skills: ['Ordnungssinn', 'Behördenerfahrung'],
      tags: ['Betreuung', 'Recht'],
      commitment: 'regular',
      hoursPerWeek: 2,
      suitability: ['seniors'],
      peopleWanted: 5,
      contactName: 'Michael Braun',
      publishedDaysAgo: 44,
    },
    {
      organisation: 'landtechnik',
      title: 'Reparaturcafé im Werkstatthof',
      summary: 'Am letzten Samstag im Monat gemeinsam mit Gästen Toaster, Fahrräder und Rasenmäher reparieren statt wegwerfen.',
      description:
        'Unsere Werkstatt steht einmal im Monat allen offen. Gäste bringen kaputte Geräte mit, Sie schauen gemeinsam nach dem Fehler und reparieren, was geht. Werkzeug und Ersatzteile stellt der Betrieb.\n\nGesucht sind Tüftlerinnen und Tüftler für Elektrogeräte, Fahrräder, Textilien und Holz.',
      field: 'umwelt',
      targetGroups: ['alle'],
      skills: ['Elektronik', 'Fahrradreparatur', 'Nähen'],
      tags: ['Reparieren', 'Nachhaltigkeit'],
      commitment: 'regular',
      hoursPerWeek: 1,
      weekdays: [6],
      timesOfDay: ['morning'],
      suitability: ['youth', 'seniors', 'little_german'],
      street: 'Gewerbering 6',
      peopleWanted: 6,
      contactName: 'Frank Hoffmann',
      publishedDaysAgo: 7,
    },
    {
      organisation: 'chor',
      title: 'Notenwartin oder Notenwart für unseren Chor',
      summary: 'Das Notenarchiv ordnen, Noten für Proben bereitstellen und die Auftritte mitorganisieren.',
      description:
        'Unser Notenarchiv umfasst über 400 Titel. Sie halten es in Ordnung, kopieren Noten für neue Stücke und kümmern sich vor Auftritten darum, dass alles da ist. Mitsingen ist möglich, aber keine Bedingung.',
      field: 'kultur',
      targetGroups: ['alle'],
      skills: ['Ordnungssinn', 'Noten lesen'],
      tags: ['Chor', 'Musik'],
      commitment: 'regular',
      hoursPerWeek: 1.5,
      weekdays: [4],
      timesOfDay: ['evening'],
      suitability: ['seniors'],
      street: 'Rathausplatz 1',
      peopleWanted: 1,
      contactName: 'Elke Sommer',
      publishedDaysAgo: 31,
    },
  ],

  needs: [
    {
      title: 'Begleitung zum Wocheneinkauf',
      description:
        'Eine 84-jährige Frau in Löbnitz kann seit einer Hüftoperation nicht mehr allein einkaufen. Sie sucht jemanden, der sie dienstagvormittags zum Supermarkt begleitet und die Taschen trägt.',
      field: 'sozial',
      municipality: 'Löbnitz',
      requesterName: 'Gisela Hartmann',
      requesterEmail: 'g.hartmann@post.example',
      weekdays: [2],
      timesOfDay: ['morning'],
      createdDaysAgo: 4,
    },
    {
      title: 'Hilfe beim Wohngeldantrag',
      description:
        'Eine Familie mit drei Kindern braucht Unterstützung beim Ausfüllen des Wohngeldantrags und beim Zusammenstellen der Unterlagen. Das Willkommensnetz hat den Kontakt vermittelt.',
      field: 'sozial',
      municipality: 'Delitzsch',
      organisation: 'willkommensnetz',
      requesterName: 'Amira Haddad (für Familie Rahimi)',
      requesterEmail: 'hallo@willkommensnetz-delitzsch.example',
      weekdays: [1, 3],
      timesOfDay: ['afternoon'],
      createdDaysAgo: 9,
    },
    {
      title: 'Gartenhilfe für ein älteres Ehepaar',
      description:
        'Ein Ehepaar in Jesewitz schafft den großen Garten nicht mehr: Hecke schneiden, Laub harken, im Frühjahr die Beete umgraben. Gern auch einmalig im Herbst.',
      field: 'sonstiges',
      municipality: 'Jesewitz',
      requesterName: 'Manfred Köhler',
      requesterEmail: 'manfred.koehler@post.example',
      weekdays: [6],
      timesOfDay: ['morning'],
      createdDaysAgo: 16,
    },
    {
      title: 'Umzug der Dorfbibliothek',
      description:
        'Die kleine Dorfbibliothek in Zschepplin zieht in das ehemalige Schulhaus. Wir suchen an einem Samstag kräftige Helferinnen und Helfer, die Kisten packen, tragen und Regale aufbauen.',
      field: 'kultur',
      municipality: 'Zschepplin',
      organisation: 'heimatverein',
      requesterName: 'Dieter Paul',
      requesterEmail: 'info@heimatverein-zschepplin.example',
      weekdays: [6],
      timesOfDay: ['morning', 'afternoon'],
      isPublic: true,
      createdDaysAgo: 6,
    },
  ],

  placements: [
    {
      offer: 'Streuobstwiese pflegen',
      volunteerName: 'Jonas Richter',
      volunteerEmail: 'jonas.richter@post.example',
      message:
        'Hallo, ich wohne in Löbnitz und habe im letzten Jahr einen Obstbaumschnittkurs gemacht. Ich würde gern bei den Arbeitseinsätzen mitmachen.',
      createdDaysAgo: 26,
      answer: 'Hallo Jonas, wie schön! Kommen Sie doch am Samstag um 9 Uhr an die Wiese, dann zeigen wir Ihnen alles.',
      steps: [
        { to: 'in_contact', afterHours: 5 },
        { to: 'first_meeting', afterHours: 96, note: 'Treffen an der Wiese am Samstag' },
        { to: 'placed', afterHours: 220, note: 'Macht ab jetzt jeden Monat mit' },
      ],
    },
    {
      offer: 'Vorlesepatin oder Vorlesepate in der Kita',
      volunteerName: 'Monika Berger',
      volunteerEmail: 'monika.berger@post.example',
      message: 'Ich bin seit Kurzem im Ruhestand und habe früher als Buchhändlerin gearbeitet. Donnerstags hätte ich Zeit.',
      createdDaysAgo: 7,
      answer: 'Liebe Frau Berger, wir freuen uns sehr! Ich rufe Sie an, um einen Termin zum Kennenlernen auszumachen.',
      steps: [
        { to: 'in_contact', afterHours: 20 },
        { to: 'first_meeting', afterHours: 70, note: 'Kennenlernen am Donnerstag um 9 Uhr' },
      ],
    },
    {
      offer: 'Smartphone-Sprechstunde für Ältere',
      volunteerName: 'Lea Schubert',
      volunteerEmail: 'lea.schubert@post.example',
      message: 'Ich bin 17 und mache gerade mein Abitur. Dienstags habe ich vormittags frei und würde gern helfen.',
      createdDaysAgo: 2,
      answer: 'Hallo Lea, das passt wunderbar. Magst du nächsten Dienstag um 10 Uhr vorbeikommen?',
      steps: [{ to: 'in_contact', afterHours: 3 }],
    },
  ],
};

const weisswasser: DemoContent = {
  organisations: [
    {
      key: 'stadtteilverein',
      name: 'Stadtteilverein Weißwasser-Süd e. V.',
      type: 'verein',
      municipality: 'Weißwasser/O.L.',
      street: 'Straße des Friedens 21',
      postcode: '02943',
      email: 'kontakt@stadtteilverein-wsw-sued.example',
      description:
        'Wir machen den Süden von Weißwasser lebendiger: mit einem Gemeinschaftsgarten, Nachbarschaftsfesten und einem offenen Treff im Erdgeschoss eines Wohnblocks.',
    },
    {
      key: 'eissport',
      name: 'Eissportnachwuchs Weißwasser e. V.',
      type: 'verein',
      municipality: 'Weißwasser/O.L.',
      street: 'Jahnstraße 5',
      postcode: '02943',
      email: 'nachwuchs@eissport-weisswasser.example',
      description:
        'Rund 120 Kinder und Jugendliche trainieren bei uns Eishockey und Eiskunstlauf. Eltern, Großeltern und Fans halten den Verein am Laufen.',
    },
    {
      key: 'seniorenbuero',
      name: 'Seniorenbüro Weißwasser',
      type: 'einrichtung',
      municipality: 'Weißwasser/O.L.',
      street: 'Marktplatz 3',
      postcode: '02943',
      email: 'seniorenbuero@weisswasser.example',
      description:
        'Anlaufstelle für ältere Menschen und ihre Angehörigen: Beratung, Besuchsdienste und Telefonpatenschaften gegen Einsamkeit.',
    },
  ],
  offers: [
    {
      organisation: 'stadtteilverein',
      title: 'Gemeinschaftsgarten zwischen den Wohnblöcken',
      summary: 'Beete anlegen, gießen, ernten: Im Gemeinschaftsgarten gärtnern Nachbarinnen und Nachbarn aus zwölf Ländern.',
      description:
        'Wo früher Rasen war, wachsen heute Tomaten, Kräuter und Blumen. Sie übernehmen ein Beet allein oder mit anderen und helfen bei den gemeinsamen Gartentagen mit.',
      field: 'umwelt',
      targetGroups: ['alle', 'familien'],
      skills: ['Gartenarbeit'],
      tags: ['Garten', 'Nachbarschaft'],
      commitment: 'regular',
      hoursPerWeek: 2,
      weekdays: [3, 6],
      timesOfDay: ['afternoon'],
      suitability: ['youth', 'seniors', 'families', 'little_german'],
      street: 'Straße des Friedens 21',
      peopleWanted: 8,
      contactName: 'Petra Kühn',
      publishedDaysAgo: 13,
    },
    {
      organisation: 'stadtteilverein',
      title: 'Nachbarschaftsfest im Süden',
      summary: 'Für einen Nachmittag Tische aufstellen, Kinderspiele betreuen und am Getränkestand helfen.',
      description:
        'Einmal im Sommer feiert Weißwasser-Süd zwischen den Wohnblöcken. Wir suchen Menschen für Aufbau, Kinderspiele, Getränke und Abbau – jede Stunde hilft.',
      field: 'freizeit',
      targetGroups: ['alle', 'familien', 'kinder'],
      tags: ['Fest', 'Nachbarschaft'],
      commitment: 'one_off',
      weekdays: [6],
      timesOfDay: ['afternoon'],
      suitability: ['youth', 'families', 'little_german'],
      peopleWanted: 12,
      contactName: 'Petra Kühn',
      period: { from: 33, to: 33 },
      publishedDaysAgo: 4,
    },
    {
      organisation: 'eissport',
      title: 'Betreuung bei Auswärtsspielen des Nachwuchses',
      summary: 'Die U11-Mannschaft im Bus zu Auswärtsspielen begleiten, in der Kabine helfen und zuverlässig wieder heimbringen.',
      description:
        'An etwa zehn Wochenenden der Saison fährt unsere U11 zu Turnieren in Sachsen und Brandenburg. Neben dem Trainer braucht es zwei Erwachsene, die betreuen, trösten und auf die Ausrüstung achten.',
      field: 'sport',
      targetGroups: ['kinder'],
      skills: ['Erfahrung mit Kindern'],
      tags: ['Eishockey', 'Nachwuchs'],
      commitment: 'regular',
      hoursPerWeek: 3,
      weekdays: [6, 7],
      timesOfDay: ['morning', 'afternoon'],
      suitability: ['families'],
      street: 'Jahnstraße 5',
      peopleWanted: 4,
      contactName: 'René Bauer',
      publishedDaysAgo: 21,
    },
    {
      organisation: 'seniorenbuero',
      title: 'Vorlesen im Pflegeheim',
      summary: 'Einmal in der Woche einer kleinen Runde im Pflegeheim aus der Zeitung oder einem Roman vorlesen.',
      description:
        'Viele Bewohnerinnen und Bewohner können selbst nicht mehr gut lesen und freuen sich über Geschichten und Neuigkeiten. Sie lesen eine Stunde vor und bleiben gern noch zum Gespräch.',
      field: 'sozial',
      targetGroups: ['senioren'],
      skills: ['Vorlesen'],
      tags: ['Vorlesen', 'Pflegeheim'],
      commitment: 'regular',
      hoursPerWeek: 1,
      weekdays: [3],
      timesOfDay: ['afternoon'],
      suitability: ['youth', 'seniors', 'wheelchair'],
      peopleWanted: 3,
      contactName: 'Ingrid Lorenz',
      publishedDaysAgo: 17,
    },
    {
      organisation: 'seniorenbuero',
      title: 'Telefonpatenschaft gegen Einsamkeit',
      summary: 'Einmal in der Woche eine ältere Person anrufen und fragen, wie es ihr geht – von überall aus.',
      description:
        'Manche älteren Menschen in Weißwasser sprechen tagelang mit niemandem. Als Telefonpatin oder Telefonpate rufen Sie zu einer verabredeten Zeit an und plaudern eine halbe Stunde.\n\nWir stellen den Kontakt her; Ihre Telefonnummer bleibt auf Wunsch unterdrückt.',
      field: 'sozial',
      targetGroups: ['senioren'],
      skills: ['Zuhören'],
      tags: ['Telefon', 'Einsamkeit', 'online'],
      commitment: 'regular',
      hoursPerWeek: 0.5,
      suitability: ['youth', 'seniors', 'wheelchair'],
      remote: true,
      peopleWanted: 10,
      contactName: 'Ingrid Lorenz',
      publishedDaysAgo: 35,
    },
  ],
  needs: [
    {
      title: 'Vorleser für einen sehbehinderten Herrn',
      description:
        'Ein 79-jähriger Mann mit starker Sehbehinderung wünscht sich jemanden, der ihm einmal in der Woche seine Post und die Lokalzeitung vorliest.',
      field: 'sozial',
      municipality: 'Weißwasser/O.L.',
      requesterName: 'Seniorenbüro Weißwasser (für Herrn L.)',
      requesterEmail: 'seniorenbuero@weisswasser.example',
      weekdays: [4],
      timesOfDay: ['morning'],
      createdDaysAgo: 5,
    },
  ],
  placements: [],
};

/** Demo content by network slug. */
export const DEMO_CONTENT: Record<string, DemoContent> = { gems, weisswasser };
