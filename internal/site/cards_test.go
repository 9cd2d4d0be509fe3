package site

import (
	"context"
	"testing"
	"testing/fstest"

	"github.com/rosetta-ssg/rosetta/internal/sitetest"
	"github.com/rosetta-ssg/rosetta/internal/transcript"
)

// TestOGLocale: each language's Open Graph locale is derived from its
// hreflang, or taken from ogLocale in site.toml, which must be ll_CC.
func TestOGLocale(t *testing.T) {
	for _, tc := range []struct {
		hreflang, ogLocale string
		want, problem      string
	}{
		{"vi", "", "vi_VN", ""},
		{"zh-CN", "", "zh_CN", ""},
		{"zh-TW", "", "zh_TW", ""},
		{"en", "", "en_US", ""},
		{"es", "", "es_ES", ""},
		{"ru", "", "ru_RU", ""},
		{"fr", "", "fr_FR", ""},
		{"pt-PT", "", "pt_PT", ""},
		{"pt-BR", "", "pt_BR", ""},
		{"id", "", "id_ID", ""},
		{"ja", "", "ja_JP", ""},
		{"ar", "", "ar_AR", ""},
		{"ar-EG", "", "ar_EG", ""},
		{"uk", "", "uk_UA", ""},
		{"fr", "fr_SN", "fr_SN", ""},
		{"fr", "fr-SN", "", `site.toml:3: language "x": ogLocale "fr-SN" is not a language and a region as Open Graph writes them, such as fr_FR or pt_BR`},
	} {
		src := "original = \"x\"\n\n[[languages]]\ncode = \"x\"\nlabel = \"X\"\ntitle = \"X\"\nhreflang = \"" + tc.hreflang + "\"\n"
		if tc.ogLocale != "" {
			src += "ogLocale = \"" + tc.ogLocale + "\"\n"
		}
		c, problems := parseConfig([]byte(src), "")
		if got := problems.Error(); got != tc.problem {
			t.Errorf("%s, ogLocale %q: problems\n got %s\nwant %s", tc.hreflang, tc.ogLocale, got, tc.problem)
		}
		if got := c.Languages[0].OGLocale; tc.problem == "" && got != tc.want {
			t.Errorf("%s, ogLocale %q: %q, want %q", tc.hreflang, tc.ogLocale, got, tc.want)
		}
	}
}

// TestCardImage: site.toml's image is an http or https URL or a path from
// the site's root; absolute on the page only, so a path needs a base URL.
func TestCardImage(t *testing.T) {
	const languages = "original = \"vi\"\n\n[[languages]]\ncode = \"vi\"\nlabel = \"Tiếng Việt\"\ntitle = \"T\"\n"
	for _, tc := range []struct {
		image, baseURL, want, problem string
	}{
		{"card.png", "https://example.org/talks/", "https://example.org/talks/card.png", ""},
		{"card.png", "", "", ""},
		{"https://cdn.example.org/card.png", "", "https://cdn.example.org/card.png", ""},
		{"/card.png", "", "", `site.toml:1: image "/card.png" is neither an http or https URL nor a path from the site's root such as card.png`},
		{"ftp://example.org/card.png", "", "", `site.toml:1: image "ftp://example.org/card.png" is neither an http or https URL nor a path from the site's root such as card.png`},
	} {
		c, problems := parseConfig([]byte("image = \""+tc.image+"\"\n"+languages), tc.baseURL)
		if got := problems.Error(); got != tc.problem {
			t.Errorf("image %q: problems\n got %s\nwant %s", tc.image, got, tc.problem)
			continue
		}
		if tc.problem != "" {
			continue
		}
		p := &Page{Site: &Site{Config: c}, Lang: c.Languages[0]}
		if got := p.Image(); got != tc.want {
			t.Errorf("image %q, base URL %q: %q, want %q", tc.image, tc.baseURL, got, tc.want)
		}
	}
}

// TestTranscriptImage: a transcript's image takes the place of the site's.
func TestTranscriptImage(t *testing.T) {
	c, problems := parseConfig([]byte("image = \"card.png\"\noriginal = \"vi\"\n\n[[languages]]\ncode = \"vi\"\nlabel = \"V\"\ntitle = \"T\"\n"), "https://example.org/")
	if len(problems) != 0 {
		t.Fatal(problems.Error())
	}
	for _, tc := range []struct{ image, want string }{
		{"", "https://example.org/card.png"},
		{"cards/talk.png", "https://example.org/cards/talk.png"},
		{"https://cdn.example.org/talk.png", "https://cdn.example.org/talk.png"},
	} {
		p := &Page{Site: &Site{Config: c}, Lang: c.Languages[0], Transcript: &transcript.Transcript{Image: tc.image}}
		if got := p.Image(); got != tc.want {
			t.Errorf("transcript image %q: %q, want %q", tc.image, got, tc.want)
		}
	}
}

// TestMissingImage: site.toml's image as a path must be a file of
// templates/assets, or every card shows a broken picture: a warning at its
// line.
func TestMissingImage(t *testing.T) {
	for _, tc := range []struct {
		image string
		asset bool
		want  string
	}{
		{"card.png", true, ""},
		{"card.png", false, `site.toml:1: warning: image "card.png" is not a file of templates/assets: cards would show a broken picture`},
		{"https://cdn.example.org/card.png", false, ""},
	} {
		fsys := sitetest.FS(t)
		fsys["site.toml"] = &fstest.MapFile{Data: append([]byte("image = \""+tc.image+"\"\n"), fsys["site.toml"].Data...)}
		if tc.asset {
			fsys["templates/assets/card.png"] = &fstest.MapFile{Data: []byte("png")}
		}
		_, problems := Load(context.Background(), fsys, Options{})
		if got := problems.Error(); got != tc.want {
			t.Errorf("image %q, asset %v:\n got %s\nwant %s", tc.image, tc.asset, got, tc.want)
		}
	}
}
