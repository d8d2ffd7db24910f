// Small helpers for benchmark figures: medians and formatted ratios.
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function ratio(ours: number, theirs: number): string {
  // /usr/bin/time counts in 10 ms steps: a 0 is "less than 10 ms", no ratio
  return theirs > 0 ? `${(ours / theirs).toFixed(2)}x` : 'n/a';
}

export function ms(x: number): string {
  return `${x.toFixed(1)} ms`;
}
