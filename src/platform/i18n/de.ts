import { de as accounts } from '../../modules/accounts/messages.ts';
import { de as members } from '../../modules/members/messages.ts';
import { de as networks } from '../../modules/networks/messages.ts';
import { de as platform } from '../messages.ts';

/** German is the source language: every key exists here first. */
export const de = { ...platform, ...networks, ...accounts, ...members };
export type Messages = { [K in keyof typeof de]: string };
