import type { Context } from "../core/context.js";
import type { CiSystem } from "./environment.js";
import { GROUP_END, groupStart } from "./github.js";
import { sectionEnd, sectionStart } from "./gitlab.js";

/**
 * What `logs` writes around one step's log so the CI system folds it: a GitHub group or a GitLab
 * section; nothing elsewhere.
 */
export interface LogFolding {
  open(key: string, title: string): string;
  close(key: string): string;
}

export function logFolding(system: CiSystem, ctx: Pick<Context, "now">): LogFolding {
  switch (system) {
    case "github":
      return { open: (_key, title) => groupStart(title), close: () => GROUP_END };
    case "gitlab":
      return {
        open: (key, title) => sectionStart(`codearts_step_${key}`, title, ctx.now()),
        close: (key) => sectionEnd(`codearts_step_${key}`, ctx.now()),
      };
    case "none":
      return { open: () => "", close: () => "" };
  }
}
