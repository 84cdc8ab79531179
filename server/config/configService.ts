// The server's one config service: effective config per request (cwd, profile, request overrides),
// the settings a thread starts with (request fields and a resumed thread's previous settings are a
// layer below managed config and requirements, so those still win), lossless writes to the user
// config, the folders other config lives in (rules, admin skills), and configWarning reporting.
// services.ts builds one and hands it to the handlers.
import { dirname } from 'node:path';
import type { AskForApproval, Personality, SandboxMode, SandboxPolicy } from '../protocol/common';
import type { Logger } from '../util/log';
import { ConfigLoader, configPaths, type EffectiveConfig, type EffectiveConfigRequest } from './effectiveConfig';
import { ConfigWarnings, type ConfigWarningNotify } from './configWarnings';
import { ConfigWriter } from './configWriter';
import type { EffectiveSettings } from './settings';
import type { TomlTable } from './tables';

/** Typed thread/start|resume|fork fields that correspond to config keys. */
export interface ThreadRequestFields {
  readonly model?: string | null;
  readonly modelProvider?: string | null;
  readonly approvalPolicy?: AskForApproval | null;
  readonly sandbox?: SandboxMode | null;
  readonly baseInstructions?: string | null;
  readonly developerInstructions?: string | null;
  readonly personality?: Personality | null;
}

/** A resumed or forked thread's settings (they win over files, lose to the request). */
export interface PreviousThreadSettings {
  readonly cwd?: string;
  readonly model?: string;
  readonly modelProvider?: string;
  readonly approvalPolicy?: AskForApproval;
  readonly sandbox?: SandboxPolicy;
  readonly reasoningEffort?: string | null;
  readonly reasoningSummary?: string | null;
  readonly verbosity?: string | null;
  readonly baseInstructions?: string;
  readonly developerInstructions?: string | null;
  readonly personality?: Personality | null;
}

export interface ThreadConfigContext {
  readonly cwd?: string | null;
  readonly request?: ThreadRequestFields;
  readonly previous?: PreviousThreadSettings;
}

const SANDBOX_MODE_OF: Record<SandboxPolicy['type'], SandboxMode | null> = {
  readOnly: 'read-only',
  workspaceWrite: 'workspace-write',
  dangerFullAccess: 'danger-full-access',
  externalSandbox: null,
};

function put(table: TomlTable, key: string, value: unknown): void {
  if (value !== undefined && value !== null) table[key] = value;
}

/** Request fields over previous settings, as config keys (one request layer). */
export function requestFieldsTable(context: ThreadConfigContext): TomlTable {
  const table: TomlTable = {};
  const previous = context.previous;
  if (previous) {
    put(table, 'model', previous.model);
    put(table, 'model_provider', previous.modelProvider);
    put(table, 'approval_policy', previous.approvalPolicy);
    put(table, 'sandbox_mode', previous.sandbox ? SANDBOX_MODE_OF[previous.sandbox.type] : null);
    put(table, 'model_reasoning_effort', previous.reasoningEffort);
    put(table, 'model_reasoning_summary', previous.reasoningSummary);
    put(table, 'model_verbosity', previous.verbosity);
    put(table, 'base_instructions', previous.baseInstructions);
    put(table, 'developer_instructions', previous.developerInstructions);
    put(table, 'personality', previous.personality);
  }
  const request = context.request;
  if (request) {
    put(table, 'model', request.model);
    put(table, 'model_provider', request.modelProvider);
    put(table, 'approval_policy', request.approvalPolicy);
    put(table, 'sandbox_mode', request.sandbox);
    put(table, 'base_instructions', request.baseInstructions);
    put(table, 'developer_instructions', request.developerInstructions);
    put(table, 'personality', request.personality);
  }
  return table;
}

export interface ConfigServiceOptions {
  readonly codexHome: string;
  readonly cliOverrides: readonly string[];
  readonly log: Logger;
  readonly env?: NodeJS.ProcessEnv;
}

export class ConfigService {
  readonly loader: ConfigLoader;
  readonly writer = new ConfigWriter();
  private readonly warnings: ConfigWarnings;

  private readonly codexHome: string;

  constructor(options: ConfigServiceOptions) {
    this.codexHome = options.codexHome;
    this.loader = new ConfigLoader(configPaths(options.codexHome, options.env ?? process.env), options.cliOverrides);
    this.warnings = new ConfigWarnings(options.log);
  }

  get userConfigFile(): string {
    return this.loader.paths.userConfig;
  }

  /** The folder of the system config (/etc/codex); its `skills/` are the admin skills. */
  get systemConfigDir(): string {
    return dirname(this.loader.paths.systemConfig);
  }

  /**
   * Where exec-policy rules (`rules/*.rules`) are read for a cwd: the system folder (not on
   * Windows), $CODEX_HOME and the trusted project's `.codex/` folders, with or without a config.toml.
   */
  rulesFolders(cwd: string): string[] {
    return [...(process.platform === 'win32' ? [] : [this.systemConfigDir]), this.codexHome, ...this.effective({ cwd }).projectFolders];
  }

  /** Starts sending warnings (call once the client is initialized); reports the base config's problems. */
  attach(notify: ConfigWarningNotify): void {
    this.listen(notify);
    this.effective();
  }

  /**
   * Starts sending warnings without checking the config now: problems go out with the next config
   * read (every thread start reads it, and so does the start-up check the caller schedules).
   */
  listen(notify: ConfigWarningNotify): void {
    this.warnings.attach(notify);
  }

  /** The effective config for a request; its problems are reported to the client (once each). */
  effective(request: EffectiveConfigRequest = {}): EffectiveConfig {
    const config = this.loader.effectiveConfig(request);
    this.warnings.report(config.problems);
    return config;
  }

  /** Thread settings source: files + `-c` + the request's `config` map, fields and previous settings. */
  settingsFor(overrides: Record<string, unknown> | null | undefined, context: ThreadConfigContext = {}): EffectiveSettings {
    // A thread without a cwd runs in the server's cwd, so that is where its project layers come from.
    const threadCwd = context.request ? process.cwd() : null;
    return this.effective({
      cwd: context.cwd ?? context.previous?.cwd ?? threadCwd,
      requestOverrides: overrides ?? null,
      requestFields: requestFieldsTable(context),
    }).settings;
  }
}
