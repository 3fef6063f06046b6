import { TOPICS } from './topics.ts';

/**
 * The judged queries: what volunteers, organisations and offices type, each with the offers a person
 * would want — named by topic of the corpus (topics.ts; all four offers of a topic count) and by
 * the title of demo offers (src/modules/networks/demo-content.data.ts). Judged by hand for this benchmark.
 */
export type QueryClass = 'single' | 'compound' | 'phrase' | 'concept' | 'typo' | 'inflection' | 'gendered';

export interface JudgedQuery {
  q: string;
  class: QueryClass;
  topics: string[];
  demo?: string[];
}

const KIDS = ['hausaufgaben', 'vorlesen-kita', 'lesepate-schule', 'kinderturnen', 'fussball-jugend', 'schwimmen', 'hochbeete', 'nistkaesten',
  'kinderfreizeit', 'kinderbetreuung', 'kinderbibeltage', 'kochen-kinder', 'grundschule-pause', 'musikschule', 'hausaufgaben-gefluechtete',
  'familienpate', 'jugendfeuerwehr', 'tiere-hof'];
const KIDS_DEMO = ['Hausaufgabenhilfe für Grundschulkinder', 'Mitarbeit bei den Kinderbibeltagen in den Herbstferien', 'Vorlesepatin oder Vorlesepate in der Kita',
  'Hochbeete bauen für den Kita-Garten', 'Übungsleiterin oder Übungsleiter für das Kinderturnen'];
const REFUGEES = ['sprachcafe', 'deutschkurs', 'behoerden-begleitung', 'dolmetschen', 'patenschaft-familie', 'asylberatung', 'fahrradwerkstatt',
  'mentoring-migrantinnen', 'hausaufgaben-gefluechtete', 'cafe-begegnung'];
const REFUGEES_DEMO = ['Sprachcafé: Deutsch sprechen mit Neuzugewanderten', 'Infoblätter übersetzen (Ukrainisch, Arabisch, Russisch)'];
const SENIORS = ['besuchsdienst', 'einkaufshilfe', 'fahrdienst', 'digital-senioren', 'seniorennachmittag', 'pflegeheim', 'handwerk-haus',
  'telefonpatenschaft', 'demenz', 'seniorensport', 'tanz-senioren'];
const SENIORS_DEMO = ['Einkaufshilfe für ältere Nachbarinnen und Nachbarn', 'Besuchsdienst im Pflegeheim', 'Spielenachmittag mit Seniorinnen und Senioren',
  'Smartphone-Sprechstunde für Ältere', 'Telefonpatenschaft gegen Einsamkeit'];
const GARDEN = ['hochbeete', 'gemeinschaftsgarten', 'streuobst'];
const GARDEN_DEMO = ['Hochbeete bauen für den Kita-Garten', 'Gemeinschaftsgarten zwischen den Wohnblöcken'];
const HOMEWORK = ['hausaufgaben', 'hausaufgaben-gefluechtete', 'nachhilfe-mathe', 'lernpate'];
const HOMEWORK_DEMO = ['Hausaufgabenhilfe für Grundschulkinder', 'Hausaufgabenhilfe an der Oberschule Taucha', 'Lernpatenschaft für Jugendliche'];
const NATURE = ['streuobst', 'amphibien', 'baumpflanzung', 'nistkaesten', 'bienen'];
const NATURE_DEMO = ['Streuobstwiese pflegen', 'Amphibienzaun betreuen'];
const READING = ['vorlesen-kita', 'lesepate-schule'];
const TRAINERS = ['kinderturnen', 'fussball-jugend', 'erste-hilfe-kurs', 'seniorensport'];
const YOUTH = ['nachhilfe-mathe', 'lernpate', 'jugendtreff', 'bewerbung', 'jugendbeteiligung', 'theater', 'jugendfeuerwehr', 'fussball-jugend'];
const HOMELESS = ['obdachlose', 'suppenkueche', 'wohnungslose-kleidung'];
const ANIMALS = ['tierheim', 'tiere-hof', 'amphibien', 'bienen', 'nistkaesten'];
const FIRE = ['jugendfeuerwehr', 'feuerwehr-aktiv'];
const FIRE_DEMO = ['Betreuerin oder Betreuer der Jugendfeuerwehr', 'Öffentlichkeitsarbeit für die Feuerwehr'];
const OUTSIDE_WEEKEND = TOPICS.filter((t) => t.outdoors && t.weekend).map((t) => t.key);

export const QUERIES: JudgedQuery[] = [
  { q: 'Garten', class: 'single', topics: GARDEN, demo: GARDEN_DEMO },
  { q: 'Feuerwehr', class: 'single', topics: FIRE, demo: FIRE_DEMO },
  { q: 'Tafel', class: 'single', topics: ['tafel'] },
  { q: 'Chor', class: 'single', topics: ['chor'], demo: ['Notenwartin oder Notenwart für unseren Chor'] },
  { q: 'Hospiz', class: 'single', topics: ['hospiz'], demo: ['Ehrenamtliche Hospizbegleitung'] },
  { q: 'Tiere', class: 'single', topics: ANIMALS, demo: ['Amphibienzaun betreuen'] },
  { q: 'Musik', class: 'single', topics: ['musikschule', 'chor'] },
  { q: 'Theater', class: 'single', topics: ['theater'] },
  { q: 'Demenz', class: 'single', topics: ['demenz'] },
  { q: 'Schwimmen', class: 'single', topics: ['schwimmen', 'wasserwacht'] },
  { q: 'Fahrrad', class: 'single', topics: ['fahrradwerkstatt', 'repair-cafe'] },
  { q: 'Senioren', class: 'single', topics: SENIORS, demo: SENIORS_DEMO },

  { q: 'Pate', class: 'compound', topics: ['lernpate', 'vorlesen-kita', 'lesepate-schule', 'patenschaft-familie', 'familienpate', 'spielplatz', 'telefonpatenschaft', 'bienen'],
    demo: ['Vorlesepatin oder Vorlesepate in der Kita', 'Lernpatenschaft für Jugendliche', 'Telefonpatenschaft gegen Einsamkeit'] },
  { q: 'Lesepate', class: 'compound', topics: READING, demo: ['Vorlesepatin oder Vorlesepate in der Kita'] },
  { q: 'Hausaufgaben', class: 'compound', topics: HOMEWORK, demo: HOMEWORK_DEMO },
  { q: 'Besuchsdienst', class: 'compound', topics: ['besuchsdienst', 'krankenhaus', 'pflegeheim'], demo: ['Besuchsdienst im Pflegeheim'] },
  { q: 'Gartenarbeit', class: 'compound', topics: GARDEN, demo: GARDEN_DEMO },
  { q: 'Jugendarbeit', class: 'compound', topics: ['jugendtreff', 'jugendfeuerwehr', 'kinderfreizeit', 'jugendbeteiligung'] },
  { q: 'Seniorenarbeit', class: 'compound', topics: SENIORS, demo: SENIORS_DEMO },
  { q: 'Kinderbetreuung', class: 'compound', topics: ['kinderbetreuung', 'alleinerziehende', 'familienpate'] },
  { q: 'Tierschutz', class: 'compound', topics: ANIMALS, demo: ['Amphibienzaun betreuen'] },
  { q: 'Fahrradreparatur', class: 'compound', topics: ['fahrradwerkstatt', 'repair-cafe'], demo: ['Reparaturcafé im Werkstatthof'] },
  { q: 'Naturschutz', class: 'compound', topics: NATURE, demo: NATURE_DEMO },
  { q: 'Sprachpate', class: 'compound', topics: ['sprachcafe', 'deutschkurs', 'patenschaft-familie'] },
  { q: 'Turnen', class: 'compound', topics: ['kinderturnen', 'seniorensport'], demo: ['Übungsleiterin oder Übungsleiter für das Kinderturnen'] },
  { q: 'Trainer', class: 'compound', topics: TRAINERS, demo: ['Übungsleiterin oder Übungsleiter für das Kinderturnen'] },

  { q: 'mit Kindern arbeiten', class: 'phrase', topics: KIDS, demo: KIDS_DEMO },
  { q: 'am Wochenende draußen helfen', class: 'phrase', topics: OUTSIDE_WEEKEND },
  { q: 'Hilfe für Geflüchtete', class: 'phrase', topics: REFUGEES, demo: REFUGEES_DEMO },
  { q: 'älteren Menschen helfen', class: 'phrase', topics: SENIORS, demo: SENIORS_DEMO },
  { q: 'etwas mit Tieren machen', class: 'phrase', topics: ANIMALS, demo: ['Amphibienzaun betreuen'] },
  { q: 'Deutsch unterrichten', class: 'phrase', topics: ['deutschkurs', 'sprachcafe'], demo: ['Sprachcafé: Deutsch sprechen mit Neuzugewanderten'] },
  { q: 'im Garten arbeiten', class: 'phrase', topics: GARDEN, demo: GARDEN_DEMO },
  { q: 'Sport mit Jugendlichen', class: 'phrase', topics: ['fussball-jugend', 'jugendfeuerwehr'] },
  { q: 'Menschen im Krankenhaus besuchen', class: 'phrase', topics: ['krankenhaus', 'pflegeheim'] },
  { q: 'handwerklich helfen', class: 'phrase', topics: ['handwerk-haus', 'repair-cafe', 'fahrradwerkstatt', 'hochbeete', 'nistkaesten'], demo: ['Reparaturcafé im Werkstatthof'] },
  { q: 'Computer erklären', class: 'phrase', topics: ['digital-senioren'], demo: ['Smartphone-Sprechstunde für Ältere'] },
  { q: 'von zu Hause aus helfen', class: 'phrase', topics: ['telefonpatenschaft', 'oeffentlichkeitsarbeit'] },
  { q: 'Kochen für Bedürftige', class: 'phrase', topics: ['suppenkueche', 'tafel', 'wohnungslose-kleidung'] },
  { q: 'Müll sammeln', class: 'phrase', topics: ['muell-sammeln'] },

  { q: 'Flüchtlinge', class: 'concept', topics: REFUGEES, demo: REFUGEES_DEMO },
  { q: 'Asyl', class: 'concept', topics: REFUGEES, demo: REFUGEES_DEMO },
  { q: 'Migranten', class: 'concept', topics: REFUGEES, demo: REFUGEES_DEMO },
  { q: 'Kindergarten', class: 'concept', topics: ['vorlesen-kita', 'hochbeete', 'kinderbetreuung'], demo: ['Vorlesepatin oder Vorlesepate in der Kita', 'Hochbeete bauen für den Kita-Garten'] },
  { q: 'Kita', class: 'concept', topics: ['vorlesen-kita', 'hochbeete', 'kinderbetreuung'], demo: ['Vorlesepatin oder Vorlesepate in der Kita', 'Hochbeete bauen für den Kita-Garten'] },
  { q: 'Rentner', class: 'concept', topics: SENIORS, demo: SENIORS_DEMO },
  { q: 'Obdachlose', class: 'concept', topics: HOMELESS },
  { q: 'Behinderung', class: 'concept', topics: ['inklusion', 'rollstuhl', 'gebaerdensprache', 'fahrdienst'] },
  { q: 'Nachhilfe', class: 'concept', topics: HOMEWORK, demo: HOMEWORK_DEMO },
  { q: 'Umweltschutz', class: 'concept', topics: [...NATURE, 'muell-sammeln', 'repair-cafe'], demo: NATURE_DEMO },
  { q: 'Einsamkeit', class: 'concept', topics: ['besuchsdienst', 'telefonpatenschaft'], demo: ['Telefonpatenschaft gegen Einsamkeit'] },
  { q: 'Sterbebegleitung', class: 'concept', topics: ['hospiz'], demo: ['Ehrenamtliche Hospizbegleitung'] },
  { q: 'ältere Menschen', class: 'concept', topics: SENIORS, demo: SENIORS_DEMO },

  { q: 'Hausaufgabn', class: 'typo', topics: HOMEWORK, demo: HOMEWORK_DEMO },
  { q: 'Feuerwer', class: 'typo', topics: FIRE, demo: FIRE_DEMO },
  { q: 'Kinderturnn', class: 'typo', topics: ['kinderturnen'], demo: ['Übungsleiterin oder Übungsleiter für das Kinderturnen'] },
  { q: 'Flüchtlnge', class: 'typo', topics: REFUGEES, demo: REFUGEES_DEMO },
  { q: 'Streuobstwise', class: 'typo', topics: ['streuobst'], demo: ['Streuobstwiese pflegen'] },
  { q: 'Begleitug', class: 'typo', topics: ['behoerden-begleitung', 'hospiz', 'demenz', 'pflegeheim', 'inklusion'], demo: ['Begleitung zu Ämtern und Arztterminen'] },

  { q: 'Kindern', class: 'inflection', topics: KIDS, demo: KIDS_DEMO },
  { q: 'Bäume', class: 'inflection', topics: ['baumpflanzung', 'streuobst'], demo: ['Streuobstwiese pflegen'] },
  { q: 'Hunde', class: 'inflection', topics: ['tierheim'] },
  { q: 'Gärten', class: 'inflection', topics: GARDEN, demo: GARDEN_DEMO },
  { q: 'Jugendlichen', class: 'inflection', topics: YOUTH, demo: ['Lernpatenschaft für Jugendliche'] },
  { q: 'Spielplätze', class: 'inflection', topics: ['spielplatz'] },
  { q: 'Bücher', class: 'inflection', topics: ['bibliothek', 'schulbibliothek', 'vorlesen-kita', 'lesepate-schule'], },

  { q: 'Trainer:in', class: 'gendered', topics: TRAINERS, demo: ['Übungsleiterin oder Übungsleiter für das Kinderturnen'] },
  { q: 'TrainerIn', class: 'gendered', topics: TRAINERS, demo: ['Übungsleiterin oder Übungsleiter für das Kinderturnen'] },
  { q: 'Trainer*in', class: 'gendered', topics: TRAINERS, demo: ['Übungsleiterin oder Übungsleiter für das Kinderturnen'] },
  { q: 'Übungsleiter_in', class: 'gendered', topics: ['kinderturnen', 'seniorensport'], demo: ['Übungsleiterin oder Übungsleiter für das Kinderturnen'] },
  { q: 'Lesepat:in', class: 'gendered', topics: READING, demo: ['Vorlesepatin oder Vorlesepate in der Kita'] },
  { q: 'Seniorinnen', class: 'gendered', topics: SENIORS, demo: SENIORS_DEMO },
  { q: 'Betreuer/-in', class: 'gendered', topics: ['jugendfeuerwehr', 'kinderfreizeit', 'betreuung-rechtlich', 'kinderbetreuung'],
    demo: ['Betreuerin oder Betreuer der Jugendfeuerwehr', 'Ehrenamtliche rechtliche Betreuung übernehmen'] },
  { q: 'Fahrer/innen', class: 'gendered', topics: ['fahrdienst', 'tafel'], demo: ['Fahrerin oder Fahrer für den Bürgerbus', 'Fahrdienst zu Arztterminen'] },
  { q: 'Schöff:innen', class: 'gendered', topics: ['schoeffen'] },
  { q: 'DolmetscherInnen', class: 'gendered', topics: ['dolmetschen'] },
];

/** Youth: KIDS is also used for its own sake; YOUTH for teenagers. */
export const GROUPS = { KIDS, REFUGEES, SENIORS, YOUTH, HOMELESS };
