package site

import (
	"time"

	"github.com/gohugoio/locales"
	"github.com/gohugoio/locales/ar"
	"github.com/gohugoio/locales/de"
	"github.com/gohugoio/locales/en"
	"github.com/gohugoio/locales/es"
	"github.com/gohugoio/locales/fa"
	"github.com/gohugoio/locales/fr"
	"github.com/gohugoio/locales/he"
	"github.com/gohugoio/locales/hi"
	"github.com/gohugoio/locales/id"
	"github.com/gohugoio/locales/it"
	"github.com/gohugoio/locales/ja"
	"github.com/gohugoio/locales/ko"
	"github.com/gohugoio/locales/nl"
	"github.com/gohugoio/locales/pl"
	"github.com/gohugoio/locales/pt"
	"github.com/gohugoio/locales/pt_PT"
	"github.com/gohugoio/locales/ru"
	"github.com/gohugoio/locales/sv"
	"github.com/gohugoio/locales/th"
	"github.com/gohugoio/locales/tr"
	"github.com/gohugoio/locales/uk"
	"github.com/gohugoio/locales/vi"
	"github.com/gohugoio/locales/zh_Hans"
	"github.com/gohugoio/locales/zh_Hant"
	"golang.org/x/text/language"
)

// cldrLocales are the CLDR locales rosetta writes dates in, by their CLDR
// names: the site's thirteen languages and other widely read ones. A
// language's locale is found by its tag, from the most specific name to
// the least (see localeFor).
var cldrLocales = map[string]func() locales.Translator{
	"ar": ar.New, "de": de.New, "en": en.New, "es": es.New, "fa": fa.New,
	"fr": fr.New, "he": he.New, "hi": hi.New, "id": id.New, "it": it.New,
	"ja": ja.New, "ko": ko.New, "nl": nl.New, "pl": pl.New,
	"pt": pt.New, "pt_PT": pt_PT.New, // CLDR's pt is Brazilian Portuguese
	"ru": ru.New, "sv": sv.New, "th": th.New, "tr": tr.New, "uk": uk.New,
	"vi": vi.New, "zh_Hans": zh_Hans.New, "zh_Hant": zh_Hant.New,
}

// localeFor returns the CLDR locale of the language tag, or nil: the first
// of language_Script_Region, language_Region, language_Script and language
// that rosetta has, the script being the tag's or its most likely one. So
// zh-TW is zh_Hant, pt-PT pt_PT, pt-BR pt, and fr-002 (French of Africa,
// which CLDR has no locale for but its countries', all formatting dates as
// fr does) fr.
func localeFor(tag language.Tag) locales.Translator {
	base, _ := tag.Base()
	script, _ := tag.Script()
	region, _ := tag.Region()
	for _, name := range []string{
		base.String() + "_" + script.String() + "_" + region.String(),
		base.String() + "_" + region.String(),
		base.String() + "_" + script.String(),
		base.String(),
	} {
		if newLocale, ok := cldrLocales[name]; ok {
			return newLocale()
		}
	}
	return nil
}

// FormatDate writes the date t in the page's language, in the long form of
// its CLDR locale ("2 tháng 11, 2024", "2024年11月2日", "2 ноября 2024 г."),
// on the day t has where it was written: a date-time keeps its own offset.
// A language rosetta has no locale for gets 2024-11-02 (site.toml warns).
func (p *Page) FormatDate(t time.Time) string {
	if p.Lang.locale == nil {
		return t.Format(time.DateOnly)
	}
	return p.Lang.locale.FmtDateLong(t)
}
