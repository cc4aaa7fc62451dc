import { ConnectorFactory, type ConnectorClient } from 'botframework-connector';

interface TimedRequest {
  timeout: number;
}
interface PolicyPipeline {
  addPolicy(policy: {
    name: string;
    sendRequest(request: TimedRequest, next: (request: TimedRequest) => Promise<unknown>): Promise<unknown>;
  }): void;
}

const policyName = 'systemkollenRequestTimeout';

/**
 * Every request of a connector client gets a time limit: replies, member lookups and proactive sends. The SDK sets
 * none, and a slow service URL held a request 40 s and more. botframework-connector takes client options only
 * for all clients at once and offers no timeout among them, so the limit goes onto each client's Azure pipeline,
 * the same way the reminder sender takes the retry policy off (reminders/botFrameworkSender.ts). The HTTP client
 * aborts the request when the limit passes; an aborted request is not retried.
 */
export function limitRequestTime(client: ConnectorClient, timeoutMs: number): void {
  const pipeline = (client as unknown as { client?: { pipeline?: PolicyPipeline } }).client?.pipeline;
  pipeline?.addPolicy({
    name: policyName,
    sendRequest: (request, next) => {
      if (!(request.timeout > 0)) request.timeout = timeoutMs;
      return next(request);
    },
  });
}

/** A connector factory whose clients have limitRequestTime. */
export class TimedConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly timeoutMs: number,
  ) {
    super();
  }

  async create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    const client = await this.inner.create(serviceUrl, audience);
    limitRequestTime(client, this.timeoutMs);
    return client;
  }
}
