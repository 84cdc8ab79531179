// The sign-in card's requests to the host (`signIn/request`), each answered by the
// `signIn/response` with the same id. The host always answers (its failures are `failed` answers).
import type { HostClient } from '../bridge/hostClient';
import type { SignInRequest, SignInResult } from '../../bridge/signInMessages';

let nextRequestId = 1;

export function askHost(client: HostClient, request: SignInRequest): Promise<SignInResult> {
  const requestId = nextRequestId++;
  return new Promise((resolve) => {
    const stop = client.onHostMessage((message) => {
      if (message.type !== 'signIn/response' || message.requestId !== requestId) return;
      stop();
      resolve(message.result);
    });
    client.postUi({ type: 'signIn/request', requestId, request });
  });
}
