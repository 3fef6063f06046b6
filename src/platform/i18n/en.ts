import { en as accounts } from '../../modules/accounts/messages.ts';
import { en as members } from '../../modules/members/messages.ts';
import { en as networks } from '../../modules/networks/messages.ts';
import { en as platform } from '../messages.ts';
import type { Messages } from './de.ts';

export const en: Messages = { ...platform, ...networks, ...accounts, ...members };
