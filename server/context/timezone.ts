// The IANA name of the local time zone for the environment context. Asking Intl.DateTimeFormat
// loads ~8 MiB of ICU data into the server for one string, so on Unix we read it from TZ or the
// /etc/localtime link first and only fall back to Intl when neither names a zone.
import { readlinkSync } from 'node:fs';

const UTC_NAMES = new Set(['UTC', 'Etc/UTC', 'Etc/UCT', 'Etc/GMT', 'GMT', 'Etc/Universal', 'Etc/Zulu', 'Universal', 'Zulu']);

/** Extracts "Europe/Kyiv" from "/usr/share/zoneinfo/Europe/Kyiv" (or a TZ value like ":Europe/Kyiv"). */
export function zoneNameFrom(value: string | undefined): string | null {
  if (!value) return null;
  const cleaned = value.replace(/^:/, '');
  const marker = cleaned.lastIndexOf('zoneinfo/');
  const name = marker >= 0 ? cleaned.slice(marker + 'zoneinfo/'.length) : cleaned;
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(name)) return null;
  return UTC_NAMES.has(name) ? 'UTC' : name;
}

let cached: string | undefined;

export function localTimeZone(): string {
  if (cached !== undefined) return cached;
  let name: string | null = null;
  if (process.platform !== 'win32') {
    name = zoneNameFrom(process.env.TZ);
    if (name === null && process.env.TZ === undefined) {
      try {
        name = zoneNameFrom(readlinkSync('/etc/localtime'));
      } catch {
        name = null; // not a link (or missing): let Intl decide
      }
    }
  }
  cached = name ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  return cached;
}
