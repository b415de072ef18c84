/**
 * The built-in pipelines: one per situation a user of `codearts-run status` meets.
 * Each returns plans only; ids and dates come from the seed and t0 elsewhere.
 */
import { seededFraction } from "./ids.js";
import type { JobPlan, PipelinePlan, RunPlan, StagePlan, TriggerPlan } from "./plan.js";
import {
  autoEntry,
  checkout,
  DAY,
  HOUR,
  LINUX_X86,
  MINUTE,
  manual,
  passConditions,
  push,
  run,
  SECOND,
  STANDARD_DEPLOY_STAGE_AT,
  STANDARD_TEST_STAGE_AT,
  shell,
  standardStages,
  step,
} from "./scenario-parts.js";

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
