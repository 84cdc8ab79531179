// Server logging: stderr (stdout belongs to the protocol) plus a file under $CODEX_HOME/log/ that
// feedback bundles include. Level from CODEX_TS_LOG (error|warn|info|debug), default info.
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';
const ORDER: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };

export interface Logger {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  debug(message: string): void;
  readonly file: string | null;
}

export function createLogger(logDir: string | null, level: LogLevel = parseLevel(process.env.CODEX_TS_LOG)): Logger {
  let file: string | null = null;
  if (logDir) {
    try {
      mkdirSync(logDir, { recursive: true });
      file = join(logDir, 'codex-ts-app-server.log');
    } catch {
      file = null; // an unwritable CODEX_HOME must not stop the server; stderr still works
    }
  }
  const write = (lvl: LogLevel, message: string): void => {
    if (ORDER[lvl] > ORDER[level]) return;
    const line = `${new Date().toISOString()} ${lvl.toUpperCase()} ${message}\n`;
    process.stderr.write(line);
    if (file) {
      try {
        appendFileSync(file, line);
      } catch {
        file = null;
      }
    }
  };
  return {
    error: (m) => write('error', m),
    warn: (m) => write('warn', m),
    info: (m) => write('info', m),
    debug: (m) => write('debug', m),
    get file() {
      return file;
    },
  };
}

function parseLevel(value: string | undefined): LogLevel {
  return value === 'error' || value === 'warn' || value === 'info' || value === 'debug' ? value : 'info';
}
