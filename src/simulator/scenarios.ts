/**
 * The built-in pipelines: one per situation a user of `codearts-run status` meets.
 * Each returns plans only; ids and dates come from the seed and t0 elsewhere.
 */
import { seededFraction } from "./ids.js";
import type { JobPlan, PipelinePlan, RunPlan, StagePlan, StepPlan, TriggerPlan } from "./plan.js";

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const LINUX_X86 = '{"type":"system","arch":"x86"}';

function step(
  name: string | null,
  task: string,
  businessType: StepPlan["businessType"],
  durationMs: number,
  log: string[],
  inputs: StepPlan["inputs"] = null,
): StepPlan {
  return { name, task, businessType, durationMs, inputs, log };
}

function shell(name: string, command: string, durationMs: number, output: string[]): StepPlan {
  return step(
    name,
    "official_shell_plugin",
    "Normal",
    durationMs,
    [`$ ${command}`, ...output],
    [{ key: "command", value: command }],
  );
}

/** The automatic stage entry every stage starts with (as in the reference example). */
function autoEntry(): StepPlan {
  return step(null, "official_devcloud_autoTrigger", null, 1 * SECOND, []);
}

/** A stage exit: the pass conditions (quality gate) checked after the jobs. */
function passConditions(): StepPlan {
  return step(null, "official_devcloud_passConditions", null, 3 * SECOND, []);
}

function checkout(repo: string, branch: string): StepPlan {
  return step("Check out code", "official_devcloud_gitCheckout", "Normal", 8 * SECOND, [
    `Cloning into '/codearts/workspace/${repo}'...`,
    `Switched to branch '${branch}'`,
  ]);
}

function withFailure(plan: StepPlan, failure: string | undefined): StepPlan {
  return failure === undefined ? plan : { ...plan, failure };
}

function scaled(stages: StagePlan[], scale: number): StagePlan[] {
  const s = (plan: StepPlan): StepPlan => ({ ...plan, durationMs: Math.round(plan.durationMs * scale) });
  return stages.map((stage) => ({
    ...stage,
    pre: stage.pre.map(s),
    post: stage.post.map(s),
    jobs: stage.jobs.map((job) => ({
      ...job,
      queueMs: Math.round(job.queueMs * scale),
      steps: job.steps.map(s),
    })),
  }));
}

interface StandardOptions {
  repo: string;
  branch: string;
  /** Multiplies every duration (the standard run takes about 5 minutes). */
  scale?: number;
  buildFailure?: string;
  testFailure?: string;
  deployFailure?: string;
}

/** Build → Test (unit tests ∥ code check) → Deploy, the shape most CodeArts pipelines have. */
function standardStages(options: StandardOptions): StagePlan[] {
  const { repo, branch } = options;
  const build: JobPlan = {
    name: "Build with npm",
    queueMs: 5 * SECOND,
    resource: LINUX_X86,
    steps: [
      checkout(repo, branch),
      shell("Install dependencies", "npm ci", 40 * SECOND, [
        "added 812 packages, and audited 813 packages in 38s",
      ]),
      withFailure(
        step("Build", "official_devcloud_cloudBuild", "Build", 60 * SECOND, [
          "> tsc -p tsconfig.build.json && vite build",
          "vite v5.4.2 building for production...",
          "✓ 214 modules transformed.",
          "dist/index.js  184.22 kB │ gzip: 52.10 kB",
        ]),
        options.buildFailure,
      ),
      step("Upload artifact", "official_devcloud_uploadArtifact", "Normal", 10 * SECOND, [
        `Uploading ${repo}-1.4.0.tgz to the release repository`,
        "Upload finished",
      ]),
    ],
  };
  const unitTests: JobPlan = {
    name: "Unit tests",
    queueMs: 5 * SECOND,
    resource: LINUX_X86,
    steps: [
      checkout(repo, branch),
      withFailure(
        step(
          "Run tests",
          "official_devcloud_unitTest",
          "Test",
          90 * SECOND,
          options.testFailure === undefined
            ? ["$ npm test", " RUN  v2.1.1", " Test Files  42 passed (42)", "      Tests  318 passed (318)"]
            : [
                "$ npm test",
                " RUN  v2.1.1",
                " FAIL  test/orders.test.ts > creates an order with a coupon",
                " FAIL  test/orders.test.ts > rejects an expired coupon",
                " FAIL  test/payments.test.ts > refunds a partial payment",
                " Test Files  2 failed | 40 passed (42)",
                "      Tests  3 failed | 315 passed (318)",
              ],
        ),
        options.testFailure,
      ),
      step("Publish test report", "official_devcloud_testReport", "Test", 6 * SECOND, ["Report published"]),
    ],
  };
  const codeCheck: JobPlan = {
    name: "Code check",
    queueMs: 5 * SECOND,
    resource: LINUX_X86,
    steps: [
      checkout(repo, branch),
      step("Static analysis", "official_devcloud_codeCheck", "Check", 95 * SECOND, [
        "Scanning 1,204 files with the TypeScript rule set",
        "Issues: 0 critical, 0 major, 7 minor",
      ]),
    ],
  };
  const deploy: JobPlan = {
    name: "Deploy to CCE",
    queueMs: 5 * SECOND,
    resource: LINUX_X86,
    steps: [
      withFailure(
        step(
          "Deploy",
          "official_devcloud_deploy",
          "Deploy",
          45 * SECOND,
          [`Updating deployment ${repo} in namespace production`, "Rolling update: 3 of 3 pods updated"],
          [{ key: "namespace", value: "production" }],
        ),
        options.deployFailure,
      ),
      shell("Health check", `curl -fsS https://${repo}.example.com/healthz`, 15 * SECOND, [
        '{"status":"ok"}',
      ]),
    ],
  };
  const stages: StagePlan[] = [
    { name: "Build", parallelJobs: false, pre: [autoEntry()], jobs: [build], post: [] },
    {
      name: "Test",
      parallelJobs: true,
      pre: [autoEntry()],
      jobs: [unitTests, codeCheck],
      post: [passConditions()],
    },
    { name: "Deploy", parallelJobs: false, pre: [autoEntry()], jobs: [deploy], post: [] },
  ];
  return scaled(stages, options.scale ?? 1);
}

/** Start of the Test stage and of the Deploy stage in a standard run (scale 1), for stops. */
const STANDARD_TEST_STAGE_AT = 124 * SECOND;
const STANDARD_DEPLOY_STAGE_AT = 237 * SECOND;

function push(executor: string, branch: string, commitMessage: string): TriggerPlan {
  return { type: "Push", executor, branch, commitMessage };
}

function manual(executor: string, branch: string, commitMessage: string): TriggerPlan {
  return { type: "Manual", executor, branch, commitMessage };
}

function run(
  startOffsetMs: number,
  trigger: TriggerPlan,
  stages: StagePlan[],
  extra: Partial<RunPlan> = {},
): RunPlan {
  return { startOffsetMs, trigger, description: null, stages, artifacts: null, ...extra };
}

function web(): PipelinePlan {
  const stages = standardStages({ repo: "web-portal", branch: "main" });
  return {
    name: "web",
    description: "Success: Build → Test (2 parallel jobs) → Deploy, COMPLETED before now",
    repo: "web-portal",
    runs: [
      run(-2 * DAY, push("Li Wei", "main", "Add order history page"), stages),
      run(
        -DAY,
        push("Chen Jing", "main", "Upgrade router"),
        standardStages({ repo: "web-portal", branch: "main", testFailure: "npm test exited with code 1" }),
      ),
      run(-2 * HOUR, push("Li Wei", "main", "Fix date picker on Safari"), stages, {
        artifacts: [{ name: "web-portal-1.4.0.tgz", packageType: "npm", version: "1.4.0" }],
      }),
    ],
  };
}

function api(): PipelinePlan {
  return {
    name: "api",
    description: "Failure: a unit-test step FAILED, Deploy never ran",
    repo: "order-api",
    runs: [
      run(
        -40 * MINUTE,
        push("Zhang Min", "main", "Apply coupons before tax"),
        standardStages({
          repo: "order-api",
          branch: "main",
          testFailure: "npm test exited with code 1: 3 tests failed",
        }),
      ),
    ],
  };
}

function docs(): PipelinePlan {
  return {
    name: "docs",
    description: "Cancel: CANCELED by a user during the Test stage",
    repo: "docs-site",
    runs: [
      run(
        -3 * HOUR,
        manual("Wang Fang", "main", "Rewrite the quick start"),
        standardStages({ repo: "docs-site", branch: "main" }),
        {
          stop: { kind: "cancel", afterMs: STANDARD_TEST_STAGE_AT + 40 * SECOND },
          description: "Canceled: wrong branch",
        },
      ),
    ],
  };
}

function hotfix(): PipelinePlan {
  return {
    name: "hotfix",
    description: "Ignored: superseded by a newer run before Deploy, ended IGNORED",
    repo: "order-api",
    runs: [
      run(
        -5 * HOUR,
        push("Zhang Min", "hotfix/1.3.2", "Guard against empty carts"),
        standardStages({ repo: "order-api", branch: "hotfix/1.3.2" }),
        {
          stop: { kind: "ignore", afterMs: STANDARD_DEPLOY_STAGE_AT },
          description: "Ignored: a newer run of this pipeline was triggered",
        },
      ),
    ],
  };
}

function mobile(): PipelinePlan {
  const repo = "shop-mobile";
  const build = (name: string, platform: string, minutes: number): JobPlan => ({
    name,
    queueMs: 20 * SECOND,
    resource: platform === "iOS" ? '{"type":"custom","arch":"arm"}' : LINUX_X86,
    steps: [
      checkout(repo, "release/2.0"),
      step(`Build ${platform} app`, "official_devcloud_cloudBuild", "Build", minutes * MINUTE, [
        `Building the ${platform} release bundle`,
        "Compiling 2,318 source files",
      ]),
    ],
  });
  const stages: StagePlan[] = [
    {
      name: "Build",
      parallelJobs: true,
      pre: [autoEntry()],
      jobs: [build("Android build", "Android", 24), build("iOS build", "iOS", 28)],
      post: [],
    },
    {
      name: "Device tests",
      parallelJobs: false,
      pre: [autoEntry()],
      jobs: [
        {
          name: "Device farm",
          queueMs: MINUTE,
          resource: LINUX_X86,
          steps: [
            step("Run UI tests on 12 devices", "official_devcloud_mobileTest", "Test", 27 * MINUTE, [
              "Booking 12 devices",
              "Running 146 UI tests",
            ]),
          ],
        },
      ],
      post: [passConditions()],
    },
    {
      name: "Publish",
      parallelJobs: false,
      pre: [autoEntry()],
      jobs: [
        {
          name: "Upload to app stores",
          queueMs: 10 * SECOND,
          resource: LINUX_X86,
          steps: [
            shell("Upload builds", "fastlane upload", 6 * MINUTE, [
              "Uploading shop-mobile 2.0.0 (build 311)",
            ]),
          ],
        },
      ],
      post: [],
    },
  ];
  return {
    name: "mobile",
    description: "Long run: RUNNING for about an hour from now",
    repo,
    runs: [run(-3 * MINUTE, manual("Zhao Lei", "release/2.0", "Release 2.0.0"), stages)],
  };
}

function release(): PipelinePlan {
  const repo = "order-api";
  const [build, staging] = standardStages({ repo, branch: "release/1.4" });
  const approval: StagePlan = {
    name: "Approval",
    parallelJobs: false,
    pre: [autoEntry()],
    jobs: [
      {
        name: "Release approval",
        queueMs: 0,
        resource: null,
        steps: [
          {
            ...step("Manual review", "official_devcloud_manualReview", "Normal", 0, [
              "Waiting for review by: Li Wei, Zhang Min",
            ]),
            waitsForReview: true,
          },
        ],
      },
    ],
    post: [],
  };
  const production: StagePlan = { ...(staging as StagePlan), name: "Deploy to production" };
  return {
    name: "release",
    description: "Paused: a manual-review stage is waiting, run PAUSED",
    repo,
    runs: [
      run(-25 * MINUTE, manual("Chen Jing", "release/1.4", "Release 1.4.0"), [
        build as StagePlan,
        { ...(staging as StagePlan), name: "Deploy to staging" },
        approval,
        production,
      ]),
    ],
  };
}

const NIGHTLY_RUNS = 25;
const NIGHTLY_FAILURES = [
  { testFailure: "npm test exited with code 1: 1 test failed" },
  { buildFailure: "Build failed: tsc exited with code 2 (src/cart.ts(41,7): error TS2322)" },
  { deployFailure: "Deployment timed out after 300 s: 1 of 3 pods not ready" },
];

/** Daily scheduled runs, mixed outcomes drawn from the seed; the latest one COMPLETED. */
function nightly(seed: number): PipelinePlan {
  const repo = "order-api";
  const runs = Array.from({ length: NIGHTLY_RUNS }, (_, i): RunPlan => {
    const daysAgo = NIGHTLY_RUNS - i;
    const trigger: TriggerPlan = {
      type: "Scheduler",
      executor: "CodeArts scheduler",
      branch: "main",
      commitMessage: "Nightly build",
    };
    const roll = seededFraction(seed, `nightly:${i}`);
    const isLatest = i === NIGHTLY_RUNS - 1;
    const startOffsetMs = -daysAgo * DAY + 2 * HOUR;
    if (!isLatest && roll < 0.25) {
      const failure = NIGHTLY_FAILURES[Math.floor(roll * 4 * NIGHTLY_FAILURES.length)] ?? {};
      return run(startOffsetMs, trigger, standardStages({ repo, branch: "main", ...failure }));
    }
    if (!isLatest && roll < 0.32) {
      return run(startOffsetMs, trigger, standardStages({ repo, branch: "main" }), {
        stop: { kind: "cancel", afterMs: STANDARD_TEST_STAGE_AT + 30 * SECOND },
      });
    }
    return run(startOffsetMs, trigger, standardStages({ repo, branch: "main" }));
  });
  return {
    name: "nightly",
    description: `History: ${NIGHTLY_RUNS} scheduled runs, mixed outcomes, latest COMPLETED`,
    repo,
    runs,
  };
}

/** Scale that makes a standard run take about 30 s: what `codearts-run demo` shows. */
const DEMO_SCALE = 0.1;

function demo(): PipelinePlan {
  return {
    name: "demo",
    description: "Live: starts now, runs Build → Test → Deploy to COMPLETED in about 30 s",
    repo: "web-portal",
    runs: [
      run(
        0,
        manual("Li Wei", "main", "Try codearts-run"),
        standardStages({ repo: "web-portal", branch: "main", scale: DEMO_SCALE }),
      ),
    ],
  };
}

function drift(): PipelinePlan {
  return {
    name: "drift",
    description: "Schema drift: every variation of reference §6 in one COMPLETED run",
    repo: "web-portal",
    drift: true,
    runs: [
      run(
        -HOUR,
        push("Li Wei", "main", "Bump dependencies"),
        standardStages({ repo: "web-portal", branch: "main" }),
        {
          artifacts: [{ name: "web-portal-1.4.1.tgz", packageType: "npm", version: "1.4.1" }],
        },
      ),
    ],
  };
}

function empty(): PipelinePlan {
  return {
    name: "empty",
    description: "No runs yet: the pipeline was never executed",
    repo: "sandbox",
    runs: [],
  };
}

export function builtInPipelines(seed: number): PipelinePlan[] {
  return [web(), api(), docs(), hotfix(), mobile(), release(), nightly(seed), demo(), drift(), empty()];
}
