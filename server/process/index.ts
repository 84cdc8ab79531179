// OS processes, no policy: what a command runner is asked to run (CommandSpec) and reports
// (ExitStatus); the CommandRunner interface and PassThroughRunner (the sandbox's SandboxedRunner
// implements the same interface); the one spawning core (a new process group per command, merged
// output, a kill that takes the tree down); process-group helpers; the bounded head+tail output
// buffer; shell words (quoting, the small tokenizer) and the model's command string as shell argv.
// A leaf: the sandbox runner, the approval engine and the command tools use it.
export * from './commandSpec';
export * from './processGroup';
export * from './runner';
export * from './spawnProcess';
export * from './outputBuffer';
export * from './shellWords';
export * from './shellCommand';
