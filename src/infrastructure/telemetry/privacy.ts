/**
 * Telemetry follows the logs' privacy rule: ids, counts and codes, never message text, names or e-mail addresses.
 * What the OpenTelemetry instrumentations record on their own is scrubbed here before it is exported:
 *
 * - URLs lose their query string (SharePoint's pre-authenticated download and upload URLs carry a token there),
 *   and every path segment with an e-mail address (Graph's `/users/{upn}/teamwork/installedApps`) or with words
 *   (whitespace or non-ASCII letters, raw or percent-encoded: file and folder names, people's names) becomes
 *   `[redacted]`. A OneDrive path (`/personal/{owner}/...`, the owner's sign-in name with `_` for `@` and `.`)
 *   keeps only `/personal/[redacted]`: below it are the owner's own folders and files. Ids in paths
 *   (conversations, activities, Cosmos DB items) stay, as they are what an operator follows a request by.
 *   This holds for every instrumentation alike: the HTTP one (`http.url`, `http.target`) and the undici one
 *   behind global `fetch` (`url.full`, `url.path`, `url.query`).
 * - Exception messages and the message line of stack traces become the exception's type: SDK errors can echo a
 *   request's content. A span's error status keeps its code, not its description.
 * - Any other string attribute or log body carrying an e-mail address has the address replaced.
 */
import type { Context } from '@opentelemetry/api';
import type { LogRecordProcessor, SdkLogRecord } from '@opentelemetry/sdk-logs';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';

export const redacted = '[redacted]';

const emailAddress =
  /[^\s@/?#&=;,:"'<>()[\]{}]+(?:@|%40)[^\s@/?#&=;,:"'<>()[\]{}]+\.[^\s@/?#&=;,:"'<>()[\]{}]+/gi;

/** Attributes holding a URL or a part of one, old and new semantic conventions alike. */
const urlAttributes = new Set([
  'url.full',
  'url.path',
  'url.query',
  'http.url',
  'http.target',
  'http.route',
  'az.service_request_id.url',
]);

type AttributeValue = unknown;

/**
 * An e-mail address, or words: a space (also `%20`, `+`) or a non-ASCII letter, raw or percent-encoded; a control
 * character.
 */
const personalSegment = /@|%40|\+|%20|%[89a-f][0-9a-f]|[^\x21-\x7e]/i;
/** Where OneDrive for Business keeps a person's files: `/personal/{owner}/...`. */
const oneDriveRoot = /^personal$/i;

/** A URL (absolute or a path) without query or fragment, and without personal data in its path. */
export function scrubUrl(value: string): string {
  const cut = value.search(/[?#]/);
  const withoutQuery = cut < 0 ? value : value.slice(0, cut);
  const segments = withoutQuery.split('/');
  const kept: string[] = [];
  for (const [index, segment] of segments.entries()) {
    if (index > 0 && oneDriveRoot.test(segments[index - 1] ?? '')) {
      kept.push(redacted);
      break;
    }
    kept.push(personalSegment.test(segment) ? redacted : segment);
  }
  return kept.join('/');
}

export function scrubText(value: string): string {
  return value.replace(emailAddress, redacted);
}

function scrubAttribute(key: string, value: AttributeValue): AttributeValue {
  if (typeof value === 'string') {
    if (key === 'url.query') return value === '' ? value : redacted;
    return urlAttributes.has(key) ? scrubUrl(value) : scrubText(value);
  }
  if (Array.isArray(value)) return value.map((item) => scrubAttribute(key, item));
  return value;
}

/** Scrubs a mutable attribute record in place. */
export function scrubAttributes(attributes: Record<string, AttributeValue> | undefined): void {
  if (!attributes) return;
  for (const key of Object.keys(attributes)) attributes[key] = scrubAttribute(key, attributes[key]);
}

/** Exception events keep the type and the code frames, never the message. */
function scrubExceptionAttributes(attributes: Record<string, AttributeValue>): void {
  const type = typeof attributes['exception.type'] === 'string' ? attributes['exception.type'] : 'Error';
  if ('exception.message' in attributes) attributes['exception.message'] = type;
  const stack = attributes['exception.stacktrace'];
  if (typeof stack === 'string') {
    // The first lines up to the first frame are "Type: message"; the frames name code, not content.
    const frames = stack.split('\n').filter((line) => /^\s+at\s/.test(line));
    attributes['exception.stacktrace'] = [type, ...frames.map(scrubText)].join('\n');
  }
}

/** Scrubs every span as it ends, before the batch exporter sees it. */
export class PrivacySpanProcessor implements SpanProcessor {
  onStart(_span: Span, _parentContext: Context): void {}

  onEnd(span: ReadableSpan): void {
    // ReadableSpan is read-only in its type; the SDK hands processors the span's own objects, and changing them
    // here, before the exporting processor that follows, is the documented way to redact.
    scrubAttributes(span.attributes as Record<string, AttributeValue>);
    for (const event of span.events) {
      const attributes = event.attributes as Record<string, AttributeValue> | undefined;
      if (!attributes) continue;
      if (event.name === 'exception') scrubExceptionAttributes(attributes);
      else scrubAttributes(attributes);
    }
    const status = span.status as { message?: string };
    if (status.message !== undefined) status.message = undefined;
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/** Scrubs every log record as it is emitted, before the batch exporter sees it. */
export class PrivacyLogRecordProcessor implements LogRecordProcessor {
  onEmit(record: SdkLogRecord): void {
    const attributes = { ...record.attributes } as Record<string, AttributeValue>;
    if (typeof attributes['exception.type'] === 'string') scrubExceptionAttributes(attributes);
    scrubAttributes(attributes);
    record.setAttributes(attributes as SdkLogRecord['attributes']);
    if (typeof record.body === 'string') record.setBody(scrubText(record.body));
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
