// ModelClient for `wire_api = "responses"`: `POST {base_url}/responses` with `stream: true`, through the
// openai SDK's raw streaming request, parsed by ResponsesStreamParser and retried by the shared runner.

import type OpenAI from 'openai';
import type { ModelProviderInfo } from './providers';
import { buildResponsesBody, ResponsesStreamParser } from './responsesWire';
import { createOpenAISdk, type ModelClientOptions, runnerLimits } from './sdk';
import { runModelStream, type RunnerLimits, type WireAdapter } from './streamRunner';
import type { ModelClient, ModelEvent, ModelRequest } from './types';

export class ResponsesClient implements ModelClient {
  private readonly sdk: OpenAI;
  private readonly limits: RunnerLimits;
  private readonly instructionsMode: 'developerMessage' | 'topLevel';

  constructor(provider: ModelProviderInfo, options: ModelClientOptions = {}) {
    this.sdk = createOpenAISdk(provider, options);
    this.limits = runnerLimits(provider, options);
    this.instructionsMode = options.instructionsMode ?? 'developerMessage';
  }

  stream(request: ModelRequest): AsyncIterable<ModelEvent> {
    // Serialised here, with its content type: the SDK sends a string as it is (an object would be
    // checked against the FormData global on the way, which loads undici).
    const body = JSON.stringify(buildResponsesBody(request, this.instructionsMode));
    const adapter: WireAdapter = {
      // `post` rather than the typed `responses.create`: the body is our canonical JSON (hosted tools, array
      // tool outputs) and every streamed event is validated by the parser, so the SDK's types add nothing.
      open: (signal) =>
        this.sdk.post<AsyncIterable<unknown>>('/responses', {
          body,
          stream: true,
          signal,
          headers: { Accept: 'text/event-stream', 'Content-Type': 'application/json', ...request.extraHeaders },
        }),
      createParser: () => new ResponsesStreamParser(),
    };
    return runModelStream(adapter, this.limits, request.signal);
  }
}
