package main

// Oracle op for src/core/gover.ts setTestVersion: cmd/go/internal/gover's Local and
// LocalToolchain with its test hook TestVersion set (as cmd/go's test binary sets it from
// $TESTGO_VERSION). Calls are served one at a time, so setting the package variable is safe.

import (
	"encoding/json"

	cmdgover "oracle/internal/cmdgover"
)

func init() {
	register("gover.local", func(args []json.RawMessage) (any, error) {
		cmdgover.TestVersion = str(args, 0)
		defer func() { cmdgover.TestVersion = "" }()
		return []string{cmdgover.Local(), cmdgover.LocalToolchain()}, nil
	})
}
