/**
 * The building blocks of the built-in pipelines (src/simulator/scenarios.ts): time units, steps,
 * the standard Build → Test → Deploy stages, triggers and runs.
 */
import type { JobPlan, RunPlan, StagePlan, StepPlan, TriggerPlan } from "./plan.js";

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const LINUX_X86 = '{"type":"system","arch":"x86"}';

export function step(
  name: string | null,
  task: string,
  businessType: StepPlan["businessType"],
  durationMs: number,
  log: string[],
  inputs: StepPlan["inputs"] = null,
): StepPlan {
  return { name, task, businessType, durationMs, inputs, log };
}

export function shell(name: string, command: string, durationMs: number, output: string[]): StepPlan {
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
export function autoEntry(): StepPlan {
  return step(null, "official_devcloud_autoTrigger", null, 1 * SECOND, []);
}

/** A stage exit: the pass conditions (quality gate) checked after the jobs. */
export function passConditions(): StepPlan {
  return step(null, "official_devcloud_passConditions", null, 3 * SECOND, []);
}

export function checkout(repo: string, branch: string): StepPlan {
  return step("Check out code", "official_devcloud_gitCheckout", "Normal", 8 * SECOND, [
    `Cloning into '/codearts/workspace/${repo}'...`,
    `Switched to branch '${branch}'`,
  ]);
}

export function withFailure(plan: StepPlan, failure: string | undefined): StepPlan {
  return failure === undefined ? plan : { ...plan, failure };
}

export function scaled(stages: StagePlan[], scale: number): StagePlan[] {
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

export interface StandardOptions {
  repo: string;
  branch: string;
  /** Multiplies every duration (the standard run takes about 5 minutes). */
  scale?: number;
  buildFailure?: string;
  testFailure?: string;
  deployFailure?: string;
}

/** Build → Test (unit tests ∥ code check) → Deploy, the shape most CodeArts pipelines have. */
export function standardStages(options: StandardOptions): StagePlan[] {
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
export const STANDARD_TEST_STAGE_AT = 124 * SECOND;
export const STANDARD_DEPLOY_STAGE_AT = 237 * SECOND;

export function push(executor: string, branch: string, commitMessage: string): TriggerPlan {
  return { type: "Push", executor, branch, commitMessage };
}

export function manual(executor: string, branch: string, commitMessage: string): TriggerPlan {
  return { type: "Manual", executor, branch, commitMessage };
}

export function run(
  startOffsetMs: number,
  trigger: TriggerPlan,
  stages: StagePlan[],
  extra: Partial<RunPlan> = {},
): RunPlan {
  return { startOffsetMs, trigger, description: null, stages, artifacts: null, ...extra };
}
