// WSL detection, pure parts: decoding `wsl.exe` output (UTF-16LE unless WSL_UTF8=1), parsing the
// `wsl.exe -l -v` distro table, choosing the distro to run in (refusing WSL 1), and parsing the
// probe that finds Node.js and the Linux-side CODEX_HOME inside the distro.

export interface WslDistro {
  readonly name: string;
  readonly state: string;
  readonly version: number;
  readonly isDefault: boolean;
}

/**
 * wsl.exe writes UTF-16LE (often with a BOM) unless WSL_UTF8=1 is set; the commands it runs inside
 * a distro write whatever they write (UTF-8). Detects UTF-16 by its BOM or its NUL high bytes.
 */
export function decodeWslOutput(output: Buffer | Uint8Array): string {
  const buf = Buffer.from(output.buffer, output.byteOffset, output.byteLength);
  const hasBom = buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe;
  let nulAtOdd = 0;
  const sample = Math.min(buf.length, 512);
  for (let i = 1; i < sample; i += 2) if (buf[i] === 0) nulAtOdd++;
  const utf16 = hasBom || (sample >= 2 && nulAtOdd >= Math.floor(sample / 2) * 0.5);
  const text = utf16 ? buf.subarray(hasBom ? 2 : 0).toString('utf16le') : buf.toString('utf8');
  return text.replace(/^\uFEFF/, '').replace(/\0/g, '');
}

const ROW = /^\s*(\*)?\s*(\S+)\s+(\S.*?)\s+(\d+)\s*$/;

/** Parses the `wsl.exe -l -v` table (header in any language; rows are `[*] NAME STATE VERSION`). */
export function parseWslList(text: string): WslDistro[] {
  const distros: WslDistro[] = [];
  for (const line of text.split(/\r?\n/)) {
    const match = ROW.exec(line);
    if (!match) continue;
    distros.push({ name: match[2]!, state: match[3]!, version: Number(match[4]), isDefault: match[1] === '*' });
  }
  return distros;
}

export type DistroChoice = { readonly ok: true; readonly distro: WslDistro } | { readonly ok: false; readonly reason: string };

const INTERNAL_DISTRO = /^docker-desktop(-data)?$|^rancher-desktop(-data)?$/i;

/** The distro the server runs in: the default one, else the first WSL 2 distro that is not a tool's own. */
export function chooseDistro(distros: readonly WslDistro[]): DistroChoice {
  if (distros.length === 0) {
    return {
      ok: false,
      reason: 'No WSL distribution is installed. Install one (`wsl --install`) or turn off "Run Codex in WSL" (codex.runCodexInWindowsSubsystemForLinux).',
    };
  }
  const chosen = distros.find((d) => d.isDefault) ?? distros.find((d) => d.version === 2 && !INTERNAL_DISTRO.test(d.name)) ?? distros[0]!;
  if (chosen.version !== 2) {
    return {
      ok: false,
      reason:
        `The WSL distribution "${chosen.name}" runs WSL ${chosen.version}; Codex needs WSL 2 ` +
        `(convert it with \`wsl --set-version ${chosen.name} 2\`, or turn off codex.runCodexInWindowsSubsystemForLinux).`,
    };
  }
  return { ok: true, distro: chosen };
}

/** Marker of the probe's output lines (a login shell may print other things around them). */
export const PROBE_MARKER = 'CODEX_TS_PROBE';

/**
 * The shell script the probe runs inside the distro (through `bash -lic`, so Node from nvm/fnm set
 * up in ~/.bashrc is found): Node's path and version, and the Linux-side CODEX_HOME.
 */
export const PROBE_SCRIPT =
  `printf '${PROBE_MARKER} node=%s\\n' "$(command -v node)"; ` +
  `printf '${PROBE_MARKER} version=%s\\n' "$(node --version 2>/dev/null)"; ` +
  `printf '${PROBE_MARKER} home=%s\\n' "\${CODEX_HOME:-$HOME/.codex}"`;

export interface WslProbe {
  /** Absolute path of `node` in the distro, null when there is none. */
  readonly node: string | null;
  /** Major version of that node, null when unknown. */
  readonly nodeMajor: number | null;
  /** The CODEX_HOME the Linux side uses. */
  readonly codexHome: string | null;
}

export function parseProbeOutput(text: string): WslProbe {
  const values = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const at = line.indexOf(`${PROBE_MARKER} `);
    if (at === -1) continue;
    const rest = line.slice(at + PROBE_MARKER.length + 1);
    const eq = rest.indexOf('=');
    if (eq > 0) values.set(rest.slice(0, eq), rest.slice(eq + 1).trim());
  }
  const node = values.get('node') || null;
  const major = /^v?(\d+)\./.exec(values.get('version') ?? '');
  return { node, nodeMajor: major ? Number(major[1]) : null, codexHome: values.get('home') || null };
}

/** Node's oldest major version the bundled server runs on. */
export const MIN_NODE_MAJOR = 20;

/** Why the bundled server cannot run in the distro (null when it can). */
export function probeProblem(distro: string, probe: WslProbe): string | null {
  if (!probe.node) {
    return `Node.js was not found in the WSL distribution "${distro}". Install Node.js ${MIN_NODE_MAJOR} or newer there, or set codex.cliExecutable to a Linux codex executable.`;
  }
  if (probe.nodeMajor !== null && probe.nodeMajor < MIN_NODE_MAJOR) {
    return `Node.js in the WSL distribution "${distro}" (${probe.node}) is version ${probe.nodeMajor}; the Codex server needs ${MIN_NODE_MAJOR} or newer.`;
  }
  return null;
}
