#!/usr/bin/env node
// The installed command: loads the built CLI (dist/, made by `npm install` through `prepare`).
try {
  await import("../dist/main.js");
} catch (error) {
  if (error?.code === "ERR_MODULE_NOT_FOUND" && String(error.message).includes("dist/main.js")) {
    process.stderr.write(
      "error: codearts-run is not built\nhint: run `npm install` (or `npm run build`) in its folder\n",
    );
    process.exitCode = 2;
  } else {
    throw error;
  }
}
