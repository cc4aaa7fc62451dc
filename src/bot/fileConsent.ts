/**
 * Teams' file consent flow, shared by the exports (follow-up results, the register): the bot offers a file with a
 * consent card, the user accepts, Teams sends an upload URL in their OneDrive, the bot PUTs the file there and
 * shows it in the chat with a file info card.
 */
import { ActivityTypes, type Activity } from 'botbuilder';
import { z } from 'zod';

export const fileConsentCardType = 'application/vnd.microsoft.teams.card.file.consent';
export const fileInfoCardType = 'application/vnd.microsoft.teams.card.file.info';

/** What Teams sends when the user accepts; checked, since it arrives from the client. */
export const uploadInfoSchema = z.object({
  uploadUrl: z.string().url().max(4000),
  contentUrl: z.string().url().max(4000),
  name: z.string().min(1).max(500),
  uniqueId: z.string().max(500).optional(),
  fileType: z.string().max(50).optional(),
});
export type UploadInfo = z.infer<typeof uploadInfoSchema>;

/** An https upload URL, or loopback http for the local stand-ins. */
export function isUploadUrl(value: string): boolean {
  const url = new URL(value);
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

/** PUTs the whole file to the consented place; resolves with the HTTP status (2xx: uploaded). */
export async function uploadConsentedFile(
  info: UploadInfo,
  file: { contentType: string; bytes: Buffer },
): Promise<number> {
  const upload = await fetch(info.uploadUrl, {
    method: 'PUT',
    headers: {
      'Content-Type': file.contentType,
      'Content-Range': `bytes 0-${file.bytes.length - 1}/${file.bytes.length}`,
    },
    body: file.bytes,
    signal: AbortSignal.timeout(30_000),
  });
  return upload.status;
}

/** The message that shows the uploaded file in the chat. */
export function uploadedFileMessage(info: UploadInfo, text: string, fileType: string): Partial<Activity> {
  return {
    type: ActivityTypes.Message,
    text,
    textFormat: 'plain',
    attachments: [
      {
        contentType: fileInfoCardType,
        contentUrl: info.contentUrl,
        name: info.name,
        content: {
          ...(info.uniqueId !== undefined ? { uniqueId: info.uniqueId } : {}),
          fileType: info.fileType ?? fileType,
        },
      },
    ],
  };
}
