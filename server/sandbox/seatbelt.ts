// macOS backend, pure: a resolved sandbox + the command → `/usr/bin/sandbox-exec -p PROFILE
// -DNAME=VALUE … -- ARGV…`. The profile (SBPL, our own text) denies by default, lets the command
// read everything, write only /dev/null-like devices and its writable roots minus the protected
// paths, and — when the network is on — use sockets and the DNS/TLS services. Every path of the
// policy reaches the profile as a `-D` parameter (`(param "WRITABLE_ROOT_0")`), never as text, so
// the profile cannot be injected into and no path length limit applies. Protected paths are denied
// with both `literal` (the path itself, so it cannot be created) and `subpath` (everything below).
// sandbox-exec is always invoked by absolute path, never looked up on PATH.
import { type ResolvedSandbox } from './policy';

export const SANDBOX_EXEC_PATH = '/usr/bin/sandbox-exec';

/** Environment variables a command gets under Seatbelt (as Codex sets them). */
export const SEATBELT_ENV: Readonly<Record<string, string>> = Object.freeze({ CODEX_SANDBOX: 'seatbelt' });

const BASE_PROFILE = `(version 1)
(deny default)

; Processes may start and signal processes of the same sandbox only.
(allow process-exec)
(allow process-fork)
(allow signal (target same-sandbox))
(allow process-info* (target same-sandbox))

; Reading is unrestricted.
(allow file-read*)

; Devices every program expects to write.
(allow file-write-data file-ioctl
  (literal "/dev/null")
  (literal "/dev/zero")
  (literal "/dev/dtracehelper"))

; Terminals.
(allow pseudo-tty)
(allow file-read* file-write* file-ioctl
  (literal "/dev/ptmx")
  (literal "/dev/tty")
  (regex #"^/dev/ttys[0-9]+$"))

; System facts that runtimes ask for (CPU count and model, memory size, OS version).
(allow sysctl-read
  (sysctl-name-prefix "hw.")
  (sysctl-name-prefix "kern.")
  (sysctl-name "machdep.cpu.brand_string")
  (sysctl-name "sysctl.proc_cputype")
  (sysctl-name "vm.loadavg"))
(allow iokit-open (iokit-registry-entry-class "RootDomainUserClient"))

; User and preference lookups, power assertions.
(allow mach-lookup
  (global-name "com.apple.system.opendirectoryd.libinfo")
  (global-name "com.apple.PowerManagement.control")
  (global-name "com.apple.cfprefsd.daemon")
  (global-name "com.apple.cfprefsd.agent"))
(allow user-preference-read)

; POSIX semaphores (Python multiprocessing) and the OpenMP runtime's shared memory.
(allow ipc-posix-sem)
(allow ipc-posix-shm-read* ipc-posix-shm-write-create ipc-posix-shm-write-data
  (ipc-posix-name-prefix "__KMP_REGISTERED_LIB_"))
`;

const NETWORK_PROFILE = `
; Network access.
(allow network-outbound)
(allow network-inbound)
(allow system-socket)
(allow mach-lookup
  (global-name "com.apple.bsd.dirhelper")
  (global-name "com.apple.system.opendirectoryd.membership")
  (global-name "com.apple.SecurityServer")
  (global-name "com.apple.networkd")
  (global-name "com.apple.ocspd")
  (global-name "com.apple.trustd.agent")
  (global-name "com.apple.SystemConfiguration.DNSConfiguration")
  (global-name "com.apple.SystemConfiguration.configd"))
(allow sysctl-read (sysctl-name-regex #"^net\\.routetable"))
`;

export interface SeatbeltCommand {
  file: string;
  args: string[];
  profile: string;
  /** Parameter name → value, in the order passed. */
  params: [string, string][];
}

/** Builds the profile and the sandbox-exec argv for a restricted sandbox. */
export function seatbeltCommand(resolved: Extract<ResolvedSandbox, { type: 'restricted' }>, argv: readonly string[]): SeatbeltCommand {
  if (argv.length === 0) throw new Error('seatbeltCommand: empty command');
  const params: [string, string][] = [];
  const clauses: string[] = [];
  resolved.writableRoots.forEach((root, i) => {
    const rootParam = `WRITABLE_ROOT_${i}`;
    params.push([rootParam, root.path]);
    if (root.protected.length === 0) {
      clauses.push(`  (subpath (param "${rootParam}"))`);
      return;
    }
    const excluded = root.protected.map((mount, j) => {
      const name = `${rootParam}_RO_${j}`;
      params.push([name, mount.path]);
      return `    (require-not (literal (param "${name}")))\n    (require-not (subpath (param "${name}")))`;
    });
    clauses.push(`  (require-all\n    (subpath (param "${rootParam}"))\n${excluded.join('\n')})`);
  });
  let profile = BASE_PROFILE;
  if (clauses.length > 0) profile += `\n; Writable roots, minus their protected paths.\n(allow file-write*\n${clauses.join('\n')})\n`;
  if (resolved.network) profile += NETWORK_PROFILE;
  const args = ['-p', profile, ...params.map(([k, v]) => `-D${k}=${v}`), '--', ...argv];
  return { file: SANDBOX_EXEC_PATH, args, profile, params };
}
