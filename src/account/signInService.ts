// The host side of the sign-in card (`signIn/request`): detect the ways in (ChatGPT when the server
// has it, local model servers that answer), start or cancel a ChatGPT login, and write a chosen
// model provider to config.toml. Free of the vscode API so it runs in unit tests; every failure
// becomes a `failed` answer, never a throw.
import * as z from 'zod';
import type { ProviderChoice, SignInRequest, SignInResult } from '../../bridge/signInMessages';
import { cancelChatgptLogin, startChatgptLogin, supportsChatgptLogin, type UncheckedRequest } from './chatgptLogin';
import { probeLocalServers, type LocalServerTarget, type ProbeOptions } from './localServers';
import { providerWrite } from './providerConfig';
import { redact } from './redact';

export interface SignInDeps {
  readonly request: UncheckedRequest;
  openExternal(url: string): Promise<boolean>;
  /** Where to look for local servers (tests pass fake servers on ephemeral ports). */
  readonly targets: () => readonly LocalServerTarget[];
  readonly probe?: ProbeOptions;
  /** The environment the server runs with (CODEX_OSS_* move the built-in local providers). */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly log?: (message: string) => void;
}

const WriteResult = z.looseObject({
  status: z.enum(['ok', 'okOverridden']),
  overriddenMetadata: z.looseObject({ message: z.string() }).nullish(),
});

export class SignInService {
  constructor(private readonly deps: SignInDeps) {}

  async handle(request: SignInRequest): Promise<SignInResult> {
    try {
      return await this.run(request);
    } catch (error) {
      const message = redact(error instanceof Error ? error.message : String(error), '');
      this.deps.log?.(`sign-in ${request.type} failed: ${message}`);
      return { type: 'failed', message };
    }
  }

  private async run(request: SignInRequest): Promise<SignInResult> {
    switch (request.type) {
      case 'detect': {
        const [chatgpt, local] = await Promise.all([
          supportsChatgptLogin(this.deps.request),
          probeLocalServers(this.deps.targets(), this.deps.probe),
        ]);
        return { type: 'detected', chatgpt, local };
      }
      case 'chatgpt/start':
        return { type: 'chatgptStarted', loginId: await startChatgptLogin(this.deps) };
      case 'chatgpt/cancel':
        await cancelChatgptLogin(this.deps.request, request.loginId);
        return { type: 'chatgptCanceled' };
      case 'useProvider':
        return this.useProvider(request.choice);
    }
  }

  /**
   * Writes the provider to the user config. Both servers read it again for the next thread and
   * `account/read` (`reloadUserConfig` makes the real Codex apply it to loaded threads as well).
   */
  private async useProvider(choice: ProviderChoice): Promise<SignInResult> {
    const write = providerWrite(choice, this.deps.env);
    const answer = WriteResult.safeParse(await this.deps.request('config/batchWrite', { edits: write.edits, reloadUserConfig: true }));
    if (!answer.success) throw new Error("the server's answer to the config write is not usable");
    if (answer.data.status === 'okOverridden') {
      // Written, but a profile or managed config wins: the chat would still not use it.
      throw new Error(answer.data.overriddenMetadata?.message ?? 'config.toml was written, but another config layer overrides it');
    }
    this.deps.log?.(`model provider set to ${write.provider} (model ${write.model})`);
    return { type: 'providerSaved', provider: write.provider, model: write.model };
  }
}
