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

func init() {
	// time.unmarshalJSON(text) -> {ok: RFC3339Nano text time.MarshalJSON writes} or the error of
	// json.Unmarshal(text, &time.Time{}) / json.Marshal.
	register("time.unmarshalJSON", func(args []json.RawMessage) (any, error) {
		var t time.Time
		if err := json.Unmarshal([]byte(str(args, 0)), &t); err != nil {
			return nil, err
		}
		b, err := json.Marshal(t)
		return string(b), err
	})
}
