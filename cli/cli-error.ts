// Fatal command-line errors, shared by the CLIs: a French message and an exit code.

/** A fatal error to report to the user (exit 2 unless said otherwise). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly code = 2,
  ) {
    super(message);
  }
}

/** Prints a fatal error (one JSON object with --json, « Erreur : … » on stderr otherwise) and exits. */
export function fail(message: string, json: boolean, code = 2): never {
  if (json) process.stdout.write(JSON.stringify({ error: message }) + '\n');
  else process.stderr.write(`Erreur : ${message}\n`);
  process.exit(code);
}
