// What the user approved for the rest of the session (the loaded thread): exact commands
// (`acceptForSession`), command prefixes (`acceptWithExecpolicyAmendment`, kept in memory until the
// issue-6 exec policy persists them) and files a patch may touch again (`acceptForSession` on a
// patch), and the hosts a managed-network prompt allowed or denied (acceptForSession /
// applyNetworkPolicyAmendment). Consulted before the client is asked; never consulted when the
// policy rejects.
import { extractShellScript, isConnector, tokenizeScript } from '../../process';

export class SessionApprovals {
  private readonly commands = new Set<string>();
  private readonly prefixes: string[][] = [];
  private readonly patchPaths = new Set<string>();
  /** Managed-network hosts allowed / denied for the rest of the session. */
  readonly approvedHosts = new Set<string>();
  readonly deniedHosts = new Set<string>();

  approveHost(host: string): void {
    this.deniedHosts.delete(host);
    this.approvedHosts.add(host);
  }

  denyHost(host: string): void {
    this.approvedHosts.delete(host);
    this.deniedHosts.add(host);
  }

  approveCommand(argv: readonly string[]): void {
    this.commands.add(JSON.stringify(argv));
  }

  approvePrefix(prefix: readonly string[]): void {
    if (prefix.length > 0) this.prefixes.push([...prefix]);
  }

  /** True when this exact argv was approved for the session, or its words start with an approved prefix. */
  commandApproved(argv: readonly string[], words: readonly string[] | null): boolean {
    if (this.commands.has(JSON.stringify(argv))) return true;
    if (!words) return false;
    return this.prefixes.some((prefix) => prefix.length <= words.length && prefix.every((word, i) => words[i] === word));
  }

  approvePatchPaths(paths: readonly string[]): void {
    for (const p of paths) this.patchPaths.add(p);
  }

  /** True when every path the patch touches was approved for the session before. */
  patchApproved(paths: readonly string[]): boolean {
    return paths.length > 0 && paths.every((p) => this.patchPaths.has(p));
  }
}

/**
 * The words of a command when it is one simple command: the script of `bash -lc '<script>'`
 * tokenized (null when it chains commands or uses syntax the tokenizer does not model), else argv.
 * An approved prefix matches these.
 */
export function commandWords(argv: readonly string[]): string[] | null {
  const script = extractShellScript(argv);
  if (script === null) return [...argv];
  const tokens = tokenizeScript(script);
  if (!tokens || tokens.length === 0 || tokens.some((t) => isConnector(t))) return null;
  return tokens;
}
