// ModelClient for `wire_api = "chat"` (Ollama, LM Studio, vLLM and other OpenAI-compatible servers):
// `POST {base_url}/chat/completions` with `stream: true`, converted to and from the canonical formats.

import type OpenAI from 'openai';
import { buildChatBody, customToolNames } from './chatMessages';
import { ChatStreamParser } from './chatStream';
import type { ModelProviderInfo } from './providers';
import { createOpenAISdk, type ModelClientOptions, runnerLimits } from './sdk';
import { runModelStream, type RunnerLimits, type WireAdapter } from './streamRunner';
import type { ModelClient, ModelEvent, ModelRequest } from './types';

export class ChatCompletionsClient implements ModelClient {
  private readonly sdk: OpenAI;
  private readonly limits: RunnerLimits;

  constructor(provider: ModelProviderInfo, options: ModelClientOptions = {}) {
    this.sdk = createOpenAISdk(provider, options);
    this.limits = runnerLimits(provider, options);
  }

  /** Base instructions always travel as the first system message: chat has no top-level field for them. */
  stream(request: ModelRequest): AsyncIterable<ModelEvent> {
    // Serialised here, with its content type: the SDK sends a string as it is (an object would be
    // checked against the FormData global on the way, which loads undici).
    const body = JSON.stringify(buildChatBody(request));
    const custom = customToolNames(request.tools);
    const adapter: WireAdapter = {
      // `post` rather than `chat.completions.create`: see ResponsesClient; chunks are validated by the parser.
      open: (signal) =>
        this.sdk.post<AsyncIterable<unknown>>('/chat/completions', {
          body,
          stream: true,
          signal,
          headers: { Accept: 'text/event-stream', 'Content-Type': 'application/json', ...request.extraHeaders },
        }),
      createParser: () => new ChatStreamParser(custom),
    };
    return runModelStream(adapter, this.limits, request.signal);
  }
}
