// Package transcript reads rosetta's content format: a transcript, one
// language's file of a spoken discussion. This comment is the format's
// specification. [Parser.Parse] reads a transcript; [Compare] checks that a
// translation aligns with its original.
//
// # Discussions and transcripts
//
// A discussion is one conversation in all its languages: a folder
// content/<slug>/. The slug, the folder's name, is the discussion's name and
// its URL segment: lower-case ASCII letters, digits and hyphens, not starting
// with a hyphen.
//
// A transcript is one language's file of a discussion,
// content/<slug>/index.<lang>.md, where <lang> is the code of a language of
// site.toml ("vi", "zh-cn", "pt-br"). The original is the transcript in the
// site's original language (original = "<code>" in site.toml); a
// translation is a transcript in another language.
//
//	content/
//	    crypto-ai/          a discussion, slug crypto-ai
//	        index.vi.md     its original, when site.toml says original = "vi"
//	        index.en.md     a translation
//	        index.ja.md     a translation
//
// The site reads the folders, and reports what does not fit: a file of
// content/ outside any discussion, or a file of a discussion not named
// index.<lang>.md, is ignored with a warning; a folder name that is not a
// slug, a <lang> that site.toml does not list, and a discussion with
// transcripts but no original are errors. A discussion with no transcript
// yet is skipped. Names that start with "." are ignored.
//
// A transcript is UTF-8; a leading byte-order mark is ignored, and CRLF or
// CR line ends read as LF, so that line numbers are those an editor shows.
// The site reads transcripts of at most 16 MiB.
//
// # Front matter
//
// A transcript starts with TOML front matter between two lines of "+++"
// (spaces or tabs after either are allowed):
//
//	+++
//	title = "Crypto AI: opportunities and challenges"
//	description = "Alex talks with Max and Lydia about Crypto AI."
//	date = 2024-11-02
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
// The keys:
//
//   - title: required, in the transcript's language. It is the page's only
//     "# " heading: the body has none.
//   - description: optional, recommended: a sentence or two, which the
//     templates may show under the title, in lists and in the page's
//     description.
//   - date: optional, a TOML date or date-time written without quotes:
//     2024-11-02, 2024-11-02T10:00:00 or 2024-11-02T10:00:00+07:00. A
//     quoted "2024-11-02" is a string, and an error.
//   - source: optional, the address the discussion was first published at,
//     an http or https URL with a host ("https://example.org/talks/42").
//     The pages link to it as the original publication; give it in the
//     original and in each translation that should show it.
//   - translator: optional, in a translation: who translated it, as the
//     page should name them ("Nguyễn An", "Lumen Translations"). A
//     translation without it says only what it was translated from.
//   - image: optional, the picture shown when the page is shared (its
//     social card) and in its structured data, in place of site.toml's
//     image: an http or https URL, or a path from the site's root, such as
//     "cards/crypto-ai.png" for templates/assets/cards/crypto-ai.png. A
//     path is used only when the site has a base URL, as cards take only
//     absolute URLs.
//   - [speakers.<id>]: one table per speaker, at least one. The id is ASCII
//     letters, digits, "-" and "_", and the same in every transcript of the
//     discussion: alignment compares turns by speaker id. name (required)
//     and role (recommended: a warning without it) are written in the
//     transcript's language; host = true marks a host, the others are
//     guests. Speakers are listed in the order they are declared.
//
// Spaces around a title, description, source, translator, image, name or role are
// dropped. Any other
// key is a warning at its line ("front matter: unknown key "titel""); a
// TOML syntax or type error is an error at its line, in the words of the
// TOML decoder after "front matter: ". The front matter may be at most
// 64 KiB (a few hundred speakers): the TOML decoder's time grows with the
// square of the number of keys.
//
// A label names one speaker, so no two speakers may share a name or an id,
// ignoring case as labels do: names "Max" and "MAX", ids "max" and "Max",
// or a speaker named "Max" beside one whose id is max. That is an error at
// the later speaker's name line, or its table line when its id is the
// cause, naming both.
//
// # Sections
//
// The body, everything after the closing "+++", is Markdown. A "## "
// heading opens a section; so does a line of text underlined with "---"
// (a CommonMark setext heading: leave a blank line between text and a "---"
// meant as a rule). Only headings at the top level count: a heading inside a
// list or a block quote is content.
//
// Content before the first "## " heading forms an untitled first section.
// A section that holds no turn, such as an opening heading, is where the
// page shows the participants. A "# " heading (or a line underlined with
// "===") is an error: the title belongs in the front matter. Deeper headings
// ("### ") are content of the turn or introduction they stand in; inside a
// turn they are rendered one level lower ("### " as <h4>, down to <h6>),
// since the page heads each turn with its speaker's name. A heading more
// than one level below the one before it ("####" after "##") is a warning:
// screen readers navigate by level.
//
// Sections are numbered in order, s1, s2, …, an untitled first section
// being s1. Blocks of a section before its first turn are the section's
// introduction: narration, attributed to no speaker.
//
// A file with front matter and no body is a transcript with no sections.
//
// # Turns and labels
//
// A paragraph at the top level that starts with a declared speaker's label
// opens that speaker's turn. A label is the speaker's name or id, in any
// case ("ALEX:", "alex:"), then a colon, in any of the forms translators
// type:
//
//	Alex: text          the plain form
//	Alex : text         spaces before the colon: space, tab, U+00A0,
//	                    U+202F (French spacing) or U+3000
//	Alex：text           a full-width colon, U+FF1A, with or without a space
//	**Alex:** text      bold, the colon inside
//	**Alex**: text      bold, the colon outside (also "**Alex** :")
//	__Alex:__ text      bold with underscores, in either form
//	max: text           the speaker's id instead of the name
//
// Names are matched in any script ("アレックス：", "Алекс:"). The text may
// follow on the same line, on the next line, or in the next paragraph
// ("Alex:" alone on its line). The label is removed from the text.
//
// A label is the whole name: with speakers "Max" and "Max Weber", "Max
// Weber:" names the second and "Max: Max Weber: …" the first. A paragraph
// that reads as the labels of two speakers (named "Dr" and "Dr: Who", and
// "Dr: Who: …") is an error at its line that gives both readings: rename one
// of the speakers.
//
// Every block after a label that has none, paragraphs, lists, quotes, code,
// tables, continues the same turn until the next label or "## " heading. A
// label of the same speaker again opens a new turn. A label inside a list
// item or a block quote is text, not a label.
//
// A paragraph that starts with a word and a colon that is not a declared
// speaker ("Note: …") is ordinary text: the section's introduction before
// any turn, else more of the open turn. When it looks like a label, up to
// two words before the colon, it is a warning that names the closest
// speaker. It is an error when it was surely meant as a label: a declared
// name in bold or italics that does not close right after the colon
// ("**Max: all of this is bold**"), a near miss of a declared name or id
// ("Lidia:" for Lydia: the same first letter and one edit away, two for
// names of five letters or more), or a bold label of no declared speaker
// ("**Bob:**").
//
// Turns are numbered across the whole transcript, not per section: t1, t2,
// … Section and turn ids are the pages' anchors. A translation that aligns
// with its original (see Alignment) has the same ids, so that #t7 is the
// same turn in every transcript of a discussion.
//
// # Markdown
//
// The body is CommonMark, with these extensions:
//
//   - Tables (GitHub's pipe tables).
//   - Strikethrough: ~text~ and ~~text~~; three or more "~" are text.
//   - The typographer: straight quotes become the language's quotes
//     (quotes = [left double, right double, left single, right single] of
//     the language in site.toml; “ ” ‘ ’ by default), an apostrophe ’, "--"
//     an en dash, "---" an em dash, "..." an ellipsis, "<<" and ">>" « and ».
//
// Nothing else: no footnotes ("[^1]: …" reads as a link reference
// definition), no task lists, no heading attributes or ids, no definition
// lists, and a bare URL is not a link (write <https://…>, an autolink).
//
// Raw HTML is never passed through: an HTML block or inline tag is rendered
// as the comment "<!-- raw HTML omitted -->", the text between inline tags
// staying. A link or image whose address starts with javascript:, vbscript:,
// file: or data: (but data:image/png, gif, jpeg and webp), in any case,
// keeps its text and loses its address.
//
// # Limits
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
// paragraph, heading or table cell that no "]" has closed yet. Each is
// reported once per transcript, at the first place it is passed.
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
// # Reading time
//
// [Transcript.Reading] is the reading length of the body as written,
// labels and Markdown included, the front matter not, counted per script:
// the letters and digits of alphabets (Latin, Cyrillic, Greek, …); the
// letters of abjads (Arabic, Hebrew, Syriac), vowel marks aside; Han
// characters; kana; Hangul syllables. Spaces, punctuation and combining
// marks are not counted. [Reading.Minutes] turns it into a reading time,
// rounded, at least one minute, at these speeds of silent reading:
//
//	letters of alphabets    950 a minute
//	letters of abjads       800 a minute
//	Han characters          300 a minute
//	kana                    650 a minute
//	Hangul syllables        450 a minute
//
// Characters, not words, because words differ in length from language to
// language: Vietnamese writes each syllable apart, Russian and Arabic join
// to a word what English writes as several. English prose is read silently
// at about 240 words a minute (Brysbaert 2019, "How many words do we read
// per minute?"), some 1,070 letters at English's 4.5 letters a word, and
// research on alphabetic languages finds their rates far closer in
// characters than in words. An abjad writes a word with fewer letters,
// each of which takes longer to read. Chinese and Japanese readers are put
// at 300 to 600 characters a minute; Japanese text mixes Han characters,
// each a word or most of one, with kana, each a syllable, read about twice
// as fast; a Hangul block writes a syllable of two to four letters, and is
// put between the two. Within those ranges the speeds are set so that translations of
// one discussion agree: the thirteen of the tests' own site are within
// 25 % of one another.
//
// # Alignment
//
// A translation has the shape of its original, so that a reader can switch
// languages at any turn:
//
//   - the same number of sections, in the same order (their titles are
//     translated, and not compared);
//   - in each section, the same number of blocks in its introduction;
//   - in each section, the same turns in the same order, each by the same
//     speaker id;
//   - in each turn, the same number of blocks.
//
// A block is a top-level Markdown block: a paragraph, a whole list, a
// block quote, a code block, a table, a heading, a thematic break, a link
// reference definition. The label paragraph of "Alex:" alone counts
// nothing. Speakers' names and roles, the words, and what the blocks say
// are not compared.
//
// [Compare] reports the first difference, at a line of the translation,
// naming the line of the original. The site reports it as a warning,
// "not aligned with the original: " and the message below; rosetta check
// reports it as an error, since a published translation must align.
//
// # Diagnostics
//
// A problem is reported as "path:LINE: message", or "path:LINE: warning:
// message". An error stops the transcript: [Parser.Parse] returns no
// [Transcript]. A warning comes with a usable transcript. In the messages
// below, <…> stands for what varies.
//
// Errors of the file and its front matter, at line 1 unless said:
//
//	not valid UTF-8 (byte <0xe9>): save the file as UTF-8
//	    A byte that is not UTF-8, at its line: the file was saved in
//	    another encoding (Latin-1, UTF-16).
//	empty file: a transcript starts with +++ front matter
//	    The file holds nothing, or only spaces and line ends.
//	no front matter: a transcript starts with a +++ line
//	    The first line is not "+++".
//	front matter opened here is not closed by a +++ line
//	    No later line is "+++".
//	front matter: larger than 64 KiB, the most TOML rosetta reads
//	    See Front matter.
//	front matter: <the TOML decoder's message>
//	    A TOML syntax or type error at its line, such as "impossible date".
//	    A bare word where a value starts adds: is it text without its
//	    quotes ("…")?
//	front matter: source "<url>" is not an http or https URL with a host, such as https://example.org/talk
//	    At the source line: a relative address, another scheme (ftp:,
//	    mailto:), a user name, or no host.
//	front matter: image "<image>" is neither an http or https URL nor a path from the site's root, such as cards/talk.png
//	    At the image line: another scheme (ftp:, data:) or a path that
//	    starts with "/" (paths are from the site's root, without it).
//	front matter: <key> has a control character, U+0001: remove it
//	    In the title, description, translator, or a speaker's name or role
//	    (at its table's line): a character such as U+0001 or U+007F, which
//	    no feed (XML) and no HTML checker accepts. Tabs and line breaks
//	    are white space.
//	front matter has no title
//	    title is missing or blank.
//	front matter declares no speakers: add a [speakers.<id>] table for each
//	    No [speakers.<id>] table.
//	speaker id "<id>": use ASCII letters, digits, - and _
//	    At the speaker's table line: its id has another character (a
//	    quoted key such as [speakers."max power"]).
//	speaker "<id>" has no name
//	    At the table line: name is missing or blank.
//
// Errors of two speakers one label could name, at the later speaker's name
// line, or its table line when its id is the cause:
//
//	speakers "<id>" and "<id>" have the same name "<name>"
//	    Two speakers with one name.
//	speakers "<id>" and "<id>" have the same name but for case, "<name>" and "<name>": labels ignore case
//	    Names that differ only in case ("Max", "MAX").
//	speakers "<id>" and "<id>" have the same id but for case: labels ignore case
//	    Ids that differ only in case ([speakers.max], [speakers.Max]).
//	speakers "<id>" and "<id>": the name of "<id>", "<name>", is the id of "<id>", so the label "<name>:" could name either
//	    The later speaker's name is the earlier one's id.
//	speakers "<id>" and "<id>": the id of "<id>" is the name of "<id>", "<name>", so the label "<name>:" could name either
//	    The later speaker's id is the earlier one's name.
//
// Errors of the body, at the line of the block:
//
//	a "# " heading in the body: the title belongs in the front matter, sections start with "## "
//	    A level-one heading: "# " or text underlined with "===".
//	lists and block quotes nested more than 32 deep
//	links and images nested more than 32 deep (too many "[" open at once)
//	    See Limits.
//	ambiguous speaker label: "<label>" names <name> (<id>) and "<label>" names <name> (<id>): rename one of them
//	    The paragraph reads as the labels of two speakers.
//	speaker label of <name>: close the bold right after the colon (**<name>:**)
//	    A declared name or id, in bold or italics that do not close right
//	    after the colon ("**Max: all of this is bold**", "*Max:*").
//	unknown speaker "<label>": did you mean "<name>"?
//	    A label one or two edits from a declared name or id ("Alx:").
//	unknown speaker "<label>": declare it in the front matter or use one of <names>
//	    A bold label ("**Bob:**") of no declared speaker.
//	rendering: <error>
//	    The HTML renderer failed: a bug of rosetta, to report.
//
// Warnings:
//
//	front matter: unknown key "<key>"
//	    At its line: a key that is not part of the format, often a typo
//	    ("titel", "speakers.alex.rol").
//	speaker "<id>" has no role
//	    At the speaker's table line.
//	heading level jumps from <##> to <####>
//	    A heading more than one level below the heading before it.
//	empty turn: <name> says nothing
//	    At the label: no block follows it before the next label or "## "
//	    heading.
//	"<label>:" looks like a speaker label but is not a declared speaker (closest: <name>); <it is narration, or it continues <name>'s turn>
//	    Up to two words and a colon ("Note:", "Bob:") start a paragraph but
//	    name no speaker; the text stays where the message says.
//
// Alignment, from [Compare], at a line of the translation (see Alignment):
//
//	section <sN> "<title>" of the original (<file>:<line>) is missing
//	    The translation has fewer sections.
//	section <sN> "<title>" is not in the original (<file>)
//	    The translation has more sections.
//	section <sN> has <n> paragraphs before its first turn, the original (<file>:<line>) has <m>
//	    The introductions differ in blocks ("1 paragraph" for one).
//	turn <tN> (<id>) of the original (<file>:<line>) is missing from section <sN>
//	    The section has fewer turns in the translation.
//	turn <tN> (<id>) is not in section <sN> of the original (<file>:<line>)
//	    The section has more turns in the translation.
//	turn <tN> is by "<id>" here, by "<id>" in the original (<file>:<line>)
//	    The turns' speakers differ.
//	turn <tN> has <n> paragraphs here, <m> in the original (<file>:<line>)
//	    The turns differ in blocks ("1 paragraph" for one).
package transcript
