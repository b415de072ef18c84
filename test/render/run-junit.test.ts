import { describe, expect, it } from "vitest";
import { normaliseRun } from "../../src/model/run.js";
import { renderRunJunit } from "../../src/render/index.js";
import { block, loadRun } from "./helpers.js";

describe("renderRunJunit", () => {
  it("writes a suite per stage and a case per step of the rich run, failure message kept", () => {
    expect(renderRunJunit(loadRun("run-detail-rich.json"))).toBe(block`
<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="orders-service-ci #12" tests="13" failures="1" errors="0" skipped="5" time="1200.000">
  <testsuite name="Build" tests="5" failures="0" errors="0" skipped="1" time="245.000" timestamp="2026-01-01T00:00:00">
    <testcase classname="Build" name="entry: official_devcloud_autoTrigger" time="1.000"/>
    <testcase classname="Build" name="Compile (Maven)/Check out code" time="5.000"/>
    <testcase classname="Build" name="Compile (Maven)/Maven build" time="220.000"/>
    <testcase classname="Build" name="Build image/Build and push image" time="13.000"/>
    <testcase classname="Build" name="Publish docs" time="0.000">
      <skipped message="SKIPPED: Condition not met: branch is not main"/>
    </testcase>
  </testsuite>
  <testsuite name="Test" tests="2" failures="1" errors="0" skipped="0" time="290.000" timestamp="2026-01-01T00:04:10">
    <testcase classname="Test" name="Unit tests/Run unit tests" time="286.000">
      <failure message="npm ERR! Test failed.  See above for more details.&#10;3 failing tests:&#10;  OrderService &gt; refunds a cancelled order&#10;  OrderService &gt; rejects a negative amount&#10;  PaymentGateway &gt; retries on 503" type="FAILED">npm ERR! Test failed.  See above for more details.
3 failing tests:
  OrderService &gt; refunds a cancelled order
  OrderService &gt; rejects a negative amount
  PaymentGateway &gt; retries on 503</failure>
    </testcase>
    <testcase classname="Test" name="Lint/ESLint" time="50.000"/>
  </testsuite>
  <testsuite name="Security scan" tests="5" failures="0" errors="0" skipped="3" time="950.000" timestamp="2026-01-01T00:04:10">
    <testcase classname="Security scan" name="entry: Scan window check" time="1.000"/>
    <testcase classname="Security scan" name="Code check/CodeArts Check" time="948.000">
      <skipped message="RUNNING"/>
    </testcase>
    <testcase classname="Security scan" name="Code check/Upload report" time="0.000">
      <skipped message="DEFERRED"/>
    </testcase>
    <testcase classname="Security scan" name="Dependency audit" time="139.000"/>
    <testcase classname="Security scan" name="exit: official_manual_review" time="0.000">
      <skipped message="INIT"/>
    </testcase>
  </testsuite>
  <testsuite name="Deploy" tests="1" failures="0" errors="0" skipped="1" time="0.000">
    <testcase classname="Deploy" name="Deploy to staging" time="0.000">
      <skipped message="INIT"/>
    </testcase>
  </testsuite>
</testsuites>
`);
  });

  it("writes the reference example, whose job has no steps, as a case of its own", () => {
    expect(renderRunJunit(loadRun("run-detail-example.json"))).toBe(block`
<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="Sub-pipeline qqq #1" tests="2" failures="0" errors="0" skipped="0" time="0.000">
  <testsuite name="Phase_1" tests="2" failures="0" errors="0" skipped="0" time="0.000" timestamp="2023-01-20T09:33:17">
    <testcase classname="Phase_1" name="entry: official_devcloud_autoTrigger" time="0.000"/>
    <testcase classname="Phase_1" name="Creating a Job" time="0.000"/>
  </testsuite>
</testsuites>
`);
  });

  it("escapes markup and drops escape sequences and characters XML 1.0 forbids", () => {
    const run = normaliseRun({
      name: `a<b>&"c'`,
      status: "FAILED",
      stages: [
        {
          name: "S\u0000\ufffe\ud800",
          status: "FAILED",
          jobs: [
            {
              name: "J]]>",
              status: "FAILED",
              steps: [
                {
                  name: "\u001b[31mred\u001b[0m",
                  status: "FAILED",
                  message: "x < y\u0007 & \u001b]8;;http://evil\u0007z",
                },
              ],
            },
          ],
        },
      ],
    });
    expect(renderRunJunit(run)).toBe(block`
<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="a&lt;b&gt;&amp;&quot;c&apos;" tests="1" failures="1" errors="0" skipped="0" time="0.000">
  <testsuite name="S" tests="1" failures="1" errors="0" skipped="0" time="0.000">
    <testcase classname="S" name="J]]&gt;/red" time="0.000">
      <failure message="x &lt; y &amp; z" type="FAILED">x &lt; y &amp; z</failure>
    </testcase>
  </testsuite>
</testsuites>
`);
  });
});
