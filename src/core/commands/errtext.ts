// How the go command prints an error that ends it: base.Fatalf texts as they are, base.Fatal(err)
// as "go: " + err (an errors.Join split into one "go: " line per error).

import { FatalError } from '../modfetch/fetcher';
import { ChecksumMismatchError } from '../gosum';
import { JoinedError } from '../modload/init';

export function errorText(e: unknown): string {
  if (e instanceof FatalError || e instanceof ChecksumMismatchError || (e as { fatal?: boolean })?.fatal) {
    const m = (e as Error).message;
    return m.endsWith('\n') ? m : m + '\n';
  }
  if (e instanceof JoinedError) return e.errs.map((x) => errorText(x)).join('');
  if (e instanceof Error) return 'go: ' + e.message + '\n';
  return 'go: ' + String(e) + '\n';
}
