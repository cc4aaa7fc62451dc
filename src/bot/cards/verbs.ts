import { z } from 'zod';
import { allRoles, type Lang, type RoleId } from '../../domain/answers';
import { langSchema } from '../../shared/lang';

/**
 * Action.Execute verbs of the answer cards. Each is one constant, given to the card templates through their
 * data (`"verb": "${$root.verbs.chooseSystem}"`) and to the handler in features/answers.ts, so the two cannot
 * drift apart.
 */
export const chooseSystemVerb = 'answers.chooseSystem';
export const choosePersonVerb = 'answers.choosePerson';

/** Every verb an answer card may carry; a verb under this prefix that no handler knows is refused politely. */
export const answerVerbPrefix = 'answers.';

export interface AnswerVerbs {
  chooseSystem: typeof chooseSystemVerb;
  choosePerson: typeof choosePersonVerb;
}

/** Starts the annual follow-up of a system; reminders and the answer card use it (see checklistActions.ts). */
export { checklistStartVerb, type ChecklistStartActionData } from './checklistActions';

export const answerVerbs: AnswerVerbs = { chooseSystem: chooseSystemVerb, choosePerson: choosePersonVerb };

/** What a "choose this system" button sends back: the system, the roles asked, the language of the question. */
export interface ChooseSystemActionData {
  systemId: string;
  roles: RoleId[];
  lang: Lang;
}

/** What a "choose this person" button sends back. */
export interface ChoosePersonActionData {
  personKey: string;
  role?: RoleId;
  lang: Lang;
}

// Card data comes back from the client and is never trusted: shapes and sizes are checked here, and the
// handler checks that the system or person exists.
const roleId = z.enum(allRoles as [RoleId, ...RoleId[]]);
const lang = langSchema;

export const chooseSystemActionSchema = z.object({
  systemId: z.string().min(1).max(200),
  roles: z.array(roleId).max(allRoles.length),
  lang,
}) satisfies z.ZodType<ChooseSystemActionData>;

export const choosePersonActionSchema = z.object({
  personKey: z.string().min(1).max(400),
  role: roleId.optional(),
  lang,
}) satisfies z.ZodType<ChoosePersonActionData>;

/** The language to refuse unusable card data in: the card's own, when that much can be read. */
export function languageOfActionData(data: unknown): Lang {
  return typeof data === 'object' && data !== null && (data as { lang?: unknown }).lang === 'en'
    ? 'en'
    : 'sv';
}
