import type { AppDeps } from '../../platform/deps.ts';
import type { T } from '../../platform/i18n/index.ts';
import {
  approveOffer,
  archiveOffer,
  confirmOfferCurrent,
  pauseOffer,
  rejectOffer,
  resumeOffer,
  submitOffer,
  unpublishOffer,
  type OfferDone,
  type OfferFailure,
} from './commands.ts';
import type { OfferAction } from './lifecycle.ts';
import { notifyOfferReason } from './notify.ts';
import { getOffer } from './queries.ts';

/** The status actions people trigger with a button (editing and expiry happen elsewhere). */
export const BUTTON_ACTIONS = ['submit', 'approve', 'reject', 'pause', 'resume', 'archive', 'unpublish', 'confirm'] as const satisfies readonly OfferAction[];
export type ButtonAction = (typeof BUTTON_ACTIONS)[number];

/**
 * Runs one status action and what follows from it: the organisation hears by mail why the office sent
 * its offer back or took it offline. Permission is the caller's check (policy), not this function's.
 */
export async function performOfferAction(
  deps: Pick<AppDeps, 'db' | 'jobs' | 'config'>,
  offerId: string,
  action: ButtonAction,
  reason: string,
  now: Date,
): Promise<OfferDone | OfferFailure> {
  const { db } = deps;
  switch (action) {
    case 'submit':
      return submitOffer(db, offerId, now);
    case 'approve':
      return approveOffer(db, offerId, now);
    case 'pause':
      return pauseOffer(db, offerId, now);
    case 'resume':
      return resumeOffer(db, offerId, now);
    case 'archive':
      return archiveOffer(db, offerId, now);
    case 'confirm':
      return confirmOfferCurrent(db, offerId, now);
    case 'reject':
    case 'unpublish': {
      const result = action === 'reject' ? await rejectOffer(db, offerId, reason, now) : await unpublishOffer(db, offerId, reason, now);
      if (result.ok) {
        const offer = await getOffer(db, offerId);
        if (offer) await notifyOfferReason(deps, offer, reason);
      }
      return result;
    }
  }
}

/** What to tell a person when an action could not be done. */
export function offerFailureMessage(t: T, failure: OfferFailure): string {
  if (failure.code === 'offers.transition_forbidden') {
    return t('offers.error.forbiddenTransition', { status: t(`offers.status.${failure.from}`) });
  }
  if (failure.code === 'offers.organisation_unverified') return t('offers.error.organisationUnverified');
  return t(failure.code === 'offers.stale' ? 'offers.error.stale' : 'error.notFound.title');
}
