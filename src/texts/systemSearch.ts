/**
 * Texts of the message extension "Sök system" (the search in the compose box). The results themselves are the
 * system answer cards, whose texts are in answers.ts; these are the preview lines and the messages shown in
 * the result list when there is nothing to list.
 */
import type { Text } from './index';

export const systemSearchTexts = {
  /** Preview line under the system's name. Register values come in already escaped by the card builder. */
  responsible: { sv: 'Systemansvarig: {name}', en: 'Responsible: {name}' },
  nobody: { sv: 'ingen angiven', en: 'not given' },
  noMatch: {
    sv: 'Inget system i registret matchar sökningen. Kontrollera stavningen eller skriv en annan del av namnet.',
    en: 'No system in the register matches the search. Check the spelling or type another part of the name.',
  },
  emptyRegister: {
    sv: 'Registret är tomt just nu. En administratör behöver importera kommunens systemregister först.',
    en: "The register is empty right now. An administrator needs to import the municipality's system register first.",
  },
  unreadable: {
    sv: 'Sökningen kunde inte läsas. Skriv en del av systemets namn.',
    en: "The search couldn't be read. Type part of the system's name.",
  },
} as const satisfies Record<string, Text>;
