package transcript

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestDocNamesEveryDiagnostic checks that the specification in doc.go names
// every message the package can produce, so that a new diagnostic cannot
// ship without its line in "Diagnostics". A message is a format string of
// the package's own code (not its tests):
//
//   - passed to Errorf or Warnf (diag.List's, or fmt.Errorf),
//   - passed to fmt.Sprintf, since messages are also built first and
//     passed on as "%s",
//   - passed to a function or closure of the package whose parameter is
//     named format (limits.reach, Compare's at),
//   - or written as the Msg of a composite literal (a diag.Diagnostic).
//
// Formats with no fixed text holding a space are not messages: "%s" passes
// one on, "s%d" is an id. doc.go names a message when a line of its
// comment holds the fixed text, with anything (such as "<id>") in place of
// each %-verb.
func TestDocNamesEveryDiagnostic(t *testing.T) {
	fset := token.NewFileSet()
	names, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var spec string
	var files []*ast.File
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		if name == "doc.go" {
			spec = f.Doc.Text()
		}
		files = append(files, f)
	}
	if spec == "" {
		t.Fatal("doc.go has no package comment")
	}

	formats := messageFormats(t, fset, files)
	// A collector that finds nothing would pass whatever doc.go says.
	if len(formats) < 30 {
		t.Fatalf("found %d message formats, want at least 30: is the collector still finding them?", len(formats))
	}
	for _, f := range formats {
		if !formatPattern(f.format).MatchString(spec) {
			t.Errorf("%s: message %q is not in doc.go's Diagnostics", f.pos, f.format)
		}
	}
}

// messageFormat is a message's format string and where it is written.
type messageFormat struct {
	format string
	pos    token.Position
}

// messageFormats returns the message formats of files (see
// TestDocNamesEveryDiagnostic).
func messageFormats(t *testing.T, fset *token.FileSet, files []*ast.File) []messageFormat {
	// The position of the format parameter of each function and closure
	// that has one, by name.
	formatArg := map[string]int{"Sprintf": 0}
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncDecl:
				if i := formatParam(n.Type); i >= 0 {
					formatArg[n.Name.Name] = i
				}
			case *ast.AssignStmt:
				for i, rhs := range n.Rhs {
					if lit, ok := rhs.(*ast.FuncLit); ok && i < len(n.Lhs) {
						if id, ok := n.Lhs[i].(*ast.Ident); ok && formatParam(lit.Type) >= 0 {
							formatArg[id.Name] = formatParam(lit.Type)
						}
					}
				}
			}
			return true
		})
	}

	var formats []messageFormat
	add := func(e ast.Expr) {
		pos := fset.Position(e.Pos())
		if id, ok := e.(*ast.Ident); ok && id.Name == "format" {
			return // a format passed on, checked where it is written
		}
		s, ok := stringLiteral(e)
		if !ok {
			t.Errorf("%s: a message format that is not a string literal: doc_test cannot check that doc.go names it", pos)
			return
		}
		if hasWords(s) {
			formats = append(formats, messageFormat{s, pos})
		}
	}
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				var name string
				switch fun := n.Fun.(type) {
				case *ast.Ident:
					name = fun.Name
				case *ast.SelectorExpr:
					name = fun.Sel.Name
					if x, ok := fun.X.(*ast.Ident); name == "Errorf" && ok && x.Name == "fmt" {
						name = "fmt.Errorf"
					}
				}
				i, ok := formatArg[name]
				switch name {
				case "Errorf", "Warnf": // diag.List's: path, line, format
					i, ok = 2, true
				case "fmt.Errorf":
					i, ok = 0, true
				}
				if ok && i < len(n.Args) {
					add(n.Args[i])
				}
			case *ast.KeyValueExpr:
				if key, ok := n.Key.(*ast.Ident); ok && key.Name == "Msg" {
					if _, isLit := stringLiteral(n.Value); isLit {
						add(n.Value)
					}
				}
			}
			return true
		})
	}
	return formats
}

// formatParam returns the index of the parameter named format, or -1.
func formatParam(ft *ast.FuncType) int {
	i := 0
	for _, field := range ft.Params.List {
		if len(field.Names) == 0 {
			i++
			continue
		}
		for _, name := range field.Names {
			if name.Name == "format" {
				return i
			}
			i++
		}
	}
	return -1
}

// stringLiteral returns the value of a string literal, or of a sum of them.
func stringLiteral(e ast.Expr) (string, bool) {
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(e.Value)
		return s, err == nil
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return "", false
		}
		x, ok1 := stringLiteral(e.X)
		y, ok2 := stringLiteral(e.Y)
		return x + y, ok1 && ok2
	case *ast.ParenExpr:
		return stringLiteral(e.X)
	}
	return "", false
}

// verb matches a %-verb of a format, or "%%".
var verb = regexp.MustCompile(`%%|%(\[\d+\])?[-+# 0]*(\d+|\*)?(\.(\d+|\*)?)?(\[\d+\])?[a-zA-Z]`)

// hasWords reports whether the fixed text of format holds a space.
func hasWords(format string) bool {
	return strings.Contains(verb.ReplaceAllString(format, ""), " ")
}

// formatPattern returns a pattern matching a line that holds the fixed text
// of format, with anything in place of each verb.
func formatPattern(format string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString("(?m)")
	last := 0
	for _, m := range verb.FindAllStringIndex(format, -1) {
		b.WriteString(regexp.QuoteMeta(format[last:m[0]]))
		if format[m[0]:m[1]] == "%%" {
			b.WriteString("%")
		} else {
			b.WriteString(".+?")
		}
		last = m[1]
	}
	b.WriteString(regexp.QuoteMeta(format[last:]))
	return regexp.MustCompile(b.String())
}

// TestFormatPattern checks the matching TestDocNamesEveryDiagnostic relies
// on: verbs match what doc.go writes in their place, and only within a line.
func TestFormatPattern(t *testing.T) {
	for _, tc := range []struct {
		format, text string
		want         bool
	}{
		{`speaker %q has no role`, "\tspeaker \"<id>\" has no role\n", true},
		{`not valid UTF-8 (byte %#x): save`, "not valid UTF-8 (byte <0xe9>): save", true},
		{`100%% sure %d`, "100% sure <n>", true},
		{`speaker %q has no role`, "speaker \"<id>\" has no name", false},
		{`speaker %q has no role`, "speaker\n has no role", false},
	} {
		if got := formatPattern(tc.format).MatchString(tc.text); got != tc.want {
			t.Errorf("formatPattern(%q) matches %q: %v, want %v", tc.format, tc.text, got, tc.want)
		}
	}
	if hasWords("%s") || hasWords("t%d") || !hasWords("%d paragraphs") {
		t.Errorf("hasWords: want false for %q and %q, true for %q", "%s", "t%d", "%d paragraphs")
	}
}
