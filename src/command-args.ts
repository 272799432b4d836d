// One way every command reads its arguments and words a usage error, so `coursewright X` answers a bad
// option the same way as `coursewright Y`: "error: …" and where the help is, exit 2.
import { parseArgs, type ParseArgsConfig } from "node:util";

/** A usage mistake: the command line handler says it with the command's help hint and exits 2. */
export class UsageError extends Error {
  /** `command`: the subcommand whose help to point at ("" for the top level). */
  constructor(
    message: string,
    readonly command = "",
  ) {
    super(message);
  }
}

type Options = NonNullable<ParseArgsConfig["options"]>;

/** `parseArgs`, strict, with its own complaints turned into a `UsageError` of `command`. */
export function parseCommandArgs<const O extends Options>(command: string, argv: readonly string[], options: O, allowPositionals = true) {
  try {
    return parseArgs({ args: [...argv], allowPositionals, strict: true, options });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err), command);
  }
}

/** The two lines a usage error prints. */
export function usageText(err: UsageError): string {
  return `error: ${err.message}\nRun 'coursewright ${err.command ? `${err.command} ` : ""}--help' for usage.`;
}
