import { de as accounts } from '../../modules/accounts/messages.ts';
import { de as imports } from '../../modules/imports/messages.ts';
import { de as members } from '../../modules/members/messages.ts';
import { de as moderation } from '../../modules/moderation/messages.ts';
import { de as needs } from '../../modules/needs/messages.ts';
import { de as networks } from '../../modules/networks/messages.ts';
import { de as offers } from '../../modules/offers/messages.ts';
import { de as openapi } from '../../modules/openapi/messages.ts';
import { de as feeds } from '../../modules/feeds/messages.ts';
import { de as widget } from '../../modules/widget/messages.ts';
import { de as organisations } from '../../modules/organisations/messages.ts';
import { de as overview } from '../../modules/overview/messages.ts';
import { de as placements } from '../../modules/placements/messages.ts';
import { de as search } from '../../modules/search/messages.ts';
import { de as volunteers } from '../../modules/volunteers/messages.ts';
import { de as platform } from '../messages.ts';

/** German is the source language: every key exists here first. */
export const de = { ...platform, ...accounts, ...members, ...networks, ...organisations, ...offers, ...moderation, ...search, ...volunteers, ...needs, ...placements, ...imports, ...overview, ...openapi, ...feeds, ...widget };
export type Messages = { [K in keyof typeof de]: string };
