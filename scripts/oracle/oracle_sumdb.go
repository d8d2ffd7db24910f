package main

// Oracle ops for the checksum database (src/core/sumdb): signed notes and tlog through
// golang.org/x/mod/sumdb/{note,tlog}, and local checksum databases served over HTTP on
// 127.0.0.1 by golang.org/x/mod/sumdb's Server + TestServer for the modules of a proxy
// directory, with go.sum lines computed by dirhash as cmd/go/proxy_test.go does.
// Byte payloads are JSON strings holding standard base64 (Go's []byte encoding).

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"golang.org/x/mod/module"
	"golang.org/x/mod/sumdb"
	"golang.org/x/mod/sumdb/dirhash"
	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

func sdArg(args []json.RawMessage, i int, v any) {
	if i >= len(args) {
		return
	}
	if err := json.Unmarshal(args[i], v); err != nil {
		panic(fmt.Sprintf("arg %d: %v", i, err))
	}
}

type sdSig struct {
	Name   string `json:"name"`
	Hash   uint32 `json:"hash"`
	Base64 string `json:"base64"`
}

// memHashes is the stored-hash array of a log built from records.
type memHashes []tlog.Hash

func (h memHashes) ReadHashes(indexes []int64) ([]tlog.Hash, error) {
	var list []tlog.Hash
	for _, id := range indexes {
		if id < 0 || id >= int64(len(h)) {
			return nil, fmt.Errorf("index out of range [%d] with length %d", id, len(h))
		}
		list = append(list, h[id])
	}
	return list, nil
}

func buildLog(records [][]byte) memHashes {
	var hs memHashes
	for i, r := range records {
		add, err := tlog.StoredHashes(int64(i), r, hs)
		if err != nil {
			panic(err)
		}
		hs = append(hs, add...)
	}
	return hs
}

// memTiles is a TileReader over a log, optionally corrupting one tile's bytes.
type memTiles struct {
	h       int
	hashes  memHashes
	corrupt string
	read    []string
}

func (m *memTiles) Height() int { return m.h }
func (m *memTiles) ReadTiles(tiles []tlog.Tile) ([][]byte, error) {
	var out [][]byte
	for _, t := range tiles {
		m.read = append(m.read, t.Path())
		d, err := tlog.ReadTileData(t, m.hashes)
		if err != nil {
			return nil, err
		}
		if t.Path() == m.corrupt && len(d) > 0 {
			d[len(d)-1] ^= 1
		}
		out = append(out, d)
	}
	return out, nil
}
func (m *memTiles) SaveTiles(tiles []tlog.Tile, data [][]byte) {}

func hashesOut(hs []tlog.Hash) []string {
	out := []string{}
	for _, h := range hs {
		out = append(out, h.String())
	}
	return out
}

func hashesIn(ss []string) []tlog.Hash {
	var out []tlog.Hash
	for _, s := range ss {
		h, err := tlog.ParseHash(s)
		if err != nil {
			panic(err)
		}
		out = append(out, h)
	}
	return out
}

func init() {
	register("sumdb.genkey", func(args []json.RawMessage) (any, error) {
		var name, seed string
		sdArg(args, 0, &name)
		sdArg(args, 1, &seed)
		sum := sha256.Sum256([]byte(seed))
		skey, vkey, err := note.GenerateKey(bytes.NewReader(sum[:]), name)
		if err != nil {
			return nil, err
		}
		return map[string]string{"skey": skey, "vkey": vkey}, nil
	})
	register("sumdb.newVerifier", func(args []json.RawMessage) (any, error) {
		var vkey string
		sdArg(args, 0, &vkey)
		v, err := note.NewVerifier(vkey)
		if err != nil {
			return nil, err
		}
		return map[string]any{"name": v.Name(), "hash": v.KeyHash()}, nil
	})
	register("sumdb.sign", func(args []json.RawMessage) (any, error) {
		var text []byte
		var skeys []string
		sdArg(args, 0, &text)
		sdArg(args, 1, &skeys)
		var signers []note.Signer
		for _, k := range skeys {
			s, err := note.NewSigner(k)
			if err != nil {
				return nil, err
			}
			signers = append(signers, s)
		}
		return note.Sign(&note.Note{Text: string(text)}, signers...)
	})
	register("sumdb.open", func(args []json.RawMessage) (any, error) {
		var msg []byte
		var vkeys []string
		sdArg(args, 0, &msg)
		sdArg(args, 1, &vkeys)
		var vs []note.Verifier
		for _, k := range vkeys {
			v, err := note.NewVerifier(k)
			if err != nil {
				return nil, err
			}
			vs = append(vs, v)
		}
		n, err := note.Open(msg, note.VerifierList(vs...))
		if err != nil {
			return nil, err
		}
		conv := func(list []note.Signature) []sdSig {
			out := []sdSig{}
			for _, s := range list {
				out = append(out, sdSig{s.Name, s.Hash, s.Base64})
			}
			return out
		}
		return map[string]any{"text": []byte(n.Text), "sigs": conv(n.Sigs), "unverified": conv(n.UnverifiedSigs)}, nil
	})

	register("tlog.index", func(args []json.RawMessage) (any, error) {
		// [[level, n], ...] -> StoredHashIndex; [index...] -> SplitStoredHashIndex; counts.
		var pairs [][2]int64
		var idx []int64
		var counts []int64
		sdArg(args, 0, &pairs)
		sdArg(args, 1, &idx)
		sdArg(args, 2, &counts)
		var a []int64
		for _, p := range pairs {
			a = append(a, tlog.StoredHashIndex(int(p[0]), p[1]))
		}
		var b [][2]int64
		for _, x := range idx {
			l, n := tlog.SplitStoredHashIndex(x)
			b = append(b, [2]int64{int64(l), n})
		}
		var c []int64
		for _, n := range counts {
			c = append(c, tlog.StoredHashCount(n))
		}
		return map[string]any{"index": a, "split": b, "count": c}, nil
	})
	register("tlog.build", func(args []json.RawMessage) (any, error) {
		var records [][]byte
		sdArg(args, 0, &records)
		hs := buildLog(records)
		trees := []string{}
		for n := 0; n <= len(records); n++ {
			th, err := tlog.TreeHash(int64(n), hs)
			if err != nil {
				return nil, err
			}
			trees = append(trees, th.String())
		}
		rh := []string{}
		for _, r := range records {
			rh = append(rh, tlog.RecordHash(r).String())
		}
		return map[string]any{"hashes": hashesOut(hs), "trees": trees, "records": rh}, nil
	})
	register("tlog.prove", func(args []json.RawMessage) (any, error) {
		// kind "record"|"tree", records, t, n
		var kind string
		var records [][]byte
		var t, n int64
		sdArg(args, 0, &kind)
		sdArg(args, 1, &records)
		sdArg(args, 2, &t)
		sdArg(args, 3, &n)
		hs := buildLog(records)
		if kind == "record" {
			p, err := tlog.ProveRecord(t, n, hs)
			if err != nil {
				return nil, err
			}
			return hashesOut(p), nil
		}
		p, err := tlog.ProveTree(t, n, hs)
		if err != nil {
			return nil, err
		}
		return hashesOut(p), nil
	})
	register("tlog.check", func(args []json.RawMessage) (any, error) {
		var kind string
		var proof []string
		var t, n int64
		var th, h string
		sdArg(args, 0, &kind)
		sdArg(args, 1, &proof)
		sdArg(args, 2, &t)
		sdArg(args, 3, &th)
		sdArg(args, 4, &n)
		sdArg(args, 5, &h)
		thh, _ := tlog.ParseHash(th)
		hh, _ := tlog.ParseHash(h)
		var err error
		if kind == "record" {
			err = tlog.CheckRecord(hashesIn(proof), t, thh, n, hh)
		} else {
			err = tlog.CheckTree(hashesIn(proof), t, thh, n, hh)
		}
		if err != nil {
			return nil, err
		}
		return true, nil
	})
	register("tlog.tiles", func(args []json.RawMessage) (any, error) {
		// height, [index...] -> TileForIndex paths; [[old,new]...] -> NewTiles paths
		var h int
		var idx []int64
		var grow [][2]int64
		sdArg(args, 0, &h)
		sdArg(args, 1, &idx)
		sdArg(args, 2, &grow)
		var a []string
		for _, x := range idx {
			a = append(a, tlog.TileForIndex(h, x).Path())
		}
		var b [][]string
		for _, g := range grow {
			var ps []string
			for _, t := range tlog.NewTiles(h, g[0], g[1]) {
				ps = append(ps, t.Path())
			}
			b = append(b, ps)
		}
		return map[string]any{"forIndex": a, "newTiles": b}, nil
	})
	register("tlog.parseTilePath", func(args []json.RawMessage) (any, error) {
		var p string
		sdArg(args, 0, &p)
		t, err := tlog.ParseTilePath(p)
		if err != nil {
			return nil, err
		}
		return map[string]any{"H": t.H, "L": t.L, "N": t.N, "W": t.W}, nil
	})
	register("tlog.tileData", func(args []json.RawMessage) (any, error) {
		// records, tile path -> ReadTileData; plus HashFromTile at the given indexes
		var records [][]byte
		var p string
		var idx []int64
		sdArg(args, 0, &records)
		sdArg(args, 1, &p)
		sdArg(args, 2, &idx)
		t, err := tlog.ParseTilePath(p)
		if err != nil {
			return nil, err
		}
		hs := buildLog(records)
		data, err := tlog.ReadTileData(t, hs)
		if err != nil {
			return nil, err
		}
		var res []map[string]string
		for _, x := range idx {
			h, err := tlog.HashFromTile(t, data, x)
			if err != nil {
				res = append(res, map[string]string{"err": err.Error()})
			} else {
				res = append(res, map[string]string{"hash": h.String()})
			}
		}
		return map[string]any{"data": data, "hashes": res}, nil
	})
	register("tlog.tileHashReader", func(args []json.RawMessage) (any, error) {
		// records, tree size, height, indexes, corrupt tile path -> hashes and tiles read
		var records [][]byte
		var n int64
		var h int
		var idx []int64
		var corrupt string
		sdArg(args, 0, &records)
		sdArg(args, 1, &n)
		sdArg(args, 2, &h)
		sdArg(args, 3, &idx)
		sdArg(args, 4, &corrupt)
		hs := buildLog(records)
		th, err := tlog.TreeHash(n, hs)
		if err != nil {
			return nil, err
		}
		tr := &memTiles{h: h, hashes: hs, corrupt: corrupt, read: []string{}}
		got, err := tlog.TileHashReader(tlog.Tree{N: n, Hash: th}, tr).ReadHashes(idx)
		if err != nil {
			return map[string]any{"err": err.Error(), "read": tr.read}, nil
		}
		return map[string]any{"hashes": hashesOut(got), "read": tr.read}, nil
	})
	register("tlog.text", func(args []json.RawMessage) (any, error) {
		// kind "tree"|"record"|"formatRecord", data [, id]
		var kind string
		var data []byte
		var id int64
		sdArg(args, 0, &kind)
		sdArg(args, 1, &data)
		sdArg(args, 2, &id)
		switch kind {
		case "tree":
			t, err := tlog.ParseTree(data)
			if err != nil {
				return nil, err
			}
			return map[string]any{"N": t.N, "Hash": t.Hash.String()}, nil
		case "record":
			id, text, rest, err := tlog.ParseRecord(data)
			if err != nil {
				return nil, err
			}
			return map[string]any{"id": id, "text": text, "rest": rest}, nil
		default:
			return tlog.FormatRecord(id, data)
		}
	})

	register("sumdb.serve", func(args []json.RawMessage) (any, error) {
		var spec sdServeSpec
		sdArg(args, 0, &spec)
		return sdServe(spec)
	})
}

type sdServeSpec struct {
	ProxyDir string `json:"proxyDir"`
	Skey     string `json:"skey"`
	// Mode: "good" (sums from the proxy), "wrong" (h1:wrong lines, as cmd/go's sumdb-wrong),
	// "badtile" (hash tiles with a flipped byte), "badrecord" (lookup records with a changed
	// hash, signed tree unchanged).
	Mode string `json:"mode"`
}

var (
	sdOnce    sync.Once
	sdBase    string
	sdMu      sync.Mutex
	sdServers = map[string]http.Handler{}
	sdNext    int
)

func sdStart() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	sdBase = "http://" + ln.Addr().String()
	go http.Serve(ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := strings.TrimPrefix(r.URL.Path, "/")
		id, rest, _ := strings.Cut(p, "/")
		sdMu.Lock()
		h := sdServers[id]
		sdMu.Unlock()
		if h == nil {
			http.NotFound(w, r)
			return
		}
		r2 := r.Clone(r.Context())
		r2.URL.Path = "/" + rest
		r2.URL.RawPath = ""
		h.ServeHTTP(w, r2)
	}))
}

// sdProxyModules lists the module versions of a proxy directory that have both .mod and .zip.
func sdProxyModules(dir string) ([]module.Version, error) {
	var mods []module.Version
	err := filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || !strings.HasSuffix(p, ".zip") {
			return err
		}
		rel := filepath.ToSlash(strings.TrimPrefix(p, dir+string(filepath.Separator)))
		i := strings.LastIndex(rel, "/@v/")
		if i < 0 {
			return nil
		}
		path, err1 := module.UnescapePath(rel[:i])
		vers, err2 := module.UnescapeVersion(strings.TrimSuffix(rel[i+len("/@v/"):], ".zip"))
		if err1 != nil || err2 != nil {
			return nil
		}
		if _, err := os.Stat(strings.TrimSuffix(p, ".zip") + ".mod"); err != nil {
			return nil
		}
		mods = append(mods, module.Version{Path: path, Version: vers})
		return nil
	})
	module.Sort(mods)
	return mods, err
}

func sdGoSum(dir string) func(path, vers string) ([]byte, error) {
	return func(path, vers string) ([]byte, error) {
		epath, err := module.EscapePath(path)
		if err != nil {
			return nil, err
		}
		evers, err := module.EscapeVersion(vers)
		if err != nil {
			return nil, err
		}
		base := filepath.Join(dir, filepath.FromSlash(epath), "@v", evers)
		h1, err := dirhash.HashZip(base+".zip", dirhash.Hash1)
		if err != nil {
			return nil, err
		}
		gomod, err := os.ReadFile(base + ".mod")
		if err != nil {
			return nil, err
		}
		h1mod, err := dirhash.Hash1([]string{"go.mod"}, func(string) (io.ReadCloser, error) {
			return io.NopCloser(bytes.NewReader(gomod)), nil
		})
		if err != nil {
			return nil, err
		}
		return []byte(fmt.Sprintf("%s %s %s\n%s %s/go.mod %s\n", path, vers, h1, path, vers, h1mod)), nil
	}
}

func sdServe(spec sdServeSpec) (any, error) {
	sdOnce.Do(sdStart)
	gosum := sdGoSum(spec.ProxyDir)
	if spec.Mode == "wrong" {
		gosum = func(path, vers string) ([]byte, error) {
			return []byte(fmt.Sprintf("%s %s %s\n%s %s/go.mod %s\n", path, vers, "h1:wrong", path, vers, "h1:wrong")), nil
		}
	}
	ops := sumdb.NewTestServer(spec.Skey, gosum)
	mods, err := sdProxyModules(spec.ProxyDir)
	if err != nil {
		return nil, err
	}
	for _, m := range mods {
		if _, err := ops.Lookup(context.Background(), m); err != nil {
			return nil, err
		}
	}
	srv := sumdb.NewServer(ops)
	var h http.Handler = srv
	if spec.Mode == "badtile" || spec.Mode == "badrecord" {
		h = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			rec := httptest.NewRecorder()
			srv.ServeHTTP(rec, r)
			body := rec.Body.Bytes()
			if rec.Code == 200 {
				if spec.Mode == "badtile" && strings.HasPrefix(r.URL.Path, "/tile/") && !strings.Contains(r.URL.Path, "/data/") && len(body) > 0 {
					body[len(body)-1] ^= 1
				}
				if spec.Mode == "badrecord" && strings.HasPrefix(r.URL.Path, "/lookup/") {
					if i := bytes.Index(body, []byte(" h1:")); i >= 0 {
						if body[i+4] == 'A' {
							body[i+4] = 'B'
						} else {
							body[i+4] = 'A'
						}
					}
				}
			}
			for k, v := range rec.Header() {
				w.Header()[k] = v
			}
			w.WriteHeader(rec.Code)
			w.Write(body)
		})
	}
	sdMu.Lock()
	sdNext++
	id := fmt.Sprintf("db%d", sdNext)
	sdServers[id] = h
	sdMu.Unlock()
	names := []string{}
	for _, m := range mods {
		names = append(names, m.String())
	}
	return map[string]any{"url": sdBase + "/" + id, "modules": names}, nil
}
