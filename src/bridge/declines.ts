// What the host answers for a server request nobody can answer any more (its webview closed and no
// other chat shows the thread): approvals are cancelled, questions get no answers, elicitations are
// cancelled. Pure, so the mapping is unit-tested; unknown methods have no safe answer (undefined).
import type { ServerRequestMethod, ServerRequests } from '@protocol';

const ANSWERS: { readonly [M in ServerRequestMethod]: ServerRequests[M]['result'] } = {
  'item/commandExecution/requestApproval': { decision: 'cancel' },
  'item/fileChange/requestApproval': { decision: 'cancel' },
  'item/tool/requestUserInput': { answers: {} },
  'mcpServer/elicitation/request': { action: 'cancel' },
};

/** The refusal for `method`, or undefined when the method is unknown (answer with an error then). */
export function unansweredRequestResult(method: string): unknown {
  return Object.hasOwn(ANSWERS, method) ? ANSWERS[method as ServerRequestMethod] : undefined;
}
