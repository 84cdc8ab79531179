// The user's Codex config file for `codex.openConfig` (no `vscode` import): where it is
// ($CODEX_HOME/config.toml, else ~/.codex/config.toml, on the extension host's machine) and the
// commented template written when it does not exist yet. The folder is created 0700 and the file
// 0600: it may come to hold provider headers or tokens.
import { mkdir, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** $CODEX_HOME when set (and not blank), else ~/.codex. */
export function codexHomeDir(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  const fromEnv = env.CODEX_HOME?.trim();
  return fromEnv ? fromEnv : join(home, '.codex');
}

export const CONFIG_TEMPLATE = `# Codex configuration (shared by the Codex TS extension, the codex-ts CLI and the Codex CLI).
# Every setting below is commented out: remove the leading "# " to use one. After editing, run
# "Codex TS: Restart Server" so the server reads the file again.
# A trusted project can override these in <project>/.codex/config.toml.
# Top-level settings must come before the first [table].

# The model and how hard it thinks.
# model = "gpt-5.1-codex"
# model_reasoning_effort = "medium"   # none | minimal | low | medium | high | xhigh

# When Codex asks before acting, and what its commands may touch.
# approval_policy = "on-request"      # untrusted | on-request | never
# sandbox_mode = "workspace-write"    # read-only | workspace-write | danger-full-access

# Web search: cached (default) | live | disabled.
# web_search = "cached"

# Use another model provider, defined in [model_providers.<id>] below.
# model_provider = "local"

# [sandbox_workspace_write]
# network_access = false
# writable_roots = ["/path/to/another/folder"]

# An OpenAI-compatible server, for example a local one.
# [model_providers.local]
# name = "Local server"
# base_url = "http://localhost:8080/v1"
# wire_api = "chat"                   # responses | chat
# env_key = "LOCAL_API_KEY"

# MCP servers the agent can use (restart the server after changing them).
# [mcp_servers.filesystem]
# command = "npx"
# args = ["-y", "@modelcontextprotocol/server-filesystem", "/path/to/folder"]
#
# [mcp_servers.remote]
# url = "https://example.com/mcp"
# bearer_token_env_var = "REMOTE_MCP_TOKEN"
`;

/** Creates config.toml with the template when it is missing; returns its path and whether it was created. */
export async function ensureConfigFile(codexHome: string): Promise<{ path: string; created: boolean }> {
  const path = join(codexHome, 'config.toml');
  await mkdir(codexHome, { recursive: true, mode: 0o700 });
  try {
    await writeFile(path, CONFIG_TEMPLATE, { flag: 'wx', mode: 0o600 });
    return { path, created: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return { path, created: false };
    throw error;
  }
}
