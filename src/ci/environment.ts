import type { Env } from "../core/context.js";

/**
 * Which CI system runs us, read from the injected environment: GitHub Actions (GITHUB_ACTIONS=true)
 * and GitLab CI (GITLAB_CI=true) have their own ways of showing results; anything else gets none.
 * `--no-ci-integration` turns the detection off.
 */
export type CiSystem = "github" | "gitlab" | "none";

export function detectCi(env: Env, enabled: boolean): CiSystem {
  if (!enabled) return "none";
  if (env.GITHUB_ACTIONS === "true") return "github";
  if (env.GITLAB_CI === "true") return "gitlab";
  return "none";
}
