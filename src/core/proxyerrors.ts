// Errors of module sources as the go command prints them (modfetch/repo.go notExistError,
// errProxyOff...; cmd/go/internal/web HTTPError, url.Error). Re-exported by source.ts.

import { goQuote } from './module';

// Error helpers.

/** Whether err is equivalent to fs.ErrNotExist (errors.Is walks .err / .cause chains). */
export function isNotExist(err: unknown): boolean {
  for (let e: unknown = err, n = 0; e instanceof Error && n < 100; n++) {
    if ((e as { notExist?: boolean }).notExist === true) return true;
    const next = (e as { err?: unknown }).err ?? (e as { cause?: unknown }).cause;
    e = next;
  }
  return false;
}

/** repo.go: notExistError — an error with a custom message that is fs.ErrNotExist. */
export class NotExistError extends Error {
  readonly notExist = true;
  constructor(message: string) {
    super(message);
    this.name = 'NotExistError';
  }
}

/** repo.go: errProxyOff */
export const errProxyOff = (): Error => new NotExistError('module lookup disabled by GOPROXY=off');
/** repo.go: errNoproxy */
export const errNoproxy = (): Error => new NotExistError('disabled by GOPRIVATE/GONOPROXY');
/** repo.go: errUseProxy */
export const errUseProxy = (): Error => new NotExistError('path does not match GOPRIVATE/GONOPROXY');
/** codehost.ErrNoCommits */
export const errNoCommits = (): Error => new NotExistError('no commits');

/**
 * What modscope returns where the go command would fetch from version control ("direct",
 * or "noproxy" for a GONOPROXY match): modscope reads module proxies only.
 */
export class DirectUnsupportedError extends Error {
  readonly notExist = true;
  constructor(readonly path: string) {
    super(
      `module ${path}: fetching directly from version control (GOPROXY=direct or GONOPROXY/GOPRIVATE) is not supported by modscope; use a module proxy`,
    );
    this.name = 'DirectUnsupportedError';
  }
}

/** net/url.Error: `Op "URL": err`. */
export class URLError extends Error {
  constructor(
    readonly op: string,
    readonly url: string,
    readonly err: Error,
  ) {
    super(`${op} ${goQuote(url)}: ${err.message}`);
    this.name = 'URLError';
  }
}

export const maxErrorDetailLines = 8;
export const maxErrorDetailBytes = maxErrorDetailLines * 81;

/** web.HTTPError: a non-200 response. 404 and 410 are fs.ErrNotExist. */
export class HTTPError extends Error {
  constructor(
    readonly url: string,
    readonly status: string,
    readonly statusCode: number,
    readonly fileErr?: string,
    readonly detail = '',
  ) {
    let msg: string;
    if (detail !== '') {
      const sep = detail.includes('\n') ? '\n\t' : ' ';
      msg = `reading ${url}: ${status}\n\tserver response:${sep}${detail}`;
    } else if (fileErr !== undefined) {
      msg = `reading ${url}: ${fileErr}`;
    } else {
      msg = `reading ${url}: ${status}`;
    }
    super(msg);
    this.name = 'HTTPError';
  }
  get notExist(): boolean {
    return this.statusCode === 404 || this.statusCode === 410;
  }
}
