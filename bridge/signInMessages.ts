// The sign-in card's requests to the extension host and their answers (`signIn/request` and
// `signIn/response` in messages.ts). The host does the work the webview cannot: it probes local
// model servers (the webview's CSP forbids fetch), starts a ChatGPT login when the server can, and
// writes the chosen model provider to config.toml. Both sides validate with these schemas.
import * as z from 'zod';

/** The local model servers the host looks for on their default loopback ports. */
export const LocalServerKind = z.enum(['ollama', 'lmstudio']);
export type LocalServerKind = z.infer<typeof LocalServerKind>;

export const WireApiChoice = z.enum(['responses', 'chat']);
export type WireApiChoice = z.infer<typeof WireApiChoice>;

const ModelName = z.string().trim().min(1).max(256);
const HttpUrl = z
  .string()
  .trim()
  .max(2048)
  .refine((value) => /^https?:\/\/[^\s]+$/i.test(value), { error: 'expected an http(s) URL' });

/** What the user picked in the card: a detected local server's model, or any OpenAI-compatible URL. */
export const ProviderChoice = z.discriminatedUnion('type', [
  z.object({ type: z.literal('local'), server: LocalServerKind, baseUrl: HttpUrl, model: ModelName }),
  z.object({ type: z.literal('custom'), baseUrl: HttpUrl, model: ModelName, wireApi: WireApiChoice }),
]);
export type ProviderChoice = z.infer<typeof ProviderChoice>;

export const SignInRequest = z.discriminatedUnion('type', [
  /** Which ways in there are: ChatGPT (when the server can) and the local servers that answer. */
  z.object({ type: z.literal('detect') }),
  /** Starts a ChatGPT login in the browser; completion comes as `account/login/completed`. */
  z.object({ type: z.literal('chatgpt/start') }),
  z.object({ type: z.literal('chatgpt/cancel'), loginId: z.string().min(1).max(200) }),
  /** Writes the choice to config.toml as the model provider. */
  z.object({ type: z.literal('useProvider'), choice: ProviderChoice }),
]);
export type SignInRequest = z.infer<typeof SignInRequest>;

/** Why a local server was not offered. */
export const AbsentReason = z.enum(['unreachable', 'timeout', 'httpError', 'invalid']);
export type AbsentReason = z.infer<typeof AbsentReason>;

/** One probed local server: found with its models (possibly none), or absent and why. */
export const LocalServerProbe = z.discriminatedUnion('type', [
  z.object({ type: z.literal('found'), server: LocalServerKind, baseUrl: z.string(), models: z.array(z.string()) }),
  z.object({ type: z.literal('absent'), server: LocalServerKind, baseUrl: z.string(), reason: AbsentReason }),
]);
export type LocalServerProbe = z.infer<typeof LocalServerProbe>;

export const SignInResult = z.discriminatedUnion('type', [
  z.object({ type: z.literal('detected'), chatgpt: z.boolean(), local: z.array(LocalServerProbe) }),
  z.object({ type: z.literal('chatgptStarted'), loginId: z.string() }),
  z.object({ type: z.literal('chatgptCanceled') }),
  z.object({ type: z.literal('providerSaved'), provider: z.string(), model: z.string() }),
  z.object({ type: z.literal('failed'), message: z.string() }),
]);
export type SignInResult = z.infer<typeof SignInResult>;
