package main

// text/template as go list -f runs it, over a struct shaped like modinfo.ModulePublic
// (same field kinds: strings, bools, []string, pointers to the same type, *time.Time,
// a pointer to a struct without methods), for src/core/gotmpl.test.ts.

import (
	"encoding/json"
	"strings"
	"text/template"
	"time"
)

type TmplErr struct {
	Err string
}

type TmplMod struct {
	Path      string
	Version   string
	Versions  []string
	Replace   *TmplMod
	Time      *time.Time
	Main      bool
	Indirect  bool
	N         int
	Retracted []string
	Error     *TmplErr
}

func (m *TmplMod) String() string { return m.Path + "@" + m.Version }

func init() {
	register("gotmpl.exec", func(args []json.RawMessage) (any, error) {
		src := str(args, 0)
		var m TmplMod
		if err := json.Unmarshal(args[1], &m); err != nil {
			return nil, err
		}
		t, err := template.New("main").Funcs(template.FuncMap{"join": strings.Join}).Parse(src)
		if err != nil {
			return nil, err
		}
		var b strings.Builder
		if err := t.Execute(&b, &m); err != nil {
			return map[string]any{"out": b.String(), "err": err.Error()}, nil
		}
		return map[string]any{"out": b.String()}, nil
	})
}
