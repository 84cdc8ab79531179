// Linux backend, pure: a resolved sandbox + the command → the bubblewrap argument list.
//
//   bwrap --new-session --die-with-parent
//         --ro-bind / / --dev /dev                       whole disk read-only, minimal /dev
//         --bind ROOT ROOT …                            writable roots, parents first
//         --ro-bind P P …                               protected paths that exist
//         --perms 555 --tmpfs P --remount-ro P …        protected names that are missing
//         [--perms 000 --tmpfs /run/WSL]                WSL: hide the interop sockets
//         --unshare-user --unshare-pid --unshare-ipc --unshare-uts --unshare-cgroup-try
//         [--unshare-net]                               network off
//         [--disable-userns]                            no nested user namespaces (bwrap ≥ 0.8)
//         --proc /proc --cap-drop ALL --chdir CWD
//         --seccomp FD                                  the BPF program from seccomp.ts
//         -- ARGV…
//
// Every protected mount comes after every writable root, so a root nested in another root's
// protected path (or listed after it) can never re-open it. Mount order matters to bwrap: later
// mounts shadow earlier ones.
import { allProtectedMounts, type ResolvedSandbox } from './policy';

export interface BwrapArgsOptions {
  /** The command to run inside (argv[0] is looked up on the command's PATH by bwrap). */
  argv: readonly string[];
  /** Use `--disable-userns` (bubblewrap ≥ 0.8); otherwise the seccomp filter must deny userns. */
  disableUserns: boolean;
  /** The fd the seccomp program arrives on, or null for no filter. */
  seccompFd: number | null;
  /** Mask /run/WSL (WSL2 interop sockets) with an empty, inaccessible tmpfs. */
  maskRunWsl?: boolean;
}

/** The bwrap arguments (without the bwrap path itself) for a restricted sandbox. */
export function bwrapArgs(resolved: Extract<ResolvedSandbox, { type: 'restricted' }>, options: BwrapArgsOptions): string[] {
  if (options.argv.length === 0) throw new Error('bwrapArgs: empty command');
  const args = ['--new-session', '--die-with-parent', '--ro-bind', '/', '/', '--dev', '/dev'];
  for (const root of resolved.writableRoots) args.push('--bind', root.path, root.path);
  for (const mount of allProtectedMounts(resolved)) {
    if (mount.mode === 'bind') args.push('--ro-bind', mount.path, mount.path);
    else args.push('--perms', '555', '--tmpfs', mount.path, '--remount-ro', mount.path);
  }
  if (options.maskRunWsl) args.push('--perms', '000', '--tmpfs', '/run/WSL');
  args.push('--unshare-user', '--unshare-pid', '--unshare-ipc', '--unshare-uts', '--unshare-cgroup-try');
  if (!resolved.network) args.push('--unshare-net');
  if (options.disableUserns) args.push('--disable-userns');
  args.push('--proc', '/proc', '--cap-drop', 'ALL', '--chdir', resolved.cwd);
  if (options.seccompFd !== null) args.push('--seccomp', String(options.seccompFd));
  args.push('--', ...options.argv);
  return args;
}
