import type { Text } from './index';

/**
 * Texts of a follow-up year the person cannot have (bot/features/followUpRefusals.ts): a typing mistake or a
 * year closed to them, for "mina checklistor", "checklista", "status" and "exportera" alike.
 */
export const followUpYearTexts = {
  yearOutOfRange: {
    sv: '{year} är inget uppföljningsår. Ange ett år från {min} till {max}, eller inget år för den pågående uppföljningen ({current}).',
    en: '{year} is not a follow-up year. Give a year from {min} to {max}, or no year for the current follow-up ({current}).',
  },
  yearNotOpen: {
    sv: 'Uppföljningen {year} kan du inte öppna. Du kan öppna {previous} och {current}, till exempel ”mina checklistor {previous}”. Andra år öppnar administratörer och informationssäkerhetssamordnaren.',
    en: 'You cannot open the follow-up of {year}. You can open {previous} and {current}, for example "my checklists {previous}". Other years are opened by admins and the information security coordinator.',
  },
} as const satisfies Record<string, Text>;
