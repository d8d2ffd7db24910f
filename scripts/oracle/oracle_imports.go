package main

// Ops for src/core/imports: go/build/constraint, cmd/go/internal/imports (copied by build.mjs)
// and go/parser as go/build's readGoInfo uses it.

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"go/build/constraint"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"oracle/internal/cfg"
	"oracle/internal/imports"
)

func b64Arg(args []json.RawMessage, i int) []byte {
	b, err := base64.StdEncoding.DecodeString(str(args, i))
	if err != nil {
		panic(err)
	}
	return b
}

func boolArg(args []json.RawMessage, i int) bool {
	var b bool
	if i < len(args) {
		if err := json.Unmarshal(args[i], &b); err != nil {
			panic(err)
		}
	}
	return b
}

// tagsArg decodes ["tag", ...] into a tag map; the GOOS for "unix" comes from a separate arg.
func tagsArg(args []json.RawMessage, i int) map[string]bool {
	var list []string
	if err := json.Unmarshal(args[i], &list); err != nil {
		panic(err)
	}
	m := map[string]bool{}
	for _, t := range list {
		m[t] = true
	}
	return m
}

func setGOOS(args []json.RawMessage, i int) {
	cfg.BuildContext.GOOS = str(args, i)
}

func init() {
	register("constraint.parse", func(args []json.RawMessage) (any, error) {
		line := str(args, 0)
		res := map[string]any{
			"isGoBuild":   constraint.IsGoBuild(line),
			"isPlusBuild": constraint.IsPlusBuild(line),
		}
		x, err := constraint.Parse(line)
		if err != nil {
			res["err"] = err.Error()
			if se, ok := err.(*constraint.SyntaxError); ok {
				res["offset"] = se.Offset
			}
			return res, nil
		}
		res["expr"] = x.String()
		res["goVersion"] = constraint.GoVersion(x)
		lines, err := constraint.PlusBuildLines(x)
		if err != nil {
			res["plusErr"] = err.Error()
		} else {
			res["plusLines"] = lines
		}
		return res, nil
	})
	register("constraint.eval", func(args []json.RawMessage) (any, error) {
		x, err := constraint.Parse(str(args, 0))
		if err != nil {
			return nil, err
		}
		tags := tagsArg(args, 1)
		return x.Eval(func(t string) bool { return tags[t] }), nil
	})
	// imports.Eval with a tag set (args: line, tags, goos, prefer).
	register("imports.eval", func(args []json.RawMessage) (any, error) {
		x, err := constraint.Parse(str(args, 0))
		if err != nil {
			return nil, err
		}
		setGOOS(args, 2)
		return imports.Eval(x, tagsArg(args, 1), boolArg(args, 3)), nil
	})
	register("imports.shouldBuild", func(args []json.RawMessage) (any, error) {
		setGOOS(args, 2)
		return imports.ShouldBuild(b64Arg(args, 0), tagsArg(args, 1)), nil
	})
	register("imports.matchFile", func(args []json.RawMessage) (any, error) {
		setGOOS(args, 2)
		return imports.MatchFile(str(args, 0), tagsArg(args, 1)), nil
	})
	register("imports.known", func(args []json.RawMessage) (any, error) {
		return map[string]any{"os": imports.KnownOS, "arch": imports.KnownArch}, nil
	})
	register("imports.readImports", func(args []json.RawMessage) (any, error) {
		var list []string
		data, err := imports.ReadImports(bytes.NewReader(b64Arg(args, 0)), boolArg(args, 1), &list)
		res := map[string]any{"header": base64.StdEncoding.EncodeToString(data), "imports": list}
		if err != nil {
			res["err"] = err.Error()
		}
		return res, nil
	})
	// What the module index records for one file (modindex/build.go getFileInfo and
	// build_read.go readGoInfo): ReadImports with syntax errors swallowed, go/parser over
	// the header with ImportsOnly|ParseComments, then the header's constraints.
	register("imports.fileInfo", func(args []json.RawMessage) (any, error) {
		name := str(args, 0)
		data, err := imports.ReadImports(bytes.NewReader(b64Arg(args, 1)), false, nil)
		res := map[string]any{"header": base64.StdEncoding.EncodeToString(data)}
		if err != nil {
			res["readErr"] = err.Error()
			return res, nil
		}
		fset := token.NewFileSet()
		f, perr := parser.ParseFile(fset, name, data, parser.ImportsOnly|parser.ParseComments)
		res["packageName"] = f.Name.Name
		if perr != nil {
			res["parseErr"] = perr.Error()
		} else {
			var imps []map[string]any
			for _, spec := range f.Imports {
				p, err := strconv.Unquote(spec.Path.Value)
				if err != nil {
					res["unquoteErr"] = spec.Path.Value
					break
				}
				pos := fset.Position(spec.Pos())
				name := ""
				if spec.Name != nil {
					name = spec.Name.Name
				}
				imps = append(imps, map[string]any{"path": p, "name": name, "offset": pos.Offset, "line": pos.Line, "column": pos.Column})
			}
			res["imports"] = imps
		}
		trimmed, goBuild, _, err := imports.ParseFileHeader(data)
		if err != nil {
			// getFileInfo fails, so the index keeps no imports for the file.
			res["constraintErr"] = err.Error()
			delete(res, "imports")
			return res, nil
		}
		res["goBuild"] = string(goBuild)
		var plus []string
		if goBuild == nil {
			for _, line := range strings.Split(string(trimmed), "\n") {
				line = strings.TrimSpace(line)
				if !strings.HasPrefix(line, "//") || !strings.Contains(line, "+build") {
					continue
				}
				if constraint.IsPlusBuild(line) {
					plus = append(plus, line)
				}
			}
		}
		res["plusBuild"] = plus
		return res, nil
	})
	// imports.ScanDir over a temporary directory holding {name: base64 content}.
	register("imports.scanDir", func(args []json.RawMessage) (any, error) {
		var files map[string]string
		if err := json.Unmarshal(args[0], &files); err != nil {
			return nil, err
		}
		setGOOS(args, 2)
		dir, err := os.MkdirTemp("", "oracle-scan-")
		if err != nil {
			return nil, err
		}
		defer os.RemoveAll(dir)
		for name, b := range files {
			data, err := base64.StdEncoding.DecodeString(b)
			if err != nil {
				return nil, err
			}
			if err := os.WriteFile(filepath.Join(dir, name), data, 0o666); err != nil {
				return nil, err
			}
		}
		imps, tests, err := imports.ScanDir(dir, tagsArg(args, 1))
		if err != nil {
			return nil, &textErr{strings.ReplaceAll(err.Error(), dir+string(filepath.Separator), "")}
		}
		if imps == nil {
			imps = []string{}
		}
		if tests == nil {
			tests = []string{}
		}
		return map[string]any{"imports": imps, "testImports": tests}, nil
	})
}

type textErr struct{ s string }

func (e *textErr) Error() string { return e.s }
