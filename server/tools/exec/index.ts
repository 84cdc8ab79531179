// The command-execution tools as a library: tool specs and argument parsing for exec_command,
// write_stdin and shell; the session manager that runs them through a CommandRunner; the
// pass-through runner (the sandbox runner of issue 6 implements the same interface); environment
// policy, shell argv, truncation, result text and commandActions classification.
export * from '../../process/commandSpec';
export * from '../../process/processGroup';
export * from '../../process/runner';
export * from './environment';
export * from '../../process/shellWords';
export * from '../../process/shellCommand';
export * from '../../process/outputBuffer';
export * from './truncate';
export * from './resultText';
export * from './commandSummary';
export * from './commandActions';
export * from './session';
export * from './sessions';
export * from './shellTool';
export * from './toolArgs';
export * from './toolSpecs';
