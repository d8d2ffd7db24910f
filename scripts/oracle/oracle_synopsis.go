package main

// Ops for src/core/imports/synopsis.ts: go/doc's Synopsis and the package doc comment go/build
// reads (go/parser with ImportsOnly|ParseComments, ast.CommentGroup.Text).

import (
	"encoding/json"
	"go/doc"
	"go/parser"
	"go/token"
)

func init() {
	// doc.synopsis(text): doc.Synopsis(text)
	register("doc.synopsis", func(args []json.RawMessage) (any, error) {
		return doc.Synopsis(str(args, 0)), nil
	})
	// doc.fileSynopsis(base64 source): {text, synopsis} of the file's package doc comment
	// (go/build Import: info.parsed.Doc, the parse kept even with errors); null without one.
	register("doc.fileSynopsis", func(args []json.RawMessage) (any, error) {
		f, _ := parser.ParseFile(token.NewFileSet(), "x.go", b64Arg(args, 0), parser.ImportsOnly|parser.ParseComments)
		if f == nil || f.Doc == nil {
			return nil, nil
		}
		t := f.Doc.Text()
		return map[string]string{"text": t, "synopsis": doc.Synopsis(t)}, nil
	})
}
