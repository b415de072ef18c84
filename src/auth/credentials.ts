/**
 * What the authenticators are given: the credentials and the few IAM settings they use, each with
 * where it came from (for messages). Defined here so auth/ needs nothing from config/, which
 * resolves these values and re-exports the types.
 */

export interface Sourced<T> {
  value: T;
  source: string;
}

export type Credentials =
  | { kind: "token"; token: Sourced<string> }
  | { kind: "aksk"; ak: Sourced<string>; sk: Sourced<string>; securityToken?: Sourced<string> }
  | { kind: "password"; domain: Sourced<string>; username: Sourced<string>; password: Sourced<string> };

/** The settings AK/SK signing and the password exchange read: where IAM is, and the project id. */
export interface IamSettings {
  region?: Sourced<string>;
  iamEndpoint?: Sourced<URL>;
  iamProjectId?: Sourced<string>;
}
