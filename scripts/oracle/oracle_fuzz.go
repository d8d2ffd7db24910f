package main

// Oracle ops for the fuzzers (src/core/fuzz): inputs travel as base64 so that invalid UTF-8
// reaches Go's parsers unchanged.

import (
	"encoding/json"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/module"
	"golang.org/x/mod/semver"
)

func fuzzErr(err error) *string {
	if err == nil {
		return nil
	}
	s := err.Error()
	return &s
}

type fuzzModResult struct {
	Err       *string `json:"err"`
	ErrB64    string  `json:"errB64,omitempty"` // the error text's bytes (JSON turns invalid UTF-8 into U+FFFD)
	Formatted string  `json:"formatted,omitempty"` // b64 of modfile.Format(f.Syntax)
	// Round trip: Format(Parse(Format(Parse(x)))) — absent when the reparse fails.
	ReErr       *string `json:"reErr,omitempty"`
	Reformatted string  `json:"reformatted,omitempty"`
}

func fuzzParse(kind string, data []byte) (*modfile.FileSyntax, error) {
	switch kind {
	case "strict":
		f, err := modfile.Parse("go.mod", data, nil)
		if err != nil {
			return nil, err
		}
		return f.Syntax, nil
	case "lax":
		f, err := modfile.ParseLax("go.mod", data, nil)
		if err != nil {
			return nil, err
		}
		return f.Syntax, nil
	case "work":
		f, err := modfile.ParseWork("go.work", data, nil)
		if err != nil {
			return nil, err
		}
		return f.Syntax, nil
	}
	panic("unknown kind " + kind)
}

func init() {
	// fuzz.modfile(kind "strict"|"lax"|"work", b64 data) -> {err} or {formatted, reErr|reformatted}
	register("fuzz.modfile", func(args []json.RawMessage) (any, error) {
		kind := str(args, 0)
		syn, err := fuzzParse(kind, b64Arg(args, 1))
		if err != nil {
			s := err.Error()
			return fuzzModResult{Err: &s, ErrB64: b64([]byte(s))}, nil
		}
		out := modfile.Format(syn)
		res := fuzzModResult{Formatted: b64(out)}
		syn2, err := fuzzParse(kind, out)
		if err != nil {
			s := err.Error()
			res.ReErr = &s
			return res, nil
		}
		res.Reformatted = b64(modfile.Format(syn2))
		return res, nil
	})
}

func init() {
	// fuzz.semver(a, b) -> every x/mod/semver function on a (and a, b for compare/max).
	register("fuzz.semver", func(args []json.RawMessage) (any, error) {
		a, b := str(args, 0), str(args, 1)
		return map[string]any{
			"isValid": semver.IsValid(a), "canonical": semver.Canonical(a), "major": semver.Major(a),
			"majorMinor": semver.MajorMinor(a), "prerelease": semver.Prerelease(a), "build": semver.Build(a),
			"compare": semver.Compare(a, b), "max": semver.Max(a, b),
		}, nil
	})
	// fuzz.module(p, v) -> the x/mod/module checks and escapes on a path p and version v.
	register("fuzz.module", func(args []json.RawMessage) (any, error) {
		p, v := str(args, 0), str(args, 1)
		res := map[string]any{
			"checkPath": fuzzErr(module.CheckPath(p)), "checkImportPath": fuzzErr(module.CheckImportPath(p)),
			"checkFilePath": fuzzErr(module.CheckFilePath(p)), "check": fuzzErr(module.Check(p, v)),
			"canonicalVersion": module.CanonicalVersion(v),
		}
		prefix, major, ok := module.SplitPathVersion(p)
		res["split"] = []any{prefix, major, ok}
		if e, err := module.EscapePath(p); err != nil {
			res["escapePathErr"] = err.Error()
		} else {
			res["escapePath"] = e
		}
		if e, err := module.EscapeVersion(v); err != nil {
			res["escapeVersionErr"] = err.Error()
		} else {
			res["escapeVersion"] = e
		}
		if u, err := module.UnescapePath(p); err != nil {
			res["unescapePathErr"] = err.Error()
		} else {
			res["unescapePath"] = u
		}
		if u, err := module.UnescapeVersion(v); err != nil {
			res["unescapeVersionErr"] = err.Error()
		} else {
			res["unescapeVersion"] = u
		}
		return res, nil
	})
}
