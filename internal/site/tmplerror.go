package site

import (
	"errors"
	"html/template"
	"regexp"
	"strconv"
	"strings"
	texttemplate "text/template"
	"text/template/parse"

	"github.com/rosetta-ssg/rosetta/internal/diag"
)

// templateProblem is err, an error of parsing or executing a template, as
// a problem at the line of the template file it names. A {{define}}d
// template is named by the file it is defined in: text/template names a
// position by its tree's ParseName. path is where an error that names no
// position is reported.
func templateProblem(err error, path string) diag.Diagnostic {
	d := diag.Diagnostic{Path: path, Msg: err.Error()}
	var escape *template.Error
	var exec texttemplate.ExecError
	switch {
	case errors.As(err, &escape): // html/template's, with a position as data
		name, line := escape.Name, escape.Line
		if escape.Node != nil {
			loc, _ := (*parse.Tree)(nil).ErrorContext(escape.Node)
			name, line, _, _ = splitLocation(loc)
		}
		if name != "" {
			d.Path = "templates/" + name
		}
		d.Line, d.Msg = line, escape.Description
		return d
	case errors.As(err, &exec):
		// The innermost template's, in a template that partialCached ran.
		for errors.As(exec.Err, &exec) {
		}
		err = exec.Err
	}
	rest, ok := strings.CutPrefix(err.Error(), "template: ")
	if name, line, msg, ok2 := splitLocation(rest); ok && ok2 && msg != "" {
		d.Path, d.Line, d.Msg = "templates/"+name, line, msg
	}
	return d
}

// renderProblem is the problem of rendering the page p: a template's error
// at its line, with p as the page it broke (diag.List.Fold reports it once
// for all pages), or any other error as it is.
func renderProblem(p *Page, err error) diag.Diagnostic {
	var escape *template.Error
	var exec texttemplate.ExecError
	if !errors.As(err, &escape) && !errors.As(err, &exec) {
		return diag.Diagnostic{Path: "templates/" + p.template, Msg: err.Error()}
	}
	d := templateProblem(err, "templates/"+p.template)
	d.Page = p.File()
	return d
}

// location is text/template's "NAME:LINE" (parse errors) or
// "NAME:LINE:COL" (execution errors), the documented prefix of its error
// messages after "template: ", then ": " and the message.
var location = regexp.MustCompile(`(?s)^(.+?):([0-9]+)(?::[0-9]+)?(?:: (.*))?$`)

// splitLocation splits s, text/template's location and message, into the
// template's name, the line and the message; ok is false when s has
// another form. The column is left out: it counts bytes.
func splitLocation(s string) (name string, line int, msg string, ok bool) {
	m := location.FindStringSubmatch(s)
	if m == nil {
		return "", 0, "", false
	}
	line, err := strconv.Atoi(m[2])
	if err != nil {
		return "", 0, "", false
	}
	return m[1], line, m[3], true
}
