// Public entry of the loopback mock of the OpenAI streaming APIs used by the agent-server tests:
// `startMockModel()`, the reply/item builders, the pure SSE renderers and the types.
//
//   const mock = await startMockModel({ replies: [httpError(500), textReply('Hello there')] });
//   // point the provider at mock.baseUrl, run a turn …
//   assert.equal(mock.lastRequest('responses').body.model, 'gpt-5.5');
//   await mock.close();

export { startMockModel, DEFAULT_CREATED_AT, DEFAULT_MODELS, EMPTY_QUEUE_MESSAGE, type MockModel } from './server';
export { DEFAULT_WAIT_MS, type RequestFilter } from './request-log';
export { customToolCall, drop, failed, functionCall, hang, httpError, message, reasoning, respond, textReply } from './builders';
export { renderResponsesSse, sseEvent } from './responses-sse';
export { renderChatSse, sseData } from './chat-sse';
export { splitDeltas } from './normalize';
export type * from './types';
