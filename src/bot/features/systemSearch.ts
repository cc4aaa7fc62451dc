import { ActivityTypes, type Activity, type MessagingExtensionResult, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { Lang, RegisterIndex } from '../../domain/answers';
import { tokenize } from '../../domain/answers/normalize';
import { StorageUnavailableError } from '../../domain/errors';
import type { SystemRecord } from '../../domain/register/system';
import { errorFields } from '../../shared/logger';
import { say } from '../../texts';
import { botTexts } from '../../texts/bot';
import { systemSearchTexts } from '../../texts/systemSearch';
import { activityIds } from '../adapter';
import type { BotApplication, FeatureDeps } from '../featureDeps';
import { systemSearchMessage, systemSearchResult } from '../cards/systemSearchResults';

/** The search command of the manifest's composeExtensions (appPackage/manifest.json). */
export const searchSystemsCommandId = 'searchSystems';
export const systemNameParameter = 'systemName';

/** Systems listed per search: a compose box list longer than this is scrolled past, not read. */
export const maxSearchResults = 10;
/** Longer search text is cut: no system name needs more, and the matcher's work stays bounded. */
export const maxSearchLength = 100;

const queryInvokeName = 'composeExtension/query';

/**
 * What teams-ai needs to read a query (its `query()` route reads every parameter's name, and throws on
 * anything that is not an object): a payload that fails this is answered here instead, so it cannot
 * become an error response.
 */
const queryPayloadSchema = z
  .object({
    parameters: z
      .array(z.object({ name: z.string().max(100).optional(), value: z.unknown() }).passthrough())
      .max(20)
      .optional(),
  })
  .passthrough();

const pageNumber = (fallback: number) => z.number().int().min(0).max(10_000).catch(fallback);

/** The query as teams-ai flattened it. Paging options are advisory: an odd value falls back to the default. */
const searchQuerySchema = z.object({
  count: pageNumber(25),
  skip: pageNumber(0),
  parameters: z.object({ [systemNameParameter]: z.string().optional() }).passthrough(),
});

/**
 * "Sök system", the search-based message extension: what the user types in the compose box is matched against
 * system names with the chat answers' matcher, and each system found is listed with its responsible person;
 * the one chosen is inserted as the system's answer card. Teams sends the same invoke from personal, group
 * and channel chats, so nothing here depends on the conversation.
 */
export function registerSystemSearch(app: BotApplication, deps: FeatureDeps): void {
  const { register, logger } = deps;

  app.addRoute(
    (context) =>
      Promise.resolve(
        isSearchInvoke(context.activity) && !queryPayloadSchema.safeParse(context.activity.value).success,
      ),
    async (context) => {
      logger.warn('systemSearch.refused', { ...activityIds(context.activity), reason: 'invalid-payload' });
      await sendQueryResponse(
        context,
        systemSearchMessage(say(languageOfLocale(context.activity.locale), systemSearchTexts.unreadable)),
      );
    },
    true,
  );

  app.messageExtensions.query(searchSystemsCommandId, async (context, _state, query) => {
    const lang = languageOfLocale(context.activity.locale);
    const parsed = searchQuerySchema.safeParse(query);
    if (!parsed.success) {
      logger.warn('systemSearch.refused', { ...activityIds(context.activity), reason: 'invalid-query' });
      return systemSearchMessage(say(lang, systemSearchTexts.unreadable));
    }
    const text = (parsed.data.parameters[systemNameParameter] ?? '').slice(0, maxSearchLength).trim();
    const { skip, count } = parsed.data;

    let index: RegisterIndex;
    try {
      index = await register.index();
    } catch (error) {
      logger.error('systemSearch.failed', { ...activityIds(context.activity), ...errorFields(error) });
      const message =
        error instanceof StorageUnavailableError ? botTexts.storageUnavailable : botTexts.somethingWentWrong;
      return systemSearchMessage(say(lang, message));
    }
    if (index.systemCount === 0) return systemSearchMessage(say(lang, systemSearchTexts.emptyRegister));

    const found =
      text === '' ? firstSystems(index, maxSearchResults) : systemsMatching(index, text, maxSearchResults);
    // Ids and counts only: never the search text or the systems found.
    logger.info('systemSearch.queried', {
      ...activityIds(context.activity),
      lang,
      initial: text === '',
      found: found.length,
    });
    if (found.length === 0) return systemSearchMessage(say(lang, systemSearchTexts.noMatch));
    return systemSearchResult(found.slice(skip, skip + Math.min(count, maxSearchResults)), lang);
  });
}

/** Typed text shorter than this (letters and digits) is taken as the beginning of a name. */
const shortSearchLength = 4;

/**
 * The systems a typed name fits, best first: names beginning with the text (as it is typed, a letter at a
 * time), the name matcher's best fits and close names (a typo, a word of the name), then systems holding
 * every typed word in their name or description, so that "Agresso" lists "Agresso Ekonomi" as well as
 * "Agresso" itself. While the text is short the beginnings lead, since the matcher looks for none that short
 * ("W3", "vi"); from `shortSearchLength` letters on, the matcher's best fits lead and the beginnings follow.
 */
export function systemsMatching(index: RegisterIndex, text: string, limit: number): SystemRecord[] {
  const words = tokenize(text);
  if (words.length === 0) return [];
  // Another name the register gives a system, typed whole ("AD"), puts that system first.
  const byAlias = index.systemsAliased(words.join(''));
  const byPrefix = index.systemsWithPrefix(text, limit);
  const byName = index.findSystems(words);
  const byWords = index.findSystemsByWords(words, limit);
  const short = words.join('').length < shortSearchLength;
  const ranked = short
    ? [...byAlias, ...byPrefix, ...byName.best, ...byName.suggestions, ...byWords.systems]
    : [...byAlias, ...byName.best, ...byPrefix, ...byName.suggestions, ...byWords.systems];
  const systems: SystemRecord[] = [];
  const seen = new Set<string>();
  for (const system of ranked) {
    if (systems.length >= limit) break;
    if (seen.has(system.id)) continue;
    seen.add(system.id);
    systems.push(system);
  }
  return systems;
}

/** Before anything is typed (the initial run): the first systems in name order, to show what the search finds. */
function firstSystems(index: RegisterIndex, limit: number): SystemRecord[] {
  return index.list({}, limit).systems;
}

/** Teams gives the client's locale with every invoke: English for en-*, Swedish otherwise. */
export function languageOfLocale(locale: string | undefined): Lang {
  return typeof locale === 'string' && /^en(-|$)/i.test(locale) ? 'en' : 'sv';
}

function isSearchInvoke(activity: Partial<Activity>): boolean {
  return (
    activity.type === ActivityTypes.Invoke &&
    activity.name === queryInvokeName &&
    (activity.value as { commandId?: unknown } | undefined)?.commandId === searchSystemsCommandId
  );
}

async function sendQueryResponse(context: TurnContext, result: MessagingExtensionResult): Promise<void> {
  await context.sendActivity({
    type: ActivityTypes.InvokeResponse,
    value: { status: 200, body: { composeExtension: result } },
  });
}
