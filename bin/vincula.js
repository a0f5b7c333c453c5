#!/usr/bin/env node
// `npx vincula …`: runs the TypeScript CLI in this process through tsx's loader (a dependency), so no build step
// is needed and signals reach the command itself (a supervisor's SIGTERM or SIGKILL stops it, not a wrapper).
import { register } from "tsx/esm/api";

// `vincula export | head`: a reader that stops early is not an error.
for (const stream of [process.stdout, process.stderr])
  stream.on("error", (error) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
register();
await import("../src/cli/main.ts");
