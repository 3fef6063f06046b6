import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import demo from './demo-regions.json' with { type: 'json' };
import { municipalities, networks } from './schema.ts';
import { approximateOutlines } from '../overview/index.ts';
import { seedDemoContent } from './demo-content.ts';
import { seedModuleDemos } from '../../platform/registry.ts';

/** The demo networks' texts; the municipalities come from demo-regions.json. */
const DEMO_NETWORKS: Record<string, { slug: string; description: string; contactEmail: string; primaryColor: string; accentColor: string }> = {
  'GEMS – gemeinsam engagiert macht stark': {
    slug: 'gems',
    description:
      'Das Netzwerk für bürgerschaftliches Engagement in der LEADER-Region Delitzscher Land macht sichtbar, wo und wie man sich in den zehn Kommunen beteiligen kann – von Jesewitz bis Taucha. Wir bringen Hilfesuchende und Hilfegebende zusammen, unterstützen Vereine beim Wissenstransfer und wertschätzen, was Engagierte leisten.',
    contactEmail: 'kontakt@gems-netzwerk.example',
    primaryColor: '#1d5c8c',
    accentColor: '#a4461a',
  },
  'Engagierte Stadt Weißwasser/O.L.': {
    slug: 'weisswasser',
    description:
      'Die Anlauf- und Vernetzungsstelle für Engagement in Weißwasser/O.L.: Wir fassen die Angebote aller Träger zusammen, vermitteln, begleiten und qualifizieren – gemeinsam mit Stadt, Vereinen und Unternehmen.',
    contactEmail: 'engagement@weisswasser.example',
    primaryColor: '#2e6b30',
    accentColor: '#8a3b8f',
  },
};

function legalTexts(name: string, email: string) {
  return {
    imprint: `Verantwortlich für dieses Angebot ist die Netzwerkstelle von ${name}.\n\nKontakt: ${email}\n\nDies ist ein Demonstrationsnetzwerk. Die Netzwerkstelle ersetzt diesen Text in der Verwaltung durch ihr vollständiges Impressum.`,
    privacyStatement: `${name} verarbeitet personenbezogene Daten nur, soweit das für die Vermittlung von Engagement nötig ist. Profile von Engagierten sind nicht öffentlich. Sie können Ihre Daten jederzeit in „Mein Konto“ herunterladen oder löschen.\n\nDies ist ein Demonstrationsnetzwerk. Die Netzwerkstelle ersetzt diesen Text in der Verwaltung durch ihre Datenschutzerklärung.`,
    accessibilityStatement: `Diese Website soll für alle Menschen nutzbar sein und richtet sich nach WCAG 2.1 Stufe AA und BITV 2.0. Alle Seiten funktionieren ohne JavaScript und mit der Tastatur. Wenn Sie auf eine Barriere stoßen, schreiben Sie uns: ${email}.`,
  };
}

/**
 * Seeds the demo networks into an empty database; with `content`, also their organisations, offers,
 * needs and placements (demo-content.ts), as `npm start` does. Tests leave the networks empty unless
 * they ask. Returns false when networks already exist: nothing is added then.
 */
export async function seedDemoNetworks(db: Db, options: { content?: boolean; now?: Date } = {}): Promise<boolean> {
  const [{ count } = { count: 0 }] = await db.select({ count: sql<number>`count(*)::int` }).from(networks);
  if (count > 0) return false;
  for (const source of demo.networks) {
    const extra = DEMO_NETWORKS[source.name];
    if (!extra) continue;
    const [network] = await db
      .insert(networks)
      .values({
        slug: extra.slug,
        name: source.name,
        kind: source.kind,
        region: source.region,
        description: extra.description,
        contactEmail: extra.contactEmail,
        primaryColor: extra.primaryColor,
        accentColor: extra.accentColor,
        ...legalTexts(source.name, extra.contactEmail),
      })
      .returning();
    if (!network) continue;
    // No official boundaries ship yet: approximate demo outlines (see overview/outlines.ts).
    const outlines = approximateOutlines(source.municipalities);
    await db.insert(municipalities).values(
      source.municipalities.map((m, i) => ({
        networkId: network.id,
        name: m.name,
        type: m.type,
        lat: m.lat,
        lng: m.lng,
        inhabitants: m.inhabitants,
        outline: outlines[i] ?? null,
      })),
    );
  }
  if (options.content) {
    await seedDemoContent(db, options.now);
    // Then every module's own demo part (events, knowledge, recognition, …), read from the module list.
    await seedModuleDemos(db, options.now ?? new Date());
  }
  return true;
}

export const FIELDS_OF_ACTIVITY: readonly string[] = demo.fieldsOfActivity;
