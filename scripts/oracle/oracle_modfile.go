package main

// Oracle ops for x/mod/modfile: parse (strict/lax) + Format + a dump of the semantic
// File, sequences of edit operations, go.work parsing, and quoting helpers.

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/module"
)

type mfDump struct {
	Format    string       `json:"format"`
	Module    *mfModule    `json:"module"`
	Go        string       `json:"go"`
	Toolchain string       `json:"toolchain"`
	Godebug   [][2]string  `json:"godebug"`
	Require   []mfRequire  `json:"require"`
	Exclude   [][2]string  `json:"exclude"`
	Replace   [][4]string  `json:"replace"`
	Retract   [][3]string  `json:"retract"`
	Use       [][2]string  `json:"use"`
}

type mfModule struct {
	Path       string `json:"path"`
	Deprecated string `json:"deprecated"`
}

type mfRequire struct {
	Path     string `json:"path"`
	Version  string `json:"version"`
	Indirect bool   `json:"indirect"`
}

func dumpFile(f *modfile.File) mfDump {
	d := mfDump{Format: string(modfile.Format(f.Syntax))}
	if f.Module != nil {
		d.Module = &mfModule{f.Module.Mod.Path, f.Module.Deprecated}
	}
	if f.Go != nil {
		d.Go = f.Go.Version
	}
	if f.Toolchain != nil {
		d.Toolchain = f.Toolchain.Name
	}
	d.Godebug = [][2]string{}
	for _, g := range f.Godebug {
		d.Godebug = append(d.Godebug, [2]string{g.Key, g.Value})
	}
	d.Require = []mfRequire{}
	for _, r := range f.Require {
		d.Require = append(d.Require, mfRequire{r.Mod.Path, r.Mod.Version, r.Indirect})
	}
	d.Exclude = [][2]string{}
	for _, x := range f.Exclude {
		d.Exclude = append(d.Exclude, [2]string{x.Mod.Path, x.Mod.Version})
	}
	d.Replace = [][4]string{}
	for _, r := range f.Replace {
		d.Replace = append(d.Replace, [4]string{r.Old.Path, r.Old.Version, r.New.Path, r.New.Version})
	}
	d.Retract = [][3]string{}
	for _, r := range f.Retract {
		d.Retract = append(d.Retract, [3]string{r.Low, r.High, r.Rationale})
	}
	return d
}

func dumpWork(f *modfile.WorkFile) mfDump {
	d := mfDump{Format: string(modfile.Format(f.Syntax))}
	if f.Go != nil {
		d.Go = f.Go.Version
	}
	if f.Toolchain != nil {
		d.Toolchain = f.Toolchain.Name
	}
	d.Godebug = [][2]string{}
	for _, g := range f.Godebug {
		d.Godebug = append(d.Godebug, [2]string{g.Key, g.Value})
	}
	d.Require = []mfRequire{}
	d.Exclude = [][2]string{}
	d.Retract = [][3]string{}
	d.Replace = [][4]string{}
	for _, r := range f.Replace {
		d.Replace = append(d.Replace, [4]string{r.Old.Path, r.Old.Version, r.New.Path, r.New.Version})
	}
	d.Use = [][2]string{}
	for _, u := range f.Use {
		d.Use = append(d.Use, [2]string{u.Path, u.ModulePath})
	}
	return d
}

// mfOp is one edit operation: {"op": "addRequire", "args": ["path", "v1.0.0"]},
// {"op": "setRequireSeparateIndirect", "reqs": [{"path":..,"version":..,"indirect":..}]}.
type mfOp struct {
	Op   string      `json:"op"`
	Args []string    `json:"args"`
	Reqs []mfRequire `json:"reqs"`
}

func arg(a []string, i int) string {
	if i < len(a) {
		return a[i]
	}
	return ""
}

func applyOp(f *modfile.File, op mfOp) error {
	a := op.Args
	switch op.Op {
	case "addModuleStmt":
		return f.AddModuleStmt(arg(a, 0))
	case "addGoStmt":
		return f.AddGoStmt(arg(a, 0))
	case "dropGoStmt":
		f.DropGoStmt()
	case "addToolchainStmt":
		return f.AddToolchainStmt(arg(a, 0))
	case "dropToolchainStmt":
		f.DropToolchainStmt()
	case "addGodebug":
		return f.AddGodebug(arg(a, 0), arg(a, 1))
	case "dropGodebug":
		return f.DropGodebug(arg(a, 0))
	case "addRequire":
		return f.AddRequire(arg(a, 0), arg(a, 1))
	case "addNewRequire":
		f.AddNewRequire(arg(a, 0), arg(a, 1), arg(a, 2) == "true")
	case "dropRequire":
		return f.DropRequire(arg(a, 0))
	case "addExclude":
		return f.AddExclude(arg(a, 0), arg(a, 1))
	case "dropExclude":
		return f.DropExclude(arg(a, 0), arg(a, 1))
	case "addReplace":
		return f.AddReplace(arg(a, 0), arg(a, 1), arg(a, 2), arg(a, 3))
	case "dropReplace":
		return f.DropReplace(arg(a, 0), arg(a, 1))
	case "addRetract":
		return f.AddRetract(modfile.VersionInterval{Low: arg(a, 0), High: arg(a, 1)}, arg(a, 2))
	case "dropRetract":
		return f.DropRetract(modfile.VersionInterval{Low: arg(a, 0), High: arg(a, 1)})
	case "addComment":
		f.AddComment(arg(a, 0))
	case "setRequire", "setRequireSeparateIndirect":
		var reqs []*modfile.Require
		for _, r := range op.Reqs {
			reqs = append(reqs, &modfile.Require{Mod: module.Version{Path: r.Path, Version: r.Version}, Indirect: r.Indirect})
		}
		if op.Op == "setRequire" {
			f.SetRequire(reqs)
		} else {
			f.SetRequireSeparateIndirect(reqs)
		}
	case "sortBlocks":
		f.SortBlocks()
	case "cleanup":
		f.Cleanup()
	default:
		panic("unknown modfile op " + op.Op)
	}
	return nil
}

func init() {
	// modfile.parse(name, data, strict) -> dump
	register("modfile.parse", func(args []json.RawMessage) (any, error) {
		var strict bool
		json.Unmarshal(args[2], &strict)
		var f *modfile.File
		var err error
		if strict {
			f, err = modfile.Parse(str(args, 0), bytesArg(args, 1), nil)
		} else {
			f, err = modfile.ParseLax(str(args, 0), bytesArg(args, 1), nil)
		}
		if err != nil {
			return nil, err
		}
		return dumpFile(f), nil
	})
	// modfile.parseFix(name, data, strict): Parse/ParseLax with a test fixer: "latest" -> v1.9.9,
	// "bad*" -> *module.ModuleError, "err*" -> plain error, else semver.Canonical or "" kept.
	register("modfile.parseFix", func(args []json.RawMessage) (any, error) {
		var strict bool
		json.Unmarshal(args[2], &strict)
		fix := func(path, vers string) (string, error) {
			switch {
			case vers == "latest":
				return "v1.9.9", nil
			case strings.HasPrefix(vers, "bad"):
				return "", &module.ModuleError{Path: path, Version: vers, Err: fmt.Errorf("unknown revision %s", vers)}
			case strings.HasPrefix(vers, "err"):
				return "", fmt.Errorf("fixer failed for %s@%s", path, vers)
			}
			if c := module.CanonicalVersion(vers); c != "" {
				return c, nil
			}
			return vers, nil
		}
		var f *modfile.File
		var err error
		if strict {
			f, err = modfile.Parse(str(args, 0), bytesArg(args, 1), fix)
		} else {
			f, err = modfile.ParseLax(str(args, 0), bytesArg(args, 1), fix)
		}
		if err != nil {
			return nil, err
		}
		return dumpFile(f), nil
	})
	// modfile.edit(name, data, ops) -> {dump, errors per op}
	register("modfile.edit", func(args []json.RawMessage) (any, error) {
		f, err := modfile.Parse(str(args, 0), bytesArg(args, 1), nil)
		if err != nil {
			return nil, err
		}
		var ops []mfOp
		if err := json.Unmarshal(args[2], &ops); err != nil {
			panic(err)
		}
		errs := []string{}
		for _, op := range ops {
			if err := applyOp(f, op); err != nil {
				errs = append(errs, err.Error())
			} else {
				errs = append(errs, "")
			}
		}
		return map[string]any{"dump": dumpFile(f), "errors": errs}, nil
	})
	register("modfile.parseWork", func(args []json.RawMessage) (any, error) {
		f, err := modfile.ParseWork(str(args, 0), bytesArg(args, 1), nil)
		if err != nil {
			return nil, err
		}
		return dumpWork(f), nil
	})
	// modfile.editWork(name, data, ops) -> {dump, errors per op}
	register("modfile.editWork", func(args []json.RawMessage) (any, error) {
		f, err := modfile.ParseWork(str(args, 0), bytesArg(args, 1), nil)
		if err != nil {
			return nil, err
		}
		var ops []mfOp
		if err := json.Unmarshal(args[2], &ops); err != nil {
			panic(err)
		}
		errs := []string{}
		for _, op := range ops {
			a := op.Args
			var err error
			switch op.Op {
			case "addGoStmt":
				err = f.AddGoStmt(arg(a, 0))
			case "dropGoStmt":
				f.DropGoStmt()
			case "addToolchainStmt":
				err = f.AddToolchainStmt(arg(a, 0))
			case "dropToolchainStmt":
				f.DropToolchainStmt()
			case "addGodebug":
				err = f.AddGodebug(arg(a, 0), arg(a, 1))
			case "dropGodebug":
				err = f.DropGodebug(arg(a, 0))
			case "addUse":
				err = f.AddUse(arg(a, 0), arg(a, 1))
			case "addNewUse":
				f.AddNewUse(arg(a, 0), arg(a, 1))
			case "setUse":
				var dirs []*modfile.Use
				for i := 0; i+1 < len(a); i += 2 {
					dirs = append(dirs, &modfile.Use{Path: a[i], ModulePath: a[i+1]})
				}
				f.SetUse(dirs)
			case "dropUse":
				err = f.DropUse(arg(a, 0))
			case "addReplace":
				err = f.AddReplace(arg(a, 0), arg(a, 1), arg(a, 2), arg(a, 3))
			case "dropReplace":
				err = f.DropReplace(arg(a, 0), arg(a, 1))
			case "sortBlocks":
				f.SortBlocks()
			case "cleanup":
				f.Cleanup()
			default:
				panic("unknown work op " + op.Op)
			}
			if err != nil {
				errs = append(errs, err.Error())
			} else {
				errs = append(errs, "")
			}
		}
		return map[string]any{"dump": dumpWork(f), "errors": errs}, nil
	})
	register("modfile.modulePath", func(args []json.RawMessage) (any, error) {
		return modfile.ModulePath(bytesArg(args, 0)), nil
	})
	register("modfile.autoQuote", func(args []json.RawMessage) (any, error) {
		s := str(args, 0)
		return []any{modfile.MustQuote(s), modfile.AutoQuote(s)}, nil
	})
	register("strconv.unquote", func(args []json.RawMessage) (any, error) {
		return strconv.Unquote(str(args, 0))
	})
	register("unicode.props", func(args []json.RawMessage) (any, error) {
		var rs []rune
		json.Unmarshal(args[0], &rs)
		out := make([]string, len(rs))
		for i, r := range rs {
			out[i] = fmt.Sprintf("%t%t%s", unicode.IsPrint(r), unicode.IsSpace(r), strconv.QuoteRune(r))
		}
		return out, nil
	})
}
