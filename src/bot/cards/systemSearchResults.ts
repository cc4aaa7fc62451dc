import { CardFactory, type MessagingExtensionAttachment, type MessagingExtensionResult } from 'botbuilder';
import type { Lang } from '../../domain/answers';
import type { SystemRecord } from '../../domain/register/system';
import { say } from '../../texts';
import { systemSearchTexts } from '../../texts/systemSearch';
import { escapeMarkdown } from './markdown';
import { systemAnswerCard, systemAnswerCardData } from './systemAnswerCard';

// The preview line is cut by Teams at about two lines anyway; a system under every department stays short.
const previewLineLength = 160;

/**
 * One result of "Sök system": the preview Teams lists in the compose box (name, responsible person, department)
 * and the system's answer card, which is what is inserted into the conversation when it is chosen.
 *
 * The card leaves out "Starta årlig uppföljning": the message is posted by the user in a chat with others,
 * where the checklist dialog would replace the shared card for everyone, and the follow-up belongs to the
 * person responsible in their own chat with the bot. The "Chatta med" buttons are links and work anywhere.
 */
export function systemSearchAttachment(system: SystemRecord, lang: Lang): MessagingExtensionAttachment {
  const data = systemAnswerCardData({
    kind: 'systemRoles',
    lang,
    system,
    roles: [],
    matchedBy: 'chosen',
    query: '',
  });
  delete data.followUp;
  const card = systemAnswerCard.expand(data);
  return {
    ...CardFactory.adaptiveCard(card),
    preview: CardFactory.thumbnailCard(previewTitle(system), previewText(system, lang)),
  };
}

/** The list of systems found; an empty list shows Teams' own "no results". */
export function systemSearchResult(systems: readonly SystemRecord[], lang: Lang): MessagingExtensionResult {
  return {
    type: 'result',
    attachmentLayout: 'list',
    attachments: systems.map((system) => systemSearchAttachment(system, lang)),
  };
}

/** A line of text in the result list instead of results: nothing found, an empty register, an unreadable query. */
export function systemSearchMessage(text: string): MessagingExtensionResult {
  return { type: 'message', text };
}

/** Titles are shown as plain text (Teams formats only a card's text), so the name goes in as the register has it. */
function previewTitle(system: SystemRecord): string {
  return system.name;
}

/** "Systemansvarig: Karin Holmberg · Kommunledningsförvaltningen", escaped as the answer cards escape it. */
export function previewText(system: SystemRecord, lang: Lang): string {
  const responsible = system.responsible;
  const name = responsible
    ? responsible.name.trim() || (responsible.email ?? '')
    : say(lang, systemSearchTexts.nobody);
  const departments = system.departments.map((department) => department.trim()).filter(Boolean);
  const line = [say(lang, systemSearchTexts.responsible, { name }), departments.join(', ')]
    .filter((part) => part !== '')
    .join(' · ');
  return escapeMarkdown(
    line.length > previewLineLength ? `${line.slice(0, previewLineLength).trimEnd()}…` : line,
  );
}
