import { decodeHTML } from 'entities';

/** HTML entities in text that is not HTML (e.g. an imported plain field written "Gr&ouml;&szlig;e"). */
export function decodeEntities(text: string): string {
  return decodeHTML(text);
}
