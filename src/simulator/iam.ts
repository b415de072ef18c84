/** The two IAM calls the CLI makes: password → token, and region name → IAM project id. */
import type { AuthGate } from "./auth.js";
import { iamError, JSON_CONTENT_TYPE, type SimResponse } from "./responses.js";

interface PasswordAuthBody {
  auth?: {
    identity?: {
      methods?: unknown;
      password?: { user?: { domain?: { name?: unknown }; name?: unknown; password?: unknown } };
    };
    scope?: { project?: { name?: unknown; id?: unknown } };
  };
}

function compactJson(status: number, value: unknown, headers: Record<string, string> = {}): SimResponse {
  return { status, headers: { "Content-Type": JSON_CONTENT_TYPE, ...headers }, body: JSON.stringify(value) };
}

/** `POST /v3/auth/tokens` with the password method and a project scope by region name. */
export function issueToken(gate: AuthGate, body: Buffer, now: number): SimResponse {
  let parsed: PasswordAuthBody;
  try {
    parsed = JSON.parse(body.toString("utf8")) as PasswordAuthBody;
  } catch {
    return iamError(400, "1100", "The request body is not valid JSON.", "Bad Request");
  }
  const identity = parsed.auth?.identity;
  const user = identity?.password?.user;
  const scope = parsed.auth?.scope?.project;
  const { credentials } = gate;
  if (!Array.isArray(identity?.methods) || !identity.methods.includes("password") || !user) {
    return iamError(400, "1100", "Request parameter 'auth.identity' is invalid.", "Bad Request");
  }
  if (scope?.name !== credentials.region && scope?.id !== credentials.iamProjectId) {
    return iamError(400, "1100", "Request parameter 'auth.scope.project' is invalid.", "Bad Request");
  }
  if (
    user.domain?.name !== credentials.domain ||
    user.name !== credentials.user ||
    user.password !== credentials.password
  ) {
    return iamError(401, "1101", "The username or password is wrong.", "Unauthorized");
  }
  const issued = gate.issueToken();
  const domain = { id: gate.domainId, name: credentials.domain };
  return compactJson(
    201,
    {
      token: {
        expires_at: new Date(issued.expiresAt).toISOString(),
        issued_at: new Date(now).toISOString(),
        methods: ["password"],
        catalog: [],
        project: { id: credentials.iamProjectId, name: credentials.region, domain },
        user: { id: gate.userId, name: credentials.user, domain, password_expires_at: "" },
      },
    },
    { "X-Subject-Token": issued.token },
  );
}

/** `GET /v3/projects?name=<region>`. */
export function listProjects(gate: AuthGate, query: URLSearchParams): SimResponse {
  const { credentials } = gate;
  const name = query.get("name");
  const projects =
    name === null || name === credentials.region
      ? [
          {
            id: credentials.iamProjectId,
            name: credentials.region,
            domain_id: gate.domainId,
            description: "",
            enabled: true,
            is_domain: false,
            parent_id: gate.domainId,
          },
        ]
      : [];
  return compactJson(200, {
    projects,
    links: { self: "https://iam.myhuaweicloud.com/v3/projects", next: null, previous: null },
  });
}
