/**
 * What each role means, in the municipality's own words: the answer to "vad gör en systemförvaltare?". The
 * product ships a default (content/roleGuideline.json) written from the municipal guidelines; a municipality
 * replaces it with its own file (ROLE_GUIDELINE_FILE). Plain text, paragraphs separated by a blank line.
 */
import { z } from 'zod';
import { allRoles, type RoleId } from './answer';

export interface LocalisedText {
  sv: string;
  en: string;
}

export interface RoleGuideline {
  /** Where the texts come from, shown under each definition. */
  source?: LocalisedText;
  roles: Record<RoleId, LocalisedText>;
}

const nonEmptyText = z
  .string({ required_error: 'is missing', invalid_type_error: 'must be text' })
  .refine((text) => text.trim() !== '', 'must not be empty')
  .refine((text) => text.length <= 4000, 'must be at most 4000 characters');

const localisedText = z
  .object(
    { sv: nonEmptyText, en: nonEmptyText },
    { required_error: 'is missing', invalid_type_error: 'must be an object with "sv" and "en" texts' },
  )
  .strict();

const roleTexts = Object.fromEntries(allRoles.map((role) => [role, localisedText])) as Record<
  RoleId,
  typeof localisedText
>;

const guidelineSchema = z
  .object(
    {
      source: localisedText.optional(),
      roles: z
        .object(roleTexts, {
          required_error: 'is missing',
          invalid_type_error: `must be an object with the roles ${allRoles.join(', ')}`,
        })
        .strict(),
    },
    { invalid_type_error: 'must be a JSON object' },
  )
  .strict();

/** Thrown for content that is not a usable guideline; the message names every problem and where it is. */
export class RoleGuidelineError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('; '));
    this.name = 'RoleGuidelineError';
  }
}

/** Checks parsed JSON against the guideline's shape: both languages for every role, nothing unknown. */
export function parseRoleGuideline(json: unknown): RoleGuideline {
  const result = guidelineSchema.safeParse(json);
  if (result.success) return result.data as RoleGuideline;
  throw new RoleGuidelineError(
    result.error.issues.map((issue) => {
      const where = issue.path.join('.');
      return where === '' ? issue.message : `${where}: ${issue.message}`;
    }),
  );
}
