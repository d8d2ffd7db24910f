package main

import (
	"encoding/json"
	"time"

	"golang.org/x/mod/modfile"
)

// Benchmark ops: Go's own in-process throughput on the inputs modscope is timed on.
func init() {
	// bench.modfileFmt(files []string, rounds int) -> nanoseconds for rounds × (Parse, SortBlocks, Cleanup, Format) of every file
	register("bench.modfileFmt", func(args []json.RawMessage) (any, error) {
		var files []string
		var rounds int
		if err := json.Unmarshal(args[0], &files); err != nil {
			return nil, err
		}
		if err := json.Unmarshal(args[1], &rounds); err != nil {
			return nil, err
		}
		start := time.Now()
		for r := 0; r < rounds; r++ {
			for _, data := range files {
				f, err := modfile.Parse("go.mod", []byte(data), nil)
				if err != nil {
					continue
				}
				f.SortBlocks()
				f.Cleanup()
				if _, err := f.Format(); err != nil {
					return nil, err
				}
			}
		}
		return time.Since(start).Nanoseconds(), nil
	})
}
