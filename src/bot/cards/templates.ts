import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as ACData from 'adaptivecards-templating';
import type { Logger } from '../../shared/logger';
import { projectRoot } from '../../shared/projectRoot';
import { compileTemplate, type UnsupportedReason } from './compiledTemplate';

/** An Adaptive Card as sent to Teams (schema 1.5). */
export interface AdaptiveCard {
  type: 'AdaptiveCard';
  version: string;
  [property: string]: unknown;
}

export const cardTemplateFolder = path.join(projectRoot, 'adaptiveCards');

/** A template from adaptiveCards/ and the type of the data it is filled with. */
export interface CardTemplate<TData> {
  readonly fileName: string;
  expand(data: TData): AdaptiveCard;
}

/** Templates that use more of the templating language than compiledTemplate.ts does, and why. */
const libraryTemplates = new Map<string, UnsupportedReason>();

/**
 * Loads a template once, at start-up, and compiles it (compiledTemplate.ts); a template the compiler does not
 * cover is expanded by `adaptivecards-templating`, with the same result, only slower. Either way values are bound
 * as data, never spliced into the template text: `${...}` inside a value is never evaluated, so register text
 * cannot run expressions.
 */
export function cardTemplate<TData extends object>(fileName: string): CardTemplate<TData> {
  const json: unknown = JSON.parse(readFileSync(path.join(cardTemplateFolder, fileName), 'utf8'));
  return cardTemplateFromJson(fileName, json);
}

/** cardTemplate for a template already read; fileName names it in the log. */
export function cardTemplateFromJson<TData extends object>(
  fileName: string,
  json: unknown,
): CardTemplate<TData> {
  const compiled = compileTemplate(json);
  if (compiled.ok) {
    const expand = compiled.expand;
    return { fileName, expand: (data) => expand(data) as AdaptiveCard };
  }
  libraryTemplates.set(fileName, compiled.reason);
  return libraryCardTemplate(fileName, json);
}

/** The same template through `adaptivecards-templating` alone: the reference the compiled ones are held to. */
export function libraryCardTemplate<TData extends object>(
  fileName: string,
  json: unknown,
): CardTemplate<TData> {
  const template = new ACData.Template(json);
  return { fileName, expand: (data) => template.expand({ $root: data }) as AdaptiveCard };
}

/** File names of the templates loaded so far that the library expands, each with the reason code. */
export function templatesExpandedByLibrary(): ReadonlyMap<string, UnsupportedReason> {
  return libraryTemplates;
}

/** For start-up: one line per template that is not compiled, so a slow card is noticed (file name and code only). */
export function logTemplatesExpandedByLibrary(logger: Logger): void {
  for (const [template, reason] of libraryTemplates) {
    logger.info('cards.template_not_compiled', { template, reason });
  }
}
