// The seccomp filter for sandboxed commands on Linux, generated as a raw classic-BPF program
// (`struct sock_filter[]`: u16 code, u8 jt, u8 jf, u32 k, little-endian) that `bwrap --seccomp FD`
// installs right before it execs the command. No native code: the program is a Buffer.
//
//   network off ("restricted"): deny connect, accept, accept4, bind, listen, ptrace,
//     process_vm_readv/writev and io_uring_*; socket/socketpair only with domain AF_UNIX. This is
//     Codex's restricted mode minus shutdown/sendto/get-setsockopt/getsockname/getpeername/
//     sendmmsg/recvmmsg — a deliberate deviation: those only act on sockets a process already
//     holds, and denying them breaks Node's execSync (shutdown on its stdin socketpair) and
//     Python's socketpair().send(). No new channel to the outside can be opened either way.
//   network on ("vsock"): deny socket/socketpair(AF_VSOCK) and io_uring — VM sockets reach host
//     services outside the sandbox (and Windows processes under WSL2).
//   denyUserns (bwrap without --disable-userns): also deny unshare/clone with CLONE_NEWUSER and
//     make clone3 fail with ENOSYS so libc falls back to clone.
// A matched rule returns EPERM; a foreign architecture is killed; x32 syscalls on x86_64 get EPERM.

export type SeccompArch = 'x64' | 'arm64';
export type SeccompMode = 'restricted' | 'vsock';

export interface SeccompOptions {
  arch: SeccompArch;
  mode: SeccompMode;
  /** Add the nested-user-namespace rules (for bwrap builds without --disable-userns). */
  denyUserns?: boolean;
}

// BPF opcodes.
export const BPF_LD_W_ABS = 0x20;
export const BPF_JMP_JEQ_K = 0x15;
export const BPF_JMP_JGE_K = 0x35;
export const BPF_JMP_JSET_K = 0x45;
export const BPF_RET_K = 0x06;

// seccomp return values and the seccomp_data layout.
export const SECCOMP_RET_ALLOW = 0x7fff0000;
export const SECCOMP_RET_ERRNO = 0x00050000;
export const SECCOMP_RET_KILL_PROCESS = 0x80000000;
export const EPERM = 1;
export const ENOSYS = 38;
export const OFFSET_NR = 0;
export const OFFSET_ARCH = 4;
export const OFFSET_ARG0_LOW = 16;

export const AF_UNIX = 1;
export const AF_VSOCK = 40;
export const CLONE_NEWUSER = 0x10000000;

interface ArchTable {
  audit: number;
  /** Syscall numbers at or above this belong to another ABI (x32 on x86_64). */
  foreignAbiBase?: number;
  nr: Record<Syscall, number>;
}

type Syscall =
  | 'socket' | 'socketpair' | 'connect' | 'accept' | 'accept4' | 'bind' | 'listen'
  | 'ptrace' | 'process_vm_readv' | 'process_vm_writev'
  | 'io_uring_setup' | 'io_uring_enter' | 'io_uring_register'
  | 'unshare' | 'clone' | 'clone3';

export const ARCHES: Readonly<Record<SeccompArch, ArchTable>> = {
  x64: {
    audit: 0xc000003e,
    foreignAbiBase: 0x40000000,
    nr: {
      socket: 41, connect: 42, accept: 43, bind: 49, listen: 50, socketpair: 53, accept4: 288,
      ptrace: 101, process_vm_readv: 310, process_vm_writev: 311,
      io_uring_setup: 425, io_uring_enter: 426, io_uring_register: 427,
      unshare: 272, clone: 56, clone3: 435,
    },
  },
  arm64: {
    audit: 0xc00000b7,
    nr: {
      socket: 198, socketpair: 199, bind: 200, listen: 201, accept: 202, connect: 203, accept4: 242,
      ptrace: 117, process_vm_readv: 270, process_vm_writev: 271,
      io_uring_setup: 425, io_uring_enter: 426, io_uring_register: 427,
      unshare: 97, clone: 220, clone3: 435,
    },
  },
};

const IO_URING: readonly Syscall[] = ['io_uring_setup', 'io_uring_enter', 'io_uring_register'];

/** Syscalls denied outright (EPERM) per mode. */
export const DENIED_SYSCALLS: Readonly<Record<SeccompMode, readonly Syscall[]>> = {
  restricted: ['connect', 'accept', 'accept4', 'bind', 'listen', 'ptrace', 'process_vm_readv', 'process_vm_writev', ...IO_URING],
  vsock: [...IO_URING],
};

/** The seccomp architecture for a Node `process.arch`, or null when unsupported. */
export function seccompArchFor(nodeArch: string): SeccompArch | null {
  return nodeArch === 'x64' || nodeArch === 'arm64' ? nodeArch : null;
}

export interface BpfInstruction {
  code: number;
  k: number;
  jt: number;
  jf: number;
}

type Target = 'next' | 'ALLOW' | 'DENY' | 'ENOSYS' | 'KILL' | 'SOCKET' | 'USERNS';

interface Pending {
  code: number;
  k: number;
  jt: Target;
  jf: Target;
  label?: Target;
}

/** The filter as instructions (exported for tests and the disassembler). */
export function seccompInstructions(options: SeccompOptions): BpfInstruction[] {
  const arch = ARCHES[options.arch];
  const prog: Pending[] = [];
  const emit = (code: number, k: number, jt: Target = 'next', jf: Target = 'next', label?: Target): void => {
    prog.push({ code, k, jt, jf, ...(label ? { label } : {}) });
  };
  emit(BPF_LD_W_ABS, OFFSET_ARCH);
  emit(BPF_JMP_JEQ_K, arch.audit, 'next', 'KILL');
  emit(BPF_LD_W_ABS, OFFSET_NR);
  if (arch.foreignAbiBase !== undefined) emit(BPF_JMP_JGE_K, arch.foreignAbiBase, 'DENY', 'next');
  for (const name of DENIED_SYSCALLS[options.mode]) emit(BPF_JMP_JEQ_K, arch.nr[name], 'DENY', 'next');
  emit(BPF_JMP_JEQ_K, arch.nr.socket, 'SOCKET', 'next');
  emit(BPF_JMP_JEQ_K, arch.nr.socketpair, 'SOCKET', 'next');
  if (options.denyUserns) {
    emit(BPF_JMP_JEQ_K, arch.nr.clone3, 'ENOSYS', 'next');
    emit(BPF_JMP_JEQ_K, arch.nr.unshare, 'USERNS', 'next');
    emit(BPF_JMP_JEQ_K, arch.nr.clone, 'USERNS', 'next');
  }
  emit(BPF_RET_K, SECCOMP_RET_ALLOW);
  // socket/socketpair: the domain is the low 32 bits of args[0].
  emit(BPF_LD_W_ABS, OFFSET_ARG0_LOW, 'next', 'next', 'SOCKET');
  if (options.mode === 'vsock') emit(BPF_JMP_JEQ_K, AF_VSOCK, 'DENY', 'ALLOW');
  else emit(BPF_JMP_JEQ_K, AF_UNIX, 'ALLOW', 'DENY');
  if (options.denyUserns) {
    // unshare(flags) / clone(flags, …): the flags are args[0] on both architectures.
    emit(BPF_LD_W_ABS, OFFSET_ARG0_LOW, 'next', 'next', 'USERNS');
    emit(BPF_JMP_JSET_K, CLONE_NEWUSER, 'DENY', 'ALLOW');
    emit(BPF_RET_K, SECCOMP_RET_ERRNO | ENOSYS, 'next', 'next', 'ENOSYS');
  }
  emit(BPF_RET_K, SECCOMP_RET_ALLOW, 'next', 'next', 'ALLOW');
  emit(BPF_RET_K, SECCOMP_RET_ERRNO | EPERM, 'next', 'next', 'DENY');
  emit(BPF_RET_K, SECCOMP_RET_KILL_PROCESS, 'next', 'next', 'KILL');

  const labels = new Map<Target, number>();
  prog.forEach((ins, i) => {
    if (ins.label) labels.set(ins.label, i);
  });
  const offset = (target: Target, at: number): number => {
    if (target === 'next') return 0;
    const dest = labels.get(target);
    if (dest === undefined || dest <= at) throw new Error(`seccomp: bad jump to ${target}`);
    const rel = dest - at - 1;
    if (rel > 255) throw new Error('seccomp: jump too far');
    return rel;
  };
  return prog.map((ins, i) => ({ code: ins.code, k: ins.k >>> 0, jt: offset(ins.jt, i), jf: offset(ins.jf, i) }));
}

/** The filter as the raw bytes `bwrap --seccomp` reads. */
export function seccompProgram(options: SeccompOptions): Buffer {
  const instructions = seccompInstructions(options);
  const buf = Buffer.alloc(instructions.length * 8);
  instructions.forEach((ins, i) => {
    buf.writeUInt16LE(ins.code, i * 8);
    buf.writeUInt8(ins.jt, i * 8 + 2);
    buf.writeUInt8(ins.jf, i * 8 + 3);
    buf.writeUInt32LE(ins.k, i * 8 + 4);
  });
  return buf;
}

/** Decodes raw bytes back into instructions (tests, debugging). */
export function decodeSeccompProgram(buf: Buffer): BpfInstruction[] {
  if (buf.length % 8 !== 0) throw new Error('seccomp: program length is not a multiple of 8');
  const out: BpfInstruction[] = [];
  for (let off = 0; off < buf.length; off += 8) {
    out.push({ code: buf.readUInt16LE(off), jt: buf.readUInt8(off + 2), jf: buf.readUInt8(off + 3), k: buf.readUInt32LE(off + 4) });
  }
  return out;
}
