import type { OfferStatus } from './schema.ts';

/** Everything that can happen to an offer's status, by whoever does it. */
export const OFFER_ACTIONS = [
  'edit',
  'submit',
  'approve',
  'reject',
  'pause',
  'resume',
  'archive',
  'unpublish',
  'confirm',
  'expire',
] as const;
export type OfferAction = (typeof OFFER_ACTIONS)[number];

/**
 * The one table of allowed status changes: from a status, an action leads to one of the listed
 * statuses. Anything not listed is refused. `submit` has two targets: the moderation rules decide.
 */
export const OFFER_TRANSITIONS: Readonly<Record<OfferStatus, Partial<Record<OfferAction, readonly OfferStatus[]>>>> = {
  draft: {
    edit: ['draft'],
    submit: ['in_review', 'published'],
    archive: ['archived'],
  },
  in_review: {
    edit: ['in_review'],
    approve: ['published'],
    reject: ['draft'],
    archive: ['archived'],
  },
  published: {
    edit: ['published'],
    pause: ['paused'],
    archive: ['archived'],
    unpublish: ['draft'],
    confirm: ['published'],
    expire: ['expired'],
  },
  paused: {
    edit: ['paused'],
    resume: ['published'],
    archive: ['archived'],
    unpublish: ['draft'],
  },
  expired: {
    edit: ['expired'],
    submit: ['in_review', 'published'],
    confirm: ['published'],
    archive: ['archived'],
  },
  // Archived is final: the record stays for figures and placements, but nothing changes it any more.
  archived: {},
};

export function canTransition(from: OfferStatus, action: OfferAction, to?: OfferStatus): boolean {
  const targets = OFFER_TRANSITIONS[from][action];
  if (!targets) return false;
  return to === undefined || targets.includes(to);
}

/** Actions the organisation's own people take; the rest belong to the network office (or the clock). */
export const ORGANISATION_ACTIONS: readonly OfferAction[] = ['edit', 'submit', 'pause', 'resume', 'archive', 'confirm'];
export const OFFICE_ACTIONS: readonly OfferAction[] = ['approve', 'reject', 'unpublish'];

/** The actions offered as buttons for an offer in a status, in a sensible order. */
export function availableActions(status: OfferStatus, who: { organisation: boolean; office: boolean }): OfferAction[] {
  return OFFER_ACTIONS.filter(
    (action) =>
      action !== 'edit' &&
      action !== 'expire' &&
      canTransition(status, action) &&
      ((who.organisation && ORGANISATION_ACTIONS.includes(action)) || (who.office && (OFFICE_ACTIONS.includes(action) || ORGANISATION_ACTIONS.includes(action)))),
  );
}
