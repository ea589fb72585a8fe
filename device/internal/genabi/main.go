// Command genabi writes the files that follow from the ABI shared by
// gotrack's Go backends and its CUDA kernels, whose single source is
// package device (device.Element, device.Params and the device.Method
// enumeration):
//
//   - -header: kernels/element.h, the C declarations of the element record
//     (gt_element, field for field from device.Element by reflection, with
//     the Go field comments), the passmethod numbers GT_<Method> and the
//     X-macros GT_FOR_EACH_METHOD and GT_FOR_EACH_ELEMENT_FIELD, gt_params
//     (device.Params) and gt_env;
//   - -launch: cuda/launch_gen.go, a typed Go launcher for every kernel
//     declared GT_GLOBAL in the kernel sources (-kernels: *.cu and *.cuh),
//     whose signatures it parses with a small, strict parser.
//
// It is run by go generate ./device (device/generate.go). It fails on
// anything it does not understand rather than guess.
package main

import (
	"bytes"
	_ "embed"
	"errors"
	"flag"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"github.com/gotrack/gotrack/device"
)

func main() {
	header := flag.String("header", "", "write the C header (element.h) to `file`")
	launch := flag.String("launch", "", "write the Go kernel launchers to `file`")
	kdir := flag.String("kernels", "", "`dir`ectory of the kernel sources (*.cu, *.cuh) to parse for -launch")
	src := flag.String("src", ".", "`dir`ectory of package device's sources (for the field comments)")
	flag.Parse()
	if err := run(*header, *launch, *kdir, *src); err != nil {
		fmt.Fprintln(os.Stderr, "genabi:", err)
		os.Exit(1)
	}
}

func run(header, launch, kdir, src string) error {
	if header == "" && launch == "" {
		return errors.New("nothing to do: give -header and/or -launch")
	}
	if header != "" {
		b, err := genHeader(src)
		if err != nil {
			return fmt.Errorf("%s: %w", header, err)
		}
		if err := os.WriteFile(header, b, 0o644); err != nil {
			return fmt.Errorf("write header: %w", err)
		}
	}
	if launch != "" {
		if kdir == "" {
			return errors.New("-launch needs -kernels")
		}
		ks, err := parseKernels(kdir)
		if err != nil {
			return err
		}
		b, err := genLaunch(ks)
		if err != nil {
			return fmt.Errorf("%s: %w", launch, err)
		}
		if err := os.WriteFile(launch, b, 0o644); err != nil {
			return fmt.Errorf("write launchers: %w", err)
		}
	}
	return nil
}

// goField is what the Go source says of a struct field: its comments and
// whether a blank line precedes it.
type goField struct {
	doc, comment []string
	blankBefore  bool
}

// structComments returns the comments of the fields of struct type name
// declared in the package in dir, by field name ("_" fields in order as
// "_0", "_1", ...), and the type's doc comment under "".
func structComments(dir, name string) (map[string]goField, error) {
	fset := token.NewFileSet()
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", dir, err)
	}
	var files []*ast.File
	for _, ent := range ents {
		n := ent.Name()
		if ent.IsDir() || !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, n), nil, parser.ParseComments)
		if err != nil {
			return nil, fmt.Errorf("parse: %w", err)
		}
		files = append(files, f)
	}
	for _, f := range files {
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok {
				continue
			}
			for _, s := range g.Specs {
				ts, ok := s.(*ast.TypeSpec)
				if !ok || ts.Name.Name != name {
					continue
				}
				st, ok := ts.Type.(*ast.StructType)
				if !ok {
					return nil, fmt.Errorf("%s is not a struct", name)
				}
				out := map[string]goField{}
				doc := ts.Doc
				if doc == nil {
					doc = g.Doc
				}
				if doc != nil {
					out[""] = goField{doc: commentLines(doc)}
				}
				prevEnd, blanks := 0, 0
				for i, fl := range st.Fields.List {
					line := fset.Position(fl.Pos()).Line
					if fl.Doc != nil {
						line = fset.Position(fl.Doc.Pos()).Line
					}
					gf := goField{blankBefore: i > 0 && line > prevEnd+1}
					if fl.Doc != nil {
						gf.doc = commentLines(fl.Doc)
					}
					if fl.Comment != nil {
						gf.comment = commentLines(fl.Comment)
					}
					prevEnd = fset.Position(fl.End()).Line
					if fl.Comment != nil {
						prevEnd = fset.Position(fl.Comment.End()).Line
					}
					for _, n := range fl.Names {
						k := n.Name
						if k == "_" {
							k = fmt.Sprintf("_%d", blanks)
							blanks++
						}
						out[k] = gf
					}
				}
				return out, nil
			}
		}
	}
	return nil, fmt.Errorf("type %s not found in %s", name, dir)
}

func commentLines(g *ast.CommentGroup) []string {
	t := strings.TrimRight(g.Text(), "\n")
	if t == "" {
		return nil
	}
	return strings.Split(t, "\n")
}

// cType returns the C type of a Go field type of the ABI.
func cType(t reflect.Type) (string, error) {
	switch t.Kind() {
	case reflect.Int32:
		return "int32_t", nil
	case reflect.Int64:
		return "int64_t", nil
	case reflect.Uint64:
		return "uint64_t", nil
	case reflect.Float64:
		return "double", nil
	}
	return "", fmt.Errorf("type %v has no C counterpart in the ABI", t)
}

// cStruct writes the C declaration of struct type t named cname, with the
// field comments of the Go type goName declared in src.
func cStruct(w *bytes.Buffer, t reflect.Type, cname, src, goName string) ([]string, error) {
	comments, err := structComments(src, goName)
	if err != nil {
		return nil, err
	}
	var names []string
	if d := comments[""].doc; len(d) > 0 {
		w.WriteString(cComment("", d))
	}
	fmt.Fprintf(w, "typedef struct {\n")
	blanks := 0
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Type.Kind() == reflect.Struct || f.Anonymous {
			return nil, fmt.Errorf("%s.%s: embedded or nested structs are not part of the ABI", goName, f.Name)
		}
		ct, err := cType(f.Type)
		if err != nil {
			return nil, fmt.Errorf("%s.%s: %w", goName, f.Name, err)
		}
		name, key := f.Name, f.Name
		if name == "_" {
			key = fmt.Sprintf("_%d", blanks)
			name = "Pad_"
			if blanks > 0 {
				name = fmt.Sprintf("Pad%d_", blanks)
			}
			blanks++
		}
		c, ok := comments[key]
		if !ok {
			return nil, fmt.Errorf("%s.%s not found in the sources of %s", goName, f.Name, src)
		}
		if c.blankBefore {
			w.WriteString("\n")
		}
		if len(c.doc) > 0 {
			w.WriteString(cComment("    ", c.doc))
		}
		line := fmt.Sprintf("    %s %s;", ct, name)
		if len(c.comment) > 0 {
			line += " /* " + strings.Join(c.comment, " ") + " */"
		}
		w.WriteString(line + "\n")
		names = append(names, name)
	}
	fmt.Fprintf(w, "} %s;\n", cname)
	return names, nil
}

// cComment returns lines as a C block comment indented by indent,
// without trailing blanks.
func cComment(indent string, lines []string) string {
	var b strings.Builder
	for i, l := range lines {
		p := indent + " * "
		if i == 0 {
			p = indent + "/* "
		}
		b.WriteString(strings.TrimRight(p+l, " ") + "\n")
	}
	s := strings.TrimSuffix(b.String(), "\n")
	return s + " */\n"
}

// genHeader returns kernels/element.h.
func genHeader(src string) ([]byte, error) {
	var w bytes.Buffer
	w.WriteString(`/* element.h: the flat element record shared by gotrack's Go backends and
 * its CUDA kernels.
 *
 * Code generated by go run ./internal/genabi (go generate ./device) from
 * package device: device.Element, device.Params and device.Method. DO NOT
 * EDIT; change package device and regenerate.
 *
 * gt_element matches device.Element field for field (kernels/harness also
 * checks sizes and offsets through cgo). Arrays live in the plan's
 * coefficient pool and are referenced by offset; GT_ABSENT marks a missing
 * optional array. Matrices are column-major, as AT's C code reads them:
 * pool[off + i + 6*j] = M[i][j]. */
#ifndef GOTRACK_ELEMENT_H
#define GOTRACK_ELEMENT_H

#include <stdint.h>

`)
	fmt.Fprintf(&w, "/* device.Absent */\n#define GT_ABSENT (%d)\n\n", device.Absent)
	w.WriteString("/* Passmethod numbers: device.Method, in the same order. */\nenum {\n")
	var names []string
	for _, m := range device.Methods() {
		n := m.String()
		if !isIdent(n) {
			return nil, fmt.Errorf("passmethod %d: name %q is not a C identifier", int(m), n)
		}
		if int(m) == 0 {
			fmt.Fprintf(&w, "    GT_%s = 0,\n", n)
		} else {
			fmt.Fprintf(&w, "    GT_%s,\n", n)
		}
		names = append(names, n)
	}
	w.WriteString("    GT_NumMethods\n};\n\n")
	w.WriteString("/* GT_FOR_EACH_METHOD(X) applies X to every passmethod name, in ABI order. */\n")
	writeXMacro(&w, "GT_FOR_EACH_METHOD", names)
	w.WriteString("\n/* gt_element is device.Element. */\n")
	fields, err := cStruct(&w, reflect.TypeOf(device.Element{}), "gt_element", src, "Element")
	if err != nil {
		return nil, err
	}
	w.WriteString("\n/* GT_FOR_EACH_ELEMENT_FIELD(X) applies X to every field name of\n * gt_element, in order (padding included). */\n")
	writeXMacro(&w, "GT_FOR_EACH_ELEMENT_FIELD", fields)
	w.WriteString("\n/* gt_params is device.Params. */\n")
	if _, err := cStruct(&w, reflect.TypeOf(device.Params{}), "gt_params", src, "Params"); err != nil {
		return nil, err
	}
	w.WriteString(`
/* What a passmethod may read besides its record: host.Env. */
typedef struct {
    gt_params p;
    int64_t turn; /* AT's turn counter */
    int64_t elem; /* the element's plan index (random-number key) */
    int64_t particle; /* the particle's index in the whole beam (random-number key) */
} gt_env;

#endif
`)
	return w.Bytes(), nil
}

// writeXMacro writes #define name(X) X(a) X(b) ..., wrapped.
func writeXMacro(w *bytes.Buffer, name string, items []string) {
	line := "#define " + name + "(X)"
	for _, it := range items {
		x := " X(" + it + ")"
		if len(line)+len(x) > 96 {
			w.WriteString(line + " \\\n")
			line = "   "
		}
		line += x
	}
	w.WriteString(line + "\n")
}

func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if !(r == '_' || r < unicode.MaxASCII && (unicode.IsLetter(r) || i > 0 && unicode.IsDigit(r))) {
			return false
		}
	}
	return true
}

// A kernel is a GT_GLOBAL declaration.
type kernel struct {
	name   string // C name; for a family, the prefix (gt_elem_)
	family bool   // declared in a macro over GT_FOR_EACH_METHOD: name + <Method>
	params []param
	file   string
}

type param struct {
	name  string
	ctype string // as written
	gtype string // Go type of the launcher argument
}

var (
	blockComment = regexp.MustCompile(`(?s)/\*.*?\*/`)
	lineComment  = regexp.MustCompile(`//[^\n]*`)
	macroDef     = regexp.MustCompile(`(?m)^\s*#\s*define\s+(\w+)\(\s*(\w+)\s*\)`)
)

// parseKernels returns the GT_GLOBAL kernels declared in dir's *.cu and
// *.cuh files, sorted by name.
func parseKernels(dir string) ([]kernel, error) {
	var files []string
	for _, pat := range []string{"*.cu", "*.cuh"} {
		m, err := filepath.Glob(filepath.Join(dir, pat))
		if err != nil {
			return nil, fmt.Errorf("glob %s: %w", pat, err)
		}
		files = append(files, m...)
	}
	sort.Strings(files)
	var ks []kernel
	seen := map[string]string{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("read kernel source: %w", err)
		}
		fk, err := parseFile(string(b))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		for _, k := range fk {
			if prev, ok := seen[k.name]; ok {
				return nil, fmt.Errorf("kernel %s declared in %s and %s", k.name, prev, f)
			}
			seen[k.name] = f
			k.file = filepath.Base(f)
			ks = append(ks, k)
		}
	}
	if len(ks) == 0 {
		return nil, fmt.Errorf("no GT_GLOBAL kernel in %s", dir)
	}
	sort.Slice(ks, func(i, j int) bool { return ks[i].name < ks[j].name })
	return ks, nil
}

// parseFile parses the GT_GLOBAL declarations of one source text:
//
//	GT_GLOBAL [GT_BOUNDS(...)] void NAME(TYPE [*]NAME, ...)
//
// NAME may be prefix##arg inside a one-argument macro that the file
// applies through GT_FOR_EACH_METHOD.
func parseFile(src string) ([]kernel, error) {
	src = strings.ReplaceAll(src, "\\\n", " ")
	src = blockComment.ReplaceAllStringFunc(src, func(s string) string { return strings.Repeat(" ", len(s)) })
	src = lineComment.ReplaceAllString(src, "")
	var ks []kernel
	for off := 0; ; {
		i := strings.Index(src[off:], "GT_GLOBAL")
		if i < 0 {
			break
		}
		i += off
		end := strings.Index(src[i:], ")")
		if end < 0 {
			return nil, fmt.Errorf("GT_GLOBAL at byte %d: no closing parenthesis", i)
		}
		// Skip GT_BOUNDS(...) whose ")" is not the parameter list's.
		decl := src[i:]
		k, n, err := parseDecl(decl)
		if err != nil {
			return nil, fmt.Errorf("GT_GLOBAL at line %d: %w", strings.Count(src[:i], "\n")+1, err)
		}
		if strings.Contains(k.name, "##") {
			// A family: the enclosing macro must be applied over GT_FOR_EACH_METHOD.
			pre, arg, _ := strings.Cut(k.name, "##")
			pre, arg = strings.TrimSpace(pre), strings.TrimSpace(arg)
			defs := macroDef.FindAllStringSubmatchIndex(src[:i], -1)
			if len(defs) == 0 {
				return nil, fmt.Errorf("kernel %s: name pasted outside a macro", k.name)
			}
			d := defs[len(defs)-1]
			macro, marg := src[d[2]:d[3]], src[d[4]:d[5]]
			if marg != arg {
				return nil, fmt.Errorf("kernel %s: pastes %q, but macro %s takes %q", k.name, arg, macro, marg)
			}
			if !regexp.MustCompile(`GT_FOR_EACH_METHOD\(\s*` + macro + `\s*\)`).MatchString(src[i:]) {
				return nil, fmt.Errorf("kernel %s: macro %s is not applied with GT_FOR_EACH_METHOD(%s)", k.name, macro, macro)
			}
			k.name, k.family = pre, true
		}
		if !isIdent(k.name) {
			return nil, fmt.Errorf("kernel name %q is not an identifier", k.name)
		}
		ks = append(ks, k)
		off = i + n
	}
	return ks, nil
}

var (
	boundsRe = regexp.MustCompile(`^GT_BOUNDS\s*\([^()]*\)\s*`)
	headRe   = regexp.MustCompile(`^void\s+(\w+(?:\s*##\s*\w+)?)\s*\(`)
)

// splitParam splits a parameter declaration "[const] TYPE [*]NAME", TYPE
// being one or two words ("long long"), into its "const " (or ""), TYPE,
// "*" (or "") and NAME; nil if it is not of that form.
func splitParam(p string) []string {
	p = strings.ReplaceAll(p, "*", " * ")
	f := strings.Fields(p)
	out := make([]string, 5)
	if len(f) > 0 && f[0] == "const" {
		out[1] = "const "
		f = f[1:]
	}
	if len(f) < 2 || !isIdent(f[len(f)-1]) {
		return nil
	}
	out[4] = f[len(f)-1]
	f = f[:len(f)-1]
	if f[len(f)-1] == "*" {
		out[3] = "*"
		f = f[:len(f)-1]
	}
	if len(f) < 1 || len(f) > 2 {
		return nil
	}
	for _, w := range f {
		if !isIdent(w) || w == "const" {
			return nil
		}
	}
	out[2] = strings.Join(f, " ")
	return out
}

// parseDecl parses one declaration at the start of s and returns it and
// its length in bytes.
func parseDecl(s string) (kernel, int, error) {
	rest := strings.TrimSpace(strings.TrimPrefix(s, "GT_GLOBAL"))
	rest = boundsRe.ReplaceAllString(rest, "")
	m := headRe.FindStringSubmatch(rest)
	if m == nil {
		return kernel{}, 0, fmt.Errorf("want \"void NAME(\" after GT_GLOBAL [GT_BOUNDS(...)], have %.40q", rest)
	}
	k := kernel{name: strings.ReplaceAll(m[1], " ", "")}
	rest = rest[len(m[0]):]
	close := strings.Index(rest, ")")
	if close < 0 {
		return kernel{}, 0, fmt.Errorf("kernel %s: no closing parenthesis", k.name)
	}
	list := strings.Join(strings.Fields(rest[:close]), " ")
	if list == "" || list == "void" {
		return kernel{}, 0, fmt.Errorf("kernel %s: no parameters", k.name)
	}
	names := map[string]bool{}
	for _, p := range strings.Split(list, ",") {
		p = strings.TrimSpace(p)
		pm := splitParam(p)
		if pm == nil {
			return kernel{}, 0, fmt.Errorf("kernel %s: parameter %q: want [const] TYPE [*]NAME", k.name, p)
		}
		ctype := pm[1] + pm[2]
		if pm[3] != "" {
			ctype += " *"
		}
		var gt string
		switch {
		case pm[3] == "*":
			gt = "cu.DevicePtr"
		case pm[1] != "":
			return kernel{}, 0, fmt.Errorf("kernel %s: parameter %q: const scalar", k.name, p)
		case pm[2] == "int64_t" || pm[2] == "long long":
			gt = "int64"
		case pm[2] == "double":
			gt = "float64"
		default:
			// the driver binding copies 8 bytes per argument: no narrower scalars.
			return kernel{}, 0, fmt.Errorf("kernel %s: parameter %q: scalar type %s is not 8 bytes wide (int64_t, long long, double)", k.name, p, pm[2])
		}
		name := pm[4]
		if token.IsKeyword(name) || names[name] || name == "f" || name == "shape" || name == "args" {
			return kernel{}, 0, fmt.Errorf("kernel %s: parameter name %q is a Go keyword, a repeat, or reserved by the launcher", k.name, name)
		}
		names[name] = true
		k.params = append(k.params, param{name: name, ctype: strings.Join(strings.Fields(ctype), " "), gtype: gt})
	}
	n := len(s) - len(rest) + close + 1
	return k, n, nil
}

// goName returns the Go name of C name gt_foo_bar: FooBar.
func goName(c string) string {
	c = strings.TrimPrefix(c, "gt_")
	var b strings.Builder
	for _, w := range strings.Split(c, "_") {
		if w == "" {
			continue
		}
		b.WriteString(strings.ToUpper(w[:1]) + w[1:])
	}
	return b.String()
}

// launchHead is the fixed head of cuda/launch_gen.go: package clause,
// imports (the CUDA driver binding, which only package cuda imports) and
// the launch shape type. It is a template file, not Go source, so that
// no Go file outside cuda/ names that import.
//
//go:embed launch_head.go.tmpl
var launchHead string

// genLaunch returns cuda/launch_gen.go.
func genLaunch(ks []kernel) ([]byte, error) {
	var w bytes.Buffer
	w.WriteString(launchHead)
	for _, k := range ks {
		if k.family {
			fmt.Fprintf(&w, "\t// kernel%sPrefix is the prefix of the kernels %s<Method>, one per passmethod (%s).\n", goName(k.name), k.name, k.file)
			fmt.Fprintf(&w, "\tkernel%sPrefix = %q\n", goName(k.name), k.name)
		} else {
			fmt.Fprintf(&w, "\t// kernel%s is the kernel %s (%s).\n", goName(k.name), k.name, k.file)
			fmt.Fprintf(&w, "\tkernel%s = %q\n", goName(k.name), k.name)
		}
	}
	w.WriteString(")\n")
	for _, k := range ks {
		g := goName(k.name)
		lower := strings.ToLower(g[:1]) + g[1:]
		if k.family {
			fmt.Fprintf(&w, "\n// %sKernels holds the name of the kernel %s<Method> of every passmethod, by device.Method.\n", lower, k.name)
			fmt.Fprintf(&w, "var %sKernels = [device.NumMethods]string{\n", lower)
			for _, m := range device.Methods() {
				fmt.Fprintf(&w, "\t%q,\n", k.name+m.String())
			}
			w.WriteString("}\n")
		}
		var sig []string
		for _, p := range k.params {
			if strings.HasSuffix(p.ctype, "*") {
				sig = append(sig, p.ctype+p.name)
			} else {
				sig = append(sig, p.ctype+" "+p.name)
			}
		}
		what := k.name
		if k.family {
			what = k.name + "<Method>"
		}
		fmt.Fprintf(&w, "\n// %sArgs are the arguments of %s, in order: the C parameters\n//\n//\t(%s)\n", lower, what, strings.Join(sig, ", "))
		fmt.Fprintf(&w, "type %sArgs struct {\n", lower)
		for _, p := range k.params {
			fmt.Fprintf(&w, "\t%s %s // %s\n", p.name, p.gtype, p.ctype)
		}
		w.WriteString("}\n")
		fmt.Fprintf(&w, "\n// launch%s launches f, the kernel %s, with shape s and arguments a.\n", g, what)
		fmt.Fprintf(&w, "func launch%s(f cu.Function, s launchShape, a %sArgs) error {\n", g, lower)
		w.WriteString("\targs := []unsafe.Pointer{\n")
		for _, p := range k.params {
			fmt.Fprintf(&w, "\t\tunsafe.Pointer(&a.%s),\n", p.name)
		}
		w.WriteString("\t}\n\treturn f.Launch(s.grid, 1, 1, s.block, 1, 1, s.shared, cu.Stream{}, args)\n}\n")
	}
	out, err := format.Source(w.Bytes())
	if err != nil {
		return nil, fmt.Errorf("gofmt the launchers: %w", err)
	}
	return out, nil
}
