// ChatGPT sign-in for servers that have it (the real `codex` binary; our bundled server has not):
// a capability check that changes nothing, starting the browser login, and cancelling it. The
// server's answers are validated: an auth URL must be https before the browser opens it.
import * as z from 'zod';

/** A protocol request outside the typed method table (these methods are not all ours). */
export type UncheckedRequest = (method: string, params: unknown) => Promise<unknown>;

/** A fresh, well-formed login id no server knows: cancelling it is answered with `notFound`. */
const PROBE_LOGIN_ID = '00000000-0000-4000-8000-000000000000';

const CancelResult = z.looseObject({ status: z.enum(['canceled', 'notFound']) });
const ChatgptLoginStarted = z.looseObject({
  type: z.literal('chatgpt'),
  loginId: z.string().min(1).max(200),
  authUrl: z
    .string()
    .max(8192)
    .refine((value) => URL.canParse(value) && new URL(value).protocol === 'https:', { error: 'expected an https URL' }),
});

/**
 * Whether the server can sign in with ChatGPT: a server with interactive logins answers
 * `account/login/cancel` (here for an id it never issued, so nothing is cancelled); one without
 * them does not know the method.
 */
export async function supportsChatgptLogin(request: UncheckedRequest): Promise<boolean> {
  try {
    return CancelResult.safeParse(await request('account/login/cancel', { loginId: PROBE_LOGIN_ID })).success;
  } catch {
    return false;
  }
}

export interface ChatgptLoginDeps {
  readonly request: UncheckedRequest;
  /** Opens the URL in the user's browser; false when that did not happen. */
  openExternal(url: string): Promise<boolean>;
}

/** Starts the login and opens the browser on its auth URL; resolves with the login id. */
export async function startChatgptLogin(deps: ChatgptLoginDeps): Promise<string> {
  const parsed = ChatgptLoginStarted.safeParse(await deps.request('account/login/start', { type: 'chatgpt' }));
  if (!parsed.success) throw new Error(`the server's answer to the ChatGPT login is not usable: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  if (!(await deps.openExternal(parsed.data.authUrl))) {
    await cancelChatgptLogin(deps.request, parsed.data.loginId).catch(() => undefined);
    throw new Error(`the browser did not open ${parsed.data.authUrl}`);
  }
  return parsed.data.loginId;
}

export async function cancelChatgptLogin(request: UncheckedRequest, loginId: string): Promise<void> {
  const parsed = CancelResult.safeParse(await request('account/login/cancel', { loginId }));
  if (!parsed.success) throw new Error("the server's answer to the cancel is not usable");
}
