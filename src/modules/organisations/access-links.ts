import type { Db } from '../../platform/db.ts';

/*
 * The organisation's personal access link belongs to the placements module: its mails to organisations
 * nobody has claimed carry it (placements/access.ts), and so do the office's decisions about them
 * (moderation). Claiming an organisation starts from such a link and ends all of them. Placements provides
 * the three steps in its manifest, so that neither this lower module nor moderation imports it (decision 006).
 */

/** What a live organisation link opens: the organisation and the address it was sent to. */
export interface OrganisationAccessLinks {
  /** A new link for a mail to this address; returns the secret for the link's URL. */
  issue(db: Db, organisationId: string, email: string, now: Date): Promise<string>;
  find(db: Db, secret: string | undefined, now: Date): Promise<{ organisationId: string; email: string } | undefined>;
  cancel(db: Db, organisationId: string, now: Date): Promise<void>;
}

let provided: OrganisationAccessLinks | undefined;

export function provideOrganisationAccessLinks(links: OrganisationAccessLinks): void {
  provided = links;
}

export function organisationAccessLinks(): OrganisationAccessLinks {
  if (!provided) throw new Error('No organisation access links: the placements module is not registered.');
  return provided;
}
