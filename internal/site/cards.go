package site

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/rosetta-ssg/rosetta/internal/diag"
)

// Social cards (Open Graph and Twitter) and structured data (schema.org
// JSON-LD): typed data for the "cards" and "structured-data" partials of
// base.html, which write the markup.

// ogLocaleForm is Open Graph's locale: a language and a region, ll_CC.
var ogLocaleForm = regexp.MustCompile(`^[a-z]{2,3}_[A-Z]{2}$`)

// defaultOGLocale derives the Open Graph locale of a language from its
// hreflang: its region when it names one (zh-TW → zh_TW), else the region
// where the language is most spoken (vi → vi_VN, ja → ja_JP, en → en_US,
// fr → fr_FR), except Arabic, which Facebook lists as ar_AR. A language
// written for another region (French for Africa, fr-002) takes ogLocale
// in site.toml: Open Graph has no locale for a continent.
func defaultOGLocale(tag language.Tag) string {
	base, _ := tag.Base()
	region, conf := tag.Region()
	if base.String() == "ar" && conf != language.Exact {
		return "ar_AR"
	}
	return base.String() + "_" + region.String()
}

// checkOGLocale fills in l.OGLocale when site.toml leaves it out and
// says what is wrong with it when it does not, or returns "".
func (l *Language) checkOGLocale() string {
	if l.OGLocale == "" {
		l.OGLocale = defaultOGLocale(l.tag)
		return ""
	}
	if !ogLocaleForm.MatchString(l.OGLocale) {
		return fmt.Sprintf("ogLocale %q is not a language and a region as Open Graph writes them, such as fr_FR or pt_BR", l.OGLocale)
	}
	return ""
}

// imageProblem says what keeps s from being the site's card image, or
// returns "".
func imageProblem(s string) string {
	if webURL(s) || !strings.Contains(s, ":") && !strings.HasPrefix(s, "/") {
		return ""
	}
	return "is neither an http or https URL nor a path from the site's root such as card.png"
}

// missingImage warns when site.toml's image is a path that no file of
// templates/assets is at: every card would show a broken picture.
func (c *Config) missingImage(assets map[string][]byte) diag.List {
	var problems diag.List
	if c.Image != "" && imageProblem(c.Image) == "" && !webURL(c.Image) && assets[c.Image] == nil {
		problems.Warnf(configFile, c.imageLine, "image %q is not a file of templates/assets: cards would show a broken picture", c.Image)
	}
	return problems
}

// OGType is the page's Open Graph type: article for a transcript, website
// for the other pages.
func (p *Page) OGType() string {
	if p.Transcript != nil {
		return "article"
	}
	return "website"
}

// OGURL is the page's absolute URL for its card, or "" without a base URL
// (Open Graph takes no relative URL) and on the 404 page, which has none of
// its own.
func (p *Page) OGURL() string {
	if p.Site.Config.BaseURL == "" || p.NotFound() {
		return ""
	}
	return p.Site.Config.BaseURL + p.Path
}

// OGLocaleAlternates lists the Open Graph locales of the other languages
// the page exists in, in the order of the languages.
func (p *Page) OGLocaleAlternates() []string {
	var locales []string
	for _, link := range p.Alternates {
		if link.Hreflang == "x-default" || link.Code == p.Lang.Code {
			continue
		}
		if l := p.Site.Config.Language(link.Code); l != nil {
			locales = append(locales, l.OGLocale)
		}
	}
	return locales
}

// Image is the absolute URL of the page's card image (the transcript's
// image, else site.toml's), or "": a path needs the base URL, as cards
// take only absolute URLs.
func (p *Page) Image() string {
	img := p.Site.Config.Image
	if p.Transcript != nil && p.Transcript.Image != "" {
		img = p.Transcript.Image
	}
	switch {
	case img == "" || webURL(img):
		return img
	case p.Site.Config.BaseURL == "":
		return ""
	}
	return p.Site.Config.BaseURL + img
}

// Work is a transcript in schema.org terms, for its JSON-LD block.
type Work struct {
	Context           string        `json:"@context"`
	Type              string        `json:"@type"`
	ID                string        `json:"@id"`
	URL               string        `json:"url"`
	Name              string        `json:"name"`
	Description       string        `json:"description,omitempty"`
	InLanguage        string        `json:"inLanguage"`
	DatePublished     string        `json:"datePublished,omitempty"`
	Image             string        `json:"image,omitempty"`
	Publisher         Organization  `json:"publisher"`
	Contributor       []SpeakerRole `json:"contributor"`
	TranslationOfWork *Node         `json:"translationOfWork,omitempty"`
	WorkTranslation   []Node        `json:"workTranslation,omitempty"`
	IsBasedOn         *Node         `json:"isBasedOn,omitempty"`
}

// Node refers to a thing by its URL.
type Node struct {
	ID string `json:"@id"`
}

// Organization is the site as publisher.
type Organization struct {
	Type string `json:"@type"`
	Name string `json:"name"`
	URL  string `json:"url"`
}

// Person is a speaker.
type Person struct {
	Type     string `json:"@type"`
	Name     string `json:"name"`
	JobTitle string `json:"jobTitle,omitempty"`
}

// SpeakerRole is a speaker in the discussion: schema.org's Role pattern,
// which says whether the person hosted it or was a guest (roleName, in the
// page's language) around the Person and its declared role (jobTitle).
type SpeakerRole struct {
	Type        string `json:"@type"`
	RoleName    string `json:"roleName"`
	Contributor Person `json:"contributor"`
}

// StructuredData is the transcript page's JSON-LD, or nil on other pages
// and without a base URL: its ids are the pages' absolute URLs. The work
// is a CreativeWork, as schema.org has no type for a conversation or its
// transcript and CreativeWork carries translationOfWork and
// workTranslation.
func (p *Page) StructuredData() (*Work, error) {
	cfg := p.Site.Config
	if p.Transcript == nil || cfg.BaseURL == "" {
		return nil, nil
	}
	t := p.Transcript
	w := &Work{
		Context: "https://schema.org", Type: "CreativeWork",
		ID: p.OGURL(), URL: p.OGURL(),
		Name: t.Title, Description: t.Description, InLanguage: p.Lang.Hreflang,
		Image:     p.Image(),
		Publisher: Organization{Type: "Organization", Name: p.Lang.Title, URL: cfg.BaseURL},
	}
	if !t.Date.IsZero() {
		w.DatePublished = t.Date.Format(time.DateOnly)
	}
	for _, s := range t.Speakers {
		id := "guests"
		if s.Host {
			id = "hosts"
		}
		roleName, err := p.N(id, 1)
		if err != nil {
			return nil, err
		}
		w.Contributor = append(w.Contributor, SpeakerRole{Type: "Role", RoleName: roleName,
			Contributor: Person{Type: "Person", Name: s.Name, JobTitle: s.Role}})
	}
	if p.Original != nil {
		w.TranslationOfWork = &Node{ID: p.Original.URL}
	} else {
		for _, link := range p.Alternates {
			if link.Hreflang != "x-default" && link.Code != p.Lang.Code {
				w.WorkTranslation = append(w.WorkTranslation, Node{ID: link.URL})
			}
		}
	}
	if t.Source != "" {
		w.IsBasedOn = &Node{ID: t.Source}
	}
	return w, nil
}
