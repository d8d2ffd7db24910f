// Shared by the go get differential tests.

/** The result with its "go: downloading" lines sorted among themselves (positions kept). */
export function downloadsSorted<T extends { stderr: string }>(r: T): T {
  const lines = r.stderr.split('\n');
  const dl = lines.filter((l) => l.startsWith('go: downloading ')).sort();
  let i = 0;
  const stderr = lines.map((l) => (l.startsWith('go: downloading ') ? dl[i++]! : l)).join('\n');
  return { ...r, stderr };
}
