import { describe, expect, test } from "vitest";
import { renderRunTable } from "../../src/render/index.js";
import { block, EXAMPLE_NOW, loadRun, RICH_NOW, showSgr } from "./helpers.js";

const example = loadRun("run-detail-example.json");
const rich = loadRun("run-detail-rich.json");
/** What a pipe gets: no colour, ISO times, no width limit. */
const piped = { colorLevel: 0, columns: undefined, timeStyle: "iso", unicode: true } as const;
const NEXT =
  "codearts-run status --pipeline 3b9e1f7c2a5d4c8e9f0a1b2c3d4e5f60 --run 7f1c0e9a4b2d4e6f8a0b1c2d3e4f5a6b --json";

describe("renderRunTable: the reference page's example run", () => {
  test("piped: plain, ISO times, every column in full (nothing is cut or wrapped in a pipe)", () => {
    expect(renderRunTable(example, { ...piped, now: EXAMPLE_NOW })).toBe(
      block`
Sub-pipeline qqq #1  ✓ COMPLETED
Trigger   Manual · branch master · 990ea05 "Creating a Dockerfile"
Executor  Beta environment account
Started   2023-01-20T09:33:17Z
Duration  0s

STATUS       NAME                                     DURATION  STARTED               MESSAGE
✓ COMPLETED  Phase_1                                  0s        2023-01-20T09:33:17Z
✓ COMPLETED  ├─ entry: official_devcloud_autoTrigger  0s        2023-01-20T09:33:17Z
✓ COMPLETED  └─ Creating a Job                        0s        2023-01-20T09:33:17Z  not found steps

Stages    1
Jobs      1
Steps     1
`,
    );
  });

  test("on a 120-column terminal: relative start times, and room for the STARTED column", () => {
    const output = renderRunTable(example, {
      ...piped,
      columns: 120,
      timeStyle: "relative",
      now: EXAMPLE_NOW,
    });
    expect(output).toBe(
      block`
Sub-pipeline qqq #1  ✓ COMPLETED
Trigger   Manual · branch master · 990ea05 "Creating a Dockerfile"
Executor  Beta environment account
Started   3 minutes ago
Duration  0s

STATUS       NAME                                     DURATION  STARTED        MESSAGE
✓ COMPLETED  Phase_1                                  0s        3 minutes ago
✓ COMPLETED  ├─ entry: official_devcloud_autoTrigger  0s        3 minutes ago
✓ COMPLETED  └─ Creating a Job                        0s        3 minutes ago  not found steps

Stages    1
Jobs      1
Steps     1
`,
    );
  });
});

describe("renderRunTable: a richer run (parallel stages, entry/exit steps, a failure, a running job)", () => {
  test("piped: plain; running items measured on the server clock (20m), not the local one (21m 30s)", () => {
    expect(renderRunTable(rich, { ...piped, now: RICH_NOW })).toBe(
      block`
orders-service-ci #12  ● RUNNING
Trigger   Push · branch feature/refunds · 8f3c2a1 "Handle refunds for cancelled orders"
Executor  Li Wei
Started   2026-01-01T00:00:00Z
Duration  20m 00s so far
Link      https://devcloud.cn-north-4.huaweicloud.com/cicd/project/6428c2e2b4b64affa14ec80896695c49/pipeline/detail/3b9e1f7c2a5d4c8e9f0a1b2c3d4e5f60/7f1c0e9a4b2d4e6f8a0b1c2d3e4f5a6b

STATUS       NAME                                     DURATION  STARTED               MESSAGE
✓ COMPLETED  Build                                    4m 05s    2026-01-01T00:00:00Z
✓ COMPLETED  ├─ entry: official_devcloud_autoTrigger  1s        2026-01-01T00:00:00Z
✓ COMPLETED  ├─ Compile (Maven)                       3m 49s    2026-01-01T00:00:01Z
✓ COMPLETED  │  ├─ Check out code                     5s        2026-01-01T00:00:01Z
✓ COMPLETED  │  └─ Maven build                        3m 40s    2026-01-01T00:00:06Z
✓ COMPLETED  ├─ Build image (after Compile (Maven))   15s       2026-01-01T00:03:50Z
✓ COMPLETED  │  └─ Build and push image               13s       2026-01-01T00:03:51Z
» SKIPPED    └─ Publish docs (after Compile (Maven))  -         -                     Condition not met: branch is not main

✗ FAILED     Test (parallel)                          4m 50s    2026-01-01T00:04:10Z
✗ FAILED     ├─ Unit tests (parallel)                 4m 50s    2026-01-01T00:04:10Z  Step "Run unit tests" failed
✗ FAILED     │  └─ Run unit tests                     4m 46s    2026-01-01T00:04:12Z  npm ERR! Test failed.  See above for more details.
             │                                                                        3 failing tests:
             │                                                                          OrderService > refunds a cancelled order
             │                                                                          OrderService > rejects a negative amount
             │                                                                          PaymentGateway > retries on 503
✓ COMPLETED  └─ Lint (parallel)                       52s       2026-01-01T00:04:10Z
✓ COMPLETED     └─ ESLint                             50s       2026-01-01T00:04:11Z

● RUNNING    Security scan (parallel)                 15m 50s   2026-01-01T00:04:10Z
✓ COMPLETED  ├─ entry: Scan window check              1s        2026-01-01T00:04:10Z
● RUNNING    ├─ Code check (parallel)                 15m 49s   2026-01-01T00:04:11Z
● RUNNING    │  ├─ CodeArts Check                     15m 48s   2026-01-01T00:04:12Z
? DEFERRED   │  └─ Upload report                      -         -
✓ COMPLETED  ├─ Dependency audit (parallel)           2m 19s    2026-01-01T00:04:11Z
○ INIT       └─ exit: official_manual_review          -         -

○ INIT       Deploy (after Test, Security scan)       -         -
○ INIT       └─ Deploy to staging                     -         -

Stages    4 (1 failed, 1 running)
Jobs      8 (1 failed, 1 running, 1 skipped)
Steps     10 (1 failed, 1 running)
`,
    );
  });

  test("coloured at level 1 on a 120-column terminal", () => {
    const output = renderRunTable(rich, {
      ...piped,
      colorLevel: 1,
      columns: 120,
      timeStyle: "relative",
      now: RICH_NOW,
    });
    expect(showSgr(output)).toBe(
      block`
{1}orders-service-ci #12{22}  {33}● RUNNING{39}
Trigger   Push · branch feature/refunds · 8f3c2a1 "Handle refunds for cancelled orders"
Executor  Li Wei
Started   21 minutes ago
Duration  20m 00s so far
Link      https://devcloud.cn-north-4.huaweicloud.com/cicd/project/6428c2e2b4b64affa14ec80896695c49/pipeline/detail/3b9e1f7c2a5d4c8e9f0a1b2c3d4e5f60/7f1c0e9a4b2d4e6f8a0b1c2d3e4f5a6b

{1}STATUS{22}       {1}NAME{22}                                     {1}DURATION{22}  {1}STARTED{22}         {1}MESSAGE{22}
{32}✓ COMPLETED{39}  {1}Build{22}                                    4m 05s    21 minutes ago
{32}✓ COMPLETED{39}  ├─ entry: official_devcloud_autoTrigger  1s        21 minutes ago
{32}✓ COMPLETED{39}  ├─ Compile (Maven)                       3m 49s    21 minutes ago
{32}✓ COMPLETED{39}  │  ├─ Check out code                     5s        21 minutes ago
{32}✓ COMPLETED{39}  │  └─ Maven build                        3m 40s    21 minutes ago
{32}✓ COMPLETED{39}  ├─ Build image{2} (after Compile (Maven)){22}   15s       17 minutes ago
{32}✓ COMPLETED{39}  │  └─ Build and push image               13s       17 minutes ago
{90}» SKIPPED{39}    └─ Publish docs{2} (after Compile (Maven)){22}  -         -               Condition not met: branch is not main

{31}{1}✗ FAILED{22}{39}     {31}{1}Test{22}{39}{2} (parallel){22}                          4m 50s    17 minutes ago
{31}{1}✗ FAILED{22}{39}     ├─ {31}{1}Unit tests{22}{39}{2} (parallel){22}                 4m 50s    17 minutes ago  {31}Step "Run unit tests" failed{39}
{31}{1}✗ FAILED{22}{39}     │  └─ {31}{1}Run unit tests{22}{39}                     4m 46s    17 minutes ago  {31}npm ERR! Test failed.  See above for{39}
             │                                                                  {31}more details.{39}
             │                                                                  {31}3 failing tests:{39}
             │                                                                  {31}  OrderService > refunds a cancelled{39}
             │                                                                  {31}order{39}
             │                                                                  {31}  OrderService > rejects a negative{39}
             │                                                                  {31}amount{39}
             │                                                                  {31}  PaymentGateway > retries on 503{39}
{32}✓ COMPLETED{39}  └─ Lint{2} (parallel){22}                       52s       17 minutes ago
{32}✓ COMPLETED{39}     └─ ESLint                             50s       17 minutes ago

{33}● RUNNING{39}    {1}Security scan{22}{2} (parallel){22}                 {33}15m 50s{39}   17 minutes ago
{32}✓ COMPLETED{39}  ├─ entry: Scan window check              1s        17 minutes ago
{33}● RUNNING{39}    ├─ Code check{2} (parallel){22}                 {33}15m 49s{39}   17 minutes ago
{33}● RUNNING{39}    │  ├─ CodeArts Check                     {33}15m 48s{39}   17 minutes ago
? DEFERRED   │  └─ Upload report                      -         -
{32}✓ COMPLETED{39}  ├─ Dependency audit{2} (parallel){22}           2m 19s    17 minutes ago
{90}○ INIT{39}       └─ exit: official_manual_review          -         -

{90}○ INIT{39}       {1}Deploy{22}{2} (after Test, Security scan){22}       -         -
{90}○ INIT{39}       └─ Deploy to staging                     -         -

Stages    4 ({31}{1}1 failed{22}{39}, {33}1 running{39})
Jobs      8 ({31}{1}1 failed{22}{39}, {33}1 running{39}, {90}1 skipped{39})
Steps     10 ({31}{1}1 failed{22}{39}, {33}1 running{39})
`,
    );
  });

  test("60 columns: no STARTED column, names cut with an ellipsis, messages wrapped in full", () => {
    const output = renderRunTable(rich, { ...piped, columns: 60, timeStyle: "relative", now: RICH_NOW });
    expect(output).toBe(
      block`
orders-service-ci #12  ● RUNNING
Trigger   Push · branch feature/refunds · 8f3c2a1 "Handle r…
Executor  Li Wei
Started   21 minutes ago
Duration  20m 00s so far
Link      https://devcloud.cn-north-4.huaweicloud.com/cicd/project/6428c2e2b4b64affa14ec80896695c49/pipeline/detail/3b9e1f7c2a5d4c8e9f0a1b2c3d4e5f60/7f1c0e9a4b2d4e6f8a0b1c2d3e4f5a6b

STATUS       NAME                DURATION  MESSAGE
✓ COMPLETED  Build               4m 05s
✓ COMPLETED  ├─ entry: officia…  1s
✓ COMPLETED  ├─ Compile (Maven)  3m 49s
✓ COMPLETED  │  ├─ Check out c…  5s
✓ COMPLETED  │  └─ Maven build   3m 40s
✓ COMPLETED  ├─ Build image (a…  15s
✓ COMPLETED  │  └─ Build and p…  13s
» SKIPPED    └─ Publish docs (…  -         Condition not
                                           met: branch is
                                           not main

✗ FAILED     Test (parallel)     4m 50s
✗ FAILED     ├─ Unit tests (pa…  4m 50s    Step "Run unit
             │  │                          tests" failed
✗ FAILED     │  └─ Run unit te…  4m 46s    npm ERR! Test
             │                             failed.  See
             │                             above for more
             │                             details.
             │                             3 failing tests:
             │                               OrderService >
             │                             refunds a
             │                             cancelled order
             │                               OrderService >
             │                             rejects a
             │                             negative amount
             │                               PaymentGateway
             │                             > retries on 503
✓ COMPLETED  └─ Lint (parallel)  52s
✓ COMPLETED     └─ ESLint        50s

● RUNNING    Security scan (pa…  15m 50s
✓ COMPLETED  ├─ entry: Scan wi…  1s
● RUNNING    ├─ Code check (pa…  15m 49s
● RUNNING    │  ├─ CodeArts Ch…  15m 48s
? DEFERRED   │  └─ Upload repo…  -
✓ COMPLETED  ├─ Dependency aud…  2m 19s
○ INIT       └─ exit: official…  -

○ INIT       Deploy (after Tes…  -
○ INIT       └─ Deploy to stag…  -

Stages    4 (1 failed, 1 running)
Jobs      8 (1 failed, 1 running, 1 skipped)
Steps     10 (1 failed, 1 running)
`,
    );
    for (const line of output.split("\n").filter((line) => !line.startsWith("Link"))) {
      expect(line.length).toBeLessThanOrEqual(60);
    }
  });

  test("ASCII fallback: no box-drawing, no symbols beyond ASCII", () => {
    const output = renderRunTable(rich, { ...piped, columns: 80, unicode: false, now: RICH_NOW });
    expect(output).toBe(
      block`
orders-service-ci #12  * RUNNING
Trigger   Push, branch feature/refunds, 8f3c2a1 "Handle refunds for cancelled...
Executor  Li Wei
Started   2026-01-01T00:00:00Z
Duration  20m 00s so far
Link      https://devcloud.cn-north-4.huaweicloud.com/cicd/project/6428c2e2b4b64affa14ec80896695c49/pipeline/detail/3b9e1f7c2a5d4c8e9f0a1b2c3d4e5f60/7f1c0e9a4b2d4e6f8a0b1c2d3e4f5a6b

STATUS       NAME                          DURATION  MESSAGE
+ COMPLETED  Build                         4m 05s
+ COMPLETED  |- entry: official_devclo...  1s
+ COMPLETED  |- Compile (Maven)            3m 49s
+ COMPLETED  |  |- Check out code          5s
+ COMPLETED  |  \- Maven build             3m 40s
+ COMPLETED  |- Build image (after Com...  15s
+ COMPLETED  |  \- Build and push image    13s
- SKIPPED    \- Publish docs (after Co...  -         Condition not met: branch
                                                     is not main

x FAILED     Test (parallel)               4m 50s
x FAILED     |- Unit tests (parallel)      4m 50s    Step "Run unit tests"
             |  |                                    failed
x FAILED     |  \- Run unit tests          4m 46s    npm ERR! Test failed.  See
             |                                       above for more details.
             |                                       3 failing tests:
             |                                         OrderService > refunds a
             |                                       cancelled order
             |                                         OrderService > rejects a
             |                                       negative amount
             |                                         PaymentGateway > retries
             |                                       on 503
+ COMPLETED  \- Lint (parallel)            52s
+ COMPLETED     \- ESLint                  50s

* RUNNING    Security scan (parallel)      15m 50s
+ COMPLETED  |- entry: Scan window check   1s
* RUNNING    |- Code check (parallel)      15m 49s
* RUNNING    |  |- CodeArts Check          15m 48s
? DEFERRED   |  \- Upload report           -
+ COMPLETED  |- Dependency audit (para...  2m 19s
. INIT       \- exit: official_manual_...  -

. INIT       Deploy (after Test, Secur...  -
. INIT       \- Deploy to staging          -

Stages    4 (1 failed, 1 running)
Jobs      8 (1 failed, 1 running, 1 skipped)
Steps     10 (1 failed, 1 running)
`,
    );
    expect(output).toMatch(/^[\x20-\x7e\n]*$/);
  });

  test("compact, failed: only what did not complete and its parents, then the next commands", () => {
    const output = renderRunTable(
      { ...rich, status: "FAILED" },
      { ...piped, compact: true, now: RICH_NOW, nextCommands: [NEXT] },
    );
    expect(output).toBe(
      block`
orders-service-ci #12  ✗ FAILED
Trigger   Push · branch feature/refunds · 8f3c2a1 "Handle refunds for cancelled orders"
Executor  Li Wei
Started   2026-01-01T00:00:00Z
Duration  -
Link      https://devcloud.cn-north-4.huaweicloud.com/cicd/project/6428c2e2b4b64affa14ec80896695c49/pipeline/detail/3b9e1f7c2a5d4c8e9f0a1b2c3d4e5f60/7f1c0e9a4b2d4e6f8a0b1c2d3e4f5a6b

STATUS       NAME                                     DURATION  STARTED               MESSAGE
✓ COMPLETED  Build                                    4m 05s    2026-01-01T00:00:00Z
» SKIPPED    └─ Publish docs (after Compile (Maven))  -         -                     Condition not met: branch is not main

✗ FAILED     Test (parallel)                          4m 50s    2026-01-01T00:04:10Z
✗ FAILED     └─ Unit tests (parallel)                 4m 50s    2026-01-01T00:04:10Z  Step "Run unit tests" failed
✗ FAILED        └─ Run unit tests                     4m 46s    2026-01-01T00:04:12Z  npm ERR! Test failed.  See above for more details.
                                                                                      3 failing tests:
                                                                                        OrderService > refunds a cancelled order
                                                                                        OrderService > rejects a negative amount
                                                                                        PaymentGateway > retries on 503

● RUNNING    Security scan (parallel)                 15m 50s   2026-01-01T00:04:10Z
● RUNNING    ├─ Code check (parallel)                 15m 49s   2026-01-01T00:04:11Z
● RUNNING    │  ├─ CodeArts Check                     15m 48s   2026-01-01T00:04:12Z
? DEFERRED   │  └─ Upload report                      -         -
○ INIT       └─ exit: official_manual_review          -         -

○ INIT       Deploy (after Test, Security scan)       -         -
○ INIT       └─ Deploy to staging                     -         -

Stages    4 (1 failed, 1 running)
Jobs      8 (1 failed, 1 running, 1 skipped)
Steps     10 (1 failed, 1 running)

Next steps:
  codearts-run status --pipeline 3b9e1f7c2a5d4c8e9f0a1b2c3d4e5f60 --run 7f1c0e9a4b2d4e6f8a0b1c2d3e4f5a6b --json
`,
    );
  });

  test("no steps: stages and jobs only; the counts still cover the steps", () => {
    expect(renderRunTable(rich, { ...piped, showSteps: false, now: RICH_NOW })).toBe(
      block`
orders-service-ci #12  ● RUNNING
Trigger   Push · branch feature/refunds · 8f3c2a1 "Handle refunds for cancelled orders"
Executor  Li Wei
Started   2026-01-01T00:00:00Z
Duration  20m 00s so far
Link      https://devcloud.cn-north-4.huaweicloud.com/cicd/project/6428c2e2b4b64affa14ec80896695c49/pipeline/detail/3b9e1f7c2a5d4c8e9f0a1b2c3d4e5f60/7f1c0e9a4b2d4e6f8a0b1c2d3e4f5a6b

STATUS       NAME                                     DURATION  STARTED               MESSAGE
✓ COMPLETED  Build                                    4m 05s    2026-01-01T00:00:00Z
✓ COMPLETED  ├─ Compile (Maven)                       3m 49s    2026-01-01T00:00:01Z
✓ COMPLETED  ├─ Build image (after Compile (Maven))   15s       2026-01-01T00:03:50Z
» SKIPPED    └─ Publish docs (after Compile (Maven))  -         -                     Condition not met: branch is not main

✗ FAILED     Test (parallel)                          4m 50s    2026-01-01T00:04:10Z
✗ FAILED     ├─ Unit tests (parallel)                 4m 50s    2026-01-01T00:04:10Z  Step "Run unit tests" failed
✓ COMPLETED  └─ Lint (parallel)                       52s       2026-01-01T00:04:10Z

● RUNNING    Security scan (parallel)                 15m 50s   2026-01-01T00:04:10Z
● RUNNING    ├─ Code check (parallel)                 15m 49s   2026-01-01T00:04:11Z
✓ COMPLETED  └─ Dependency audit (parallel)           2m 19s    2026-01-01T00:04:11Z

○ INIT       Deploy (after Test, Security scan)       -         -
○ INIT       └─ Deploy to staging                     -         -

Stages    4 (1 failed, 1 running)
Jobs      8 (1 failed, 1 running, 1 skipped)
Steps     10 (1 failed, 1 running)
`,
    );
  });
});

describe("renderRunTable: nothing to draw", () => {
  test("compact on a run that completed says so instead of an empty table", () => {
    const output = renderRunTable(example, { ...piped, compact: true, now: EXAMPLE_NOW });
    expect(output).toContain("\n\nAll 1 stage completed.\n\nStages    1\n");
  });

  test("a run with no stages yet", () => {
    const output = renderRunTable({ ...example, status: "INIT", stages: [] }, { ...piped, now: EXAMPLE_NOW });
    expect(output).toContain("\n\nNo stages reported yet.\n\nStages    0\n");
  });
});
