import type { Text } from './index';

/** Texts of the bot's frame: welcome, the interim status answer, and the polite error answers. */
export const botTexts = {
  welcome: {
    sv:
      'Hej! Jag är Systemkollen. Jag håller reda på vem som äger, ansvarar för och förvaltar kommunens ' +
      'IT-system, och hjälper till med den årliga uppföljningen.\n\n' +
      'Skriv till mig på svenska eller engelska. (You can write to me in English too.)',
    en:
      "Hi! I'm Systemkollen. I keep track of who owns, is responsible for and manages the municipality's " +
      'IT systems, and help with the annual follow-up.\n\nWrite to me in Swedish or English.',
  },
  statusEmpty: {
    sv: 'Systemkollen är igång, men registret är tomt. En administratör behöver importera systemregistret.',
    en: 'Systemkollen is running, but the register is empty. An administrator needs to import the system register.',
  },
  statusOne: {
    sv: 'Systemkollen är igång. Registret innehåller 1 system. Snart kan du fråga mig vem som äger eller förvaltar det.',
    en: 'Systemkollen is running. The register holds 1 system. Soon you can ask me who owns or manages it.',
  },
  statusMany: {
    sv: 'Systemkollen är igång. Registret innehåller {count} system. Snart kan du fråga mig vem som äger eller förvaltar dem.',
    en: 'Systemkollen is running. The register holds {count} systems. Soon you can ask me who owns or manages them.',
  },
  storageUnavailable: {
    sv: 'Jag når inte registret just nu. Försök igen om en liten stund.',
    en: "I can't reach the register right now. Please try again in a moment.",
  },
  somethingWentWrong: {
    sv: 'Något gick fel när jag skulle svara. Försök igen, och kontakta IT-avdelningen om det fortsätter.',
    en: 'Something went wrong while I was answering. Please try again, and contact IT support if it keeps happening.',
  },
} as const satisfies Record<string, Text>;
