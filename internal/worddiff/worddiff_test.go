package worddiff

import (
	"fmt"
	"strings"
	"testing"
)

func TestDiff(t *testing.T) {
	for _, c := range []struct {
		old, new string
		want     string // Inline with 3 words of context
	}{
		{
			"Chúng tôi nghĩ rằng AI sẽ thay đổi mọi thứ trong vòng mười năm tới, và crypto cũng vậy.",
			"Chúng tôi nghĩ rằng AI sẽ thay đổi mọi thứ trong vòng năm năm tới, và crypto cũng vậy.",
			"… thứ trong vòng [-mười-]{+năm+} năm tới, và crypto cũng vậy.",
		},
		{"a b c", "a b c", "a b c"},
		{"", "new words", "{+new words+}"},
		{"old words", "", "[-old words-]"},
		{
			"我们认为人工智能将在十年内改变一切。",
			"我们认为人工智能将在五年内改变一切。",
			"… 能将在[-十-]{+五+}年内改 …",
		},
		{"one two", "one three two", "one {+three+} two"},
		{"a b c", "a x c", "a [-b-]{+x+} c"},
		{"a b c", "x b y", "[-a-]{+x+} b [-c-]{+y+}"},
		{"Sự cấp bách là gì?", "Cấp bách đến mức nào?", "[-Sự cấp-]{+Cấp+} bách [-là gì?-]{+đến mức nào?+}"},
		{
			"Một hai ba bốn năm sáu bảy tám chín mười.",
			"Một hai ba bốn năm sáu bảy tám chín mười một.",
			"… bảy tám chín [-mười.-]{+mười một.+}",
		},
	} {
		ops := Diff(c.old, c.new)
		var oldText, newText strings.Builder
		for _, op := range ops {
			if op.Kind != Insert {
				oldText.WriteString(op.Text)
			}
			if op.Kind != Delete {
				newText.WriteString(op.Text)
			}
		}
		if oldText.String() != c.old || newText.String() != c.new {
			t.Errorf("Diff(%q, %q) does not give back both texts: %q, %q", c.old, c.new, oldText.String(), newText.String())
		}
		if got := Inline(ops, 3); got != c.want {
			t.Errorf("Inline(Diff(%q, %q)) = %q, want %q", c.old, c.new, got, c.want)
		}
	}
}

// TestTrim: long unchanged runs are cut to the words around each change,
// line breaks kept; the changes and short runs are untouched.
func TestTrim(t *testing.T) {
	ops := Diff("Một hai ba bốn năm sáu.\n\nBảy tám chín mười.", "Một hai ba bốn năm sáu.\n\nBảy tám chín mươi.")
	got := Trim(ops, 4)
	want := []Op{{Equal, "… sáu.\n\nBảy tám chín "}, {Delete, "mười."}, {Insert, "mươi."}}
	if len(got) != len(want) {
		t.Fatalf("Trim = %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("Trim = %q, want %q", got, want)
		}
	}
	ops = Diff("a b c d e f g h", "a b c X e f g h")
	got = Trim(ops, 1)
	if s := fmt.Sprint(got); s != "[{equal … c } {delete d} {insert X} {equal  e …}]" {
		t.Errorf("Trim(…, 1) = %s", s)
	}
}
