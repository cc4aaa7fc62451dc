import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SpanStatusCode } from '@opentelemetry/api';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
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

  it("keeps only /personal/[redacted] of a OneDrive URL: the owner's sign-in name, folders and files", () => {
    assert.equal(
      scrubUrl(
        'https://kommun-my.sharepoint.com/personal/asa_oberg_exempelkommun_se/_layouts/15/download.aspx' +
          '?UniqueId=1&tempauth=x',
      ),
      `https://kommun-my.sharepoint.com/personal/${redacted}`,
    );
    assert.equal(scrubUrl('/personal/asa_oberg_exempelkommun_se/Documents/a.csv'), `/personal/${redacted}`);
  });

  it('redacts path segments with words (spaces, non-ASCII letters), raw or percent-encoded', () => {
    assert.equal(
      scrubUrl(`https://filer.kommun.se/delat/${encodeURIComponent('Åsa Öbergs register.xlsx')}`),
      `https://filer.kommun.se/delat/${redacted}`,
    );
    assert.equal(scrubUrl('/delat/Öberg/x.csv'), `/delat/${redacted}/x.csv`);
    assert.equal(scrubUrl('/delat/Asa+Oberg.csv'), `/delat/${redacted}`);
    assert.equal(
      scrubUrl('/v3/conversations/a%3A1xyz/activities/f9b1c2d3-0000-4000-8000-000000000001'),
      '/v3/conversations/a%3A1xyz/activities/f9b1c2d3-0000-4000-8000-000000000001',
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

  it("scrubs global fetch's dependency spans (undici instrumentation) as it does HTTP spans", async () => {
    const server = http.createServer((_request, response) => response.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({
      spanProcessors: [new PrivacySpanProcessor(), new SimpleSpanProcessor(exporter)],
    });
    const instrumentation = new UndiciInstrumentation();
    instrumentation.setTracerProvider(provider);
    const base = `http://127.0.0.1:${port}`;
    try {
      for (const url of [
        `${base}/v1.0/users/${encodeURIComponent(email)}/teamwork/installedApps`,
        `${base}/personal/asa_oberg_exempelkommun_se/Documents/${encodeURIComponent('Öbergs register.csv')}` +
          '?tempauth=zqxtoken',
      ]) {
        await (await fetch(url)).text();
      }
    } finally {
      instrumentation.disable();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    await provider.forceFlush();

    const spans = exporter.getFinishedSpans();
    assert.deepEqual(
      spans.map((span) => span.attributes['url.full']),
      [`${base}/v1.0/users/${redacted}/teamwork/installedApps`, `${base}/personal/${redacted}`],
    );
    assert.deepEqual(
      spans.map((span) => span.attributes['url.path']),
      [`/v1.0/users/${redacted}/teamwork/installedApps`, `/personal/${redacted}`],
    );
    assert.deepEqual(
      spans.map((span) => span.attributes['url.query']),
      ['', redacted],
    );
    assert.deepEqual(
      spans.map((span) => [span.attributes['server.address'], span.attributes['http.response.status_code']]),
      [
        ['127.0.0.1', 200],
        ['127.0.0.1', 200],
      ],
    );
    const text = JSON.stringify(spans.map((span) => [span.name, span.attributes, span.events]));
    for (const personal of ['asa', 'oberg', 'exempelkommun', 'zqxtoken', '%C3%96', 'register']) {
      assert.ok(!text.toLowerCase().includes(personal.toLowerCase()), `"${personal}" in ${text}`);
    }
  });
});
