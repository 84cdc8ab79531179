// Typed, actionable sandbox errors. Every way a sandboxed command can be refused (no bubblewrap,
// user namespaces blocked, WSL1, native Windows, a protected path that is a symlink …) is a
// SandboxError with a stable `code` and a message that tells the user what to do. The runner never
// falls back to running a command unsandboxed when one of these occurs: it fails closed.

export type SandboxErrorCode =
  /** No `bwrap` executable was found outside the workspace. */
  | 'bwrapMissing'
  /** `bwrap` exists but could not set up namespaces (user namespaces disabled, AppArmor, container). */
  | 'bwrapFailed'
  /** The resolved `bwrap` lies inside a writable root, so the sandboxed command could replace it. */
  | 'bwrapInWritableRoot'
  /** WSL1 has no user namespaces. */
  | 'wsl1'
  /** Native Windows: no sandbox here, run the server inside WSL2. */
  | 'windows'
  /** macOS without /usr/bin/sandbox-exec. */
  | 'seatbeltMissing'
  /** An OS or CPU architecture this runner cannot sandbox on. */
  | 'unsupportedPlatform'
  /** A protected name (`.git`, `.codex`, `.agents`) inside a writable root is a symbolic link. */
  | 'protectedSymlink'
  /** The command's working directory does not exist. */
  | 'cwdMissing'
  /** A synthetic mount point for a missing protected name could not be created. */
  | 'mountPointFailed';

export class SandboxError extends Error {
  constructor(
    readonly code: SandboxErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SandboxError';
    Object.setPrototypeOf(this, SandboxError.prototype);
  }
}

const FULL_ACCESS_HINT = 'or, if you accept running commands without any sandbox, choose the danger-full-access sandbox mode';

export const sandboxErrors = {
  bwrapMissing(): SandboxError {
    return new SandboxError(
      'bwrapMissing',
      'Commands cannot be sandboxed: bubblewrap (bwrap) is not installed. Install it ' +
        '(Debian/Ubuntu: `sudo apt install bubblewrap`; Fedora: `sudo dnf install bubblewrap`; ' +
        `Arch: \`sudo pacman -S bubblewrap\`), ${FULL_ACCESS_HINT}.`,
    );
  },
  bwrapFailed(bwrapPath: string, detail: string): SandboxError {
    const text = detail.trim().split('\n').slice(0, 3).join(' ').slice(0, 400) || 'no error output';
    const userns = /uid map|namespace|Operation not permitted|Permission denied|RTM_NEWADDR/i.test(text);
    const hint = userns
      ? 'User namespaces appear to be blocked. Enable them (Debian: `sudo sysctl -w kernel.unprivileged_userns_clone=1`; ' +
        'Ubuntu 24.04+: `sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0` or an AppArmor profile that ' +
        'allows bwrap; containers: allow unshare/user namespaces, e.g. Docker `--security-opt seccomp=unconfined`)'
      : 'Check that bubblewrap works: `bwrap --ro-bind / / --unshare-user --unshare-net true`';
    return new SandboxError('bwrapFailed', `Commands cannot be sandboxed: ${bwrapPath} failed its self-test (${text}). ${hint}, ${FULL_ACCESS_HINT}.`);
  },
  bwrapInWritableRoot(bwrapPath: string): SandboxError {
    return new SandboxError(
      'bwrapInWritableRoot',
      `Refusing to sandbox with ${bwrapPath}: it lies inside a writable root, so a sandboxed command could replace it. ` +
        'Install bubblewrap system-wide (e.g. /usr/bin/bwrap).',
    );
  },
  wsl1(): SandboxError {
    return new SandboxError(
      'wsl1',
      'Commands cannot be sandboxed under WSL1 (it has no user namespaces). Convert the distribution to WSL2 ' +
        `(\`wsl --set-version <distro> 2\` in Windows), ${FULL_ACCESS_HINT}.`,
    );
  },
  windows(): SandboxError {
    return new SandboxError(
      'windows',
      'Commands cannot be sandboxed on native Windows. Run the agent inside WSL2, where the Linux sandbox ' +
        `(bubblewrap) applies — the VS Code extension can start the server in WSL — ${FULL_ACCESS_HINT}.`,
    );
  },
  seatbeltMissing(): SandboxError {
    return new SandboxError('seatbeltMissing', `Commands cannot be sandboxed: /usr/bin/sandbox-exec is missing, ${FULL_ACCESS_HINT}.`);
  },
  unsupportedPlatform(what: string): SandboxError {
    return new SandboxError('unsupportedPlatform', `Commands cannot be sandboxed on ${what}, ${FULL_ACCESS_HINT}.`);
  },
  protectedSymlink(path: string, target: string | null): SandboxError {
    const to = target === null ? '' : ` (pointing to ${target})`;
    return new SandboxError(
      'protectedSymlink',
      `Refusing to run sandboxed: ${path} is a symbolic link${to}, so the sandbox cannot keep it read-only. ` +
        'Replace the link with a real directory, or move it out of the writable roots.',
    );
  },
  cwdMissing(cwd: string): SandboxError {
    return new SandboxError('cwdMissing', `Cannot run sandboxed: the working directory ${cwd} does not exist.`);
  },
  mountPointFailed(path: string, detail: string): SandboxError {
    return new SandboxError('mountPointFailed', `Cannot run sandboxed: could not prepare the read-only mount point ${path} (${detail}).`);
  },
};
