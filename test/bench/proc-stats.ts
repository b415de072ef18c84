/**
 * What Linux says about a running process: resident memory from /proc/<pid>/status and CPU time
 * (user + system) from /proc/<pid>/stat. Linux only, like the machines the targets are set for.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

export interface ProcSample {
  rssBytes: number;
  cpuMs: number;
}

/** Clock ticks per second, the unit of utime and stime; 100 on nearly every Linux. */
function ticksPerSecond(): number {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
}

const TICKS_PER_SECOND = ticksPerSecond();

export function sampleProcess(pid: number): ProcSample {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const rssKb = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]);
  // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ")".
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // Fields 14 and 15 of stat (utime, stime) are 12th and 13th after the name.
  const ticks = Number(fields[11]) + Number(fields[12]);
  return { rssBytes: rssKb * 1024, cpuMs: (ticks * 1000) / TICKS_PER_SECOND };
}
