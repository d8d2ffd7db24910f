package main

// Oracle ops for src/core/{semver,gover,module,pseudo}.ts: golang.org/x/mod/semver,
// golang.org/x/mod/module, std internal/gover, path.Match and strconv quoting.
// cmd/go/internal/gover cannot be imported here (it needs cmd/go/internal/base), so its thin
// wrappers over internal/gover are restated below from cmd/go/internal/gover/{gover,mod,toolchain,gomod}.go.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"golang.org/x/mod/module"
	"golang.org/x/mod/semver"
	"oracle/internal/gover"
)

// errInfo describes an error for comparison: nil when there is none.
func errInfo(err error) any {
	if err == nil {
		return nil
	}
	return map[string]string{"msg": err.Error(), "type": strings.TrimPrefix(fmt.Sprintf("%T", err), "*")}
}

func intArg(args []json.RawMessage, i int) int64 {
	var n int64
	if err := json.Unmarshal(args[i], &n); err != nil {
		panic(fmt.Sprintf("arg %d: %v", i, err))
	}
	return n
}

func modList(args []json.RawMessage, i int) []module.Version {
	var l []struct{ Path, Version string }
	if err := json.Unmarshal(args[i], &l); err != nil {
		panic(err)
	}
	out := make([]module.Version, len(l))
	for i, m := range l {
		out[i] = module.Version{Path: m.Path, Version: m.Version}
	}
	return out
}

func modListOut(l []module.Version) any {
	out := make([]map[string]string, len(l))
	for i, m := range l {
		out[i] = map[string]string{"path": m.Path, "version": m.Version}
	}
	return out
}

// --- cmd/go/internal/gover restated (see file comment) ---

func cgIsPrerelease(x string) bool { return gover.Parse(x).Kind != "" }

func cgPrev(x string) string {
	v := gover.Parse(x)
	if gover.CmpInt(v.Minor, "1") <= 0 {
		return v.Major
	}
	return v.Major + "." + gover.DecInt(v.Minor)
}

func cgFromToolchain(name string) string {
	if strings.ContainsAny(name, "\\/") {
		return ""
	}
	var v string
	if strings.HasPrefix(name, "go") {
		v = name[2:]
	} else {
		return ""
	}
	if i := strings.IndexAny(v, " \t-"); i >= 0 {
		v = v[:i]
	}
	if !gover.IsValid(v) {
		return ""
	}
	return v
}

func cgMaybeToolchainVersion(name string) string {
	if gover.IsValid(name) {
		return name
	}
	return cgFromToolchain(name)
}

func cgToolchainMax(x, y string) string {
	if gover.Compare(cgFromToolchain(x), cgFromToolchain(y)) < 0 {
		return y
	}
	return x
}

func cgIsToolchain(path string) bool { return path == "go" || path == "toolchain" }

func cgModCompare(path string, x, y string) int {
	if path == "go" {
		return gover.Compare(x, y)
	}
	if path == "toolchain" {
		return gover.Compare(cgMaybeToolchainVersion(x), cgMaybeToolchainVersion(y))
	}
	return semver.Compare(x, y)
}

func cgModSort(list []module.Version) {
	sort.Slice(list, func(i, j int) bool {
		mi, mj := list[i], list[j]
		if mi.Path != mj.Path {
			return mi.Path < mj.Path
		}
		vi, vj := mi.Version, mj.Version
		var fi, fj string
		if k := strings.Index(vi, "/"); k >= 0 {
			vi, fi = vi[:k], vi[k:]
		}
		if k := strings.Index(vj, "/"); k >= 0 {
			vj, fj = vj[:k], vj[k:]
		}
		if vi != vj {
			return cgModCompare(mi.Path, vi, vj) < 0
		}
		return fi < fj
	})
}

func cgModIsValid(path, vers string) bool {
	if cgIsToolchain(path) {
		if path == "toolchain" {
			return gover.IsValid(cgFromToolchain(vers))
		}
		return gover.IsValid(vers)
	}
	return semver.IsValid(vers)
}

func cgModIsPrefix(path, vers string) bool {
	if cgIsToolchain(path) {
		if path == "toolchain" {
			return gover.IsLang(cgFromToolchain(vers))
		}
		return gover.IsLang(vers)
	}
	dots := 0
	for i := 0; i < len(vers); i++ {
		switch vers[i] {
		case '-', '+':
			return false
		case '.':
			dots++
			if dots >= 2 {
				return false
			}
		}
	}
	return true
}

func cgModIsPrerelease(path, vers string) bool {
	if cgIsToolchain(path) {
		return cgIsPrerelease(vers)
	}
	return semver.Prerelease(vers) != ""
}

func cgModMajorMinor(path, vers string) string {
	if cgIsToolchain(path) {
		if path == "toolchain" {
			return "go" + gover.Lang(cgFromToolchain(vers))
		}
		return gover.Lang(vers)
	}
	return semver.MajorMinor(vers)
}

func cgGoModLookup(gomod []byte, key string) string {
	for len(gomod) > 0 {
		var line []byte
		line, gomod, _ = bytes.Cut(gomod, []byte("\n"))
		line = bytes.TrimSpace(line)
		if !strings.HasPrefix(string(line), key) {
			continue
		}
		s := strings.TrimPrefix(string(line), key)
		if len(s) == 0 || (s[0] != ' ' && s[0] != '\t') {
			continue
		}
		s, _, _ = strings.Cut(s, "//")
		return strings.TrimSpace(s)
	}
	return ""
}

// cmd/go/internal/search.IsStandardImportPath
func isStandardImportPath(path string) bool {
	i := strings.Index(path, "/")
	if i < 0 {
		i = len(path)
	}
	return !strings.Contains(path[:i], ".")
}

// catchPanic runs f, turning a panic into an error with the panic's text.
func catchPanic(f func() any) (v any, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = errors.New(fmt.Sprint(p))
		}
	}()
	return f(), nil
}

func init() {
	// x/mod/semver
	register("ver.semver.isValid", func(a []json.RawMessage) (any, error) { return semver.IsValid(str(a, 0)), nil })
	register("ver.semver.canonical", func(a []json.RawMessage) (any, error) { return semver.Canonical(str(a, 0)), nil })
	register("ver.semver.major", func(a []json.RawMessage) (any, error) { return semver.Major(str(a, 0)), nil })
	register("ver.semver.majorMinor", func(a []json.RawMessage) (any, error) { return semver.MajorMinor(str(a, 0)), nil })
	register("ver.semver.prerelease", func(a []json.RawMessage) (any, error) { return semver.Prerelease(str(a, 0)), nil })
	register("ver.semver.build", func(a []json.RawMessage) (any, error) { return semver.Build(str(a, 0)), nil })
	register("ver.semver.compare", func(a []json.RawMessage) (any, error) { return semver.Compare(str(a, 0), str(a, 1)), nil })
	register("ver.semver.max", func(a []json.RawMessage) (any, error) { return semver.Max(str(a, 0), str(a, 1)), nil })
	register("ver.semver.sort", func(a []json.RawMessage) (any, error) {
		var l []string
		if err := json.Unmarshal(a[0], &l); err != nil {
			return nil, err
		}
		semver.Sort(l)
		return l, nil
	})
	// all semver functions of one version at once
	register("ver.semver.all", func(a []json.RawMessage) (any, error) {
		v := str(a, 0)
		return []any{semver.IsValid(v), semver.Canonical(v), semver.Major(v), semver.MajorMinor(v), semver.Prerelease(v), semver.Build(v)}, nil
	})

	// std internal/gover and cmd/go/internal/gover
	register("ver.gover.all", func(a []json.RawMessage) (any, error) {
		x := str(a, 0)
		p := gover.Parse(x)
		return []any{
			[]string{p.Major, p.Minor, p.Patch, p.Kind, p.Pre},
			gover.IsValid(x), gover.IsLang(x), gover.Lang(x), cgIsPrerelease(x), cgPrev(x), cgFromToolchain(x),
		}, nil
	})
	register("ver.gover.compare", func(a []json.RawMessage) (any, error) { return gover.Compare(str(a, 0), str(a, 1)), nil })
	register("ver.gover.max", func(a []json.RawMessage) (any, error) { return gover.Max(str(a, 0), str(a, 1)), nil })
	register("ver.gover.toolchainMax", func(a []json.RawMessage) (any, error) { return cgToolchainMax(str(a, 0), str(a, 1)), nil })
	register("ver.gover.decInt", func(a []json.RawMessage) (any, error) { return gover.DecInt(str(a, 0)), nil })
	register("ver.gover.cmpInt", func(a []json.RawMessage) (any, error) { return gover.CmpInt(str(a, 0), str(a, 1)), nil })
	register("ver.gover.modCompare", func(a []json.RawMessage) (any, error) {
		return cgModCompare(str(a, 0), str(a, 1), str(a, 2)), nil
	})
	register("ver.gover.modAll", func(a []json.RawMessage) (any, error) {
		p, v := str(a, 0), str(a, 1)
		return []any{cgModIsValid(p, v), cgModIsPrefix(p, v), cgModIsPrerelease(p, v), cgModMajorMinor(p, v)}, nil
	})
	register("ver.gover.modSort", func(a []json.RawMessage) (any, error) {
		l := modList(a, 0)
		cgModSort(l)
		return modListOut(l), nil
	})
	register("ver.gover.goModLookup", func(a []json.RawMessage) (any, error) { return cgGoModLookup(bytesArg(a, 0), str(a, 1)), nil })

	// x/mod/module
	register("ver.module.checkPath", func(a []json.RawMessage) (any, error) { return errInfo(module.CheckPath(str(a, 0))), nil })
	register("ver.module.checkImportPath", func(a []json.RawMessage) (any, error) {
		return errInfo(module.CheckImportPath(str(a, 0))), nil
	})
	register("ver.module.checkFilePath", func(a []json.RawMessage) (any, error) {
		return errInfo(module.CheckFilePath(str(a, 0))), nil
	})
	register("ver.module.check", func(a []json.RawMessage) (any, error) { return errInfo(module.Check(str(a, 0), str(a, 1))), nil })
	register("ver.module.checkPathMajor", func(a []json.RawMessage) (any, error) {
		return errInfo(module.CheckPathMajor(str(a, 0), str(a, 1))), nil
	})
	register("ver.module.matchPathMajor", func(a []json.RawMessage) (any, error) {
		return module.MatchPathMajor(str(a, 0), str(a, 1)), nil
	})
	register("ver.module.splitPathVersion", func(a []json.RawMessage) (any, error) {
		prefix, pathMajor, ok := module.SplitPathVersion(str(a, 0))
		return map[string]any{"prefix": prefix, "pathMajor": pathMajor, "ok": ok}, nil
	})
	register("ver.module.pathMajorPrefix", func(a []json.RawMessage) (any, error) {
		return catchPanic(func() any { return module.PathMajorPrefix(str(a, 0)) })
	})
	register("ver.module.canonicalVersion", func(a []json.RawMessage) (any, error) { return module.CanonicalVersion(str(a, 0)), nil })
	register("ver.module.escapePath", func(a []json.RawMessage) (any, error) { return module.EscapePath(str(a, 0)) })
	register("ver.module.escapeVersion", func(a []json.RawMessage) (any, error) { return module.EscapeVersion(str(a, 0)) })
	register("ver.module.unescapePath", func(a []json.RawMessage) (any, error) { return module.UnescapePath(str(a, 0)) })
	register("ver.module.unescapeVersion", func(a []json.RawMessage) (any, error) { return module.UnescapeVersion(str(a, 0)) })
	register("ver.module.matchPrefixPatterns", func(a []json.RawMessage) (any, error) {
		return module.MatchPrefixPatterns(str(a, 0), str(a, 1)), nil
	})
	register("ver.module.sort", func(a []json.RawMessage) (any, error) {
		l := modList(a, 0)
		module.Sort(l)
		return modListOut(l), nil
	})
	register("ver.module.versionString", func(a []json.RawMessage) (any, error) {
		return module.Version{Path: str(a, 0), Version: str(a, 1)}.String(), nil
	})
	register("ver.module.isStandardImportPath", func(a []json.RawMessage) (any, error) { return isStandardImportPath(str(a, 0)), nil })
	// VersionError over a ModuleError(path2, version2, InvalidVersionError) or a plain error.
	register("ver.module.versionError", func(a []json.RawMessage) (any, error) {
		var inner error = errors.New(str(a, 2))
		if str(a, 3) != "" {
			inner = &module.ModuleError{Path: str(a, 3), Version: str(a, 4), Err: inner}
		}
		return errInfo(module.VersionError(module.Version{Path: str(a, 0), Version: str(a, 1)}, inner)), nil
	})
	register("ver.path.match", func(a []json.RawMessage) (any, error) { return path.Match(str(a, 0), str(a, 1)) })
	// ver.unicode.ranges(name) -> [[lo, hi], ...] of the runes for which unicode.IsPrint / IsLetter holds.
	register("ver.unicode.ranges", func(a []json.RawMessage) (any, error) {
		f := map[string]func(rune) bool{"print": unicode.IsPrint, "letter": unicode.IsLetter}[str(a, 0)]
		out := [][2]int{}
		for r := rune(0); r <= unicode.MaxRune; r++ {
			if !f(r) {
				continue
			}
			if n := len(out); n > 0 && out[n-1][1] == int(r)-1 {
				out[n-1][1] = int(r)
			} else {
				out = append(out, [2]int{int(r), int(r)})
			}
		}
		return out, nil
	})
	// ver.sort.slice(keys) -> the indexes of keys in the order sort.Slice leaves them, sorting by key only.
	register("ver.sort.slice", func(a []json.RawMessage) (any, error) {
		var keys []int
		if err := json.Unmarshal(a[0], &keys); err != nil {
			return nil, err
		}
		idx := make([]int, len(keys))
		for i := range idx {
			idx[i] = i
		}
		sort.Slice(idx, func(i, j int) bool { return keys[idx[i]] < keys[idx[j]] })
		return idx, nil
	})
	register("ver.strconv.quote", func(a []json.RawMessage) (any, error) { return strconv.Quote(str(a, 0)), nil })
	register("ver.strconv.quoteRune", func(a []json.RawMessage) (any, error) { return strconv.QuoteRune(rune(intArg(a, 0))), nil })

	// x/mod/module pseudo-versions
	register("ver.pseudo.all", func(a []json.RawMessage) (any, error) {
		v := str(a, 0)
		out := map[string]any{"is": module.IsPseudoVersion(v), "isZero": module.IsZeroPseudoVersion(v)}
		if t, err := module.PseudoVersionTime(v); err != nil {
			out["timeErr"] = errInfo(err)
		} else {
			out["time"] = t.Format(time.RFC3339)
		}
		if r, err := module.PseudoVersionRev(v); err != nil {
			out["revErr"] = errInfo(err)
		} else {
			out["rev"] = r
		}
		if b, err := module.PseudoVersionBase(v); err != nil {
			out["baseErr"] = errInfo(err)
		} else {
			out["base"] = b
		}
		return out, nil
	})
	// pseudoVersion(major, older, unixSeconds, rev)
	register("ver.pseudo.pseudoVersion", func(a []json.RawMessage) (any, error) {
		return module.PseudoVersion(str(a, 0), str(a, 1), time.Unix(intArg(a, 2), 0), str(a, 3)), nil
	})
	register("ver.pseudo.zeroPseudoVersion", func(a []json.RawMessage) (any, error) { return module.ZeroPseudoVersion(str(a, 0)), nil })
}
