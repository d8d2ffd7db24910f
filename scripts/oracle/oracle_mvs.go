package main

// Ops for src/core/mvs: cmd/go/internal/mvs (copied by build.mjs into oracle/internal/mvs) run
// over a requirement graph given as data, with modload's version order (cmpVersion: "" is the
// main module and beats everything, then gover.ModCompare, where "none" is lowest).

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"

	"golang.org/x/mod/module"
	cmdgover "oracle/internal/cmdgover"
	"oracle/internal/mvs"
)

type mvsMod struct {
	Path    string `json:"path"`
	Version string `json:"version"`
}

func (m mvsMod) mv() module.Version { return module.Version{Path: m.Path, Version: m.Version} }

func fromMV(list []module.Version) []mvsMod {
	out := make([]mvsMod, 0, len(list))
	for _, m := range list {
		out = append(out, mvsMod{m.Path, m.Version})
	}
	return out
}

func toMV(list []mvsMod) []module.Version {
	out := make([]module.Version, 0, len(list))
	for _, m := range list {
		out = append(out, m.mv())
	}
	return out
}

// mvsErrSpec describes an error value: kind "plain" (errors.New(msg)), "module"
// (&module.ModuleError{path, version, errors.New(msg)}) or "invalid" (a ModuleError wrapping
// &module.InvalidVersionError{version, errors.New(msg)}).
type mvsErrSpec struct {
	Kind    string `json:"kind"`
	Path    string `json:"path"`
	Version string `json:"version"`
	Msg     string `json:"msg"`
}

func (e *mvsErrSpec) err() error {
	switch e.Kind {
	case "module":
		return &module.ModuleError{Path: e.Path, Version: e.Version, Err: errors.New(e.Msg)}
	case "invalid":
		return &module.ModuleError{Path: e.Path, Err: &module.InvalidVersionError{Version: e.Version, Err: errors.New(e.Msg)}}
	}
	return errors.New(e.Msg)
}

type mvsNode struct {
	Mod  mvsMod      `json:"mod"`
	Reqs []mvsMod    `json:"reqs"`
	Err  *mvsErrSpec `json:"err"`
}

type mvsUniverse struct {
	Nodes    []mvsNode              `json:"nodes"`
	Versions map[string][]string    `json:"versions"` // path -> versions, for Previous
	Latest   map[string]string      `json:"latest"`   // path -> upgrade target
	UpErrs   map[string]*mvsErrSpec `json:"upErrs"`
	PrevErrs map[string]*mvsErrSpec `json:"prevErrs"`
}

type mvsReqs struct {
	u     *mvsUniverse
	nodes map[module.Version]*mvsNode
}

func newMvsReqs(u *mvsUniverse) *mvsReqs {
	r := &mvsReqs{u: u, nodes: map[module.Version]*mvsNode{}}
	for i := range u.Nodes {
		r.nodes[u.Nodes[i].Mod.mv()] = &u.Nodes[i]
	}
	return r
}

func mvsCmp(p, v1, v2 string) int {
	if v2 == "" {
		if v1 == "" {
			return 0
		}
		return -1
	}
	if v1 == "" {
		return 1
	}
	return cmdgover.ModCompare(p, v1, v2)
}

func (r *mvsReqs) Max(p, v1, v2 string) string {
	if mvsCmp(p, v1, v2) < 0 {
		return v2
	}
	return v1
}

// Required: unknown modules and "none" require nothing.
func (r *mvsReqs) Required(m module.Version) ([]module.Version, error) {
	n := r.nodes[m]
	if n == nil || m.Version == "none" {
		return nil, nil
	}
	if n.Err != nil {
		return nil, n.Err.err()
	}
	return toMV(n.Reqs), nil
}

func (r *mvsReqs) Upgrade(m module.Version) (module.Version, error) {
	if e := r.u.UpErrs[m.Path]; e != nil {
		return module.Version{}, e.err()
	}
	if v, ok := r.u.Latest[m.Path]; ok && r.Max(m.Path, m.Version, v) == v {
		return module.Version{Path: m.Path, Version: v}, nil
	}
	return m, nil
}

// Previous: modload.previousVersion over the listed versions.
func (r *mvsReqs) Previous(m module.Version) (module.Version, error) {
	if e := r.u.PrevErrs[m.Path]; e != nil {
		return module.Version{}, e.err()
	}
	list := r.u.Versions[m.Path]
	i := sort.Search(len(list), func(i int) bool { return cmdgover.ModCompare(m.Path, list[i], m.Version) >= 0 })
	if i > 0 {
		return module.Version{Path: m.Path, Version: list[i-1]}, nil
	}
	return module.Version{Path: m.Path, Version: "none"}, nil
}

func init() {
	// mvs.run(universe, op, target, arg): op is buildList | req | upgradeAll | upgrade | downgrade.
	// arg: for req the base paths; for upgrade/downgrade the module list.
	register("mvs.run", func(args []json.RawMessage) (any, error) {
		var u mvsUniverse
		if err := json.Unmarshal(args[0], &u); err != nil {
			panic(err)
		}
		op := str(args, 1)
		var target mvsMod
		if err := json.Unmarshal(args[2], &target); err != nil {
			panic(err)
		}
		reqs := newMvsReqs(&u)
		var list []module.Version
		var err error
		switch op {
		case "buildList":
			list, err = mvs.BuildList([]module.Version{target.mv()}, reqs)
		case "req":
			var base []string
			if err := json.Unmarshal(args[3], &base); err != nil {
				panic(err)
			}
			list, err = mvs.Req(target.mv(), base, reqs)
		case "upgradeAll":
			list, err = mvs.UpgradeAll(target.mv(), reqs)
		case "upgrade", "downgrade":
			var mods []mvsMod
			if err := json.Unmarshal(args[3], &mods); err != nil {
				panic(err)
			}
			if op == "upgrade" {
				list, err = mvs.Upgrade(target.mv(), reqs, toMV(mods)...)
			} else {
				list, err = mvs.Downgrade(target.mv(), reqs, toMV(mods)...)
			}
		default:
			panic("unknown mvs op " + op)
		}
		if err != nil {
			var ble *mvs.BuildListError
			mod := mvsMod{}
			if errors.As(err, &ble) {
				mod = mvsMod{ble.Module().Path, ble.Module().Version}
			}
			return map[string]any{"err": err.Error(), "errModule": mod}, nil
		}
		return map[string]any{"list": fromMV(list)}, nil
	})

	// mvs.graph(roots, requires): builds an mvs.Graph by calling Require in the given order;
	// returns BuildList, the WalkBreadthFirst order, Selected of every path mentioned, and
	// FindPath to each module mentioned.
	register("mvs.graph", func(args []json.RawMessage) (any, error) {
		var roots []mvsMod
		var requires []mvsNode
		if err := json.Unmarshal(args[0], &roots); err != nil {
			panic(err)
		}
		if err := json.Unmarshal(args[1], &requires); err != nil {
			panic(err)
		}
		g := mvs.NewGraph(mvsCmp, toMV(roots))
		for _, n := range requires {
			g.Require(n.Mod.mv(), toMV(n.Reqs))
		}
		var walk []mvsMod
		g.WalkBreadthFirst(func(m module.Version) { walk = append(walk, mvsMod{m.Path, m.Version}) })
		selected := map[string]string{}
		var mentioned []module.Version
		note := func(m mvsMod) {
			selected[m.Path] = g.Selected(m.Path)
			mentioned = append(mentioned, m.mv())
		}
		for _, m := range roots {
			note(m)
		}
		for _, n := range requires {
			for _, m := range n.Reqs {
				note(m)
			}
		}
		paths := map[string][]mvsMod{}
		for _, target := range mentioned {
			p := g.FindPath(func(m module.Version) bool { return m == target })
			paths[fmt.Sprintf("%s@%s", target.Path, target.Version)] = fromMV(p)
		}
		return map[string]any{"buildList": fromMV(g.BuildList()), "walk": walk, "selected": selected, "paths": paths}, nil
	})
}
