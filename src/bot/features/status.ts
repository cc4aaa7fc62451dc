/**
 * "status [år]" and "exportera [år]": the year's follow-up at a glance, and its results as a file, for admins
 * and the information security coordinator.
 *
 * Bots cannot attach arbitrary files in Teams chat; the export uses Teams' file consent flow. The bot offers the
 * file (a FileConsentCard); when the person allows it Teams sends `fileConsent/invoke` with an upload URL in
 * their OneDrive, the bot PUTs the bytes there and sends a FileInfoCard pointing at the file. This works in
 * personal chats only, so in group chats and channels the bot asks for a personal chat. The file is written
 * again on accept (the consent card carries only year, format and language), so nothing is held in memory
 * between the two turns and a restart in between does no harm.
 */
import { ActivityTypes, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import { maySeeStatus, NotAllowedToSeeStatusError, type Actor } from '../../domain/checklist';
import { FollowUpCalendar, followUpYearLimits } from '../../domain/followUp/followUpCalendar';
import { langSchema } from '../../shared/lang';
import { errorFields } from '../../shared/logger';
import { say, type Lang } from '../../texts';
import { checklistTexts } from '../../texts/checklist';
import { checklistDialogTexts as t } from '../../texts/checklistDialog';
import { activityIds } from '../adapter';
import type { BotApplication, ExportFormat, FeatureDeps } from '../featureDeps';
import { statusOverviewCard, statusOverviewCardData, statusOverviewText } from '../cards/checklistStatusCard';
import { languageOfMessage } from '../language';
import {
  fileConsentCardType,
  isUploadUrl,
  uploadConsentedFile,
  uploadedFileMessage,
  uploadInfoSchema,
} from '../fileConsent';
import { cardMessage } from './checklist';
import { isPersonalChat, refusalFor, yearRefusalOf } from './followUpRefusals';

export const statusCommand = /^\s*status(?:\s+(?:för\s+|for\s+)?(\d{4}))?\s*[.!?]?\s*$/i;
export const exportCommand = /^\s*(exportera|export)(?:\s+(\d{4}))?(?:\s+(xlsx|csv|excel))?\s*[.!?]?\s*$/i;

/** What the consent card carries to the accept turn; checked again there, since the client sends it back. */
const exportContextSchema = z.object({
  year: z.number().int().min(followUpYearLimits.min).max(followUpYearLimits.max),
  format: z.enum(['xlsx', 'csv']),
  lang: langSchema,
});
type ExportContext = z.infer<typeof exportContextSchema>;

export function registerStatus(app: BotApplication, deps: FeatureDeps): void {
  const { identity, followUp, logger } = deps;
  const thisYear = () => followUp.calendar.currentYear(followUp.now());

  app.message(statusCommand, async (context) => {
    const text = context.activity.text ?? '';
    const match = statusCommand.exec(text);
    const lang = languageOfMessage(text);
    const year = match?.[1] !== undefined ? Number(match[1]) : thisYear();
    if (!isPersonalChat(context)) return sendText(context, say(lang, t.privateInPersonalChat));
    const actor = await identity.actorOf(context);
    if (actor === undefined) return sendText(context, say(lang, t.cannotIdentify));
    try {
      const overview = await followUp.reviews.statusOverview(actor, year);
      logger.info('status.shown', { ...activityIds(context.activity), year, systems: overview.totals.total });
      await context.sendActivity(
        cardMessage(
          statusOverviewText(overview, lang),
          statusOverviewCard.expand(statusOverviewCardData(overview, lang)),
        ),
      );
    } catch (error) {
      const yearRefusal = yearRefusalOf(error, lang, thisYear());
      if (yearRefusal !== undefined) {
        logger.info('status.year_refused', {
          ...activityIds(context.activity),
          year,
          reason: yearRefusal.reason,
        });
        return sendText(context, yearRefusal.text);
      }
      if (!(error instanceof NotAllowedToSeeStatusError)) throw error;
      logger.info('status.refused', { ...activityIds(context.activity) });
      await sendText(context, refusalFor(actor, lang, say(lang, checklistTexts.notAllowedToSeeStatus)));
    }
  });

  app.message(exportCommand, async (context) => {
    const match = exportCommand.exec(context.activity.text ?? '');
    const lang: Lang = match?.[1]?.toLowerCase() === 'export' ? 'en' : 'sv';
    const year = match?.[2] !== undefined ? Number(match[2]) : thisYear();
    const format: ExportFormat = match?.[3]?.toLowerCase() === 'csv' ? 'csv' : 'xlsx';
    const actor = await identity.actorOf(context);
    if (actor === undefined) return sendText(context, say(lang, t.cannotIdentify));
    if (!mayExport(actor)) {
      logger.info('export.refused', { ...activityIds(context.activity) });
      return sendText(context, refusalFor(actor, lang, say(lang, t.exportNotAllowed)));
    }
    if (!isPersonalChat(context)) {
      return sendText(context, say(lang, t.exportGroupChat));
    }
    try {
      FollowUpCalendar.assertYear(year);
    } catch (error) {
      const yearRefusal = yearRefusalOf(error, lang, thisYear());
      if (yearRefusal === undefined) throw error;
      logger.info('export.year_refused', {
        ...activityIds(context.activity),
        year,
        reason: yearRefusal.reason,
      });
      return sendText(context, yearRefusal.text);
    }
    const file = await followUp.exportReviews({ year, format, lang });
    const exportContext: ExportContext = { year, format, lang };
    await context.sendActivity({
      type: ActivityTypes.Message,
      text: say(lang, t.exportOffered, { year }),
      textFormat: 'plain',
      attachments: [
        {
          contentType: fileConsentCardType,
          name: file.fileName,
          content: {
            description: say(lang, t.exportDescription, {
              year,
              rows: file.rowCount,
              systems: file.systemCount,
            }),
            sizeInBytes: file.bytes.length,
            acceptContext: exportContext,
            declineContext: exportContext,
          },
        },
      ],
    });
    logger.info('export.offered', {
      ...activityIds(context.activity),
      year,
      format,
      bytes: file.bytes.length,
    });
  });

  app.fileConsentAccept(async (context, _state, response) => {
    const exportContext = exportContextSchema.safeParse(response.context);
    const uploadInfo = uploadInfoSchema.safeParse(response.uploadInfo);
    const lang: Lang = exportContext.success ? exportContext.data.lang : 'sv';
    if (!exportContext.success || !uploadInfo.success || !isUploadUrl(uploadInfo.data.uploadUrl)) {
      logger.warn('export.consent_refused', { ...activityIds(context.activity), reason: 'invalid-data' });
      await sendText(context, say(lang, t.exportUploadFailed, { year: thisYear() }));
      return;
    }
    const { year, format } = exportContext.data;
    const actor = await identity.actorOf(context);
    // The consent card may be old: whether this person may have the file is decided now, not when it was offered.
    if (actor === undefined || !mayExport(actor)) {
      logger.info('export.refused', { ...activityIds(context.activity), during: 'accept' });
      await sendText(
        context,
        actor ? refusalFor(actor, lang, say(lang, t.exportNotAllowed)) : say(lang, t.exportNotAllowed),
      );
      return;
    }
    const info = uploadInfo.data;
    try {
      const file = await followUp.exportReviews({ year, format, lang });
      const status = await uploadConsentedFile(info, file);
      if (status < 200 || status > 299) {
        logger.warn('export.upload_failed', { ...activityIds(context.activity), statusCode: status });
        await sendText(context, say(lang, t.exportUploadFailed, { year }));
        return;
      }
      await context.sendActivity(
        uploadedFileMessage(info, say(lang, t.exportUploaded, { file: info.name }), format),
      );
      logger.info('export.uploaded', {
        ...activityIds(context.activity),
        year,
        format,
        bytes: file.bytes.length,
      });
    } catch (error) {
      logger.warn('export.upload_failed', { ...activityIds(context.activity), ...errorFields(error) });
      await sendText(context, say(lang, t.exportUploadFailed, { year }));
    }
  });

  app.fileConsentDecline(async (context, _state, response) => {
    const exportContext = exportContextSchema.safeParse(response.context);
    const lang: Lang = exportContext.success ? exportContext.data.lang : 'sv';
    logger.info('export.declined', { ...activityIds(context.activity) });
    await sendText(context, say(lang, t.exportDeclined));
  });

  function mayExport(actor: Actor): boolean {
    return maySeeStatus(actor, followUp.access);
  }
}

/**
 * Teams hands out https upload URLs in the person's OneDrive (the invoke itself is authenticated as coming from
 * Teams). Plain http is accepted on loopback only, for local tests: the export never travels in clear text.
 */

async function sendText(context: TurnContext, text: string): Promise<void> {
  await context.sendActivity({ type: ActivityTypes.Message, text, textFormat: 'plain' });
}
