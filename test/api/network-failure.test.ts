import { readFileSync } from "node:fs";
import { createServer as createHttpServer } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { type AddressInfo, createServer as createTcpServer, type Server, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { formatTimeout, networkFailure } from "../../src/api/network-failure.js";
import { runInProcess } from "../helpers/run-cli.js";

/**
 * Failures that will be the same on every try (TLS to a plain-http server, a host DNS does not
 * know, a refused certificate) are reported once, with the cause and the fix, and not retried.
 * Each case talks to a real server on 127.0.0.1 and counts the connections it received.
 */

const PROJECT = "0123456789abcdef0123456789abcdef";
const PIPELINE = "e5460d1d403146a1935c2d4b68ef506c";
// A self-signed certificate for CN=localhost, made for these tests only (openssl req -x509, 100 years).
const tlsOptions = {
  cert: readFileSync(new URL("../fixtures/tls/self-signed-localhost.cert.pem", import.meta.url)),
  key: readFileSync(new URL("../fixtures/tls/self-signed-localhost.key.pem", import.meta.url)),
};

const servers: Server[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** Listens on 127.0.0.1 and counts the TCP connections that arrive. */
async function listen(server: Server): Promise<{ port: number; connections: () => number }> {
  let connections = 0;
  server.on("connection", (socket) => {
    connections++;
    sockets.push(socket);
    socket.on("error", () => {});
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { port: (server.address() as AddressInfo).port, connections: () => connections };
}

function status(endpoint: string, extra: string[] = []) {
  return runInProcess(["status", PIPELINE, "--endpoint", endpoint, ...extra], {
    env: { CODEARTS_TOKEN: "test-token", CODEARTS_PROJECT_ID: PROJECT },
  });
}

describe("failures that repeat on every try are not retried", () => {
  it("https:// to a plain-http server: one connection, names http:// as the fix", async () => {
    const server = await listen(createHttpServer((_req, res) => res.end("{}")));
    const result = await status(`https://127.0.0.1:${server.port}`);
    expect(result.code).toBe(5);
    expect(result.stderr).toMatch(
      /^error: could not reach 127\.0\.0\.1:\d+: it does not speak TLS, so https:\/\/ cannot work there/,
    );
    expect(result.stderr).toContain(`use http://127.0.0.1:${server.port}`);
    expect(result.stderr).not.toContain("retrying");
    expect(result.sleeps).toEqual([]);
    expect(server.connections()).toBe(1);
  });

  it("the same under --watch (and for several pipelines): no polling again", async () => {
    const server = await listen(createHttpServer((_req, res) => res.end("{}")));
    const one = await status(`https://127.0.0.1:${server.port}`, ["--watch"]);
    expect(one.code).toBe(5);
    expect(one.stderr).toContain("it does not speak TLS");
    expect(server.connections()).toBe(1);
    const many = await runInProcess(
      [
        "status",
        PIPELINE,
        "e5460d1d403146a1935c2d4b68ef506d",
        "--watch",
        "--endpoint",
        `https://127.0.0.1:${server.port}`,
      ],
      { env: { CODEARTS_TOKEN: "test-token", CODEARTS_PROJECT_ID: PROJECT } },
    );
    expect(many.code).toBe(5);
    expect(many.stderr).toContain("it does not speak TLS");
    expect(server.connections()).toBe(2);
  });

  it("a refused (self-signed) certificate: one connection, says the certificate was refused", async () => {
    const server = await listen(createHttpsServer(tlsOptions, (_req, res) => res.end("{}")));
    const result = await status(`https://localhost:${server.port}`);
    expect(result.code).toBe(5);
    expect(result.stderr).toMatch(
      /^error: could not reach localhost:\d+: its TLS certificate was refused \(self-signed certificate; DEPTH_ZERO_SELF_SIGNED_CERT\)\nhint: check the host name in the endpoint .*NODE_EXTRA_CA_CERTS/,
    );
    expect(result.stderr).not.toContain("NODE_TLS_REJECT_UNAUTHORIZED");
    expect(result.sleeps).toEqual([]);
    expect(server.connections()).toBe(1);
  });

  it("an unknown host (.invalid never resolves): one try, names the host", async () => {
    const result = await status("https://codearts.invalid");
    expect(result.code).toBe(5);
    expect(result.stderr).toMatch(
      /^error: could not reach codearts\.invalid: no such host \(DNS has no address for codearts\.invalid\)\nhint: check the host name/,
    );
    expect(result.sleeps).toEqual([]);
  });

  it("a transient failure (connection refused) is still retried", () => {
    const refused = networkFailure(
      Object.assign(new Error("x"), { code: "ECONNREFUSED" }),
      new URL("https://h"),
      1000,
      false,
    );
    expect(refused.details.transient).toBe(true);
    const busyDns = networkFailure(
      Object.assign(new Error("x"), { code: "EAI_AGAIN" }),
      new URL("https://h"),
      1000,
      false,
    );
    expect(busyDns.details.transient).toBe(true);
  });
});

describe("--request-timeout below a second", () => {
  it("says the time it waited, never 'within 0 s'", async () => {
    // Accepts the connection and never answers.
    const server = await listen(createTcpServer(() => {}));
    const result = await status(`http://127.0.0.1:${server.port}`, ["--request-timeout", "0.001"]);
    expect(result.code).toBe(5);
    expect(result.stderr).toMatch(/^error: no complete answer from 127\.0\.0\.1:\d+ within 1 ms$/m);
    expect(result.stderr).not.toContain("within 0 s");
  });

  it("formats timeouts in the unit that reads", () => {
    expect(formatTimeout(0.4)).toBe("1 ms");
    expect(formatTimeout(250)).toBe("250 ms");
    expect(formatTimeout(1000)).toBe("1 s");
    expect(formatTimeout(1500)).toBe("1.5 s");
    expect(formatTimeout(30_000)).toBe("30 s");
  });
});
