import type { Text } from './index';

/** Texts of the input guard (bot/features/inputGuard.ts): what is too big to read, and what the bot does not know. */
export const inputGuardTexts = {
  messageTooLong: {
    sv: 'Meddelandet är för långt för mig ({length} tecken, högst {max}). Skriv en kortare fråga, till exempel ”vem äger Agresso?”.',
    en: 'That message is too long for me ({length} characters, at most {max}). Please ask a shorter question, such as "who owns Agresso?".',
  },
  cardDataTooLarge: {
    sv: 'Det som skickades från kortet var för stort för mig. Korta texterna i fälten och försök igen.',
    en: 'What the card sent was too large for me. Please shorten the text in the fields and try again.',
  },
  unknownAction: {
    sv: 'Den knappen känner jag inte igen, kortet kan vara gammalt. Ställ gärna frågan igen i chatten, eller skriv ”checklista” och systemets namn för att öppna en checklista.',
    en: 'I don\'t recognise that button; the card may be old. Please ask the question again in the chat, or write "checklist" and the system name to open a checklist.',
  },
} as const satisfies Record<string, Text>;
