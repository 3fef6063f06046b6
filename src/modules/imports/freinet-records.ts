import { descriptionPlainText, sanitiseDescriptionHtml } from '../offers/index.ts';
import type { FreinetOffer } from './freinet.ts';
import { IMPORT_LIMITS, isPostcode, parseCoordinates, plainText, tooLong, type ImportRecord, type Problem } from './record.ts';

/*
 * One FreiNet <angebot> as an import record. FreiNet knows title, texts, organisation, address,
 * coordinates and dates; the field of activity, commitment and the rest stay as the network set them.
 * Not taken over: kontaktierbar, avatar (a picture on FreiNet's server) and the two counters.
 */

/** Unix seconds → a date, when it is one (FreiNet writes 0 or nothing for "unknown"). */
function unixSeconds(raw: string | undefined): Date | null | 'invalid' {
  const value = raw?.trim() ?? '';
  if (value === '' || value === '0') return null;
  if (!/^\d{1,12}$/.test(value)) return 'invalid';
  const date = new Date(Number(value) * 1000);
  // Before 2000 or after 2100 is not an offer's date but a broken number.
  if (date.getUTCFullYear() < 2000 || date.getUTCFullYear() > 2100) return 'invalid';
  return date;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function freinetRecord(offer: FreinetOffer): { ok: true; record: ImportRecord } | { ok: false; externalId: string; reasons: Problem[] } {
  const v = offer.values;
  const reasons: Problem[] = [];
  const warnings: Problem[] = [];
  const externalId = offer.angebotsId.trim();
  const fail = (problem: Problem | null) => {
    if (problem) reasons.push(problem);
  };

  if (!externalId) reasons.push({ key: 'imports.reason.idMissing', params: { column: 'angebotsId' } });
  else fail(tooLong(externalId, IMPORT_LIMITS.externalId, 'angebotsId'));

  const title = plainText(v.angebotsname ?? '');
  if (!title) reasons.push({ key: 'imports.reason.titleMissing', params: { column: 'angebotsname' } });
  else fail(tooLong(title, IMPORT_LIMITS.title, 'angebotsname'));

  const organisationName = plainText(v.einrichtungsname ?? '');
  const organisationId = plainText(v.einrichtungs_id ?? '');
  if (!organisationName && !organisationId) reasons.push({ key: 'imports.reason.organisationMissing', params: { column: 'einrichtungsname' } });
  fail(tooLong(organisationName, IMPORT_LIMITS.organisation, 'einrichtungsname'));
  fail(tooLong(organisationId, IMPORT_LIMITS.externalId, 'einrichtungs_id'));

  const summary = plainText(v.kurz_beschreibung ?? '');
  fail(tooLong(summary, IMPORT_LIMITS.summary, 'kurz_beschreibung'));

  let description = sanitiseDescriptionHtml(v.beschreibung ?? '');
  const schedule = plainText(v.termine ?? '');
  // FreiNet's appointments have no field of their own here; they stay readable in the description.
  if (schedule) description += `<p><strong>Termine:</strong> ${escapeHtml(schedule)}</p>`;
  fail(tooLong(descriptionPlainText(description), IMPORT_LIMITS.description, 'beschreibung'));

  const street = plainText(v.strasse ?? '');
  const place = plainText(v.ort ?? '');
  const district = plainText(v.ortsteil ?? '');
  fail(tooLong(street, IMPORT_LIMITS.street, 'strasse'));
  fail(tooLong(place, IMPORT_LIMITS.place, 'ort'));
  fail(tooLong(district, IMPORT_LIMITS.district, 'ortsteil'));
  let postcode = plainText(v.plz ?? '');
  if (postcode && !isPostcode(postcode)) {
    warnings.push({ key: 'imports.warning.postcode', params: { value: postcode.slice(0, 20) } });
    postcode = '';
  }

  const coordinates = parseCoordinates(v.geo_breite ?? '', v.geo_laenge ?? '');
  if (!coordinates.ok) reasons.push(coordinates.problem);

  const created = unixSeconds(v.erstellt);
  const edited = unixSeconds(v.bearbeitet);
  if (created === 'invalid') warnings.push({ key: 'imports.warning.date', params: { column: 'erstellt', value: (v.erstellt ?? '').slice(0, 20) } });
  if (edited === 'invalid') warnings.push({ key: 'imports.warning.date', params: { column: 'bearbeitet', value: (v.bearbeitet ?? '').slice(0, 20) } });
  const createdAt = created instanceof Date ? created : null;
  const editedAt = edited instanceof Date ? edited : null;

  if (reasons.length > 0) return { ok: false, externalId, reasons };
  return {
    ok: true,
    record: {
      where: { index: offer.index, line: offer.line, externalId },
      externalId,
      organisation: { externalId: organisationId || null, name: organisationName },
      municipality: { name: '', place, district },
      values: {
        title,
        summary,
        description,
        street,
        postcode,
        place,
        district,
        lat: coordinates.ok && coordinates.value ? coordinates.value.lat : null,
        lng: coordinates.ok && coordinates.value ? coordinates.value.lng : null,
      },
      createdAt,
      publishedAt: editedAt ?? createdAt,
      warnings,
    },
  };
}
