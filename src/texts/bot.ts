import type { Text } from './index';

/** Texts of the bot's frame: the polite answers when a turn fails. Answers to questions are in answers.ts. */
export const botTexts = {
  storageUnavailable: {
    sv: 'Jag når inte registret just nu. Försök igen om en liten stund.',
    en: "I can't reach the register right now. Please try again in a moment.",
  },
  somethingWentWrong: {
    sv: 'Något gick fel när jag skulle svara. Försök igen, och kontakta IT-avdelningen om det fortsätter.',
    en: 'Something went wrong while I was answering. Please try again, and contact IT support if it keeps happening.',
  },
} as const satisfies Record<string, Text>;
