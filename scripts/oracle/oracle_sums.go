package main

// Oracle ops for go.sum, txtar and dirhash (src/core/gosum.ts, txtar.ts, dirhash.ts).
// Byte payloads travel as standard base64 so that arbitrary (non-UTF-8) bytes survive JSON.

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/mod/module"
	"golang.org/x/mod/sumdb/dirhash"
	"oracle/internal/txtar"
)

type b64File struct {
	Name string `json:"name"` // base64 of the name bytes
	Data string `json:"data"` // base64 of the content
}

type b64Archive struct {
	Comment string    `json:"comment"`
	Files   []b64File `json:"files"`
}

func b64(b []byte) string { return base64.StdEncoding.EncodeToString(b) }

func unb64(s string) []byte {
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		panic(fmt.Sprintf("bad base64: %v", err))
	}
	return b
}

func decodeArg(args []json.RawMessage, i int, v any) {
	if err := json.Unmarshal(args[i], v); err != nil {
		panic(fmt.Sprintf("arg %d: %v", i, err))
	}
}

func init() {
	// txtar.parse(b64 data) -> archive with base64 fields.
	register("txtar.parse", func(args []json.RawMessage) (any, error) {
		a := txtar.Parse(unb64(str(args, 0)))
		out := b64Archive{Comment: b64(a.Comment), Files: []b64File{}}
		for _, f := range a.Files {
			out.Files = append(out.Files, b64File{Name: b64([]byte(f.Name)), Data: b64(f.Data)})
		}
		return out, nil
	})
	// txtar.format(archive with base64 fields) -> b64 data.
	register("txtar.format", func(args []json.RawMessage) (any, error) {
		var in b64Archive
		decodeArg(args, 0, &in)
		a := &txtar.Archive{Comment: unb64(in.Comment)}
		for _, f := range in.Files {
			a.Files = append(a.Files, txtar.File{Name: string(unb64(f.Name)), Data: unb64(f.Data)})
		}
		return b64(txtar.Format(a)), nil
	})
	// dirhash.hash1([{name (plain string), data (b64)}]) -> "h1:..." or Go's error.
	register("dirhash.hash1", func(args []json.RawMessage) (any, error) {
		var files []struct {
			Name string `json:"name"`
			Data string `json:"data"`
		}
		decodeArg(args, 0, &files)
		content := map[string][]byte{}
		var names []string
		for _, f := range files {
			names = append(names, f.Name)
			content[f.Name] = unb64(f.Data)
		}
		return dirhash.Hash1(names, func(name string) (io.ReadCloser, error) {
			return io.NopCloser(bytes.NewReader(content[name])), nil
		})
	})
	// dirhash.gomod(b64 go.mod bytes) -> the go.sum hash of a go.mod file
	// (cmd/go/internal/modfetch/fetch.go: goModSum is exactly this call).
	register("dirhash.gomod", func(args []json.RawMessage) (any, error) {
		data := unb64(str(args, 0))
		return dirhash.Hash1([]string{"go.mod"}, func(string) (io.ReadCloser, error) {
			return io.NopCloser(bytes.NewReader(data)), nil
		})
	})
	// crypto.sha256(b64 data) -> hex digest.
	register("crypto.sha256", func(args []json.RawMessage) (any, error) {
		return fmt.Sprintf("%x", sha256.Sum256(unb64(str(args, 0)))), nil
	})
	// unicode.spaces() -> every rune for which unicode.IsSpace is true.
	register("unicode.spaces", func(args []json.RawMessage) (any, error) {
		var rs []int
		for r := rune(0); r <= unicode.MaxRune; r++ {
			if unicode.IsSpace(r) {
				rs = append(rs, int(r))
			}
		}
		return rs, nil
	})
	// strings.fields(b64) -> strings.Fields of the bytes, each field base64.
	register("strings.fields", func(args []json.RawMessage) (any, error) {
		out := []string{}
		for _, f := range strings.Fields(string(unb64(str(args, 0)))) {
			out = append(out, b64([]byte(f)))
		}
		return out, nil
	})
	// strings.trimspace(b64) -> b64.
	register("strings.trimspace", func(args []json.RawMessage) (any, error) {
		return b64([]byte(strings.TrimSpace(string(unb64(str(args, 0)))))), nil
	})
	// module.sort([[path, version], ...]) -> sorted with x/mod module.Sort.
	register("module.sort", func(args []json.RawMessage) (any, error) {
		var in [][2]string
		decodeArg(args, 0, &in)
		mods := make([]module.Version, len(in))
		for i, p := range in {
			mods[i] = module.Version{Path: p[0], Version: p[1]}
		}
		module.Sort(mods)
		out := make([][2]string, len(mods))
		for i, m := range mods {
			out[i] = [2]string{m.Path, m.Version}
		}
		return out, nil
	})
	// strings.sort([...]) -> sort.Strings (byte order).
	register("strings.sort", func(args []json.RawMessage) (any, error) {
		var in []string
		decodeArg(args, 0, &in)
		sort.Strings(in)
		return in, nil
	})
}
