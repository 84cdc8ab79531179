// Path translation between the Windows host and a WSL distro, pure: drive paths map under the
// distro's automount root (`C:\x` ↔ `/mnt/c/x`, the root learned from `wslpath` at launch), paths
// of the distro's own file system map to its `\\wsl.localhost\<distro>\` share and back.

export interface WslPathContext {
  readonly distro: string;
  /** The automount root with a trailing slash, `/mnt/` unless /etc/wsl.conf says otherwise. */
  readonly mountRoot: string;
}

const DRIVE_PATH = /^([A-Za-z]):(?:[\\/](.*))?$/s;
const WSL_SHARE = /^[\\/]{2}(?:wsl\.localhost|wsl\$)[\\/]([^\\/]+)(?:[\\/](.*))?$/is;

/** The automount root from `wslpath -u 'C:\'` output (`/mnt/c/` → `/mnt/`), null if it is not one. */
export function mountRootFromWslpath(driveCRoot: string): string | null {
  const match = /^(\/.*?\/?)c\/?$/i.exec(driveCRoot.trim());
  if (!match) return null;
  return match[1]!.endsWith('/') ? match[1]! : `${match[1]!}/`;
}

function trimSlashes(rest: string): string {
  return rest.replace(/[\\/]+/g, '/').replace(/\/+$/, '');
}

/** A Windows path as the distro sees it; null when `hostPath` is not an absolute Windows path. */
export function windowsToLinux(hostPath: string, ctx: WslPathContext): string | null {
  const drive = DRIVE_PATH.exec(hostPath);
  if (drive) {
    const rest = trimSlashes(drive[2] ?? '');
    return `${ctx.mountRoot}${drive[1]!.toLowerCase()}${rest ? `/${rest}` : ''}`;
  }
  const share = WSL_SHARE.exec(hostPath);
  if (share && share[1]!.toLowerCase() === ctx.distro.toLowerCase()) {
    return `/${trimSlashes(share[2] ?? '')}`;
  }
  return null;
}

/** A distro path as Windows sees it; null when `serverPath` is not an absolute Linux path. */
export function linuxToWindows(serverPath: string, ctx: WslPathContext): string | null {
  if (!serverPath.startsWith('/')) return null;
  if (serverPath.startsWith(ctx.mountRoot)) {
    const match = /^([A-Za-z])(?:\/(.*))?$/s.exec(serverPath.slice(ctx.mountRoot.length));
    if (match) return `${match[1]!.toUpperCase()}:\\${(match[2] ?? '').replace(/\/+$/, '').replace(/\//g, '\\')}`;
  }
  const rest = serverPath.replace(/\/+$/, '').replace(/\//g, '\\');
  return `\\\\wsl.localhost\\${ctx.distro}${rest}`;
}

/** Both directions, leaving anything that is not an absolute path of the other side unchanged. */
export interface PathTranslator {
  toServerPath(hostPath: string): string;
  toHostPath(serverPath: string): string;
  readonly isIdentity: boolean;
}

export const IDENTITY_PATHS: PathTranslator = {
  toServerPath: (p) => p,
  toHostPath: (p) => p,
  isIdentity: true,
};

export function wslPathTranslator(ctx: WslPathContext): PathTranslator {
  return {
    toServerPath: (p) => windowsToLinux(p, ctx) ?? p,
    toHostPath: (p) => linuxToWindows(p, ctx) ?? p,
    isIdentity: false,
  };
}
