/**
 * AK/SK request signing ("SDK-HMAC-SHA256"), as the official SDKs do it: every request carries
 * X-Sdk-Date, host, X-Project-Id (the region's IAM project), Content-Type when it has a body and
 * X-Security-Token with temporary credentials, all of them signed.
 */

import type { Authenticator } from "../api/authenticator.js";
import { UsageError } from "../core/errors.js";
import type { Credentials } from "./credentials.js";
import {
  type IamTarget,
  iamError,
  iamUrl,
  parseJsonBody,
  requireIamTarget,
  unexpectedIamAnswer,
} from "./iam-call.js";
import type { AuthDependencies } from "./index.js";
import { type SigningCredentials, signRequest } from "./signer.js";
import { openTokenCache } from "./token-cache.js";

type AkskCredentials = Extract<Credentials, { kind: "aksk" }>;
type RequestToAuthorize = Parameters<Authenticator["headersFor"]>[0];

/** The AK's first characters: enough to tell keys apart, too few to matter. */
export function maskAccessKey(ak: string): string {
  return `${ak.slice(0, 4)}…`;
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name);
}

export function akskAuthenticator(credentials: AkskCredentials, deps: AuthDependencies): Authenticator {
  const { settings, http, ctx } = deps;
  const signing: SigningCredentials = {
    ak: credentials.ak.value,
    sk: credentials.sk.value,
    ...(credentials.securityToken ? { securityToken: credentials.securityToken.value } : {}),
  };
  const cache = openTokenCache(ctx);
  const sign = (request: RequestToAuthorize) => signRequest(request, signing, new Date(ctx.now()));

  async function lookUpProjectId(target: IamTarget): Promise<string> {
    // The SK's fingerprint is part of the key: a wrong SK is refused by IAM, not hidden by the cache.
    const fingerprint = await cache.fingerprint(signing.sk);
    const cacheKey = ["iam-project-id", target.endpoint.href, signing.ak, target.region, fingerprint];
    const cached = deps.fresh ? undefined : await cache.get(cacheKey);
    if (cached) return cached.value;
    const url = iamUrl(target.endpoint, "/v3/projects");
    url.searchParams.set("name", target.region);
    const request = { method: "GET" as const, url, headers: {} };
    const response = await http.send({ ...request, headers: sign(request) });
    const action = `could not look up the IAM project of region ${target.region}`;
    if (response.status !== 200) {
      throw iamError(
        action,
        response,
        `check the access key (${credentials.ak.source}) and the secret key (${credentials.sk.source}): they must be one pair`,
      );
    }
    const projects = (parseJsonBody(response) as { projects?: unknown } | undefined)?.projects;
    if (!Array.isArray(projects)) {
      throw unexpectedIamAnswer(action, response, "the answer has no project list");
    }
    const found = projects.find(
      (p: { id?: unknown; name?: unknown }) => p?.name === target.region && typeof p.id === "string",
    ) as { id: string } | undefined;
    if (!found) {
      throw new UsageError(
        `the account of access key ${maskAccessKey(signing.ak)} has no IAM project in region ${target.region}`,
        "check --region / CODEARTS_REGION, or set CODEARTS_IAM_PROJECT_ID",
      );
    }
    await cache.set(cacheKey, { value: found.id });
    return found.id;
  }

  const configured = settings.iamProjectId;
  // Checked now rather than at the first request, so a missing region is a usage error up front.
  const target = configured
    ? undefined
    : requireIamTarget(settings, "AK/SK signing without an IAM project id", "set CODEARTS_IAM_PROJECT_ID");
  let lookedUp: string | undefined;
  let pendingLookup: Promise<string> | undefined;

  /** The configured id, else one lookup per session: concurrent requests share it, a failed one is not kept. */
  function currentProjectId(): Promise<string> {
    if (configured) return Promise.resolve(configured.value);
    // `target` is set whenever no id is configured.
    pendingLookup ??= lookUpProjectId(target as IamTarget).then(
      (id) => {
        lookedUp = id;
        return id;
      },
      (error: unknown) => {
        pendingLookup = undefined;
        throw error;
      },
    );
    return pendingLookup;
  }

  return {
    async headersFor(request) {
      const added: Record<string, string> = { "X-Project-Id": await currentProjectId() };
      // The Node SDK always sends (and signs) a Content-Type with a body.
      if (request.body !== undefined && !hasHeader(request.headers, "content-type")) {
        added["Content-Type"] = "application/json";
      }
      const headers = { ...request.headers, ...added };
      return { ...added, ...sign({ ...request, headers }) };
    },
    refusalHint: `check the access key and secret key (${credentials.ak.source}, ${credentials.sk.source})${
      configured ? ` and the IAM project id (${configured.source})` : ""
    }; the system clock must also be right within 15 minutes`,
    describe() {
      const key = `AK/SK signing with access key ${maskAccessKey(signing.ak)} (from ${credentials.ak.source})`;
      const temporary = credentials.securityToken
        ? `, temporary credentials (security token from ${credentials.securityToken.source})`
        : "";
      const project = configured
        ? `IAM project ${configured.value} (from ${configured.source})`
        : lookedUp !== undefined
          ? `IAM project ${lookedUp} (looked up for region ${target?.region})`
          : `IAM project of region ${target?.region} (looked up at the first request)`;
      return `${key}${temporary}; ${project}`;
    },
  };
}
