// Package transcript reads the content format of rosetta: one transcript of a
// spoken discussion in one language. This comment is the format's
// specification.
//
// # Files
//
// A transcript is a folder content/<slug>/ holding one file per language,
// index.<lang>.md, where <lang> is a language code of site.toml ("vi",
// "zh-cn", "pt-br"). The slug is the transcript's URL segment: lower-case
// ASCII letters, digits and hyphens. A file is UTF-8; a leading byte-order
// mark is ignored and CRLF line ends read as LF.
//
// # Front matter
//
// The file starts with TOML front matter between two lines of "+++":
//
//	+++
//	title = "Crypto AI: opportunities and challenges"
//	description = "Alex talks with Max and Lydia about Crypto AI."
//	date = 2024-11-02            # optional
//
//	[speakers.alex]
//	name = "Alex"
//	role = "Research partner, Mint Ventures"
//	host = true
//
//	[speakers.max]
//	name = "Max"
//	role = "YouTube channel manager"
//	+++
//
// title is required, description is recommended. Each [speakers.<id>] table
// declares one speaker: the id (ASCII letters, digits, "-" and "_") is the
// same in every language of the transcript, name and role are written in the
// file's language, host = true marks a host (the others are guests). Speakers
// are listed in the order they are declared.
//
// A label names one speaker, so no two speakers may share a name or an id,
// ignoring case as labels do: names "Max" and "MAX", ids "max" and "Max", or
// a speaker named "Max" beside one whose id is max. That is an error at the
// later speaker's name line, or its table line when its id is the cause,
// naming both.
//
// # Body
//
// The body is Markdown (CommonMark). Raw HTML is not passed through and
// links with a script scheme are dropped.
//
// A "## " heading opens a section. Sections are numbered in order: s1, s2, …
// Content before the first "## " heading forms an untitled first section. A
// section that holds no turn, such as an opening heading, is where the page
// shows the participants. A "# " heading is an error: the title belongs in
// the front matter. Deeper headings ("### ") are content of the turn or
// section they stand in; inside a turn they are rendered one level lower
// (### as <h4>), since the page heads each turn with its speaker's name.
//
// A paragraph that starts with a declared speaker's label opens that
// speaker's turn. A label is the speaker's name or id, in any case ("ALEX"),
// then a colon, in any of the forms translators type:
//
//	Alex: text          Alex : text (also with U+00A0 or U+202F before the colon)
//	Alex：text          (full-width colon)
//	**Alex:** text      **Alex**: text
//
// A label is the whole name: with speakers "Max" and "Max Weber", "Max
// Weber:" names the second. A paragraph that reads as the labels of two
// speakers (named "Dr" and "Dr: Who", and "Dr: Who: …") is an error at its
// line that gives both readings: rename one of the speakers.
//
// The label is removed from the text. Every block after it that has no label
// continues the same turn, until the next label or heading. A paragraph that
// starts with a word and a colon that is not a declared speaker ("Note: …")
// is ordinary text, except when it was surely meant as a label: a bold
// label ("**Bob:**") or a near miss of a declared name or id ("Lidia:" for
// Lydia) is an error that names the speaker. Turns are numbered across the whole transcript: t1, t2, …
// so that #t7 is the same turn in every language.
//
// Blocks of a section before its first turn are the section's introduction
// (narration, not attributed to a speaker).
//
// # Limits
//
// The front matter may be at most 64 KiB (a few hundred speakers): the
// TOML decoder's time grows with the square of the number of keys. Larger
// is an error at the first line:
//
//	front matter: larger than 64 KiB, the most TOML rosetta reads
//
// Any body is read in time linear in its size, whatever Markdown it holds.
// The Markdown parser rosetta uses (goldmark) takes time quadratic in the
// size, or worse, on some hostile Markdown; rosetta reads those parts of
// Markdown itself, with the same results, or sets a limit. Two limits are
// errors at the line where they are passed:
//
//	lists and block quotes nested more than 32 deep
//	links and images nested more than 32 deep (too many "[" open at once)
//
// The first counts lists and block quotes inside each other, on one line
// ("> > - a") or on many. The second counts the "[" and "![" of one
// paragraph, heading or table cell that no "]" has closed yet.
//
// Past two others, Markdown is read as text, with no error:
//
//   - An inline link whose destination nests parentheses more than 32 deep
//     ("[a](((…)))", a limit CommonMark allows and cmark sets), or whose
//     "<…>" destination holds an unescaped "<" (which CommonMark excludes),
//     is not a link.
//   - More than 16 of the same straight quote in a row (' or ") are left
//     as typed, without curly quotes.
//
// # Alignment
//
// A translation has the same shape as the original: the same sections in the
// same order, the same sequence of turns by speaker id, and the same number of
// blocks (paragraphs) in each turn. [Compare] reports the first difference.
package transcript
