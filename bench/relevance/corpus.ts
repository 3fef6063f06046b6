import { textToDescriptionHtml } from '../../src/modules/offers/description.ts';
import type { Commitment, Field } from '../../src/platform/vocabulary.ts';
import { TOPICS, type Topic } from './topics.ts';

/**
 * The judged corpus: every topic (topics.ts) as four offers, each in its own style, the way offers
 * arrive on the platform — typed briefly into the form, written out at length with a list, imported
 * as HTML from another database, or written as a terse ad with gender stars and colons.
 */
export interface CorpusOffer {
  /** `topic/style`, for the judgement. */
  key: string;
  topic: string;
  organisation: string;
  /** GEMS municipality, or Weißwasser. */
  municipality: string;
  title: string;
  summary: string;
  /** As stored: HTML. */
  description: string;
  field: Field;
  tags: string[];
  commitment: Commitment;
}

const MUNICIPALITIES = ['Delitzsch', 'Schkeuditz', 'Taucha', 'Wiedemar', 'Rackwitz', 'Krostitz', 'Jesewitz', 'Zschepplin', 'Schönwölkau', 'Löbnitz', 'Weißwasser/O.L.'];

/** Organisation names per field of activity, used in turn. */
const ORGANISATIONS: Record<Field, string[]> = {
  sport: ['SV Grün-Weiß Delitzsch e. V.', 'Turnverein 1862 Taucha', 'Kreissportbund Nordsachsen'],
  kultur: ['Kulturverein Schloss Delitzsch', 'Heimatverein Löbnitz e. V.', 'Musikschule Nordsachsen e. V.'],
  freizeit: ['Dorfgemeinschaft Wiedemar', 'Kinder- und Jugendring Nordsachsen', 'Stadtteilverein Weißwasser-Süd'],
  sozial: ['Diakonie Delitzsch/Eilenburg', 'Nachbarschaftshilfe Rackwitz', 'Caritas-Treff Schkeuditz', 'Bürgerverein Delitzsch-Nord'],
  schule: ['Grundschule am Wallgraben', 'Förderverein Oberschule Taucha', 'Kita Sonnenschein Krostitz'],
  kirche: ['Ev.-Luth. Kirchgemeinde Krostitz', 'Katholische Pfarrei St. Marien'],
  umwelt: ['NABU-Gruppe Delitzscher Land', 'Naturschutzstation Zschepplin', 'Tierschutzverein Nordsachsen e. V.'],
  politik: ['Förderverein Heimat Jesewitz', 'Jugendparlament Taucha'],
  jugend_bildung: ['Volkshochschule Nordsachsen', 'Jugendhaus Schönwölkau', 'Bildungswerk Weißwasser'],
  rettung: ['Freiwillige Feuerwehr Krostitz', 'DRK-Kreisverband Delitzsch', 'DLRG Ortsgruppe Schkeuditz'],
  gesundheit: ['Hospizverein Nordsachsen', 'Klinikum Delitzsch', 'Seniorenzentrum Am Lober'],
  beruf: ['Ausbildungsverbund Nordsachsen', 'Zukunftswerkstatt Weißwasser'],
  justiz: ['Betreuungsverein Nordsachsen', 'Amtsgericht Eilenburg'],
  sonstiges: ['Freiwilligenagentur Nordsachsen'],
};

const PRACTICAL = [
  ['Wir bieten eine Einarbeitung, Versicherung und Erstattung von Fahrtkosten.', 'Ansprechpartnerin ist Frau Lehmann.'],
  ['Sie sind über uns unfall- und haftpflichtversichert.', 'Ein Dankeschön-Fest gibt es jedes Jahr im Dezember.'],
  ['Auslagen erstatten wir, Fortbildungen sind kostenlos.', 'Rufen Sie uns einfach an oder schreiben Sie eine Mail.'],
  ['Ein Ehrenamtsnachweis für Bewerbungen ist möglich.', 'Kommen Sie gern erst einmal zum Schnuppern vorbei.'],
];

const COMMITMENTS: Commitment[] = ['regular', 'one_off', 'project', 'regular'];

type Style = 'kurz' | 'lang' | 'html' | 'anzeige';
const STYLES: Style[] = ['kurz', 'lang', 'html', 'anzeige'];

function offerOf(topic: Topic, style: Style, n: number): CorpusOffer {
  const s = STYLES.indexOf(style);
  const title = topic.titles[s % topic.titles.length]!;
  const [a, b, c] = [topic.lines[0]!, topic.lines[1] ?? topic.lines[0]!, topic.lines[2] ?? topic.lines[0]!];
  const practical = PRACTICAL[n % PRACTICAL.length]!;
  let summary: string;
  let description: string;
  switch (style) {
    case 'kurz':
      summary = a;
      description = textToDescriptionHtml(b);
      break;
    case 'lang':
      summary = b;
      description = textToDescriptionHtml(`${a}\n\n${b} ${c}\n\n- ${practical[0]}\n- ${practical[1]}\n\nWir freuen uns auf Ihre Nachricht!`);
      break;
    case 'html':
      // As imported from another database: headings, entities, a non-breaking space.
      summary = c;
      description = `<h3>Worum es geht</h3><p>${a.replace(/&/g, '&amp;')}&nbsp;${b.replace(/&/g, '&amp;')}</p><h3>Was Sie mitbringen</h3><ul><li>${c}</li><li>${practical[0]}</li></ul><p><em>${practical[1]}</em></p>`;
      break;
    case 'anzeige':
      summary = `Ehrenamtliche*r gesucht! ${a}`;
      description = textToDescriptionHtml(`Du hast Lust, dich zu engagieren? ${b}\n\n${c} Melde dich bei unserer Koordinator:in – wir freuen uns auf dich!`);
      break;
  }
  const organisations = ORGANISATIONS[topic.field];
  return {
    key: `${topic.key}/${style}`,
    topic: topic.key,
    organisation: organisations[n % organisations.length]!,
    municipality: MUNICIPALITIES[(n * 7 + s) % MUNICIPALITIES.length]!,
    title,
    summary,
    description,
    field: topic.field,
    tags: s % 2 === 0 ? (topic.tags ?? []) : [],
    commitment: COMMITMENTS[s]!,
  };
}

export function corpus(): CorpusOffer[] {
  return TOPICS.flatMap((topic, n) => STYLES.map((style) => offerOf(topic, style, n)));
}

export { TOPICS };
