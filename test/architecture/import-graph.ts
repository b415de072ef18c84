/**
 * The folder-level import graph of src/: which folder imports which, with one file and specifier
 * as the example for each edge. Top-level files of src/ (cli.ts, main.ts…) form the folder "root".
 * Every relative specifier counts: static imports and re-exports, type-only ones, side-effect
 * imports and dynamic `import("…")`.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export interface SourceFile {
  /** Relative to the repository, with forward slashes: "src/api/http.ts". */
  file: string;
  text: string;
}

/** "from", a side-effect `import "…"` and `import("…")`, each with a relative specifier. */
const SPECIFIER = /\bfrom\s*["'](\.{1,2}\/[^"']+)["']|\bimport\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g;

export function readSources(root: string): SourceFile[] {
  const found: SourceFile[] = [];
  const walk = (directory: string) => {
    for (const entry of readdirSync(path.join(root, directory), { withFileTypes: true })) {
      const relative = path.posix.join(directory, entry.name);
      if (entry.isDirectory()) walk(relative);
      else if (/\.(ts|mts|js|mjs)$/.test(entry.name)) {
        found.push({ file: relative, text: readFileSync(path.join(root, relative), "utf8") });
      }
    }
  };
  walk("src");
  return found;
}

export function relativeSpecifiers(text: string): string[] {
  return [...text.matchAll(SPECIFIER)].map((match) => (match[1] ?? match[2]) as string);
}

/** "src/api/http.ts" → "api"; "src/cli.ts" → "root". */
export function folderOf(file: string): string {
  const parts = file.split("/");
  return parts.length > 2 ? (parts[1] as string) : "root";
}

/** from → to → an example "file imports specifier", for folders that differ. */
export type FolderGraph = Map<string, Map<string, string>>;

export function folderGraph(sources: SourceFile[]): FolderGraph {
  const graph: FolderGraph = new Map();
  for (const { file, text } of sources) {
    const from = folderOf(file);
    for (const specifier of relativeSpecifiers(text)) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
      if (!target.startsWith("src/")) continue;
      const to = folderOf(target);
      if (to === from) continue;
      const edges = graph.get(from) ?? new Map<string, string>();
      if (!edges.has(to)) edges.set(to, `${file} imports ${specifier}`);
      graph.set(from, edges);
    }
  }
  return graph;
}

/**
 * One entry per group of folders that reach each other (strongly connected components, Tarjan):
 * the folders, and one loop back to the first of them with the import behind each step.
 */
export function folderCycles(graph: FolderGraph): string[] {
  const nodes = [...new Set([...graph.keys(), ...[...graph.values()].flatMap((edges) => [...edges.keys()])])];
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const components: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node) as number);
    stack.push(node);
    for (const next of graph.get(node)?.keys() ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) as number, low.get(next) as number));
      } else if (stack.includes(next)) {
        low.set(node, Math.min(low.get(node) as number, index.get(next) as number));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop() as string;
        component.push(member);
      } while (member !== node);
      if (component.length > 1) components.push(component);
    }
  };
  for (const node of nodes.sort()) if (!index.has(node)) visit(node);
  return components.map((component) => describeCycle(graph, component));
}

/** A shortest way from the component's first folder (by name) back to itself, inside the component. */
function describeCycle(graph: FolderGraph, component: string[]): string {
  const members = new Set(component);
  const start = [...component].sort()[0] as string;
  const cameFrom = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift() as string;
    for (const next of graph.get(node)?.keys() ?? []) {
      if (!members.has(next) || cameFrom.has(next)) continue;
      cameFrom.set(next, node);
      if (next === start) queue.length = 0;
      else queue.push(next);
    }
  }
  const steps: string[] = [];
  let node = start;
  do {
    const previous = cameFrom.get(node) as string;
    steps.unshift(`${previous} → ${node} (${graph.get(previous)?.get(node)})`);
    node = previous;
  } while (node !== start);
  return `${[...members].sort().join(", ")} reach each other; one loop: ${steps.join(", ")}`;
}
