package sitetest

import "testing"

func TestDiff(t *testing.T) {
	cases := []struct {
		name, want, got, diff string
	}{
		{"equal", "a\nb\n", "a\nb\n", ""},
		{"changed line", "a\nb\nc\n", "a\nB\nc\n",
			"--- want\n+++ got\n  a\n- b\n+ B\n  c\n"},
		{"added line", "a\nc\n", "a\nb\nc\n",
			"--- want\n+++ got\n  a\n+ b\n  c\n"},
		{"removed last newline", "a\n", "a",
			"--- want\n+++ got\n- a\n+ a\n\\ no newline at the end\n"},
		{"far apart", "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", "0\n2\n3\n4\n5\n6\n7\n8\n9\nX\n",
			"--- want\n+++ got\n- 1\n+ 0\n  2\n  3\n  4\n...\n  7\n  8\n  9\n- 10\n+ X\n"},
		{"close together", "1\n2\n3\n4\n5\n", "0\n2\n3\n4\nX\n",
			"--- want\n+++ got\n- 1\n+ 0\n  2\n  3\n  4\n- 5\n+ X\n"},
	}
	for _, c := range cases {
		if got := Diff(c.want, c.got); got != c.diff {
			t.Errorf("%s: Diff =\n%s\nwant\n%s", c.name, got, c.diff)
		}
	}
}
