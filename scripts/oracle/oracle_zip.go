package main

// Oracle ops for module zips (src/core/modzip): golang.org/x/mod/zip CheckZip, Unzip,
// CheckFiles and Create, plus the zip checks cmd/go/internal/modfetch/fetch.go makes
// (downloadZip, hashZip via dirhash.HashZip, then download's Unzip).
// Zip bytes and file contents travel as standard base64; names and error texts as JSON
// strings (Go's encoder turns each invalid UTF-8 byte into U+FFFD).

import (
	"archive/zip"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"
	"unicode"

	"golang.org/x/mod/module"
	"golang.org/x/mod/sumdb/dirhash"
	modzip "golang.org/x/mod/zip"
)

func mzB64(b []byte) string { return base64.StdEncoding.EncodeToString(b) }

func mzUnb64(s string) []byte {
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		panic(fmt.Sprintf("bad base64: %v", err))
	}
	return b
}

func mzDecode(args []json.RawMessage, i int, v any) {
	if err := json.Unmarshal(args[i], v); err != nil {
		panic(fmt.Sprintf("arg %d: %v", i, err))
	}
}

type mzFileError struct {
	Path string `json:"path"`
	Err  string `json:"err"`
}

type mzChecked struct {
	Valid     []string      `json:"valid"`
	Omitted   []mzFileError `json:"omitted"`
	Invalid   []mzFileError `json:"invalid"`
	SizeError *string       `json:"sizeError"`
	Err       *string       `json:"err"`
}

func mzCheckedOut(cf modzip.CheckedFiles, err error) mzChecked {
	out := mzChecked{Valid: []string{}, Omitted: []mzFileError{}, Invalid: []mzFileError{}}
	out.Valid = append(out.Valid, cf.Valid...)
	for _, fe := range cf.Omitted {
		out.Omitted = append(out.Omitted, mzFileError{fe.Path, fe.Err.Error()})
	}
	for _, fe := range cf.Invalid {
		out.Invalid = append(out.Invalid, mzFileError{fe.Path, fe.Err.Error()})
	}
	if cf.SizeError != nil {
		s := cf.SizeError.Error()
		out.SizeError = &s
	}
	if err != nil {
		s := err.Error()
		out.Err = &s
	}
	return out
}

// mzTemp writes the zip to a fresh temp dir and returns the zip path and the dir.
func mzTemp(data []byte) (string, string) {
	dir, err := os.MkdirTemp("", "oracle-zip-")
	if err != nil {
		panic(err)
	}
	zf := filepath.Join(dir, "m.zip")
	if err := os.WriteFile(zf, data, 0666); err != nil {
		panic(err)
	}
	return zf, dir
}

type mzOutFile struct {
	Name string `json:"name"`
	Data string `json:"data"`
}

// mzInFile is a module tree file for CheckFiles/Create: mode is "file" (default),
// "symlink", "dir" or "pipe"; size, when set, overrides the reported Lstat size.
type mzInFile struct {
	Name string `json:"name"`
	Data string `json:"data"`
	Mode string `json:"mode"`
	Size *int64 `json:"size"`
}

type mzFile struct {
	f    mzInFile
	data []byte
}

type mzInfo struct{ f *mzFile }

func (f *mzFile) Path() string                 { return f.f.Name }
func (f *mzFile) Lstat() (os.FileInfo, error)  { return mzInfo{f}, nil }
func (f *mzFile) Open() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(f.data)), nil }

func (i mzInfo) Name() string { return path.Base(i.f.f.Name) }
func (i mzInfo) Size() int64 {
	if i.f.f.Size != nil {
		return *i.f.f.Size
	}
	return int64(len(i.f.data))
}
func (i mzInfo) Mode() fs.FileMode {
	switch i.f.f.Mode {
	case "symlink":
		return fs.ModeSymlink | 0777
	case "dir":
		return fs.ModeDir | 0755
	case "pipe":
		return fs.ModeNamedPipe | 0644
	}
	return 0644
}
func (i mzInfo) ModTime() time.Time { return time.Time{} }
func (i mzInfo) IsDir() bool        { return i.f.f.Mode == "dir" }
func (i mzInfo) Sys() any           { return nil }

func mzFiles(args []json.RawMessage, i int) []modzip.File {
	var in []mzInFile
	mzDecode(args, i, &in)
	var files []modzip.File
	for _, f := range in {
		files = append(files, &mzFile{f, mzUnb64(f.Data)})
	}
	return files
}

// mzEntries lists a zip's entries (names and contents) as archive/zip reads them.
func mzEntries(data []byte) ([]mzOutFile, error) {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	out := []mzOutFile{}
	for _, f := range z.File {
		r, err := f.Open()
		if err != nil {
			return nil, err
		}
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			return nil, err
		}
		out = append(out, mzOutFile{f.Name, mzB64(b)})
	}
	return out, nil
}

func init() {
	// zip.check(path, version, b64 zip) -> CheckedFiles (+ err) from modzip.CheckZip.
	register("zip.check", func(args []json.RawMessage) (any, error) {
		zf, dir := mzTemp(mzUnb64(str(args, 2)))
		defer os.RemoveAll(dir)
		cf, err := modzip.CheckZip(module.Version{Path: str(args, 0), Version: str(args, 1)}, zf)
		return mzCheckedOut(cf, err), nil
	})
	// zip.unzip(path, version, b64 zip) -> extracted files sorted by name, or Unzip's error
	// with the temp zip path written as $ZIP.
	register("zip.unzip", func(args []json.RawMessage) (any, error) {
		zf, dir := mzTemp(mzUnb64(str(args, 2)))
		defer os.RemoveAll(dir)
		out := filepath.Join(dir, "out")
		if err := modzip.Unzip(out, module.Version{Path: str(args, 0), Version: str(args, 1)}, zf); err != nil {
			return nil, errors.New(strings.ReplaceAll(err.Error(), zf, "$ZIP"))
		}
		return mzWalk(out)
	})
	// zip.checkFiles([{name,data,mode,size}]) -> CheckedFiles (+ err) from modzip.CheckFiles.
	register("zip.checkFiles", func(args []json.RawMessage) (any, error) {
		cf, err := modzip.CheckFiles(mzFiles(args, 0))
		return mzCheckedOut(cf, err), nil
	})
	// zip.create(path, version, files) -> the entries of the zip modzip.Create writes, or its error.
	register("zip.create", func(args []json.RawMessage) (any, error) {
		var buf bytes.Buffer
		if err := modzip.Create(&buf, module.Version{Path: str(args, 0), Version: str(args, 1)}, mzFiles(args, 2)); err != nil {
			return nil, err
		}
		return mzEntries(buf.Bytes())
	})
	// zip.createFromDir(path, version, files) -> writes the files into a temp dir (mode "dir":
	// an empty directory, "symlink": a link to "target", "pipe": a named pipe), then returns
	// the entries of the zip modzip.CreateFromDir writes, or its error with the dir as $DIR.
	register("zip.createFromDir", func(args []json.RawMessage) (any, error) {
		var in []mzInFile
		mzDecode(args, 2, &in)
		dir, err := os.MkdirTemp("", "oracle-zipdir-")
		if err != nil {
			panic(err)
		}
		defer os.RemoveAll(dir)
		for _, f := range in {
			p := filepath.Join(dir, filepath.FromSlash(f.Name))
			if err := os.MkdirAll(filepath.Dir(p), 0777); err != nil {
				panic(err)
			}
			switch f.Mode {
			case "dir":
				err = os.MkdirAll(p, 0777)
			case "symlink":
				err = os.Symlink("target", p)
			case "pipe":
				err = syscall.Mkfifo(p, 0666)
			default:
				err = os.WriteFile(p, mzUnb64(f.Data), 0666)
			}
			if err != nil {
				panic(err)
			}
		}
		var buf bytes.Buffer
		if err := modzip.CreateFromDir(&buf, module.Version{Path: str(args, 0), Version: str(args, 1)}, dir); err != nil {
			return nil, errors.New(strings.ReplaceAll(err.Error(), dir, "$DIR"))
		}
		return mzEntries(buf.Bytes())
	})
	// zip.checkLarge(path, version, b64 zip, pad) -> CheckZip's and Unzip's errors for the zip
	// preceded by pad zero bytes (a sparse file), for archives over MaxZipFile.
	register("zip.checkLarge", func(args []json.RawMessage) (any, error) {
		var pad int64
		mzDecode(args, 3, &pad)
		dir, err := os.MkdirTemp("", "oracle-ziplarge-")
		if err != nil {
			panic(err)
		}
		defer os.RemoveAll(dir)
		zf := filepath.Join(dir, "m.zip")
		f, err := os.Create(zf)
		if err != nil {
			panic(err)
		}
		if _, err := f.WriteAt(mzUnb64(str(args, 2)), pad); err != nil {
			panic(err)
		}
		f.Close()
		m := module.Version{Path: str(args, 0), Version: str(args, 1)}
		out := map[string]string{}
		if _, err := modzip.CheckZip(m, zf); err != nil {
			out["check"] = err.Error()
		}
		if err := modzip.Unzip(filepath.Join(dir, "out"), m, zf); err != nil {
			out["unzip"] = strings.ReplaceAll(err.Error(), zf, "$ZIP")
		}
		return out, nil
	})
	// zip.entries(b64 zip) -> entries as archive/zip reads them (names, contents), or its error.
	register("zip.entries", func(args []json.RawMessage) (any, error) {
		return mzEntries(mzUnb64(str(args, 0)))
	})
	// zip.download(path, version, b64 zip) -> what cmd/go's modfetch does with a zip it got
	// from a proxy, minus go.sum: the proxy size limit (proxy.go: Zip), zip.NewReader and the
	// prefix check (fetch.go: downloadZip), dirhash.HashZip (hashZip), then Unzip (download).
	// Returns {stage, err} for the first failure or {stage:"ok", hash, files}.
	register("zip.download", func(args []json.RawMessage) (any, error) {
		m := module.Version{Path: str(args, 0), Version: str(args, 1)}
		data := mzUnb64(str(args, 2))
		type result struct {
			Stage string      `json:"stage"`
			Err   string      `json:"err,omitempty"`
			Hash  string      `json:"hash,omitempty"`
			Files []mzOutFile `json:"files,omitempty"`
		}
		if len(data) > modzip.MaxZipFile {
			return result{Stage: "proxy", Err: "downloaded zip file too large"}, nil
		}
		z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return result{Stage: "reader", Err: err.Error()}, nil
		}
		prefix := m.Path + "@" + m.Version + "/"
		for _, f := range z.File {
			if !strings.HasPrefix(f.Name, prefix) {
				return result{Stage: "prefix", Err: fmt.Sprintf("zip for %s has unexpected file %s", prefix[:len(prefix)-1], f.Name)}, nil
			}
		}
		zf, dir := mzTemp(data)
		defer os.RemoveAll(dir)
		hash, err := dirhash.HashZip(zf, dirhash.DefaultHash)
		if err != nil {
			return result{Stage: "hash", Err: err.Error()}, nil
		}
		out := filepath.Join(dir, "out")
		if err := modzip.Unzip(out, m, zf); err != nil {
			return result{Stage: "unzip", Err: strings.ReplaceAll(err.Error(), zf, "$ZIP")}, nil
		}
		files, err := mzWalk(out)
		if err != nil {
			return nil, err
		}
		return result{Stage: "ok", Hash: hash, Files: files}, nil
	})
	// unicode.strToFoldTable() -> [[r, f], ...] for every rune r whose x/mod/zip strToFold
	// image f (minimum of its SimpleFold orbit, A-Z lowered) differs from r.
	register("unicode.strToFoldTable", func(args []json.RawMessage) (any, error) {
		out := [][2]int{}
		for r := rune(0); r <= unicode.MaxRune; r++ {
			f := r
			for {
				r0 := f
				f = unicode.SimpleFold(r0)
				if f <= r0 {
					break
				}
			}
			if 'A' <= f && f <= 'Z' {
				f += 'a' - 'A'
			}
			if f != r {
				out = append(out, [2]int{int(r), int(f)})
			}
		}
		return out, nil
	})
}

func mzWalk(dir string) ([]mzOutFile, error) {
	files := []mzOutFile{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files = append(files, mzOutFile{filepath.ToSlash(rel), mzB64(b)})
		return nil
	})
	sort.Slice(files, func(i, j int) bool { return files[i].Name < files[j].Name })
	return files, err
}
