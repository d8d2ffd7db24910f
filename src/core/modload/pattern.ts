// cmd/internal/pkgpattern: MatchPattern / MatchSimplePattern / TreeCanMatchPattern.

const vendorChar = '\x00';

function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

function replaceVendor(x: string, repl: string): string {
  if (!x.includes('vendor')) return x;
  const elem = x.split('/');
  for (let i = 0; i < elem.length - 1; i++) if (elem[i] === 'vendor') elem[i] = repl;
  return elem.join('/');
}

function matchPatternInternal(pattern: string, vendorExclude: boolean): (name: string) => boolean {
  if (vendorExclude && pattern.includes(vendorChar)) return () => false;
  let re = quoteMeta(pattern);
  let wild = '.*';
  if (vendorExclude) {
    wild = `[^${vendorChar}]*`;
    re = replaceVendor(re, vendorChar);
    if (re.endsWith(`/${vendorChar}/\\.\\.\\.`)) {
      re = re.slice(0, -`/${vendorChar}/\\.\\.\\.`.length) + `(/vendor|/${vendorChar}/\\.\\.\\.)`;
    } else if (re === `${vendorChar}/\\.\\.\\.`) {
      re = `(/vendor|/${vendorChar}/\\.\\.\\.)`;
    }
  }
  if (re.endsWith('/\\.\\.\\.')) re = re.slice(0, -'/\\.\\.\\.'.length) + '(/\\.\\.\\.)?';
  re = re.split('\\.\\.\\.').join(wild);
  const reg = new RegExp('^' + re + '$', 's');
  return (name) => {
    if (vendorExclude) {
      if (name.includes(vendorChar)) return false;
      name = replaceVendor(name, vendorChar);
    }
    return reg.test(name);
  };
}

/** pkgpattern.MatchPattern */
export function matchPattern(pattern: string): (name: string) => boolean {
  return matchPatternInternal(pattern, true);
}

/** pkgpattern.MatchSimplePattern */
export function matchSimplePattern(pattern: string): (name: string) => boolean {
  return matchPatternInternal(pattern, false);
}
