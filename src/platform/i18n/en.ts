import { en as accounts } from '../../modules/accounts/messages.ts';
import { en as imports } from '../../modules/imports/messages.ts';
import { en as members } from '../../modules/members/messages.ts';
import { en as moderation } from '../../modules/moderation/messages.ts';
import { en as needs } from '../../modules/needs/messages.ts';
import { en as networks } from '../../modules/networks/messages.ts';
import { en as offers } from '../../modules/offers/messages.ts';
import { en as openapi } from '../../modules/openapi/messages.ts';
import { en as feeds } from '../../modules/feeds/messages.ts';
import { en as widget } from '../../modules/widget/messages.ts';
import { en as organisations } from '../../modules/organisations/messages.ts';
import { en as overview } from '../../modules/overview/messages.ts';
import { en as placements } from '../../modules/placements/messages.ts';
import { en as search } from '../../modules/search/messages.ts';
import { en as volunteers } from '../../modules/volunteers/messages.ts';
import { en as platform } from '../messages.ts';
import type { Messages } from './de.ts';

export const en: Messages = { ...platform, ...accounts, ...members, ...networks, ...organisations, ...offers, ...moderation, ...search, ...volunteers, ...needs, ...placements, ...imports, ...overview, ...openapi, ...feeds, ...widget };
