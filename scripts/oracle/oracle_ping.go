package main

import "encoding/json"

func init() {
	register("ping", func(args []json.RawMessage) (any, error) { return "pong", nil })
}
