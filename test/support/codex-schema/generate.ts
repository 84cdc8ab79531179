// Produces the real Codex app-server JSON Schema bundle at test time: locates the `@openai/codex`
// devDependency, runs `codex app-server generate-json-schema --out <tmpdir>` and returns the parsed
// `codex_app_server_protocol.schemas.json` (client + server messages, v1 and v2 types, one file).
// Results are cached on disk under os.tmpdir(), keyed by codex version and schema variant, so a
// second mocha run is fast; a missing or corrupt cache file is simply regenerated. Nothing here is
// ever written into the repository.
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

/** Name of the bundle (in the generator's output folder) that holds every definition. */
export const BUNDLE_FILE = 'codex_app_server_protocol.schemas.json';
/** Bump when the cache layout or the meaning of a cached file changes. */
const CACHE_FORMAT = 1;
const GENERATE_TIMEOUT_MS = 60_000;

export interface GenerateOptions {
  /** Include experimental methods and fields (`--experimental`). */
  experimental: boolean;
  /** Explicit codex executable (a native binary, or a `.js` entry run with node). Default: `@openai/codex`. */
  codexBin?: string;
  /** Read/write the on-disk cache (default true; env CODEX_SCHEMA_CACHE=0 turns it off). */
  diskCache?: boolean;
  /** Cache folder (default `<os.tmpdir()>/codex-ts-codex-schema`). */
  cacheDir?: string;
}

export interface GeneratedBundle {
  /** The parsed bundle (validated only as "an object with `definitions`"). */
  schema: Record<string, unknown>;
  /** Codex version, e.g. "0.169.0". */
  codexVersion: string;
  /** Where the bundle came from on this call. */
  source: 'disk' | 'generated';
  /** Path of the cache file, when the disk cache is enabled. */
  cachePath?: string;
  /** Time spent running the generator (0 when served from disk). */
  generateMs: number;
  /** Time spent reading + parsing JSON. */
  readMs: number;
}

interface CodexCommand {
  file: string;
  args: string[];
  version: string;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function localRequire(): NodeJS.Require {
  // __filename exists under tsx's CommonJS loader; fall back to the working directory elsewhere.
  const from = typeof __filename === 'string' ? __filename : path.join(process.cwd(), 'index.js');
  return createRequire(from);
}

function run(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { env, timeout: GENERATE_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) {
        const detail = String(stderr).trim() || String(stdout).trim();
        reject(new Error(`${[file, ...args].join(' ')} failed: ${error.message}${detail ? `\n${detail}` : ''}`));
      } else {
        resolve({ stdout: String(stdout), stderr: String(stderr) });
      }
    });
  });
}

function commandFor(bin: string, version: string): CodexCommand {
  return /\.[cm]?js$/.test(bin)
    ? { file: process.execPath, args: [bin], version }
    : { file: bin, args: [], version };
}

/** Finds the codex CLI: an explicit path, or the `@openai/codex` devDependency (its `bin` entry). */
async function locateCodex(codexBin: string | undefined): Promise<CodexCommand> {
  if (codexBin !== undefined) {
    const probe = commandFor(codexBin, '');
    let stdout: string;
    try {
      ({ stdout } = await run(probe.file, [...probe.args, '--version'], process.env));
    } catch (e) {
      throw new Error(`codex-schema: cannot run the codex CLI at ${codexBin}: ${e instanceof Error ? e.message : String(e)}`, {
        cause: e,
      });
    }
    const version = /(\d+\.\d+\.\d+\S*)/.exec(stdout)?.[1];
    if (!version) throw new Error(`could not read a version from \`${codexBin} --version\`: ${stdout.trim()}`);
    return { ...probe, version };
  }
  let pkgJsonPath: string;
  try {
    pkgJsonPath = localRequire().resolve('@openai/codex/package.json');
  } catch {
    throw new Error(
      'codex-schema: the `@openai/codex` devDependency is not installed, so the Codex app-server schema cannot be ' +
        'generated. Run `npm install` (or `npm ci`) in the repository root.',
    );
  }
  const pkg: unknown = JSON.parse(await fs.readFile(pkgJsonPath, 'utf8'));
  if (!isRecord(pkg) || typeof pkg.version !== 'string') throw new Error(`codex-schema: unreadable ${pkgJsonPath}`);
  const binField = pkg.bin;
  const binRel = typeof binField === 'string' ? binField : isRecord(binField) ? binField.codex : undefined;
  if (typeof binRel !== 'string') throw new Error(`codex-schema: ${pkgJsonPath} has no \`bin.codex\` entry`);
  const bin = path.join(path.dirname(pkgJsonPath), binRel);
  try {
    await fs.access(bin);
  } catch {
    throw new Error(`codex-schema: the codex CLI entry ${bin} is missing; reinstall @openai/codex`);
  }
  return commandFor(bin, pkg.version);
}

function parseBundle(text: string, where: string): Record<string, unknown> {
  const parsed: unknown = JSON.parse(text);
  if (!isRecord(parsed) || !isRecord(parsed.definitions)) {
    throw new Error(`codex-schema: ${where} is not a JSON Schema bundle with \`definitions\``);
  }
  return parsed;
}

/** Runs the generator into a fresh temp folder and returns the bundle's text; the folder is removed. */
async function generateBundleText(codex: CodexCommand, experimental: boolean): Promise<string> {
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'codex-schema-gen-'));
  try {
    const out = path.join(work, 'out');
    // A private, empty CODEX_HOME keeps the user's ~/.codex/config.toml out of the picture.
    const home = path.join(work, 'home');
    await fs.mkdir(home);
    const args = [...codex.args, 'app-server', 'generate-json-schema', '--out', out];
    if (experimental) args.push('--experimental');
    await run(codex.file, args, { ...process.env, CODEX_HOME: home, RUST_LOG: 'error' });
    const bundlePath = path.join(out, BUNDLE_FILE);
    try {
      return await fs.readFile(bundlePath, 'utf8');
    } catch {
      throw new Error(`codex-schema: the generator (codex ${codex.version}) did not write ${BUNDLE_FILE}`);
    }
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}

async function writeAtomically(file: string, text: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  await fs.writeFile(tmp, text);
  await fs.rename(tmp, file); // atomic on one filesystem: parallel runs never see half a file
}

function diskCacheEnabled(option: boolean | undefined): boolean {
  if (option !== undefined) return option;
  const env = process.env.CODEX_SCHEMA_CACHE;
  return !(env === '0' || env === 'false' || env === 'off');
}

/** Returns the schema bundle, from the disk cache when possible, else by running the generator. */
export async function loadBundle(options: GenerateOptions): Promise<GeneratedBundle> {
  const codex = await locateCodex(options.codexBin);
  const useCache = diskCacheEnabled(options.diskCache);
  const variant = options.experimental ? 'experimental' : 'stable';
  const cacheDir = options.cacheDir ?? path.join(os.tmpdir(), 'codex-ts-codex-schema');
  const cachePath = useCache ? path.join(cacheDir, `v${CACHE_FORMAT}-codex-${codex.version}-${variant}.json`) : undefined;

  if (cachePath) {
    const started = performance.now();
    try {
      const schema = parseBundle(await fs.readFile(cachePath, 'utf8'), cachePath);
      return { schema, codexVersion: codex.version, source: 'disk', cachePath, generateMs: 0, readMs: performance.now() - started };
    } catch {
      // missing or corrupt: fall through and regenerate
    }
  }
  const genStarted = performance.now();
  const text = await generateBundleText(codex, options.experimental);
  const generateMs = performance.now() - genStarted;
  const readStarted = performance.now();
  const schema = parseBundle(text, `generated ${BUNDLE_FILE}`);
  const readMs = performance.now() - readStarted;
  if (cachePath) {
    try {
      await writeAtomically(cachePath, text);
    } catch {
      // the cache is an optimisation only
    }
  }
  return { schema, codexVersion: codex.version, source: 'generated', ...(cachePath ? { cachePath } : {}), generateMs, readMs };
}
