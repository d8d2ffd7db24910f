package main

import (
	"encoding/json"
	"time"
)

func init() {
	// revinfo.remarshal(text) -> the .info JSON go writes after reading text (modfetch.RevInfo's
	// Version and Time: json.Unmarshal, then json.Marshal).
	register("revinfo.remarshal", func(args []json.RawMessage) (any, error) {
		var info struct {
			Version string
			Time    time.Time
		}
		if err := json.Unmarshal([]byte(str(args, 0)), &info); err != nil {
			return nil, err
		}
		b, err := json.Marshal(info)
		return string(b), err
	})
}
