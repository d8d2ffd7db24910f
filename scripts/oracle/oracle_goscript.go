package main

// Reference answers for scripts/goscript (the cmd/go script engine port): Go's regexp (what
// stdout/stderr/grep match with), os.Expand (script $VAR expansion), strconv.Unquote (the
// replace command), %#q (match error texts) and regexp.QuoteMeta (expansion in regexps).

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strconv"
)

type goscriptMatch struct {
	Match  bool    `json:"match"`
	Before *string `json:"before"` // text before the leftmost match
	First  *string `json:"first"`  // the leftmost match
	Count  int     `json:"count"`  // len(FindAllString(text, -1))
}

func init() {
	register("goscript.regexp", func(args []json.RawMessage) (any, error) {
		var texts []string
		if err := json.Unmarshal(args[1], &texts); err != nil {
			return nil, err
		}
		re, err := regexp.Compile(str(args, 0))
		if err != nil {
			return nil, err
		}
		out := make([]goscriptMatch, len(texts))
		for i, t := range texts {
			m := goscriptMatch{Match: re.MatchString(t), Count: len(re.FindAllString(t, -1))}
			if loc := re.FindStringIndex(t); loc != nil {
				b, f := t[:loc[0]], t[loc[0]:loc[1]]
				m.Before, m.First = &b, &f
			}
			out[i] = m
		}
		return out, nil
	})
	register("goscript.expand", func(args []json.RawMessage) (any, error) {
		var env map[string]string
		if err := json.Unmarshal(args[1], &env); err != nil {
			return nil, err
		}
		return os.Expand(str(args, 0), func(k string) string { return env[k] }), nil
	})
	register("goscript.unquote", func(args []json.RawMessage) (any, error) {
		return strconv.Unquote(`"` + str(args, 0) + `"`)
	})
	register("goscript.quoteback", func(args []json.RawMessage) (any, error) {
		return fmt.Sprintf("%#q", str(args, 0)), nil
	})
	register("goscript.quotemeta", func(args []json.RawMessage) (any, error) {
		return regexp.QuoteMeta(str(args, 0)), nil
	})
}
