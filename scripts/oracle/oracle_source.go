package main

// Oracle ops for src/core/proxyTxtar.ts: cmd/go's test proxy (cmd/go/proxy_test.go) decides
// which testdata/mod archives name which module versions, what @v/list holds and what
// @latest means, using golang.org/x/mod's module and semver rules. proxy_test.go is not
// importable, so its selection rules are restated here over the real x/mod functions.

import (
	"encoding/json"
	"strings"

	"golang.org/x/mod/module"
	"golang.org/x/mod/semver"
)

func init() {
	// source.modlist(names []string) -> [][2]string: the module versions file names denote.
	register("source.modlist", func(args []json.RawMessage) (any, error) {
		var names []string
		if err := json.Unmarshal(args[0], &names); err != nil {
			return nil, err
		}
		out := [][2]string{}
		for _, name := range names {
			if !strings.HasSuffix(name, ".txt") {
				continue
			}
			name = strings.TrimSuffix(name, ".txt")
			i := strings.LastIndex(name, "_v")
			if i < 0 {
				continue
			}
			path, err := module.UnescapePath(strings.ReplaceAll(name[:i], "_", "/"))
			if err != nil {
				continue
			}
			vers, err := module.UnescapeVersion(name[i+1:])
			if err != nil {
				continue
			}
			out = append(out, [2]string{path, vers})
		}
		return out, nil
	})
	// source.listlatest(modList [][2]string, path) -> {list, found, latest}
	register("source.listlatest", func(args []json.RawMessage) (any, error) {
		var mods [][2]string
		if err := json.Unmarshal(args[0], &mods); err != nil {
			return nil, err
		}
		path := str(args, 1)
		var list strings.Builder
		found := false
		var rel, pre, pseudo string
		for _, m := range mods {
			if m[0] != path {
				continue
			}
			found = true
			v := m[1]
			if !module.IsPseudoVersion(v) && module.Check(path, v) == nil {
				list.WriteString(v + "\n")
			}
			if module.IsPseudoVersion(v) && (pseudo == "" || semver.Compare(pseudo, v) > 0) {
				pseudo = v
			} else if semver.Prerelease(v) != "" && (pre == "" || semver.Compare(pre, v) > 0) {
				pre = v
			} else if rel == "" || semver.Compare(rel, v) > 0 {
				rel = v
			}
		}
		latest := rel
		if latest == "" {
			latest = pre
		}
		if latest == "" {
			latest = pseudo
		}
		return map[string]any{"list": list.String(), "found": found, "latest": latest}, nil
	})
}

func init() {
	// source.jsonsyntax(text) -> encoding/json's error for invalid JSON ("" when valid).
	register("source.jsonsyntax", func(args []json.RawMessage) (any, error) {
		var v any
		if err := json.Unmarshal([]byte(str(args, 0)), &v); err != nil {
			return err.Error(), nil
		}
		return "", nil
	})
}
