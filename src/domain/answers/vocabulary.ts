/**
 * The municipality's own words for questions, added to the built-in grammar (lexicon.ts): more forms of the
 * role words, more filler, and an English-Swedish glossary of municipal terms, so that "who runs the payroll
 * system" meets the Swedish register's "lön". The product ships content/vocabulary.json; a municipality extends a
 * copy (VOCABULARY_FILE). Words are written as people type them (å, ä, ö and all); they are folded when read.
 */
import { z } from 'zod';
import { allRoles, type RoleId } from './answer';

export interface RoleVocabulary {
  /** Names of the role and their forms: "systemförvaltare", "system steward". */
  nouns?: string[];
  /** What the role does, as a verb: "förvaltar", "looks after". */
  verbs?: string[];
  /**
   * Beginnings that make any longer word a form of the role's noun ("systemansvar" for "systemansvaret",
   * "systemansvarsfrågor"). At least eight letters, so that no ordinary word is caught.
   */
  stems?: string[];
}

export interface GlossaryEntry {
  /** English words or phrases for the term: "payroll", "salaries". */
  en: string[];
  /** The Swedish words the register uses for it, the likeliest first: "lön", "lönesystem". */
  sv: string[];
}

export interface Vocabulary {
  roles: Partial<Record<RoleId, RoleVocabulary>>;
  /** Words that ask nothing and name nothing ("typ", "liksom", "basically"). */
  filler: string[];
  glossary: GlossaryEntry[];
}

export const emptyVocabulary: Vocabulary = { roles: {}, filler: [], glossary: [] };

const word = z
  .string({ invalid_type_error: 'must be text' })
  .refine((text) => /[\p{L}\p{N}]/u.test(text), 'must hold a letter or a digit')
  .refine((text) => text.length <= 60, 'must be at most 60 characters');
const words = z
  .array(word, { invalid_type_error: 'must be a list of words' })
  .max(2000, 'at most 2000 words');

const roleVocabulary = z
  .object(
    {
      nouns: words.optional(),
      verbs: words.optional(),
      stems: z
        .array(
          word.refine(
            (text) => text.replace(/[^\p{L}\p{N}]/gu, '').length >= 8,
            'must be at least 8 letters',
          ),
          { invalid_type_error: 'must be a list of words' },
        )
        .optional(),
    },
    { invalid_type_error: 'must be an object with "nouns", "verbs" and "stems"' },
  )
  .strict();

const roles = Object.fromEntries(allRoles.map((role) => [role, roleVocabulary.optional()])) as Record<
  RoleId,
  z.ZodOptional<typeof roleVocabulary>
>;

const glossaryEntry = z
  .object(
    {
      en: z.array(word).min(1, 'must name at least one English word'),
      sv: z.array(word).min(1, 'must name at least one Swedish word'),
    },
    { invalid_type_error: 'must be an object with "en" and "sv" lists' },
  )
  .strict();

const vocabularySchema = z
  .object(
    {
      description: z.string().optional(),
      roles: z
        .object(roles, { invalid_type_error: `must be an object with the roles ${allRoles.join(', ')}` })
        .strict()
        .default({}),
      filler: words.default([]),
      glossary: z.array(glossaryEntry, { invalid_type_error: 'must be a list' }).max(2000).default([]),
    },
    { invalid_type_error: 'must be a JSON object' },
  )
  .strict();

/** Thrown for content that is not a usable vocabulary; the message names every problem and where it is. */
export class VocabularyError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('; '));
    this.name = 'VocabularyError';
  }
}

/** Checks parsed JSON against the vocabulary's shape; an unknown key (a misspelt role) is refused. */
export function parseVocabulary(json: unknown): Vocabulary {
  const result = vocabularySchema.safeParse(json);
  if (result.success) {
    const { roles: parsedRoles, filler, glossary } = result.data;
    return { roles: parsedRoles as Vocabulary['roles'], filler, glossary };
  }
  throw new VocabularyError(
    result.error.issues.map((issue) => {
      const where = issue.path.join('.');
      return where === '' ? issue.message : `${where}: ${issue.message}`;
    }),
  );
}
