// Errors that end a go command at once (base.Fatalf in cmd/go), and the one predicate for them.

/**
 * An error go reports with base.Fatalf: the command prints the message (no "go: " prefix unless
 * it is part of it) and exits 1 at once.
 */
export class FatalError extends Error {
  readonly fatal = true;
  constructor(message: string) {
    super(message);
    this.name = 'FatalError';
  }
}

/**
 * Whether err ends the command at once rather than being reported where it happened: a
 * FatalError, or any error marked `fatal` (a go.sum ChecksumMismatchError, modload's fatals, an
 * exit after printed errors). Checked by name and flag, so copies of a class from another bundle
 * chunk count too.
 */
export function isFatal(err: unknown): boolean {
  const x = err as { fatal?: unknown; name?: unknown } | null | undefined;
  return x?.fatal === true || x?.name === 'FatalError' || x?.name === 'ChecksumMismatchError';
}
