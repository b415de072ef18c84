import { type FormatOf, outputFor } from "../command-kit/output.js";
import type { Context } from "../core/context.js";
import { ExitCode, type ExitCodeValue } from "../core/exit-codes.js";
import { type GlobalOptions, loadSettings, openApi } from "../session/session.js";

/**
 * `codearts-run auth check`: one live call (the first page of the project's pipelines) that proves
 * the credentials, endpoint and project work together, and says which identity and method did.
 * Nothing comes from the token cache: a password is exchanged with IAM again (and the fresh token
 * cached), so a wrong one is refused even after an earlier sign-in.
 * A refusal ends like any API error: exit 3 with the service's reason and a hint.
 */
export async function runAuthCheck(
  options: GlobalOptions & { format?: FormatOf<"identity"> },
  ctx: Context,
): Promise<ExitCodeValue> {
  const settings = await loadSettings(options, ctx);
  const session = openApi(settings, options, ctx, { fresh: true });
  try {
    const projectId = session.connection.projectId.value;
    const page = await session.api.listPipelines({ projectId, offset: 0, limit: 1 });
    if ((options.format ?? outputFor("identity", settings.output.value)) === "json") {
      // A refusal never gets here: it is an API error (exit 3), so "ok" is always true.
      const checked = {
        ok: true,
        method: session.connection.credentials.kind,
        identity: session.authenticator.describe(),
        endpoint: session.connection.endpoint.value.origin,
        project_id: projectId,
        pipelines: page.total,
      };
      ctx.io.out.write(`${JSON.stringify(checked)}\n`);
      return ExitCode.Ok;
    }
    ctx.io.out.write(
      `${[
        `ok: ${session.authenticator.describe()}`,
        `    endpoint ${session.connection.endpoint.value.origin} (${session.connection.endpoint.source})`,
        `    project ${projectId} (${session.connection.projectId.source}): ${page.total} pipeline${page.total === 1 ? "" : "s"} visible`,
      ].join("\n")}\n`,
    );
    return ExitCode.Ok;
  } finally {
    await session.close();
  }
}
