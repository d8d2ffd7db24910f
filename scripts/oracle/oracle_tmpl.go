package main

// text/template (with fmt) over a JSON-described value, for src/core/gotmpl.fmt.test.ts: JSON
// objects are map[string]any, arrays []any, integers int, other numbers float64; an object
// {"$t": T, "v": V} is a typed value: T an integer kind (V a number or decimal string),
// "float" (float64), "bytes" ([]byte of the string V), "strs" ([]string), "nilstrs" ([]string(nil)),
// "smap" (map[string]string), "nilmap" (map[string]any(nil)).

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"text/template"
)

func tmplNum(n json.Number) any {
	if i, err := strconv.ParseInt(string(n), 10, 64); err == nil && !strings.ContainsAny(string(n), ".eE") {
		return int(i)
	}
	f, _ := n.Float64()
	return f
}

func tmplTyped(t string, v any) (any, error) {
	s := fmt.Sprint(v)
	if n, ok := v.(json.Number); ok {
		s = string(n)
	}
	bits := 64
	switch t {
	case "float":
		return strconv.ParseFloat(s, 64)
	case "bytes":
		return []byte(v.(string)), nil
	case "strs", "nilstrs":
		if t == "nilstrs" {
			return []string(nil), nil
		}
		out := []string{}
		for _, x := range v.([]any) {
			out = append(out, x.(string))
		}
		return out, nil
	case "smap":
		out := map[string]string{}
		for k, x := range v.(map[string]any) {
			out[k] = x.(string)
		}
		return out, nil
	case "nilmap":
		return map[string]any(nil), nil
	case "int8", "uint8":
		bits = 8
	case "int16", "uint16":
		bits = 16
	case "int32", "uint32":
		bits = 32
	}
	if strings.HasPrefix(t, "uint") {
		u, err := strconv.ParseUint(s, 10, bits)
		switch t {
		case "uint":
			return uint(u), err
		case "uint8":
			return uint8(u), err
		case "uint16":
			return uint16(u), err
		case "uint32":
			return uint32(u), err
		case "uint64":
			return u, err
		case "uintptr":
			return uintptr(u), err
		}
	}
	i, err := strconv.ParseInt(s, 10, bits)
	switch t {
	case "int8":
		return int8(i), err
	case "int16":
		return int16(i), err
	case "int32":
		return int32(i), err
	case "int64":
		return i, err
	}
	return nil, fmt.Errorf("unknown type %q", t)
}

func tmplConv(x any) (any, error) {
	switch x := x.(type) {
	case json.Number:
		return tmplNum(x), nil
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			v, err := tmplConv(e)
			if err != nil {
				return nil, err
			}
			out[i] = v
		}
		return out, nil
	case map[string]any:
		if t, ok := x["$t"].(string); ok {
			return tmplTyped(t, x["v"])
		}
		out := map[string]any{}
		for k, e := range x {
			v, err := tmplConv(e)
			if err != nil {
				return nil, err
			}
			out[k] = v
		}
		return out, nil
	}
	return x, nil
}

func init() {
	register("tmpl.exec", func(args []json.RawMessage) (any, error) {
		src := str(args, 0)
		d := json.NewDecoder(bytes.NewReader(args[1]))
		d.UseNumber()
		var raw any
		if err := d.Decode(&raw); err != nil {
			return nil, err
		}
		data, err := tmplConv(raw)
		if err != nil {
			return nil, err
		}
		t, err := template.New("main").Funcs(template.FuncMap{"join": strings.Join}).Parse(src)
		if err != nil {
			return map[string]any{"err": err.Error()}, nil
		}
		var b strings.Builder
		if err := t.Execute(&b, data); err != nil {
			return map[string]any{"out": b.String(), "err": err.Error()}, nil
		}
		return map[string]any{"out": b.String()}, nil
	})
}
