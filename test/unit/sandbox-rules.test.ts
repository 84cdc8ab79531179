// Exec-policy rules (server/sandbox/execpolicy): the Starlark subset parser with file:line:column
// errors, prefix_rule/host_executable/network_rule semantics and validation, the match/not_match
// examples checked at load time, prefix matching with alternatives and basename fallback, the
// strictest-decision merge, loading from layered rules/ folders and requirements, and amendments
// appended to default.rules exactly as Codex writes them.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { appendAllowPrefixRule, formatAllowPrefixRule } from '../../server/sandbox/execpolicy/amend';
import { parseRulesFile, RulesError } from '../../server/sandbox/execpolicy/interpret';
import { defaultRulesFile, loadExecPolicy, policyFromTexts, requirementsPolicy } from '../../server/sandbox/execpolicy/load';
import { ExecPolicy, strictest } from '../../server/sandbox/execpolicy/policy';
import { splitShellWords } from '../../server/sandbox/execpolicy/shlex';

const parse = (text: string): ExecPolicy => {
  const r = parseRulesFile('test.rules', text, { homeDir: '/home/me' });
  return new ExecPolicy(r.rules, r.hostExecutables);
};

function parseError(text: string): RulesError {
  try {
    parseRulesFile('bad.rules', text);
  } catch (err) {
    if (err instanceof RulesError) return err;
    throw err;
  }
  throw new Error('expected a RulesError');
}

describe('sandbox: exec-policy rules language', () => {
  it('parses the documented example with comments, keywords, trailing commas and both example forms', () => {
    const policy = parse(`
# Prompt before running commands with the prefix \`gh pr view\` outside the sandbox.
prefix_rule(
    # The prefix to match.
    pattern = ["gh", "pr", "view"],
    decision = "prompt",
    justification = "Viewing PRs is allowed with approval",
    match = [
        "gh pr view 7888",
        "gh pr view --repo openai/codex",
        ["gh", "pr", "view", "7888", "--json", "title,body,comments"],
    ],
    not_match = [
        # Does not match because the \`pattern\` must be an exact prefix.
        "gh pr --repo openai/codex view 7888",
    ],
)
prefix_rule(pattern=["git", ["push", "commit"]], decision="forbidden", justification='Use jj.')
prefix_rule(["ls"])
`);
    assert.equal(policy.rules.length, 3);
    assert.deepEqual(policy.check(['gh', 'pr', 'view', '1']).decision, 'prompt');
    assert.deepEqual(policy.check(['git', 'commit', '-m', 'x']).decision, 'forbidden');
    assert.deepEqual(policy.check(['git', 'status']).decision, null);
    assert.deepEqual(policy.check(['ls', '-la']).decision, 'allow');
    assert.deepEqual(policy.rules[0]?.source, { file: 'test.rules', line: 3 });
  });

  it('supports variables, + on lists and strings, raw and triple-quoted strings, escapes, line continuations', () => {
    const policy = parse(`GIT = "git"
READ = ["status", "diff"] + ["log"]
prefix_rule(pattern = [GIT, READ], justification = "read " + 'only')
prefix_rule(pattern = [r"C:\\tools\\x.exe"], decision = """prompt""")
prefix_rule(pattern = ["echo", "tab\\there", "\\u00e9\\x41"]) ; prefix_rule(pattern = \\
  ["true"])
`);
    assert.equal(policy.check(['git', 'log']).decision, 'allow');
    assert.equal(policy.rules[0]?.justification, 'read only');
    assert.equal(policy.check(['C:\\tools\\x.exe']).decision, 'prompt');
    assert.equal(policy.check(['echo', 'tab\there', 'éA']).decision, 'allow');
    assert.equal(policy.check(['true']).decision, 'allow');
  });

  it('reports syntax and semantic errors with file:line:column', () => {
    const cases: [string, RegExp][] = [
      ['prefix_rule(pattern=["a"]', /^bad\.rules:1:\d+: expected ',' or '\)'/],
      ['\n\nprefix_rule(pattern=["a"], decision="maybe")', /^bad\.rules:3:\d+: invalid decision 'maybe'/],
      ['prefix_rule(pattern=[])', /^bad\.rules:1:13: pattern cannot be empty/],
      ['prefix_rule(pattern=[[]])', /pattern alternatives cannot be empty/],
      ['prefix_rule(pattern=[1])', /pattern element must be a string or list of strings \(got int\)/],
      ['prefix_rule(pattern=["a"], justification="  ")', /justification cannot be empty/],
      ['prefix_rule(pattern=["a"], colour="red")', /unexpected keyword argument 'colour'/],
      ['prefix_rule(decision="allow")', /missing required argument 'pattern'/],
      ['prefix_rule(pattern=["a"], pattern=["b"])', /multiple values for argument 'pattern'/],
      ['shell_rule(pattern=["a"])', /^bad\.rules:1:1: unknown function 'shell_rule'/],
      ['x = y', /name 'y' is not defined/],
      ['prefix_rule(pattern=["a"] + "b")', /unsupported operand types for \+: list and string/],
      ['def f():\n  pass', /'def' is not supported/],
      ['prefix_rule(pattern=["a"]) prefix_rule(pattern=["b"])', /expected end of statement/],
      ['"unterminated', /^bad\.rules:1:1: unterminated string/],
      ['prefix_rule(pattern=["a\\q"])', /invalid escape sequence/],
      ['prefix_rule(pattern=["git"], match=["git status"], not_match=["git"])', /not_match example \["git"\] matches this rule/],
      ['prefix_rule(pattern=["git", "push"], match=["git pull"])', /^bad\.rules:1:1: match example \["git","pull"\] does not match this rule/],
      ['prefix_rule(pattern=["a"], match=["\'open"])', /example string has invalid shell syntax/],
      ['host_executable(name="git", paths=["/usr/bin/hg"])', /must have basename `git`/],
      ['host_executable(name="git", paths=["bin/git"])', /must be absolute/],
      ['network_rule(host="", protocol="https", decision="allow")', /host cannot be empty/],
      ['prefix_rule(pattern=["a"], decision=True)', /decision must be a string \(got bool\)/],
    ];
    for (const [text, expected] of cases) assert.match(parseError(text).message, expected, text);
    const err = parseError('\nprefix_rule(\n  pattern=["a"],\n  decision="nope")');
    assert.deepEqual([err.file, err.line], ['bad.rules', 4]);
  });

  it('host_executable: absolute paths fall back to basename rules only for listed paths', () => {
    const open = parse('prefix_rule(pattern=["git", "status"])');
    assert.equal(open.check(['/usr/bin/git', 'status']).decision, 'allow');
    const match = open.matchesFor(['/usr/bin/git', 'status'])[0];
    assert.equal(match?.type === 'prefixRuleMatch' && match.resolvedProgram, '/usr/bin/git');
    const pinned = parse('prefix_rule(pattern=["git", "status"])\nhost_executable(name="git", paths=["/usr/bin/git", "~/bin/git"])');
    assert.equal(pinned.check(['/usr/bin/git', 'status']).decision, 'allow');
    assert.equal(pinned.check(['/home/me/bin/git', 'status']).decision, 'allow');
    assert.equal(pinned.check(['/tmp/evil/git', 'status']).decision, null);
    assert.equal(pinned.check(['git', 'status']).decision, 'allow');
  });

  it('network_rule is accepted (deny means forbidden) and does not affect commands', () => {
    const r = parseRulesFile('n.rules', 'network_rule(host="API.example.com", protocol="https", decision="deny", justification="no")');
    assert.deepEqual(r.networkRules, [{ host: 'api.example.com', protocol: 'https', decision: 'forbidden', justification: 'no' }]);
    assert.equal(r.rules.length, 0);
  });
});

describe('sandbox: exec-policy evaluation', () => {
  const policy = parse(`
prefix_rule(pattern=["git"], decision="prompt")
prefix_rule(pattern=["git", "push"], decision="forbidden", justification="never push")
prefix_rule(pattern=["git", "status"], decision="allow")
prefix_rule(pattern=[["npm", "pnpm"], "test"])
`);

  it('reports every matching rule and takes the strictest decision', () => {
    const e = policy.check(['git', 'push', 'origin']);
    assert.equal(e.decision, 'forbidden');
    assert.deepEqual(
      e.matchedRules.map((m) => (m.type === 'prefixRuleMatch' ? [m.matchedPrefix.join(' '), m.decision] : null)),
      [['git', 'prompt'], ['git push', 'forbidden']],
    );
    assert.equal(policy.check(['git', 'status']).decision, 'prompt');
    assert.equal(policy.check(['pnpm', 'test', '--watch']).decision, 'allow');
    assert.equal(policy.check(['pnpm']).decision, null);
    assert.equal(strictest('allow', 'prompt'), 'prompt');
    assert.equal(strictest(null, 'allow'), 'allow');
  });

  it('falls back to the heuristic for unmatched commands and merges several commands', () => {
    const e = policy.checkMultiple([['npm', 'test'], ['rm', 'x']], () => 'prompt');
    assert.equal(e.decision, 'prompt');
    assert.deepEqual(e.matchedRules[1], { type: 'heuristicsRuleMatch', command: ['rm', 'x'], decision: 'prompt' });
    assert.equal(policy.checkMultiple([['npm', 'test'], ['ls']], () => 'allow').decision, 'allow');
  });

  it('withPrefixRule and overlay return new policies', () => {
    const amended = policy.withPrefixRule(['cargo', 'test'], 'allow');
    assert.equal(amended.check(['cargo', 'test']).decision, 'allow');
    assert.equal(policy.check(['cargo', 'test']).decision, null);
    const admin = requirementsPolicy([
      { pattern: [{ token: 'rm' }], decision: 'forbidden', justification: 'Use git clean -fd instead.' },
      { pattern: [{ any_of: ['bash', 'sh'] }], decision: 'prompt' },
      { pattern: [{ token: 'npm' }, { any_of: ['test'] }], decision: 'prompt' },
    ]);
    const merged = policy.overlay(admin);
    assert.equal(merged.check(['rm', '-rf', 'x']).decision, 'forbidden');
    assert.equal(merged.check(['sh', '-c', 'x']).decision, 'prompt');
    assert.equal(merged.check(['npm', 'test']).decision, 'prompt', 'most restrictive wins over the allow rule');
  });
});

describe('sandbox: loading rules and amendments', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'sandbox-rules-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('loads *.rules of every layer in order, skipping a broken file with its error', () => {
    const home = path.join(dir, 'home');
    const project = path.join(dir, 'proj', '.codex');
    mkdirSync(path.join(home, 'rules'), { recursive: true });
    mkdirSync(path.join(project, 'rules'), { recursive: true });
    writeFileSync(path.join(home, 'rules', 'b.rules'), 'prefix_rule(pattern=["make"])\n');
    writeFileSync(path.join(home, 'rules', 'a.rules'), 'prefix_rule(pattern=["make", "clean"], decision="prompt")\n');
    writeFileSync(path.join(home, 'rules', 'notes.txt'), 'ignored');
    writeFileSync(path.join(project, 'rules', 'broken.rules'), 'prefix_rule(pattern=["rm"], decision="forbidden")\nprefix_rule(pattern=["x"], decision="nah")\n');
    const result = loadExecPolicy({ configFolders: [path.join(dir, 'none'), home, project], requirementsRules: [{ pattern: [{ token: 'make' }, { token: 'deploy' }], decision: 'forbidden' }] });
    assert.deepEqual(result.files, [path.join(home, 'rules', 'a.rules'), path.join(home, 'rules', 'b.rules')]);
    assert.equal(result.errors.length, 1);
    assert.match(result.errors[0]?.message ?? '', /broken\.rules:2:\d+: invalid decision 'nah'/);
    assert.equal(result.policy.check(['make', 'clean']).decision, 'prompt');
    assert.equal(result.policy.check(['make', 'deploy']).decision, 'forbidden');
    assert.equal(result.policy.check(['rm', 'x']).decision, null, 'the broken file is left out as a whole');
  });

  it('appends amendments exactly like Codex: JSON-quoted tokens, folder created, newline fixed, no duplicates', async () => {
    const file = defaultRulesFile(path.join(dir, 'codex-home'));
    assert.equal(formatAllowPrefixRule(['echo', 'Hello, world!']), 'prefix_rule(pattern=["echo", "Hello, world!"], decision="allow")');
    assert.equal(await appendAllowPrefixRule(file, ['echo', 'Hello, world!']), true);
    assert.equal(readFileSync(file, 'utf8'), 'prefix_rule(pattern=["echo", "Hello, world!"], decision="allow")\n');
    writeFileSync(file, 'prefix_rule(pattern=["ls"], decision="allow")');
    await Promise.all([appendAllowPrefixRule(file, ['cargo', 'test']), appendAllowPrefixRule(file, ['cargo', 'test']), appendAllowPrefixRule(file, ['say "hi"\n'])]);
    const text = readFileSync(file, 'utf8');
    assert.equal(
      text,
      'prefix_rule(pattern=["ls"], decision="allow")\nprefix_rule(pattern=["cargo", "test"], decision="allow")\nprefix_rule(pattern=["say \\"hi\\"\\n"], decision="allow")\n',
    );
    // What we write reads back as the same rules.
    const reread = policyFromTexts([{ file, text }]);
    assert.deepEqual(reread.errors, []);
    assert.equal(reread.policy.check(['say "hi"\n', 'x']).decision, 'allow');
    await assert.rejects(appendAllowPrefixRule(file, []), /at least one token/);
  });

  it('splits example strings like shlex', () => {
    assert.deepEqual(splitShellWords(`git commit -m "a \\"b\\" c" 'd e' f\\ g`), ['git', 'commit', '-m', 'a "b" c', 'd e', 'f g']);
    assert.deepEqual(splitShellWords('  '), []);
    assert.equal(splitShellWords('"open'), null);
  });
});
