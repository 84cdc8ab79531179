// macOS Seatbelt profile builder (server/sandbox/seatbelt.ts), tested on paper: the full
// sandbox-exec argv per mode with macOS-like canonical paths (/tmp → /private/tmp, TMPDIR under
// /private/var/folders), an invariant checker (balanced S-expressions, every (param "X") has
// exactly one -DX= and vice versa, no policy path inside the profile text, network rules iff the
// network is on, read-only writes only devices) and a tiny evaluator of the subset we emit that
// answers "may the command write P?" for a table of paths.
import { strict as assert } from 'node:assert';
import { createMemorySandboxFs } from '../../server/sandbox/memoryFs';
import { resolveSandbox, type ResolvedSandbox } from '../../server/sandbox/policy';
import { SANDBOX_EXEC_PATH, seatbeltCommand } from '../../server/sandbox/seatbelt';
import type { SandboxPolicy } from '../../server/protocol/common';

type SExpr = string | { str: string } | { regex: string } | SExpr[];

function parseSexprs(text: string): SExpr[] {
  let i = 0;
  const out: SExpr[] = [];
  const stack: SExpr[][] = [out];
  while (i < text.length) {
    const c = text[i] as string;
    if (c === ';') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (/\s/.test(c)) i++;
    else if (c === '(') {
      const list: SExpr[] = [];
      (stack[stack.length - 1] as SExpr[]).push(list);
      stack.push(list);
      i++;
    } else if (c === ')') {
      assert.ok(stack.length > 1, 'unbalanced )');
      stack.pop();
      i++;
    } else if (c === '"' || text.startsWith('#"', i)) {
      const isRegex = c === '#';
      i += isRegex ? 2 : 1;
      let s = '';
      while (text[i] !== '"') {
        if (text[i] === '\\') s += text[i++];
        s += text[i++];
        assert.ok(i < text.length, 'unterminated string');
      }
      i++;
      (stack[stack.length - 1] as SExpr[]).push(isRegex ? { regex: s } : { str: s });
    } else {
      let atom = '';
      while (i < text.length && !/[\s()]/.test(text[i] as string)) atom += text[i++];
      (stack[stack.length - 1] as SExpr[]).push(atom);
    }
  }
  assert.equal(stack.length, 1, 'unbalanced (');
  return out;
}

const strOf = (e: SExpr | undefined): string => {
  assert.ok(e !== undefined && typeof e === 'object' && !Array.isArray(e) && 'str' in e, 'expected a string');
  return e.str;
};

/** Evaluates one filter of the emitted subset for `target`. */
function matches(filter: SExpr, target: string, params: Map<string, string>): boolean {
  assert.ok(Array.isArray(filter), 'filter must be a list');
  const [head, ...rest] = filter;
  const value = (e: SExpr | undefined): string => {
    if (Array.isArray(e) && e[0] === 'param') return params.get(strOf(e[1])) as string;
    return strOf(e);
  };
  switch (head) {
    case 'literal':
      return target === value(rest[0]);
    case 'subpath': {
      const base = value(rest[0]);
      return target === base || target.startsWith(`${base}/`);
    }
    case 'regex':
      return new RegExp((rest[0] as { regex: string }).regex.replace(/\\\\/g, '\\')).test(target);
    case 'require-all':
      return rest.every((f) => matches(f, target, params));
    case 'require-not':
      return !matches(rest[0] as SExpr, target, params);
    default:
      throw new Error(`unexpected filter ${String(head)}`);
  }
}

function mayWrite(profile: string, params: Map<string, string>, target: string): boolean {
  for (const form of parseSexprs(profile)) {
    if (!Array.isArray(form) || form[0] !== 'allow') continue;
    const ops = form.slice(1).filter((x): x is string => typeof x === 'string');
    if (!ops.some((op) => op === 'file-write*' || op === 'file-write-data')) continue;
    const filters = form.slice(1).filter((x) => Array.isArray(x));
    if (filters.length === 0 || filters.some((f) => matches(f, target, params))) return true;
  }
  return false;
}

function checkInvariants(args: string[], profile: string, network: boolean, policyPaths: string[]): Map<string, string> {
  assert.equal(args[0], '-p');
  assert.equal(args[1], profile);
  const dash = args.indexOf('--');
  const defines = args.slice(2, dash);
  const params = new Map<string, string>();
  for (const d of defines) {
    const m = /^-D([A-Z0-9_]+)=(.*)$/s.exec(d);
    assert.ok(m, `bad define ${d}`);
    assert.ok(!params.has(m[1] as string), `duplicate -D${m[1]}`);
    params.set(m[1] as string, m[2] as string);
  }
  parseSexprs(profile);
  const used = new Set([...profile.matchAll(/\(param "([A-Z0-9_]+)"\)/g)].map((m) => m[1] as string));
  assert.deepEqual([...used].sort(), [...params.keys()].sort(), 'every param defined once and every define used');
  for (const p of policyPaths) assert.ok(!profile.includes(p), `policy path ${p} must not appear in the profile text`);
  assert.equal(/\(allow network-outbound\)/.test(profile), network, 'network rules iff network on');
  assert.equal(/\(allow system-socket\)/.test(profile), network);
  return params;
}

const fs = createMemorySandboxFs({
  '/private/tmp': 'dir',
  '/tmp': { symlink: 'private/tmp' },
  '/private/var/folders/xy/T': 'dir',
  '/var': { symlink: 'private/var' },
  '/Users/me/My Proj (1)+[x]/.git': 'dir',
  '/Users/me/My Proj (1)+[x]/src': 'dir',
  '/Users/me/extra': 'dir',
});
const WS = '/Users/me/My Proj (1)+[x]';
const env = { TMPDIR: '/var/folders/xy/T' };

function resolve(policy: SandboxPolicy): Extract<ResolvedSandbox, { type: 'restricted' }> {
  return resolveSandbox(policy, { cwd: WS, env, fs }) as Extract<ResolvedSandbox, { type: 'restricted' }>;
}

describe('sandbox: Seatbelt profile (macOS)', () => {
  const wsPolicy: SandboxPolicy = { type: 'workspaceWrite', writableRoots: ['/Users/me/extra'], networkAccess: false, excludeSlashTmp: false, excludeTmpdirEnvVar: false };

  it('workspace-write: argv snapshot with canonical /private paths as parameters', () => {
    const cmd = seatbeltCommand(resolve(wsPolicy), ['/bin/zsh', '-lc', 'make']);
    assert.equal(cmd.file, SANDBOX_EXEC_PATH);
    assert.deepEqual(cmd.args.slice(2), [
      `-DWRITABLE_ROOT_0=${WS}`,
      `-DWRITABLE_ROOT_0_RO_0=${WS}/.git`,
      `-DWRITABLE_ROOT_0_RO_1=${WS}/.codex`,
      `-DWRITABLE_ROOT_0_RO_2=${WS}/.agents`,
      '-DWRITABLE_ROOT_1=/Users/me/extra',
      '-DWRITABLE_ROOT_1_RO_0=/Users/me/extra/.git',
      '-DWRITABLE_ROOT_1_RO_1=/Users/me/extra/.codex',
      '-DWRITABLE_ROOT_1_RO_2=/Users/me/extra/.agents',
      '-DWRITABLE_ROOT_2=/private/tmp',
      '-DWRITABLE_ROOT_2_RO_0=/private/tmp/.git',
      '-DWRITABLE_ROOT_2_RO_1=/private/tmp/.codex',
      '-DWRITABLE_ROOT_2_RO_2=/private/tmp/.agents',
      '-DWRITABLE_ROOT_3=/private/var/folders/xy/T',
      '-DWRITABLE_ROOT_3_RO_0=/private/var/folders/xy/T/.git',
      '-DWRITABLE_ROOT_3_RO_1=/private/var/folders/xy/T/.codex',
      '-DWRITABLE_ROOT_3_RO_2=/private/var/folders/xy/T/.agents',
      '--',
      '/bin/zsh',
      '-lc',
      'make',
    ]);
    assert.match(cmd.profile, /^\(version 1\)\n\(deny default\)/);
    const params = checkInvariants(cmd.args, cmd.profile, false, [WS, '/Users/me', '/private/tmp', '/private/var']);
    const table: [string, boolean][] = [
      [`${WS}/src/a.ts`, true],
      [`${WS}/new-file`, true],
      [`${WS}/.git/config`, false],
      [`${WS}/.git`, false],
      [`${WS}/.codex`, false], // creation of a missing protected name
      [`${WS}/.codex/config.toml`, false],
      [`${WS}/.agents/x`, false],
      [`${WS}/.github/workflows/ci.yml`, true],
      ['/Users/me/extra/out.txt', true],
      ['/Users/me/extra/.git/HEAD', false],
      ['/Users/me/other/x', false],
      ['/etc/hosts', false],
      ['/private/tmp/x', true],
      ['/private/tmp/.codex/x', false],
      ['/private/var/folders/xy/T/cache', true],
      ['/dev/null', true],
    ];
    for (const [target, expected] of table) assert.equal(mayWrite(cmd.profile, params, target), expected, target);
  });

  it('exclusions remove exactly their root', () => {
    const cmd = seatbeltCommand(resolve({ ...wsPolicy, writableRoots: [], excludeSlashTmp: true, excludeTmpdirEnvVar: true }), ['ls']);
    const params = checkInvariants(cmd.args, cmd.profile, false, [WS]);
    assert.deepEqual([...params.values()].filter((v) => !v.includes('/.')), [WS]);
    assert.equal(mayWrite(cmd.profile, params, '/private/tmp/x'), false);
    assert.equal(mayWrite(cmd.profile, params, `${WS}/x`), true);
  });

  it('read-only: no parameters, only device writes; network rules only when on', () => {
    const off = seatbeltCommand(resolve({ type: 'readOnly', networkAccess: false }), ['cat', 'x']);
    assert.deepEqual(off.args.slice(2), ['--', 'cat', 'x']);
    const params = checkInvariants(off.args, off.profile, false, [WS]);
    assert.equal((off.profile.match(/file-write\*/g) ?? []).length, 1, 'only the terminal devices rule mentions file-write*');
    for (const target of [`${WS}/x`, '/private/tmp/x', '/Users/me/extra/y']) assert.equal(mayWrite(off.profile, params, target), false, target);
    assert.equal(mayWrite(off.profile, params, '/dev/null'), true);
    const on = seatbeltCommand(resolve({ type: 'readOnly', networkAccess: true }), ['curl', 'x']);
    checkInvariants(on.args, on.profile, true, [WS]);
    assert.match(on.profile, /com\.apple\.trustd\.agent/);
  });

  it('keeps hostile path text out of the profile (no injection)', () => {
    const evil = '/Users/me/a") (allow file-write* (regex #"^.*")) ;x';
    const hostile = createMemorySandboxFs({ [evil]: 'dir' });
    const r = resolveSandbox({ type: 'workspaceWrite', writableRoots: [], networkAccess: false, excludeSlashTmp: true, excludeTmpdirEnvVar: true }, { cwd: evil, env: {}, fs: hostile });
    const cmd = seatbeltCommand(r as Extract<ResolvedSandbox, { type: 'restricted' }>, ['true']);
    const params = checkInvariants(cmd.args, cmd.profile, false, [evil]);
    assert.equal(params.get('WRITABLE_ROOT_0'), evil);
    assert.equal(mayWrite(cmd.profile, params, '/etc/passwd'), false);
  });
});
