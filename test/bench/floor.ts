/**
 * The floor figure (a) is compared with: the least a Node program can do to answer the same
 * question — one GET of the run document with the token over `node:http`, the body copied to
 * stdout. Run by the bench as `node floor.js` (built beside it) with BENCH_URL and BENCH_TOKEN set.
 */
import { request } from "node:http";

const url = process.env.BENCH_URL ?? "";
const token = process.env.BENCH_TOKEN ?? "";

request(url, { headers: { "X-Auth-Token": token, Accept: "application/json" } }, (response) => {
  if (response.statusCode !== 200) process.exitCode = 1;
  response.pipe(process.stdout);
}).end();
