import type { CodeArtsApi, PipelineSummary } from "../api/codearts.js";
import type { Sourced } from "../config/settings.js";
import { CliError, UsageError } from "../core/errors.js";
import { ExitCode } from "../core/exit-codes.js";
import { isId } from "../model/ids.js";
import { sanitizeText } from "../text/sanitize.js";
import { quoteInput } from "../text/shown-input.js";

/**
 * `<pipeline>` may be an id, an alias from the config (`pipelines: { web: <id> }`), or a pipeline
 * name looked up through the list-pipelines API. Exactly one match wins.
 */

export interface ResolvedPipeline {
  id: string;
  /** How the user named it, for the commands we suggest back to them. */
  reference: string;
  how: "id" | "alias" | "name";
}

/** The one API call a name look-up needs. */
export type PipelineLister = Pick<CodeArtsApi, "listPipelines">;

const PAGE_SIZE = 100;

// Names are letters, digits, "-" and "_" per the reference, though its own example has a space, and
// CodeArts users name pipelines in their language; anything else cannot be a name and is refused
// before any request.
const NAME_PATTERN = /^[\p{L}\p{N}\p{M} ._()-]{1,128}$/u;

/**
 * Every pipeline of the project, all pages. The pages document no maximum page size and a server
 * may send fewer items than asked, so the offset moves on by what each page held, until `total`
 * is reached or a page comes back empty. A pipeline seen twice (the list shifted between pages)
 * is kept once.
 */
export async function allPipelines(api: PipelineLister, projectId: string): Promise<PipelineSummary[]> {
  const found = new Map<string, PipelineSummary>();
  for (let offset = 0; ; ) {
    const page = await api.listPipelines({ projectId, offset, limit: PAGE_SIZE });
    for (const pipeline of page.pipelines) if (!found.has(pipeline.id)) found.set(pipeline.id, pipeline);
    offset += page.received;
    if (page.received === 0 || offset >= page.total) return [...found.values()];
  }
}

/** Edit distance, for suggesting the closest names when nothing matches. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(
        Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost),
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The three names nearest to `name`, each with its id, every pipeline once. */
function closestNames(name: string, pipelines: PipelineSummary[]): string[] {
  const wanted = name.toLowerCase();
  const unique = [...new Map(pipelines.map((p) => [p.id, p])).values()];
  return unique
    .map((p) => ({
      pipeline: p,
      score: p.name.toLowerCase().includes(wanted) ? 0 : distance(wanted, p.name.toLowerCase()),
    }))
    .sort((a, b) => a.score - b.score || a.pipeline.name.localeCompare(b.pipeline.name))
    .slice(0, 3)
    .map(({ pipeline }) => `${JSON.stringify(sanitizeText(pipeline.name))} (${sanitizeText(pipeline.id)})`);
}

/**
 * Why `reference` is a pipeline id typed wrong, or undefined. Ids are hex in practice: a hex string
 * a character or two off 32, or 32 hex digits with spaces or dashes in them, is an id, not a name.
 */
function mistypedId(reference: string): string | undefined {
  const compact = reference.replace(/[\s-]/g, "");
  if (compact !== reference && /^[0-9a-f]{32}$/i.test(compact)) {
    return /\s/.test(reference) ? "it has a stray space" : "it has dashes";
  }
  if (/^[0-9a-f]+$/i.test(reference) && Math.abs(reference.length - 32) <= 2) {
    return `it has ${reference.length} characters, not 32`;
  }
  return undefined;
}

/**
 * Blank references and mistyped ids: refused before anything else happens (before a command asks
 * for a confirmation, say), as no alias or name can be like that.
 */
export function refuseImpossibleReference(reference: string): void {
  if (reference.trim() === "") {
    throw new UsageError(
      reference === "" ? "the pipeline is empty" : "the pipeline is only white space",
      "give the pipeline's id, an alias from .codeartsrc, or its name",
    );
  }
  const mistake = mistypedId(reference);
  if (mistake !== undefined) {
    throw new UsageError(
      `${quoteInput(reference)} looks like a mistyped pipeline id: ${mistake}`,
      "a pipeline id is 32 letters or digits, like e5460d1d403146a1935c2d4b68ef506c; copy it from the pipeline's address in CodeArts",
    );
  }
}

/** References that cannot be right, refused before any request. */
function checkReference(reference: string): void {
  refuseImpossibleReference(reference);
  if (!NAME_PATTERN.test(reference)) {
    throw new UsageError(
      `${quoteInput(reference)} is not a pipeline id, alias or name`,
      "give the pipeline's id (32 letters or digits, e.g. e5460d1d403146a1935c2d4b68ef506c), an alias from .codeartsrc, or its name",
    );
  }
}

/**
 * A lister that asks for each page once, so naming several pipelines (`status web api docs`) lists
 * the project once, not once per name.
 */
export function memoisedLister(api: PipelineLister): PipelineLister {
  const pages = new Map<string, ReturnType<PipelineLister["listPipelines"]>>();
  return {
    listPipelines: (query) => {
      const key = JSON.stringify(query);
      const page = pages.get(key) ?? api.listPipelines(query);
      pages.set(key, page);
      return page;
    },
  };
}

export async function resolvePipeline(
  reference: string,
  aliases: Record<string, Sourced<string>>,
  api: PipelineLister,
  projectId: string,
): Promise<ResolvedPipeline> {
  if (isId(reference)) return { id: reference, reference, how: "id" };
  const alias = aliases[reference];
  if (alias) return { id: alias.value, reference, how: "alias" };
  checkReference(reference);

  const pipelines = await allPipelines(api, projectId);
  const exact = pipelines.filter((p) => p.name === reference);
  const matches =
    exact.length > 0 ? exact : pipelines.filter((p) => p.name.toLowerCase() === reference.toLowerCase());
  const shown = JSON.stringify(sanitizeText(reference));
  if (matches.length === 1) return { id: (matches[0] as PipelineSummary).id, reference, how: "name" };
  if (matches.length > 1) {
    throw new UsageError(
      `${matches.length} pipelines are named ${shown}: ${matches.map((p) => `${sanitizeText(p.name)} (${p.id})`).join(", ")}`,
      "name the one you mean by its id, or give it an alias under `pipelines:` in .codeartsrc",
    );
  }
  const closest = closestNames(reference, pipelines);
  throw new CliError(
    `no pipeline named ${shown} in project ${projectId}`,
    ExitCode.NotFound,
    closest.length > 0
      ? `closest names: ${closest.join(", ")}; a pipeline id (32 letters or digits) or a config alias also works`
      : "the project lists no pipelines to you; check --project / CODEARTS_PROJECT_ID and that you are a member of the project",
  );
}
