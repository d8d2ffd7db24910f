// Shared by the go get differential tests.

/** The result with its "go: downloading" lines sorted among themselves (positions kept). */
export function downloadsSorted<T extends { stderr: string }>(r: T): T {
  const lines = r.stderr.split('\n');
  const dl = lines.filter((l) => l.startsWith('go: downloading ')).sort();
  let i = 0;
  const stderr = lines.map((l) => (l.startsWith('go: downloading ') ? dl[i++]! : l)).join('\n');
  return { ...r, stderr };
}

export interface CaseOutcome {
  name: string;
  /** Byte-identical to real go. */
  same: boolean;
  /** Identical once the "go: downloading" lines are sorted. */
  sameUpToOrder: boolean;
}

/** Prints a differential run's counts and the cases that were not byte-identical. */
export function printSummary(label: string, results: CaseOutcome[]): void {
  const diff = results.filter((r) => !r.same);
  const order = diff.filter((r) => r.sameUpToOrder);
  console.log(
    `${label}: ${results.length} cases, ${results.length - diff.length} identical, ` +
      `${order.length} identical except the order of "go: downloading" lines, ${diff.length - order.length} differing`,
  );
  for (const d of diff) console.log(`  ${d.sameUpToOrder ? 'download order differs' : 'differs'}: ${d.name}`);
}
