package main

// Oracle ops for Go strings as bytes (src/core/gostrings.ts: the reversible UTF-8 codec and the
// helpers that treat escaped invalid bytes as the bytes they stand for). Byte strings travel as
// base64.

import (
	"encoding/json"
	"sort"
	"strconv"
	"unicode/utf8"
)

func init() {
	// bytes.info(b64) -> what Go sees in string(b): validity, length, runes, %q, Unquote,
	// encoding/json's encoding of the string.
	register("bytes.info", func(args []json.RawMessage) (any, error) {
		s := string(unb64(str(args, 0)))
		runes := []rune{}
		for _, r := range s {
			runes = append(runes, r)
		}
		uq, err := strconv.Unquote(s)
		unquoted := map[string]any{"ok": b64([]byte(uq))}
		if err != nil {
			unquoted = map[string]any{"err": err.Error()}
		}
		js, err := json.Marshal(s)
		if err != nil {
			return nil, err
		}
		return map[string]any{
			"json":     b64(js),
			"valid":    utf8.ValidString(s),
			"len":      len(s),
			"runes":    runes,
			"quote":    b64([]byte(strconv.Quote(s))),
			"unquoted": unquoted,
		}, nil
	})
	// bytes.sort([b64...]) -> the byte strings in sort.Strings order.
	register("bytes.sort", func(args []json.RawMessage) (any, error) {
		var in []string
		if err := json.Unmarshal(args[0], &in); err != nil {
			return nil, err
		}
		ss := make([]string, len(in))
		for i, x := range in {
			ss[i] = string(unb64(x))
		}
		sort.Strings(ss)
		out := make([]string, len(ss))
		for i, s := range ss {
			out[i] = b64([]byte(s))
		}
		return out, nil
	})
}
