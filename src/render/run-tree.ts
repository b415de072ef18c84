import type { JobView, RunView, StageView, StepView } from "../model/run.js";
import { statusKind } from "../model/status.js";
import { sanitizeText } from "../text/sanitize.js";

/**
 * The run as one tree (stage → entry steps, jobs → steps, exit steps), with every server string
 * already sanitised. Both the terminal table and the markdown renderer draw from it.
 */
export interface RunNode {
  kind: "stage" | "job" | "step";
  /** Single line; entry/exit steps carry their role: "entry: Code check". */
  label: string;
  /** When it runs relative to its siblings: "after Build, Test" or "parallel". */
  order?: string;
  /** As sent (unknown values included); sanitise before printing. */
  status: string;
  /** Newlines kept: the renderer wraps it. */
  message?: string;
  startTime?: number;
  endTime?: number;
  children: RunNode[];
}

export interface TreeRow {
  node: RunNode;
  depth: number;
  /** One entry per ancestor below the stages: whether that ancestor has a later sibling (draws "│"). */
  guides: boolean[];
  isLast: boolean;
}

export interface TreeGlyphs {
  branch: string;
  last: string;
  pipe: string;
  space: string;
}

export const UNICODE_GLYPHS: TreeGlyphs = { branch: "├─ ", last: "└─ ", pipe: "│  ", space: "   " };
export const ASCII_GLYPHS: TreeGlyphs = { branch: "|- ", last: "\\- ", pipe: "|  ", space: "   " };

function clean(value: string | undefined): string | undefined {
  const text = value === undefined ? "" : sanitizeText(value).trim();
  return text === "" ? undefined : text;
}

function cleanMessage(value: string | undefined): string | undefined {
  const text = value === undefined ? "" : sanitizeText(value, { keepNewlines: true }).trim();
  return text === "" ? undefined : text;
}

/** Names of the siblings an item depends on; an identifier nobody answers to is shown as is. */
function afterNote(dependsOn: string[], nameByIdentifier: Map<string, string>): string | undefined {
  const names = dependsOn
    .map((id) => nameByIdentifier.get(id) ?? clean(id))
    .filter((name): name is string => name !== undefined);
  return names.length > 0 ? `after ${names.join(", ")}` : undefined;
}

/** A stage's, job's or step's name for people, sanitised, with fallbacks when the service sent none. */
export function stageLabel(stage: StageView): string {
  return clean(stage.name) ?? clean(stage.identifier) ?? "(unnamed stage)";
}

export function jobLabel(job: JobView): string {
  return clean(job.name) ?? clean(job.identifier) ?? clean(job.id) ?? "(unnamed job)";
}

export function stepLabel(step: StepView): string {
  // Entry/exit steps often have no name, only the extension (`task`) that runs them.
  return clean(step.name) ?? clean(step.task) ?? clean(step.id) ?? "(unnamed step)";
}

function stepNode(step: StepView, role?: "entry" | "exit"): RunNode {
  const name = stepLabel(step);
  return {
    kind: "step",
    label: role ? `${role}: ${name}` : name,
    status: step.status,
    message: cleanMessage(step.message),
    startTime: step.startTime,
    endTime: step.endTime,
    children: [],
  };
}

/**
 * Jobs with `depends_on` run after those jobs; the others start together when the stage starts,
 * unless the stage says its jobs are not parallel.
 */
function jobNodes(stage: StageView, showSteps: boolean): RunNode[] {
  const nameByIdentifier = new Map(
    stage.jobs.flatMap((job) => (job.identifier ? [[job.identifier, jobLabel(job)] as const] : [])),
  );
  const startTogether = stage.jobs.filter((job) => job.dependsOn.length === 0).length;
  const parallel = stage.parallel !== "false" && startTogether > 1;
  return stage.jobs.map((job) => ({
    kind: "job",
    label: jobLabel(job),
    order: afterNote(job.dependsOn, nameByIdentifier) ?? (parallel ? "parallel" : undefined),
    status: job.status,
    message: cleanMessage(job.message),
    startTime: job.startTime,
    endTime: job.endTime,
    children: showSteps ? job.steps.map((step) => stepNode(step)) : [],
  }));
}

/**
 * Stages run one after the other in the order sent; a stage with `depends_on` waits for those,
 * and stages sharing a sequence number run side by side.
 */
function buildRunTree(run: RunView, options: { showSteps: boolean }): RunNode[] {
  const nameByIdentifier = new Map(
    run.stages.flatMap((stage) => (stage.identifier ? [[stage.identifier, stageLabel(stage)] as const] : [])),
  );
  const sharesSequence = (stage: StageView) =>
    stage.sequence !== undefined &&
    run.stages.some((other) => other !== stage && other.sequence === stage.sequence);
  return run.stages.map((stage) => ({
    kind: "stage",
    label: stageLabel(stage),
    order: afterNote(stage.dependsOn, nameByIdentifier) ?? (sharesSequence(stage) ? "parallel" : undefined),
    status: stage.status,
    startTime: stage.startTime,
    endTime: stage.endTime,
    children: [
      ...(options.showSteps ? stage.pre.map((step) => stepNode(step, "entry")) : []),
      ...jobNodes(stage, options.showSteps),
      ...(options.showSteps ? stage.post.map((step) => stepNode(step, "exit")) : []),
    ],
  }));
}

/** "Build image (after Compile)": the label with its order note, as the NAME column shows it. */
export function labelWithOrder(node: RunNode): string {
  return node.order ? `${node.label} (${node.order})` : node.label;
}

/** What to print instead of a tree with no rows: no stages yet, or (compact) nothing unfinished. */
export function emptyTreeNotice(run: RunView): string {
  const count = run.stages.length;
  if (count === 0) return "No stages reported yet.";
  return `All ${count === 1 ? "1 stage" : `${count} stages`} completed.`;
}

/** Only the nodes `keep` accepts, plus the parents that place them in the tree. */
function keepOnly(nodes: RunNode[], keep: (node: RunNode) => boolean): RunNode[] {
  return nodes.flatMap((node) => {
    const children = keepOnly(node.children, keep);
    return keep(node) || children.length > 0 ? [{ ...node, children }] : [];
  });
}

/** Compact view: what did not complete. */
const unfinished = (node: RunNode) => statusKind(node.status) !== "success";

function flattenTree(nodes: RunNode[], depth = 0, guides: boolean[] = [], rows: TreeRow[] = []): TreeRow[] {
  nodes.forEach((node, index) => {
    const isLast = index === nodes.length - 1;
    rows.push({ node, depth, guides, isLast });
    // Stages are the roots: they draw no connector, so their children need no guide for them.
    const childGuides = depth === 0 ? [] : [...guides, !isLast];
    flattenTree(node.children, depth + 1, childGuides, rows);
  });
  return rows;
}

/** The rows a renderer draws, honouring --compact and --no-steps. */
export function visibleRows(run: RunView, options: { compact?: boolean; showSteps?: boolean }): TreeRow[] {
  const tree = buildRunTree(run, { showSteps: options.showSteps ?? true });
  return flattenTree(options.compact ? keepOnly(tree, unfinished) : tree);
}

/**
 * The rows of the nodes `choose` picks (it is given every row, in order), plus the parents that
 * place them: a short view of a tall run (the live view on a small terminal).
 */
export function chosenRows(
  run: RunView,
  options: { showSteps?: boolean },
  choose: (all: readonly TreeRow[]) => ReadonlySet<RunNode>,
): TreeRow[] {
  const tree = buildRunTree(run, { showSteps: options.showSteps ?? true });
  const chosen = choose(flattenTree(tree));
  return flattenTree(keepOnly(tree, (node) => chosen.has(node)));
}

/** "│  ├─ " before the label. */
export function treePrefix(row: TreeRow, glyphs: TreeGlyphs): string {
  if (row.depth === 0) return "";
  const guides = row.guides.map((continues) => (continues ? glyphs.pipe : glyphs.space)).join("");
  return guides + (row.isLast ? glyphs.last : glyphs.branch);
}

/** What the tree column shows beside a row's wrapped lines, so the branches stay connected. */
export function continuationPrefix(row: TreeRow, glyphs: TreeGlyphs): string {
  const guides = row.guides.map((continues) => (continues ? glyphs.pipe : glyphs.space)).join("");
  const own = row.depth === 0 ? "" : row.isLast ? glyphs.space : glyphs.pipe;
  const child = row.node.children.length > 0 ? glyphs.pipe : "";
  return (guides + own + child).trimEnd();
}
