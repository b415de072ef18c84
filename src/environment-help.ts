/**
 * The environment block of `--help`: one variable (or a pair that goes together) per line, every
 * description starting in the same column, whatever the longest name.
 */

const VARIABLES: ReadonlyArray<readonly [string, string]> = [
  ["CODEARTS_TOKEN", "IAM token, sent as X-Auth-Token"],
  ["CLOUD_SDK_AK, CLOUD_SDK_SK", "AK/SK request signing (also HUAWEICLOUD_SDK_AK, _SK)"],
  ["HUAWEICLOUD_SDK_SECURITY_TOKEN", "security token of temporary AK/SK"],
  ["CODEARTS_DOMAIN", "account (domain) name, for password sign-in"],
  ["CODEARTS_USERNAME", "IAM user name, for password sign-in"],
  ["CODEARTS_PASSWORD", "the IAM user's password"],
  ["CODEARTS_PROJECT_ID", "CodeArts project id"],
  ["CODEARTS_REGION", "region, e.g. cn-north-4"],
  ["CODEARTS_ENDPOINT", "service base URL"],
  ["CODEARTS_IAM_ENDPOINT", "IAM base URL"],
  ["CODEARTS_IAM_PROJECT_ID", "IAM project id (X-Project-Id)"],
  ["CODEARTS_PROFILE", "config profile"],
  ["NO_COLOR, FORCE_COLOR", "colour off / forced"],
];

const width = Math.max(...VARIABLES.map(([name]) => name.length)) + 2;

export const ENVIRONMENT_HELP = `Environment (flags win over these, these over the config file):
${VARIABLES.map(([name, text]) => `  ${name.padEnd(width)}${text}`).join("\n")}
Secrets are never taken as command-line arguments: use the environment, --token-stdin,
--password-stdin, or a private config file (.codeartsrc).`;
