import { UsageError } from "../core/errors.js";
import { sanitizeText } from "../text/sanitize.js";
import { quoteInput } from "../text/shown-input.js";
import { didYouMean } from "./did-you-mean.js";

/**
 * Region → CodeArts Pipeline base URL, copied from `CodeArtsPipelineRegion` in the official SDKs
 * (reference §1). Hosts differ between regions, so they are listed, never built from a template.
 */
const PIPELINE_ENDPOINTS: Readonly<Record<string, string>> = {
  "cn-north-1": "https://cloudpipeline-ext.cn-north-1.myhuaweicloud.com",
  "cn-north-4": "https://cloudpipeline-ext.cn-north-4.myhuaweicloud.com",
  "cn-south-1": "https://cloudpipeline-ext.cn-south-1.myhuaweicloud.com",
  "cn-south-2": "https://cloudpipeline-ext.cn-south-2.myhuaweicloud.com",
  "cn-east-2": "https://cloudpipeline-ext.cn-east-2.myhuaweicloud.com",
  "cn-east-3": "https://cloudpipeline-ext.cn-east-3.myhuaweicloud.com",
  "cn-southwest-2": "https://cloudpipeline-ext.cn-southwest-2.myhuaweicloud.com",
  "ap-southeast-3": "https://cloudpipeline-ext.ap-southeast-3.myhuaweicloud.com",
  "sa-brazil-1": "https://cloudpipeline-ext.sa-brazil-1.myhuaweicloud.com",
  "la-north-2": "https://cloudpipeline-ext.la-north-2.myhuaweicloud.com",
  "tr-west-1": "https://pipeline-external.tr-west-1.myhuaweicloud.com",
  "la-south-2": "https://pipeline-external.la-south-2.myhuaweicloud.com",
  "af-north-1": "https://pipeline.af-north-1.myhuaweicloud.com",
  "me-east-1": "https://pipeline.me-east-1.myhuaweicloud.com",
  "af-south-1": "https://pipeline.af-south-1.myhuaweicloud.com",
};

export const KNOWN_REGIONS: readonly string[] = Object.keys(PIPELINE_ENDPOINTS);

export function endpointForRegion(region: string): URL {
  const url = PIPELINE_ENDPOINTS[region];
  if (url === undefined) {
    throw new UsageError(
      `unknown region ${quoteInput(region)}${didYouMean(region, KNOWN_REGIONS)}`,
      `use one of ${KNOWN_REGIONS.join(", ")}, or give the service URL with --endpoint`,
    );
  }
  return new URL(url);
}

/**
 * IAM's host for a region. The official IAM endpoint table has no af-north-1 entry, and there the
 * SDKs fall back to the global `https://iam.myhuaweicloud.com` (reference §7); we do the same.
 */
const IAM_GLOBAL_REGIONS: ReadonlySet<string> = new Set(["af-north-1"]);

export function iamEndpointForRegion(region: string): URL {
  return new URL(
    IAM_GLOBAL_REGIONS.has(region)
      ? "https://iam.myhuaweicloud.com"
      : `https://iam.${region}.myhuaweicloud.com`,
  );
}

/**
 * The SDKs' `HUAWEICLOUD_SDK_REGION_CODEARTSPIPELINE_<REGION>` may hold several comma-separated
 * URLs, which they take as a list (reference §7). We use the first; an empty list is no override.
 */
export function firstOfEndpointList(raw: string): string | undefined {
  return raw
    .split(",")
    .map((url) => url.trim())
    .find((url) => url !== "");
}

function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "");
  return host === "localhost" || host === "::1" || /^127(?:\.\d{1,3}){3}$/.test(host);
}

/**
 * Parses a user-given endpoint. Credentials travel with every request, so plain http is allowed
 * only to a loopback address (the simulator, a local proxy); anything else must be https.
 */
export function parseEndpoint(raw: string, origin: string): URL {
  // `localhost:8080` parses as a URL with the scheme "localhost:": say what is missing instead.
  if (!raw.includes("://") && /^([\w.-]+|\[[\d:a-f.]+\])(:\d*)?(\/\S*)?$/i.test(raw.trim())) {
    const host = raw.trim().split("/")[0] ?? "";
    const scheme = isLoopbackHost(host.replace(/:\d*$/, "")) ? "http://" : "https://";
    const example = raw.trim().length <= 60 ? sanitizeText(raw.trim()) : "<host>";
    throw new UsageError(
      `${origin} has no scheme: ${quoteInput(raw)}`,
      `add http:// or https:// in front, e.g. ${scheme}${example}`,
    );
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(
      `${origin} is not a URL: ${quoteInput(raw)}`,
      "give the service base URL, e.g. https://cloudpipeline-ext.cn-north-4.myhuaweicloud.com",
    );
  }
  // DNS names have at most 253 characters; a longer one is a paste gone wrong, not a host.
  if (url.hostname.length > 253) {
    throw new UsageError(
      `${origin} has a host name of ${url.hostname.length} characters: ${quoteInput(url.hostname, 60, { sayLength: false })}`,
      "a host name has at most 253 characters; give the service base URL, e.g. https://cloudpipeline-ext.cn-north-4.myhuaweicloud.com",
    );
  }
  if (url.username !== "" || url.password !== "") {
    throw new UsageError(
      `${origin} must not contain a user name or password`,
      "remove the user:password@ part; credentials come from CODEARTS_TOKEN",
    );
  }
  if (url.protocol === "http:" && !isLoopbackHost(url.hostname)) {
    throw new UsageError(
      `refusing to send credentials over plain http to ${url.host} (${origin})`,
      "use an https:// URL; plain http is allowed only for loopback addresses (127.0.0.1, ::1, localhost)",
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new UsageError(`${origin} must be an http(s) URL, not ${url.protocol}`, "use an https:// URL");
  }
  url.search = "";
  url.hash = "";
  return url;
}
