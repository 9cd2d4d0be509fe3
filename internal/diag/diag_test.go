package diag

import "testing"

func TestFold(t *testing.T) {
	var l List
	l.Errorf("content/a/index.vi.md", 3, "not folded, no page")
	for _, page := range []string{"vi/a/index.html", "en/a/index.html", "vi/index.html"} {
		l = append(l, Diagnostic{Path: "templates/base.html", Line: 7, Msg: "bad", Page: page})
	}
	l = append(l, Diagnostic{Path: "templates/base.html", Line: 8, Msg: "bad", Page: "vi/index.html"})
	l = append(l, Diagnostic{Path: "templates/home.html", Line: 2, Msg: "worse", Page: "vi/index.html"},
		Diagnostic{Path: "templates/home.html", Line: 2, Msg: "worse", Page: "en/index.html"})
	l.Errorf("content/a/index.vi.md", 3, "not folded, no page")
	want := `content/a/index.vi.md:3: not folded, no page
templates/base.html:7: bad (rendering vi/a/index.html and 2 other pages)
templates/base.html:8: bad (rendering vi/index.html)
templates/home.html:2: worse (rendering vi/index.html and 1 other page)
content/a/index.vi.md:3: not folded, no page`
	folded := l.Fold()
	if got := folded.Error(); got != want {
		t.Errorf("folded:\n%s\nwant:\n%s", got, want)
	}
	if again := folded.Fold().Error(); again != want {
		t.Errorf("folded twice:\n%s\nwant:\n%s", again, want)
	}
}
