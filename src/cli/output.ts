/** How commands report: errors in Spanish on stderr with their code, and the matching exit code. */
import { AppError, describeDetail } from "../domain/shared/errors.ts";
import { ConfigError } from "../platform/config.ts";
import { EXIT } from "./runtime.ts";

export function exitCodeFor(error: unknown): number {
  if (error instanceof ConfigError) return EXIT.usage;
  if (error instanceof AppError) {
    switch (error.code) {
      case "not_found":
      case "commission_exists":
      case "conflict":
        return EXIT.notFound;
      default:
        return EXIT.invalidInput;
    }
  }
  return EXIT.internal;
}

export function reportError(error: unknown): number {
  if (error instanceof AppError) {
    process.stderr.write(`Error [${error.code}]: ${error.publicMessage}\n`);
    for (const detail of error.details) process.stderr.write(`  - ${describeDetail(detail)}\n`);
  } else if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `Error interno: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  return exitCodeFor(error);
}
