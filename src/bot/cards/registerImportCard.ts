import { z } from 'zod';
import { langSchema } from '../../shared/lang';
import type { Lang } from '../../texts';
import { cardTemplate } from './templates';

/**
 * Action.Execute verbs of the register import preview (features/registerImport.ts). Each constant goes to the
 * card through its data and to the handler, so the two cannot drift apart.
 */
export const registerImportConfirmVerb = 'registerImport.confirm';
export const registerImportConfirmRemovalsVerb = 'registerImport.confirmRemovals';
export const registerImportCancelVerb = 'registerImport.cancel';

/** What the preview's buttons send: the preview and the card's language; who presses is taken from Teams. */
export interface RegisterImportActionData {
  previewId: string;
  lang: Lang;
}

/** The second confirmation of a mass removal names the count the admin agreed to remove. */
export interface RegisterImportRemovalsActionData extends RegisterImportActionData {
  removals: number;
}

export const registerImportActionSchema = z.object({
  previewId: z.string().uuid(),
  lang: langSchema,
}) satisfies z.ZodType<RegisterImportActionData>;

export const registerImportRemovalsActionSchema = z.object({
  previewId: z.string().uuid(),
  lang: langSchema,
  removals: z.number().int().min(0).max(10_000_000),
}) satisfies z.ZodType<RegisterImportRemovalsActionData>;

export interface PreviewSectionView {
  heading: string;
  lines: { text: string }[];
}

export interface PreviewActionView {
  title: string;
  verb: string;
  data: RegisterImportActionData | RegisterImportRemovalsActionData;
}

/** The button that does it; Teams colours it by its style. */
export interface PrimaryActionView extends PreviewActionView {
  style: 'positive' | 'destructive';
}

/** Data of adaptiveCards/registerImportPreview.json: the preview, and the mass removal's second confirmation. */
export interface RegisterImportPreviewCardData {
  title: string;
  summary: { text: string }[];
  attention?: string;
  sections: PreviewSectionView[];
  footer: string;
  /** Empty when the file cannot be imported: then the card has no buttons. */
  primary: PrimaryActionView[];
  /** Cancel, in the default style. */
  secondary: PreviewActionView[];
}

export const registerImportPreviewCard = cardTemplate<RegisterImportPreviewCardData>(
  'registerImportPreview.json',
);
