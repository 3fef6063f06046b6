import type { ComponentChildren } from 'preact';
import type { Db } from '../../platform/db.ts';
import type { T } from '../../platform/i18n/index.ts';
import type { Actor } from '../../platform/policy.ts';
import type { OrganisationDetails, OrganisationRole } from './queries.ts';

/*
 * The public organisation page shows what higher modules add to it (offers: the organisation's offers;
 * openapi: the link to its API keys) without this module importing them (decision 006): they register a
 * part in their manifest, the page asks every part when it is shown, in the order they were registered.
 */

/** The page being shown, and to whom. */
export interface OrganisationPageView {
  db: Db;
  t: T;
  actor: Actor;
  /** The viewer's role in the organisation, or null. */
  role: OrganisationRole;
  organisation: OrganisationDetails;
}

/** A link among the page's actions ("Bearbeiten", "Mitglieder", …), or null when the viewer gets none. */
export type OrganisationPageAction = (view: OrganisationPageView) => { href: string; label: string } | null;
/** A section after the contact details. */
export type OrganisationPageSection = (view: OrganisationPageView) => Promise<ComponentChildren>;

const actions: OrganisationPageAction[] = [];
const sections: OrganisationPageSection[] = [];

export function addOrganisationPageAction(action: OrganisationPageAction): void {
  actions.push(action);
}

export function addOrganisationPageSection(section: OrganisationPageSection): void {
  sections.push(section);
}

/** What the registered parts show on this page view. */
export async function organisationPageParts(view: OrganisationPageView): Promise<{ actions: Array<{ href: string; label: string }>; sections: ComponentChildren[] }> {
  return {
    actions: actions.map((action) => action(view)).filter((link) => link !== null),
    sections: await Promise.all(sections.map((section) => section(view))),
  };
}
