// The live exec policy store (server/sandbox/execpolicy/store.ts): loads the layers' rules,
// applies an acceptWithExecpolicyAmendment immediately and persists it to default.rules, so a
// reload (a new thread, a restart) keeps it; plus the windowsSandbox/setupStart answer.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { decideCommand } from '../../server/sandbox/approvals';
import { ExecPolicyStore } from '../../server/sandbox/execpolicy/store';
import { windowsSandboxSetup } from '../../server/sandbox/windows';

describe('sandbox: exec policy store', () => {
  let home: string;
  beforeEach(() => {
    home = mkdtempSync(path.join(tmpdir(), 'sandbox-store-'));
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  it('an accepted amendment applies at once, is written to default.rules and survives a reload', async () => {
    mkdirSync(path.join(home, 'rules'));
    writeFileSync(path.join(home, 'rules', 'team.rules'), 'prefix_rule(pattern=["git", "push"], decision="forbidden")\n');
    const store = new ExecPolicyStore({ codexHome: home, configFolders: () => [home] });
    const ask = () => decideCommand({ argv: ['/bin/bash', '-lc', 'cargo test'], approvalPolicy: 'untrusted', sandbox: { type: 'readOnly', networkAccess: false }, rules: store.current() });
    assert.equal(ask().type, 'ask');
    await store.addAllowRule(['cargo', 'test']);
    assert.deepEqual(ask(), { type: 'allow', run: 'unsandboxed', sessionApproved: false, proposedExecpolicyAmendment: null });
    assert.equal(readFileSync(store.rulesFile, 'utf8'), 'prefix_rule(pattern=["cargo", "test"], decision="allow")\n');
    await store.addAllowRule(['cargo', 'test']);
    assert.equal(store.current().rules.filter((r) => r.first === 'cargo').length, 1, 'not added twice');
    const restarted = new ExecPolicyStore({ codexHome: home, configFolders: () => [home] });
    assert.equal(restarted.current().check(['cargo', 'test', '-p', 'x']).decision, 'allow');
    assert.equal(restarted.current().check(['git', 'push']).decision, 'forbidden');
    assert.deepEqual(restarted.loadErrors(), []);
  });

  it('reports broken rules files as load errors and keeps the rest', () => {
    mkdirSync(path.join(home, 'rules'));
    writeFileSync(path.join(home, 'rules', 'bad.rules'), 'prefix_rule(pattern=')
    const store = new ExecPolicyStore({ codexHome: home, configFolders: () => [home], requirementsRules: () => [{ pattern: [{ token: 'rm' }], decision: 'forbidden' }] });
    assert.equal(store.loadErrors().length, 1);
    assert.match(store.loadErrors()[0]?.message ?? '', /bad\.rules:1:\d+:/);
    assert.equal(store.current().check(['rm', 'x']).decision, 'forbidden');
  });
});

describe('sandbox: windowsSandbox/setupStart', () => {
  it('starts, then reports failure pointing at WSL', () => {
    const win = windowsSandboxSetup('elevated', 'win32');
    assert.deepEqual(win.result, { started: true });
    assert.equal(win.completed.mode, 'elevated');
    assert.equal(win.completed.success, false);
    assert.match(win.completed.error ?? '', /WSL2/);
    assert.match(windowsSandboxSetup('unelevated', 'linux').completed.error ?? '', /bubblewrap/);
  });
});
