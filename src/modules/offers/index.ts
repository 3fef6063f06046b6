/*
 * The public entry of the offers module: what other modules may use of it (decision 006). The module's
 * manifest is in manifest.ts and is read only by the module list.
 */
/** Writing offers: drafts, submission, archiving, publishing what waited (moderation and the API write through these). */
export { archiveOffer, type OfferDone, type OfferFailure, publishWaitingOffers, saveDraft, submitOffer } from './commands.ts';
/** An offer's description: sanitising stored HTML, plain text from and to it (imports, feeds, API, demo). */
export {
  decodeEntities,
  descriptionHtmlToText,
  descriptionPlainText,
  sanitiseDescriptionHtml,
  textToDescriptionHtml,
} from './description.ts';
/** An offer's input and its limits, shared by the form and the API. */
export { OFFER_LIMITS, type OfferForm, type OfferInput, offerInputFromForm } from './form.ts';
/** The office's actions on an offer (approve, reject, archive) and their messages. */
export { offerFailureMessage, performOfferAction } from './perform.ts';
/** Reading offers: one offer, the review queue, who gets mail about an organisation's offers. */
export { getOffer, listOffersInReview, type OfferDetails, type OfferInReview, offerRecipients } from './queries.ts';
/** The offer and saved-search tables and the offer's statuses. */
export { type Offer, OFFER_STATUSES, offers, type OfferStatus, savedSearches } from './schema.ts';
/** The translated label of a field of engagement. */
export { fieldLabel } from './views/labels.ts';
