// `npm run check:cycles`: builds the folder-level import graph of server/ (each directory is one node, an edge
// is "some file here imports some file there") with the TypeScript compiler's own resolver, so the tsconfig's
// path aliases (`@protocol`) count, and exits 1 listing every cycle between folders. Production code only.
// It also checks the layer rules of <root>/layers.json (what a folder must not import, or the only folders a
// leaf may import): a one-way import is no cycle, but may still reach past a layer's neighbour.
//
//   node scripts/check-import-cycles.mjs [--root server] [--tsconfig <root>/tsconfig.json] [--rules <root>/layers.json] [--graph]
//
// --graph also prints which folder imports which (with the number of import lines).
import ts from 'typescript';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Command-line options; unknown flags are an error so a typo does not silently check the wrong tree. */
function parseArgs(argv) {
  const options = { root: 'server', tsconfig: undefined, rules: undefined, graph: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--graph') options.graph = true;
    else if (arg === '--root' && argv[i + 1]) options.root = argv[++i];
    else if (arg === '--tsconfig' && argv[i + 1]) options.tsconfig = argv[++i];
    else if (arg === '--rules' && argv[i + 1]) options.rules = argv[++i];
    else throw new Error(`unknown argument: ${arg}`);
  }
  options.root = path.resolve(options.root);
  options.tsconfig = path.resolve(options.tsconfig ?? path.join(options.root, 'tsconfig.json'));
  options.rules = path.resolve(options.rules ?? path.join(options.root, 'layers.json'));
  return options;
}

/** The tsconfig's compiler options (with `extends` applied) and its source files under `root`, tests excluded. */
function loadProject(tsconfigPath, root) {
  const read = ts.readConfigFile(tsconfigPath, ts.sys.readFile);
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, path.dirname(tsconfigPath));
  const isProduction = (file) => !/\.d\.ts$|\.test\.tsx?$/.test(file);
  const files = parsed.fileNames.map((f) => path.resolve(f)).filter((f) => isInside(root, f) && isProduction(f));
  return { options: parsed.options, files };
}

function isInside(root, file) {
  const rel = path.relative(root, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** The node of a file: its directory relative to the parent of root (`server`, `server/tools/exec`, …). */
function folderOf(root, file) {
  return path.relative(path.dirname(root), path.dirname(file)).split(path.sep).join('/');
}

/** Every folder → folder edge with its import count and the first import seen as an example, and every import. */
function buildGraph(root, { options, files }) {
  const edges = new Map(); // from → Map(to → { count, example })
  const folders = new Set();
  const imports = []; // { from, to, toFile, example }
  for (const file of files) {
    const from = folderOf(root, file);
    folders.add(from);
    const text = readFileSync(file, 'utf8');
    const { importedFiles } = ts.preProcessFile(text, true, true);
    for (const imported of importedFiles) {
      const resolved = ts.resolveModuleName(imported.fileName, file, options, ts.sys).resolvedModule;
      if (!resolved || resolved.isExternalLibraryImport) continue;
      const target = path.resolve(resolved.resolvedFileName);
      if (!isInside(root, target)) continue;
      const to = folderOf(root, target);
      if (to === from) continue;
      const line = text.slice(0, imported.pos).split('\n').length;
      const example = `${path.relative(process.cwd(), file)}:${line} imports '${imported.fileName}'`;
      imports.push({ from, to, toFile: target, example });
      if (!edges.has(from)) edges.set(from, new Map());
      const out = edges.get(from);
      const edge = out.get(to) ?? { count: 0, example };
      edge.count += 1;
      out.set(to, edge);
    }
  }
  return { folders: [...folders].sort(), edges, imports };
}

/**
 * The layer rules: `{ "rules": [{ "folder", "why", and "mustNotImport" or "mayImport": [targets] }] }`. A
 * folder covers its subfolders; a target is a folder (with its subfolders) or `*Suffix.ts`, any file whose
 * name ends so. `mayImport` lists everything a leaf may import besides its own subfolders. No file: no rules.
 */
function loadRules(file) {
  if (!existsSync(file)) return [];
  const { rules } = JSON.parse(readFileSync(file, 'utf8'));
  const isTargets = (value) => Array.isArray(value) && value.every((t) => typeof t === 'string');
  if (!Array.isArray(rules)) throw new Error(`${file}: "rules" must be an array`);
  for (const rule of rules) {
    const kinds = ['mustNotImport', 'mayImport'].filter((k) => k in rule);
    if (typeof rule.folder !== 'string' || typeof rule.why !== 'string' || kinds.length !== 1 || !isTargets(rule[kinds[0]])) {
      throw new Error(`${file}: each rule needs "folder", "why" and one of "mustNotImport" / "mayImport" (a list): ${JSON.stringify(rule)}`);
    }
  }
  return rules;
}

const within = (folder, prefix) => folder === prefix || folder.startsWith(`${prefix}/`);
const hits = (target, { to, toFile }) => (target.startsWith('*') ? path.basename(toFile).endsWith(target.slice(1)) : within(to, target));

/** Each broken rule with one example import per offending folder → folder pair. */
function brokenRules(rules, imports) {
  const broken = [];
  for (const rule of rules) {
    const offending = new Map(); // "from → to" → example
    for (const record of imports) {
      if (!within(record.from, rule.folder)) continue;
      const bad = rule.mayImport
        ? !within(record.to, rule.folder) && !rule.mayImport.some((target) => hits(target, record))
        : rule.mustNotImport.some((target) => hits(target, record));
      const key = `${record.from} → ${record.to}`;
      if (bad && !offending.has(key)) offending.set(key, record.example);
    }
    if (offending.size > 0) broken.push({ rule, offending });
  }
  return broken;
}

/** Tarjan's strongly connected components; only those with more than one folder are cycles. */
function cycles({ folders, edges }) {
  let index = 0;
  const indexOf = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  const visit = (node) => {
    indexOf.set(node, index);
    low.set(node, index);
    index += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node)?.keys() ?? []) {
      if (!indexOf.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node), low.get(next)));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node), indexOf.get(next)));
      }
    }
    if (low.get(node) !== indexOf.get(node)) return;
    const component = [];
    let member;
    do {
      member = stack.pop();
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1) found.push(component.sort());
  };
  for (const folder of folders) if (!indexOf.has(folder)) visit(folder);
  return found;
}

/** Shortest path from `from` to `to` using only edges inside the component (breadth first). */
function pathWithin(component, edges, from, to) {
  const inside = new Set(component);
  const previous = new Map([[from, null]]);
  const queue = [from];
  while (queue.length > 0) {
    const node = queue.shift();
    for (const next of edges.get(node)?.keys() ?? []) {
      if (!inside.has(next) || previous.has(next)) continue;
      previous.set(next, node);
      if (next === to) {
        const steps = [to];
        for (let at = node; at !== null; at = previous.get(at)) steps.unshift(at);
        return steps;
      }
      queue.push(next);
    }
  }
  throw new Error(`no path ${from} → ${to} inside a strongly connected component`);
}

/** A closed walk through every folder of the component, so each member shows up in one readable loop. */
function walkThrough(component, edges) {
  const walk = [component[0]];
  const seen = new Set(walk);
  for (const target of [...component.slice(1), component[0]]) {
    if (target !== component[0] && seen.has(target)) continue;
    const leg = pathWithin(component, edges, walk[walk.length - 1], target);
    for (const step of leg.slice(1)) {
      walk.push(step);
      seen.add(step);
    }
  }
  return walk;
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  const graph = buildGraph(options.root, loadProject(options.tsconfig, options.root));
  const edgeCount = [...graph.edges.values()].reduce((sum, out) => sum + out.size, 0);
  if (options.graph) {
    for (const folder of graph.folders) {
      const out = [...(graph.edges.get(folder) ?? new Map()).entries()].sort(([a], [b]) => a.localeCompare(b));
      console.log(`${folder} → ${out.map(([to, { count }]) => `${to} ${count}`).join(', ') || '(nothing)'}`);
    }
  }
  const found = cycles(graph);
  const rules = loadRules(options.rules);
  const broken = brokenRules(rules, graph.imports);
  const rootName = path.relative(process.cwd(), options.root) || '.';
  if (found.length === 0 && broken.length === 0) {
    const ruleNote = rules.length > 0 ? `; the ${rules.length} layer rules of ${path.relative(process.cwd(), options.rules)} hold` : '';
    console.log(`No import cycles between the folders of ${rootName}/ (${graph.folders.length} folders, ${edgeCount} edges)${ruleNote}.`);
    return;
  }
  process.exitCode = 1;
  for (const { rule, offending } of broken) {
    const targets = rule.mayImport ? `import only ${rule.mayImport.join(', ') || 'its own subfolders'}` : `not import ${rule.mustNotImport.join(', ')}`;
    console.error(`Layer rule broken: ${rule.folder} must ${targets} (${rule.why}):`);
    for (const [step, example] of offending) console.error(`    ${step}   e.g. ${example}`);
    console.error('');
  }
  if (found.length === 0) return;
  console.error(`${found.length} import cycle(s) between the folders of ${rootName}/:`);
  for (const component of found) {
    console.error(`\n  {${component.join(', ')}}`);
    const walk = walkThrough(component, graph.edges);
    for (let i = 0; i + 1 < walk.length; i++) {
      const edge = graph.edges.get(walk[i]).get(walk[i + 1]);
      console.error(`    ${walk[i]} → ${walk[i + 1]}   e.g. ${edge.example}`);
    }
  }
}

main();
