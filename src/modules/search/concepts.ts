/**
 * Related words for the search (issue 13): each line is a group of words that people use for the same
 * thing when they look for an engagement. A word typed also finds the offers with the other words of
 * its groups, ranked below those with the word itself (german.ts, RELATED).
 *
 * Written for this project from the field's vocabulary (the issue asked for OpenThesaurus data; no npm
 * package ships it, and nothing may be downloaded at run time). Words are written as people type them;
 * the search stems them, so one form per word is enough. Compounds need no line of their own: the
 * search splits them (german.ts).
 */
export const CONCEPTS: readonly string[] = [
  'geflüchtete flüchtlinge flüchtling geflüchtet asyl asylsuchende asylbewerber migration migranten migrantinnen zugewanderte neuzugewanderte zuwanderer fluchterfahrung integration',
  'senioren seniorinnen ältere älteren rentner rentnerinnen hochbetagte',
  'kita kindergarten kindertagesstätte krippe',
  'jugendliche jugend teenager',
  'obdachlose wohnungslose obdachlos wohnungslos obdachlosenhilfe',
  'bedürftige arme armut',
  'behinderung behinderte behindert beeinträchtigung inklusion inklusiv barrierefrei',
  'nachhilfe hausaufgaben lernhilfe lernförderung lernbegleitung lernpaten',
  'umweltschutz naturschutz klimaschutz artenschutz landschaftspflege',
  'tierschutz tiere tier tierheim tierpflege',
  'einsamkeit einsam alleinlebend vereinsamt',
  'sterbebegleitung hospiz palliativ',
  'garten gärtnern gartenarbeit beet',
  'computer smartphone tablet handy internet digital',
  'deutschkurs sprachkurs deutschunterricht sprachförderung sprachcafé sprachtreff',
  'unterrichten lehren beibringen unterricht',
  'trainer übungsleiter coach',
  'fahrer fahrdienst bürgerbus',
  'pate patenschaft mentor mentoring',
  'krankenhaus klinik klinikum patienten',
  'handwerklich handwerk heimwerken reparieren reparatur werkstatt schrauben',
  'wochenende samstag samstags sonntag sonntags',
  'draußen freien natur wald park',
  'müll abfall aufräumen',
  'kochen küche mittagstisch',
  'musik singen musizieren instrument',
  'hunde hund gassi',
  'bücher bücherei bibliothek',
  'zuhause telefon telefonieren online',
];

/** Phrases of two words that mean one thing, read as their first concept word. */
export const PHRASES: Readonly<Record<string, string>> = {
  'ältere menschen': 'senioren',
  'älteren menschen': 'senioren',
  'alte menschen': 'senioren',
  'alten menschen': 'senioren',
  'zu hause': 'zuhause',
  'im freien': 'draußen',
};
