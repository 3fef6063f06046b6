import type { PlacementStatus } from './schema.ts';

/**
 * Who moves a placement on: `staff` is whoever acts for the receiving side (the organisation's members,
 * the network office, the guides of the municipality); `system` is the reminder job.
 */
export type Mover = 'staff' | 'volunteer' | 'system';

/**
 * The one table of allowed status changes. Anything not listed here is refused, whoever asks.
 * Staff may skip steps forward (a phone call can go straight to "vermittelt"); nothing goes back,
 * except that an organisation answering late may take up a placement marked "keine Rückmeldung".
 */
export const TRANSITIONS: Readonly<Record<PlacementStatus, Partial<Record<PlacementStatus, readonly Mover[]>>>> = {
  requested: {
    in_contact: ['staff'],
    first_meeting: ['staff'],
    placed: ['staff'],
    declined: ['staff', 'volunteer'],
    no_answer: ['system'],
  },
  in_contact: {
    first_meeting: ['staff'],
    placed: ['staff'],
    declined: ['staff', 'volunteer'],
  },
  first_meeting: {
    placed: ['staff'],
    declined: ['staff', 'volunteer'],
  },
  placed: {
    ended: ['staff'],
  },
  ended: {},
  declined: {},
  no_answer: {
    in_contact: ['staff'],
  },
};

export function canTransition(from: PlacementStatus, to: PlacementStatus, mover: Mover): boolean {
  return TRANSITIONS[from][to]?.includes(mover) ?? false;
}

/** The statuses a mover may choose next, in the order of the workflow. */
export function nextStatuses(from: PlacementStatus, movers: readonly Mover[]): PlacementStatus[] {
  return (Object.keys(TRANSITIONS[from]) as PlacementStatus[]).filter((to) =>
    movers.some((mover) => canTransition(from, to, mover)),
  );
}

/** Still waiting for an outcome: shown by default in the office's list. */
export const OPEN_STATUSES: readonly PlacementStatus[] = ['requested', 'in_contact', 'first_meeting'];

export function isClosed(status: PlacementStatus): boolean {
  return status === 'ended' || status === 'declined' || status === 'no_answer';
}
