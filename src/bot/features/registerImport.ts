/**
 * The register import in Teams: an admin sends the register (.xlsx or .csv) in the personal chat, the bot
 * downloads it, runs the import as a dry run and answers with a preview card; nothing is written before the
 * admin presses "Importera".
 *
 * Rules of concurrency (see domain/register/pendingImport.ts):
 * - the preview keeps the file and the fingerprint of the register it was computed against; confirming runs
 *   the same import over that register (importRegister's expectedRegister), so it applies exactly what was
 *   shown, and a register changed in between (another import) is refused, never silently overwritten;
 * - every state change of a preview is a versioned write from 'pending': of two presses exactly one imports,
 *   the other is told it is done or under way; cancel writes nothing to the register;
 * - a preview is good for a day; a mass removal needs a second confirmation naming the count.
 *
 * A non-admin's file is never downloaded. Also here: "importhistorik", and "exportera registret", which gives the
 * register as .xlsx in the import's format through Teams' file consent flow (as status.ts's review export).
 */
import { randomUUID } from 'node:crypto';
import { ActivityTypes, type Attachment, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import { isAdmin, type Actor } from '../../domain/checklist';
import { ConcurrencyConflictError, StorageUnavailableError } from '../../domain/errors';
import type { ImportRecord } from '../../domain/register/importRecord';
import {
  isExpired,
  pendingImportLifetimeMs,
  pendingImportMaxBytes,
  type PendingImport,
} from '../../domain/register/pendingImport';
import {
  importRegister,
  RegisterChangedSincePreviewError,
  removalNeedsConfirmation,
  type ImportReport,
} from '../../domain/register/registerImport';
import type { SystemRecord, Versioned } from '../../domain/register/system';
import {
  downloadRegisterFile,
  RegisterDownloadError,
} from '../../infrastructure/registerFile/downloadRegisterFile';
import { readRegisterFile } from '../../infrastructure/registerFile/readRegisterFile';
import { exportRegister } from '../../infrastructure/registerFile/registerExport';
import { RegisterFileError } from '../../infrastructure/registerFile/registerFileError';
import { localDateTime } from '../../shared/dateTime';
import { langSchema } from '../../shared/lang';
import { errorFields } from '../../shared/logger';
import { say, type Lang } from '../../texts';
import {
  describeRejectedRow,
  fieldLabels,
  registerFileTexts,
  registerImportTexts,
} from '../../texts/registerImport';
import { registerImportBotTexts as t } from '../../texts/registerImportBot';
import { activityIds } from '../adapter';
import type { BotApplication, FeatureDeps } from '../featureDeps';
import { escapeMarkdown } from '../cards/markdown';
import {
  registerImportActionSchema,
  registerImportCancelVerb,
  registerImportConfirmRemovalsVerb,
  registerImportConfirmVerb,
  registerImportPreviewCard,
  registerImportRemovalsActionSchema,
  type PreviewSectionView,
  type RegisterImportPreviewCardData,
} from '../cards/registerImportCard';
import { languageOfMessage } from '../language';
import { cardMessage } from './checklist';
import {
  fileConsentCardType,
  isUploadUrl,
  uploadConsentedFile,
  uploadedFileMessage,
  uploadInfoSchema,
} from '../fileConsent';

export const fileDownloadInfoType = 'application/vnd.microsoft.teams.file.download.info';
export const importHistoryCommand = /^\s*(importhistorik|import history)\s*[.!?]?\s*$/i;
export const exportRegisterCommand = /^\s*(exportera registret|export (?:the )?register)\s*[.!?]?\s*$/i;

/** What the register's consent card carries to the accept turn; `kind` tells it from the review export's. */
const registerExportContextSchema = z.object({ kind: z.literal('register'), lang: langSchema });
type RegisterExportContext = z.infer<typeof registerExportContextSchema>;

/** Time allowed for the whole download; Teams' pre-authenticated URLs answer in well under a second. */
export const registerDownloadTimeoutMs = 20_000;
/** Lines shown per section of the preview: enough to check the file, small enough for a Teams message. */
export const previewLinesShown = 10;
export const importHistoryShown = 10;
/** Fields shown old → new for one changed system; the rest are counted. */
export const fieldsShownPerSystem = 3;

const downloadInfoSchema = z.object({
  downloadUrl: z.string().min(1).max(8000),
  uniqueId: z.string().max(500).optional(),
  fileType: z.string().max(50).optional(),
});

export function registerRegisterImport(app: BotApplication, deps: FeatureDeps): void {
  const { identity, followUp, logger, storage, now, registerDownloads } = deps;
  const access = followUp.access;
  const importDeps = { storage, logger, now };

  app.message(
    async (context) => fileAttachmentsOf(context.activity.attachments).length > 0,
    async (context) => {
      const lang = languageOfFileMessage(context);
      const ids = activityIds(context.activity);
      const actor = await identity.actorOf(context);
      if (actor === undefined) return sendText(context, say(lang, t.cannotIdentify));
      if (!isAdmin(actor, access)) {
        logger.info('registerImport.refused', { ...ids, reason: 'not-admin' });
        return sendText(context, say(lang, t.onlyAdmins));
      }
      if (context.activity.conversation?.conversationType !== 'personal') {
        logger.info('registerImport.refused', { ...ids, reason: 'not-personal-chat' });
        return sendText(context, say(lang, t.personalChatOnly));
      }
      const files = fileAttachmentsOf(context.activity.attachments);
      if (files.length > 1) return sendText(context, say(lang, t.oneFile));
      const file = files[0] as Attachment;
      const fileName = (file.name ?? '').slice(0, 255);
      const info = downloadInfoSchema.safeParse(file.content);
      const extension = (info.success ? info.data.fileType : undefined) ?? fileName.split('.').pop() ?? '';
      if (!info.success || !/^(xlsx|csv)$/i.test(extension) || !/\.(xlsx|csv)$/i.test(fileName)) {
        logger.info('registerImport.refused', { ...ids, reason: 'file-type' });
        return sendText(context, say(lang, t.wrongType, { fileName }));
      }

      let bytes: Uint8Array;
      try {
        bytes = await downloadRegisterFile(info.data.downloadUrl, registerDownloads, {
          maxBytes: pendingImportMaxBytes,
          timeoutMs: registerDownloadTimeoutMs,
        });
      } catch (error) {
        if (!(error instanceof RegisterDownloadError)) throw error;
        logger.warn('registerImport.download_refused', {
          ...ids,
          reason: error.problem,
          statusCode: error.status,
        });
        if (error.problem === 'host-not-allowed') return sendText(context, say(lang, t.hostNotAllowed));
        if (error.problem === 'too-large') {
          return sendText(
            context,
            say(lang, t.tooLarge, { fileName, limit: pendingImportMaxBytes / 2 ** 20 }),
          );
        }
        return sendText(context, say(lang, t.downloadFailed, { fileName }));
      }

      const report = await previewReport(bytes, fileName, actor, lang, context);
      if (typeof report === 'string') return sendText(context, report);
      const importable = report.refusal === undefined || report.refusal === 'mass-removal';
      let previewId: string | undefined;
      if (importable) {
        const created = now();
        const pending: PendingImport = {
          id: randomUUID(),
          actorId: actor.aadObjectId.toLowerCase(),
          fileName: report.fileName,
          fileBase64: Buffer.from(bytes).toString('base64'),
          registerFingerprint: report.registerFingerprint,
          removals: report.removed.length,
          massRemoval: removalNeedsConfirmation(report.removed.length, report.registered),
          createdAt: created.toISOString(),
          expiresAt: new Date(created.getTime() + pendingImportLifetimeMs).toISOString(),
          status: 'pending',
        };
        await storage.pendingImports.save(pending, null);
        previewId = pending.id;
      }
      logger.info('registerImport.previewed', {
        ...ids,
        previewId,
        refusal: report.refusal,
        added: report.added.length,
        changed: report.changed.length,
        removed: report.removed.length,
        rejected: report.rejected.length,
      });
      const card = registerImportPreviewCard.expand(previewCardData(report, previewId, lang));
      await context.sendActivity(cardMessage(previewGist(report, lang), card));
    },
  );

  /** The dry run, or the text saying why the file cannot be read. */
  async function previewReport(
    bytes: Uint8Array,
    fileName: string,
    actor: Actor,
    lang: Lang,
    context: TurnContext,
  ): Promise<ImportReport | string> {
    try {
      const table = await readRegisterFile({ fileName, bytes });
      return await importRegister(importDeps, table, {
        fileName,
        actor: actorOf(actor),
        dryRun: true,
      });
    } catch (error) {
      if (!(error instanceof RegisterFileError)) throw error;
      logger.info('registerImport.unreadable', { ...activityIds(context.activity), problem: error.code });
      return say(lang, registerFileTexts[error.code], {
        fileName: error.fileName,
        path: error.fileName,
        line: error.line ?? '?',
        sheet: error.sheet ?? '',
        sheets: error.sheets?.join(', ') ?? say(lang, registerImportTexts.noHeaders),
      });
    }
  }

  app.adaptiveCards.actionExecute<unknown>(registerImportConfirmVerb, async (context, _state, raw) => {
    const parsed = registerImportActionSchema.safeParse(raw);
    if (!parsed.success) return say(languageOfRaw(raw), t.invalidAction);
    const { previewId, lang } = parsed.data;
    const found = await pendingFor(context, previewId, lang);
    if (typeof found === 'string') return found;
    const { pending, actor } = found;
    if (pending.value.massRemoval) {
      // The count was in the preview; naming it once more on its own card is the explicit confirmation.
      return registerImportPreviewCard.expand(removalConfirmationCardData(pending.value, lang));
    }
    return apply(context, pending, actor, lang);
  });

  app.adaptiveCards.actionExecute<unknown>(
    registerImportConfirmRemovalsVerb,
    async (context, _state, raw) => {
      const parsed = registerImportRemovalsActionSchema.safeParse(raw);
      if (!parsed.success) return say(languageOfRaw(raw), t.invalidAction);
      const { previewId, lang, removals } = parsed.data;
      const found = await pendingFor(context, previewId, lang);
      if (typeof found === 'string') return found;
      if (found.pending.value.removals !== removals) return say(lang, t.removalCountMismatch);
      return apply(context, found.pending, found.actor, lang);
    },
  );

  app.adaptiveCards.actionExecute<unknown>(registerImportCancelVerb, async (context, _state, raw) => {
    const parsed = registerImportActionSchema.safeParse(raw);
    if (!parsed.success) return say(languageOfRaw(raw), t.invalidAction);
    const { previewId, lang } = parsed.data;
    const found = await pendingFor(context, previewId, lang);
    if (typeof found === 'string') return found;
    try {
      await storage.pendingImports.save(
        { ...found.pending.value, status: 'cancelled' },
        found.pending.version,
      );
    } catch (error) {
      if (!(error instanceof ConcurrencyConflictError)) throw error;
      return answerForState(previewId, lang);
    }
    logger.info('registerImport.cancelled', { ...activityIds(context.activity), previewId });
    return say(lang, t.cancelled, { fileName: found.pending.value.fileName });
  });

  /** The preview, when this admin may act on it now; otherwise the text saying why not. */
  async function pendingFor(
    context: TurnContext,
    previewId: string,
    lang: Lang,
  ): Promise<{ pending: Versioned<PendingImport>; actor: Actor } | string> {
    const actor = await identity.actorOf(context);
    if (actor === undefined) return say(lang, t.cannotIdentify);
    // Decided now, not when the preview was made: an admin removed from ADMIN_USERS imports nothing.
    if (!isAdmin(actor, access)) return say(lang, t.onlyAdmins);
    const pending = await storage.pendingImports.get(previewId);
    if (pending === undefined) return say(lang, t.notFound);
    if (pending.value.actorId !== actor.aadObjectId.toLowerCase()) return say(lang, t.notYours);
    if (pending.value.status !== 'pending') return stateText(pending.value, lang);
    if (isExpired(pending.value, now())) return say(lang, t.expired);
    return { pending, actor };
  }

  async function answerForState(previewId: string, lang: Lang): Promise<string> {
    const pending = await storage.pendingImports.get(previewId);
    return pending === undefined ? say(lang, t.notFound) : stateText(pending.value, lang);
  }

  async function apply(
    context: TurnContext,
    pending: Versioned<PendingImport>,
    actor: Actor,
    lang: Lang,
  ): Promise<string> {
    const ids = { ...activityIds(context.activity), previewId: pending.value.id };
    let claimed: Versioned<PendingImport>;
    try {
      claimed = await storage.pendingImports.save({ ...pending.value, status: 'applying' }, pending.version);
    } catch (error) {
      if (!(error instanceof ConcurrencyConflictError)) throw error;
      return answerForState(pending.value.id, lang);
    }
    const finish = async (status: PendingImport['status'], record?: ImportRecord) => {
      try {
        await storage.pendingImports.save(
          { ...claimed.value, status, ...(record ? { importId: record.id } : {}) },
          claimed.version,
        );
      } catch (error) {
        logger.warn('registerImport.state_not_saved', { ...ids, status, ...errorFields(error) });
      }
    };
    try {
      const bytes = Buffer.from(pending.value.fileBase64, 'base64');
      const table = await readRegisterFile({ fileName: pending.value.fileName, bytes });
      const report = await importRegister(importDeps, table, {
        fileName: pending.value.fileName,
        actor: actorOf(actor),
        allowRemovals: pending.value.removals,
        expectedRegister: pending.value.registerFingerprint,
      });
      if (report.refusal !== undefined) {
        await finish('failed', report.record);
        logger.warn('registerImport.refused_on_confirm', { ...ids, refusal: report.refusal });
        return say(lang, t.registerChanged);
      }
      await finish('applied', report.record);
      logger.info('registerImport.applied', {
        ...ids,
        importId: report.record?.id,
        added: report.added.length,
        changed: report.changed.length,
        removed: report.removed.length,
      });
      return say(lang, t.imported, {
        fileName: report.fileName,
        added: report.added.length,
        changed: report.changed.length,
        removed: report.removed.length,
        unchanged: report.unchanged.length,
      });
    } catch (error) {
      await finish('failed');
      if (error instanceof RegisterChangedSincePreviewError || error instanceof ConcurrencyConflictError) {
        logger.info('registerImport.stale', ids);
        return say(lang, t.registerChanged);
      }
      if (error instanceof StorageUnavailableError) {
        logger.warn('registerImport.storage_unavailable', { ...ids, ...errorFields(error) });
        return say(lang, t.storageProblem);
      }
      throw error;
    }
  }

  app.message(exportRegisterCommand, async (context) => {
    const text = context.activity.text ?? '';
    const lang: Lang = /^\s*export\b/i.test(text) ? 'en' : 'sv';
    const actor = await identity.actorOf(context);
    if (actor === undefined) return sendText(context, say(lang, t.cannotIdentify));
    if (!isAdmin(actor, access)) {
      logger.info('registerExport.refused', activityIds(context.activity));
      return sendText(context, say(lang, t.exportNotAllowed));
    }
    if (context.activity.conversation?.conversationType !== 'personal') {
      return sendText(context, say(lang, t.exportPersonalChatOnly));
    }
    const file = await exportRegister(storage.systems, today());
    const exportContext: RegisterExportContext = { kind: 'register', lang };
    await context.sendActivity({
      type: ActivityTypes.Message,
      text: say(lang, t.exportOffered),
      textFormat: 'plain',
      attachments: [
        {
          contentType: fileConsentCardType,
          name: file.fileName,
          content: {
            description: say(lang, t.exportDescription, { count: file.systemCount }),
            sizeInBytes: file.bytes.length,
            acceptContext: exportContext,
            declineContext: exportContext,
          },
        },
      ],
    });
    logger.info('registerExport.offered', { ...activityIds(context.activity), systems: file.systemCount });
  });

  // The review export (status.ts) answers every other file consent; this route comes first and takes only the
  // register's, told by the context the consent card carries.
  const isRegisterConsent = (context: TurnContext, action: 'accept' | 'decline') => {
    const value = context.activity.value as { action?: unknown; context?: unknown } | undefined;
    return Promise.resolve(
      context.activity.type === ActivityTypes.Invoke &&
        context.activity.name === 'fileConsent/invoke' &&
        value?.action === action &&
        registerExportContextSchema.safeParse(value.context).success,
    );
  };
  const invokeDone = async (context: TurnContext): Promise<void> => {
    await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200 } });
  };

  app.addRoute(
    (context) => isRegisterConsent(context, 'accept'),
    async (context) => {
      const value = context.activity.value as { context?: unknown; uploadInfo?: unknown };
      const { lang } = registerExportContextSchema.parse(value.context);
      const uploadInfo = uploadInfoSchema.safeParse(value.uploadInfo);
      const actor = await identity.actorOf(context);
      if (actor === undefined || !isAdmin(actor, access)) {
        await sendText(context, say(lang, t.exportNotAllowed));
        return invokeDone(context);
      }
      if (!uploadInfo.success || !isUploadUrl(uploadInfo.data.uploadUrl)) {
        logger.warn('registerExport.consent_refused', {
          ...activityIds(context.activity),
          reason: 'invalid-data',
        });
        await sendText(context, say(lang, t.exportUploadFailed));
        return invokeDone(context);
      }
      const info = uploadInfo.data;
      try {
        const file = await exportRegister(storage.systems, today());
        const status = await uploadConsentedFile(info, file);
        if (status < 200 || status > 299) throw new Error(`upload answered ${status}`);
        await context.sendActivity(
          uploadedFileMessage(info, say(lang, t.exportUploaded, { file: info.name }), 'xlsx'),
        );
        logger.info('registerExport.uploaded', {
          ...activityIds(context.activity),
          systems: file.systemCount,
        });
      } catch (error) {
        logger.warn('registerExport.upload_failed', {
          ...activityIds(context.activity),
          ...errorFields(error),
        });
        await sendText(context, say(lang, t.exportUploadFailed));
      }
      return invokeDone(context);
    },
    true,
  );

  app.addRoute(
    (context) => isRegisterConsent(context, 'decline'),
    async (context) => {
      const value = context.activity.value as { context?: unknown };
      const { lang } = registerExportContextSchema.parse(value.context);
      logger.info('registerExport.declined', activityIds(context.activity));
      await sendText(context, say(lang, t.exportDeclined));
      return invokeDone(context);
    },
    true,
  );

  function today(): string {
    return new Intl.DateTimeFormat('sv-SE', { timeZone: followUp.calendar.timeZone }).format(now());
  }

  app.message(importHistoryCommand, async (context) => {
    const text = context.activity.text ?? '';
    const lang: Lang = /import history/i.test(text) ? 'en' : languageOfMessage(text);
    const actor = await identity.actorOf(context);
    if (actor === undefined) return sendText(context, say(lang, t.cannotIdentify));
    if (!isAdmin(actor, access)) {
      logger.info('registerImport.history_refused', activityIds(context.activity));
      return sendText(context, say(lang, t.historyNotAllowed));
    }
    const records = await storage.imports.listRecent(importHistoryShown);
    const timeZone = followUp.calendar.timeZone;
    const lines = records.map((record) => historyLine(record, timeZone, lang));
    await sendText(
      context,
      records.length === 0 ? say(lang, t.historyNone) : [say(lang, t.historyTitle), ...lines].join('\n'),
    );
  });
}

/**
 * Teams hands out https upload URLs in the person's OneDrive; plain http on loopback only, for local tests
 * (the same rule as the review export's).
 */

function actorOf(actor: Actor): string {
  return `bot:${actor.aadObjectId.toLowerCase()}`;
}

function historyLine(record: ImportRecord, timeZone: string, lang: Lang): string {
  const outcome =
    record.status === 'started'
      ? t.historyStarted
      : record.status === 'interrupted'
        ? t.historyInterrupted
        : record.outcome === 'applied'
          ? t.historyApplied
          : t.historyRefused;
  return say(lang, t.historyLine, {
    at: localDateTime(record.at, timeZone),
    fileName: record.fileName,
    who: record.actor,
    outcome: say(lang, outcome),
    ...record.counts,
  });
}

function stateText(pending: PendingImport, lang: Lang): string {
  switch (pending.status) {
    case 'applied':
      return say(lang, t.alreadyApplied);
    case 'applying':
      return say(lang, t.inProgress);
    case 'cancelled':
      return say(lang, t.alreadyCancelled);
    case 'failed':
      return say(lang, t.failedBefore);
    case 'pending':
      return say(lang, t.notFound);
  }
}

function fileAttachmentsOf(attachments: Attachment[] | undefined): Attachment[] {
  return (attachments ?? []).filter((attachment) => attachment.contentType === fileDownloadInfoType);
}

/** A file sent without words: the client's language tells; with words, the words do. */
function languageOfFileMessage(context: TurnContext): Lang {
  const text = (context.activity.text ?? '').trim();
  if (text !== '') return languageOfMessage(text);
  return (context.activity.locale ?? '').toLowerCase().startsWith('en') ? 'en' : 'sv';
}

function languageOfRaw(raw: unknown): Lang {
  return typeof raw === 'object' && raw !== null && (raw as { lang?: unknown }).lang === 'en' ? 'en' : 'sv';
}

function previewGist(report: ImportReport, lang: Lang): string {
  return [say(lang, t.previewTitle, { fileName: report.fileName }), countsText(report, lang)].join('\n');
}

function countsText(report: ImportReport, lang: Lang): string {
  return say(lang, t.counts, {
    added: report.added.length,
    changed: report.changed.length,
    removed: report.removed.length,
    unchanged: report.unchanged.length,
  });
}

export function previewCardData(
  report: ImportReport,
  previewId: string | undefined,
  lang: Lang,
): RegisterImportPreviewCardData {
  const md = escapeMarkdown;
  const summary: { text: string }[] = [];
  if (report.readAs === 'csv')
    summary.push({ text: md(say(lang, registerImportTexts.readAsCsv, { fileName: report.fileName })) });
  if (report.sheet !== undefined) {
    summary.push({
      text: md(say(lang, t.sheet, { sheet: report.sheet, headerRow: report.headerLine ?? 1 })),
    });
  }
  summary.push({ text: countsText(report, lang) });

  const sections: PreviewSectionView[] = [];
  const section = (heading: string, count: number, items: string[]) => {
    if (count === 0) return;
    const shown = items.slice(0, previewLinesShown).map((text) => ({ text: md(text) }));
    const hidden = count - shown.length;
    if (hidden > 0) shown.push({ text: say(lang, t.andMore, { count: hidden }) });
    sections.push({ heading, lines: shown });
  };
  section(
    say(lang, t.addedHeading, { count: report.added.length }),
    report.added.length,
    report.added.slice(0, previewLinesShown).map((system) => system.name),
  );
  const samples = new Map(report.changedSample.map((sample) => [sample.after.id, sample]));
  section(
    say(lang, t.changedHeading, { count: report.changed.length }),
    report.changed.length,
    report.changed.slice(0, previewLinesShown).map((system) => {
      const sample = samples.get(system.id);
      if (sample === undefined) {
        return say(lang, t.changedFields, {
          name: system.name,
          fields: [...system.fields.map((field) => fieldLabel(field, lang)), ...system.extraColumns].join(
            ', ',
          ),
        });
      }
      const values = system.fields.slice(0, fieldsShownPerSystem).map((field) =>
        say(lang, t.changedValue, {
          field: fieldLabel(field, lang),
          before: shownValue(sample.before[field], lang),
          after: shownValue(sample.after[field], lang),
        }),
      );
      const more = system.fields.length - values.length + system.extraColumns.length;
      if (more > 0) values.push(say(lang, t.andMore, { count: more }));
      return say(lang, t.changedFields, { name: system.name, fields: values.join('; ') });
    }),
  );
  section(
    say(lang, t.removedHeading, { count: report.removed.length }),
    report.removed.length,
    report.removed.slice(0, previewLinesShown).map((system) => system.name),
  );
  section(
    say(lang, t.rejectedHeading, { count: report.rejected.length }),
    report.rejected.length,
    report.rejected.slice(0, previewLinesShown).map((row) => describeRejectedRow(row, report, lang)),
  );
  section(
    say(lang, t.warningsHeading, { count: report.warnings.length }),
    report.warnings.length,
    // The CLI's wording, which names the sheet and row as Excel shows them.
    describeWarnings(report, lang),
  );
  section(
    say(lang, t.withoutAnswererHeading, { count: report.withoutAnswerer.length }),
    report.withoutAnswerer.length,
    report.withoutAnswerer.slice(0, previewLinesShown).map((system) => system.name),
  );

  const refusedText = refusalText(report, lang);
  const massRemoval = report.refusal === 'mass-removal';
  return {
    title: md(say(lang, t.previewTitle, { fileName: report.fileName })),
    summary,
    ...(massRemoval
      ? {
          attention: say(lang, t.massRemoval, {
            count: report.removed.length,
            registered: report.registered,
          }),
        }
      : refusedText !== undefined
        ? { attention: md(refusedText) }
        : {}),
    sections,
    footer: say(lang, previewId === undefined ? t.previewRefused : t.previewNothingWritten),
    primary:
      previewId === undefined
        ? []
        : [
            {
              title: say(lang, t.importButton),
              verb: registerImportConfirmVerb,
              style: 'positive',
              data: { previewId, lang },
            },
          ],
    secondary:
      previewId === undefined
        ? []
        : [{ title: say(lang, t.cancelButton), verb: registerImportCancelVerb, data: { previewId, lang } }],
  };
}

/** Why the file cannot be imported, in the CLI's words; undefined for an importable one. */
function refusalText(report: ImportReport, lang: Lang): string | undefined {
  const r = registerImportTexts;
  const headers = report.columns.matched.map((column) => column.header).concat(report.columns.extra);
  const headerList = headers.length > 0 ? headers.join(', ') : say(lang, r.noHeaders);
  switch (report.refusal) {
    case undefined:
    case 'mass-removal':
      return undefined;
    case 'missing-name-column':
      return say(lang, r.refusedMissingNameColumn, { headers: headerList });
    case 'missing-answerer-column':
      return say(lang, r.refusedMissingAnswererColumn, { headers: headerList });
    case 'no-rows':
      return say(lang, r.refusedNoRows);
    case 'rejected-rows':
      return say(lang, r.wouldRefuseRejectedRows, { count: report.rejected.length });
  }
}

function describeWarnings(report: ImportReport, lang: Lang): string[] {
  return report.warnings.slice(0, previewLinesShown).map((reported) => {
    const { warning } = reported;
    const text =
      warning.code === 'nobody-in-role'
        ? say(lang, registerImportTexts.nobodyInRole, { field: warning.header, value: warning.value })
        : say(lang, registerImportTexts.severalPeople, {
            field: warning.header,
            count: warning.count,
            header: warning.header,
          });
    const where =
      report.sheet === undefined
        ? say(lang, registerImportTexts.line, { line: reported.line })
        : say(lang, registerImportTexts.sheetRow, { sheet: report.sheet, line: reported.line });
    return say(lang, registerImportTexts.warningRow, { where, name: reported.name, warning: text });
  });
}

function removalConfirmationCardData(pending: PendingImport, lang: Lang): RegisterImportPreviewCardData {
  const count = pending.removals;
  return {
    title: say(lang, t.confirmRemovalsTitle, { count }),
    summary: [],
    attention: escapeMarkdown(say(lang, t.confirmRemovalsText, { fileName: pending.fileName, count })),
    sections: [],
    footer: say(lang, t.previewNothingWritten),
    primary: [
      {
        title: say(lang, t.confirmRemovalsButton, { count }),
        verb: registerImportConfirmRemovalsVerb,
        style: 'destructive',
        data: { previewId: pending.id, lang, removals: count },
      },
    ],
    secondary: [
      {
        title: say(lang, t.cancelButton),
        verb: registerImportCancelVerb,
        data: { previewId: pending.id, lang },
      },
    ],
  };
}

function fieldLabel(field: string, lang: Lang): string {
  return field in fieldLabels ? say(lang, fieldLabels[field as keyof typeof fieldLabels]) : field;
}

/** A register value as a person reads it in "old → new". */
function shownValue(value: SystemRecord[keyof SystemRecord], lang: Lang): string {
  if (value === undefined || value === null || value === '') return say(lang, t.empty);
  if (typeof value === 'boolean') return say(lang, value ? t.yes : t.no);
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return say(lang, t.empty);
    return value
      .map((item: unknown) => shownValue(item as SystemRecord[keyof SystemRecord], lang))
      .join(', ');
  }
  if (typeof value === 'object' && 'name' in value && typeof value.name === 'string') {
    const email = 'email' in value && typeof value.email === 'string' ? ` <${value.email}>` : '';
    return `${value.name}${email}`;
  }
  return JSON.stringify(value);
}

async function sendText(context: TurnContext, text: string): Promise<void> {
  await context.sendActivity({ type: ActivityTypes.Message, text, textFormat: 'plain' });
}
