import assert from 'node:assert/strict';
import { SpanStatusCode } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import {
  PrivacyLogRecordProcessor,
  PrivacySpanProcessor,
  redacted,
  scrubUrl,
} from '../../../src/infrastructure/telemetry/privacy';

const email = 'asa.oberg@exempelkommun.se';

describe('telemetry privacy', () => {
  it('drops the query and e-mail path segments of a URL, keeping ids', () => {
    assert.equal(
      scrubUrl(`https://graph.microsoft.com/v1.0/users/${encodeURIComponent(email)}/teamwork/installedApps`),
      `https://graph.microsoft.com/v1.0/users/${redacted}/teamwork/installedApps`,
    );
    assert.equal(
      scrubUrl('https://smba.example/v3/conversations/a:1xyz/activities/1234?text=hej'),
      'https://smba.example/v3/conversations/a:1xyz/activities/1234',
    );
  });

  it('scrubs URLs, e-mail addresses, exception messages and error descriptions from spans before export', async () => {
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({
      spanProcessors: [new PrivacySpanProcessor(), new SimpleSpanProcessor(exporter)],
    });
    const span = provider.getTracer('test').startSpan('POST');
    span.setAttributes({
      'url.full': `https://graph.microsoft.com/v1.0/users/${email}/teamwork/installedApps?x=1`,
      'http.target': `/users/${email}`,
      'user.note': `skickat till ${email}`,
      'http.response.status_code': 403,
    });
    span.recordException(new Error(`Vem förvaltar Unikum? frågade ${email}`));
    span.setStatus({ code: SpanStatusCode.ERROR, message: `failed for ${email}` });
    span.end();
    await provider.forceFlush();

    const [exported] = exporter.getFinishedSpans();
    assert.ok(exported);
    const text = JSON.stringify({
      attributes: exported.attributes,
      events: exported.events,
      status: exported.status,
    });
    assert.ok(!text.includes(email), text);
    assert.ok(!text.includes('Unikum'), text);
    assert.equal(exported.attributes['http.response.status_code'], 403);
    assert.equal(exported.status.code, SpanStatusCode.ERROR);
    const exception = exported.events.find((event) => event.name === 'exception');
    assert.equal(exception?.attributes?.['exception.message'], 'Error');
    assert.match(String(exception?.attributes?.['exception.stacktrace']), /^Error\n\s+at /);
  });

  it('scrubs e-mail addresses from log records and their attributes before export', async () => {
    const exporter = new InMemoryLogRecordExporter();
    const provider = new LoggerProvider({
      processors: [new PrivacyLogRecordProcessor(), new SimpleLogRecordProcessor(exporter)],
    });
    provider.getLogger('test').emit({ body: `hej ${email}`, attributes: { who: email, count: 2 } });
    await provider.forceFlush();
    const [record] = exporter.getFinishedLogRecords();
    assert.ok(record);
    assert.ok(!JSON.stringify({ body: record.body, attributes: record.attributes }).includes(email));
    assert.equal(record.attributes.count, 2);
  });
});
