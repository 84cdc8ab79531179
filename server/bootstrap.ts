// dist/server/cli.js, the `codex-ts` executable: runs the server program (dist/server/server.js, the
// bundle of server/cli/main.ts) from V8's code cache. Compiling the ~1 MB program costs ~30 ms on every
// start and the functions startup runs cost more; with the cache V8 deserialises their bytecode
// instead (spawn → initialize ~40 ms faster, and less memory: no full parse). The cache is made by
// the first process without a usable cache, after ~2 s or at its exit, and written atomically next
// to the program (same owner as the code, so no new trust), keyed by its length and CRC. V8 itself
// rejects a cache from another V8 version or flag set; a rejected or unreadable cache only means a
// normal compile. CODEX_TS_NO_CODE_CACHE=1 turns it off (CODEX_TS_CODE_CACHE_WRITE_MS sets the
// delay before writing, for tests).
//
// server.js is built as one function expression `(function (exports, require, module, __filename,
// __dirname) {…})` (esbuild.mjs), called here with this module's own arguments: to the program it
// is the main module (`require.main === module`), in the same directory. Under --enable-source-maps
// the program is compiled by Node's module loader instead, so stack traces map to the sources.
import { readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { Module } from 'node:module';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { constants, Script } from 'node:vm';
import { crc32 } from 'node:zlib';

// The young generation stays at its initial size (1 MiB semi-spaces) instead of doubling up to
// 16 MiB when a burst of allocation survives: the server's peak RSS over a chat session drops by
// ~10 MiB, and scavenges of a small space stay short. This flag is read whenever V8 considers
// growing the space, so setting it here, before any server code runs, is enough (heap sizes proper
// can only be set on the command line, which the server does not control).
setFlagsFromString('--semi-space-growth-factor=1');

type ProgramFunction = (this: unknown, exports: unknown, require: NodeJS.Require, module: NodeJS.Module, filename: string, dirname: string) => void;

const MAGIC = 0x31535443; // "CTS1"
const HEADER_BYTES = 16;
const WRITE_AFTER_MS = Number(process.env.CODEX_TS_CODE_CACHE_WRITE_MS) || 2000;

const program = join(__dirname, 'server.js');
const cacheFile = `${program}.cache`;

function readCache(sourceLength: number, sourceCrc: number): Buffer | undefined {
  let file: Buffer;
  try {
    file = readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  if (file.length <= HEADER_BYTES || file.readUInt32LE(0) !== MAGIC) return undefined;
  if (file.readUInt32LE(4) !== sourceLength || file.readUInt32LE(8) !== sourceCrc) return undefined;
  const data = file.subarray(HEADER_BYTES);
  // V8 does not checksum code caches in release builds: a torn or damaged file must never reach it.
  return crc32(data) === file.readUInt32LE(12) ? data : undefined;
}

function writeCache(script: Script, sourceLength: number, sourceCrc: number): void {
  const temp = `${cacheFile}.${process.pid}.tmp`;
  try {
    const data = script.createCachedData();
    const header = Buffer.alloc(HEADER_BYTES);
    header.writeUInt32LE(MAGIC, 0);
    header.writeUInt32LE(sourceLength, 4);
    header.writeUInt32LE(sourceCrc, 8);
    header.writeUInt32LE(crc32(data), 12);
    writeFileSync(temp, Buffer.concat([header, data]));
    renameSync(temp, cacheFile);
  } catch {
    // A read-only install keeps compiling normally.
    try {
      unlinkSync(temp);
    } catch {
      // nothing was written
    }
  }
}

/**
 * With --enable-source-maps, Node maps stack traces only for code its own module loader compiled:
 * the program goes through that loader then (as `module.exports = <the function>`; the function's
 * header line is the only one that changes), without a code cache.
 */
function compileMapped(source: string): ProgramFunction {
  const loader = new Module(program, module) as Module & { _compile(content: string, filename: string): void };
  loader._compile(`module.exports = ${source}`, program);
  return loader.exports as ProgramFunction;
}

function start(): void {
  if (process.sourceMapsEnabled) {
    compileMapped(readFileSync(program, 'utf8')).call(module.exports, module.exports, require, module, __filename, __dirname);
    return;
  }
  const bytes = readFileSync(program);
  const length = bytes.length;
  const useCache = !process.env.CODEX_TS_NO_CODE_CACHE;
  const sourceCrc = useCache ? crc32(bytes) : 0;
  const cachedData = useCache ? readCache(length, sourceCrc) : undefined;
  const script = new Script(bytes.toString('utf8'), {
    filename: program,
    ...(cachedData ? { cachedData } : {}),
    importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  if (useCache && (!cachedData || script.cachedDataRejected === true)) {
    // After a while (with the functions start-up and the first requests compiled), or at exit if
    // that comes first, so that even a run of short-lived processes gets a cache from the second on.
    let written = false;
    const write = (): void => {
      if (written) return;
      written = true;
      writeCache(script, length, sourceCrc);
    };
    setTimeout(write, WRITE_AFTER_MS).unref();
    process.once('exit', write);
  }
  const run = script.runInThisContext() as ProgramFunction;
  run.call(module.exports, module.exports, require, module, __filename, __dirname);
}

start();
