// $CODEX_HOME/auth.json, the file the Codex CLI also reads: `{"OPENAI_API_KEY": "..."}`. Written
// atomically with mode 0600 (a temp file in the same folder, then rename), because it holds a secret.
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';

const AuthFile = z.looseObject({ OPENAI_API_KEY: z.string().nullish() });
export type AuthFile = z.infer<typeof AuthFile>;

export class AuthStore {
  readonly file: string;

  constructor(codexHome: string) {
    this.file = join(codexHome, 'auth.json');
  }

  /** The stored file, or null when there is none. A corrupt file is reported, not trusted. */
  read(): { auth: AuthFile | null; problem: string | null } {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch {
      return { auth: null, problem: null };
    }
    try {
      const parsed = AuthFile.safeParse(JSON.parse(text));
      if (parsed.success) return { auth: parsed.data, problem: null };
      return { auth: null, problem: `${this.file} is not a valid auth file: ${parsed.error.issues[0]?.message ?? 'invalid'}` };
    } catch (error) {
      return { auth: null, problem: `${this.file} is not valid JSON: ${(error as Error).message}` };
    }
  }

  apiKey(): string | null {
    const key = this.read().auth?.OPENAI_API_KEY;
    return typeof key === 'string' && key.length > 0 ? key : null;
  }

  /** Stores an API key, keeping any other fields (tokens written by the Codex CLI). */
  saveApiKey(apiKey: string): void {
    const current = this.read().auth ?? {};
    this.writeFile({ ...current, OPENAI_API_KEY: apiKey });
  }

  /** Removes the stored credentials entirely (logout). */
  clear(): boolean {
    const existed = this.read().auth !== null;
    rmSync(this.file, { force: true });
    return existed;
  }

  private writeFile(content: AuthFile): void {
    mkdirSync(join(this.file, '..'), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
    chmodSync(tmp, 0o600); // the umask may have widened the mode at creation
    renameSync(tmp, this.file);
  }
}
