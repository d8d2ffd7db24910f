// Command oracle answers questions about Go's module rules by calling the real
// implementation (golang.org/x/mod and std internals copied from the installed
// Go 1.23 source tree at build time; see build.mjs). Tests use it as the reference.
//
// Protocol: one JSON request per stdin line, {"op": "...", "args": [...]};
// one JSON reply per stdout line, {"ok": <result>} or {"err": "<error text>"}.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
)

type handler func(args []json.RawMessage) (any, error)

var ops = map[string]handler{}

func register(name string, h handler) {
	if _, dup := ops[name]; dup {
		panic("duplicate op " + name)
	}
	ops[name] = h
}

type request struct {
	Op   string            `json:"op"`
	Args []json.RawMessage `json:"args"`
}

type reply struct {
	Ok    any     `json:"ok"`
	Err   *string `json:"err,omitempty"`
	Panic *string `json:"panic,omitempty"`
}

func serve(req request) (rep reply) {
	defer func() {
		if p := recover(); p != nil {
			s := fmt.Sprint(p)
			rep = reply{Panic: &s}
		}
	}()
	h, ok := ops[req.Op]
	if !ok {
		s := "unknown op " + req.Op
		return reply{Panic: &s}
	}
	v, err := h(req.Args)
	if err != nil {
		s := err.Error()
		return reply{Err: &s}
	}
	return reply{Ok: v}
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 64<<20)
	out := bufio.NewWriter(os.Stdout)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	for in.Scan() {
		var req request
		if err := json.Unmarshal(in.Bytes(), &req); err != nil {
			s := "bad request: " + err.Error()
			enc.Encode(reply{Panic: &s})
		} else {
			enc.Encode(serve(req))
		}
		out.Flush()
	}
}

// Argument helpers.

func str(args []json.RawMessage, i int) string {
	var s string
	if i < len(args) {
		if err := json.Unmarshal(args[i], &s); err != nil {
			panic(fmt.Sprintf("arg %d: %v", i, err))
		}
	}
	return s
}

func bytesArg(args []json.RawMessage, i int) []byte { return []byte(str(args, i)) }
