// The command-execution tools as a library: tool specs and argument parsing for exec_command,
// write_stdin and shell; the session manager that runs them through a CommandRunner (server/process,
// where the processes themselves are spawned); environment policy, truncation, result text and
// commandActions classification.
export * from './environment';
export * from './truncate';
export * from './resultText';
export * from './commandSummary';
export * from './commandActions';
export * from './session';
export * from './sessions';
export * from './shellTool';
export * from './toolArgs';
export * from './toolSpecs';
