import { didYouMean } from "../config/did-you-mean.js";
import { UsageError } from "../errors.js";

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
      `unknown region "${region}"${didYouMean(region, KNOWN_REGIONS)}`,
      `use one of ${KNOWN_REGIONS.join(", ")}, or give the service URL with --endpoint`,
    );
  }
  return new URL(url);
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
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(
      `${origin} is not a URL: "${raw}"`,
      "give the service base URL, e.g. https://cloudpipeline-ext.cn-north-4.myhuaweicloud.com",
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
