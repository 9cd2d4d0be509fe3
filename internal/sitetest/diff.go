package sitetest

import (
	"fmt"
	"strings"
)

// diffContext is how many unchanged lines a diff shows around a change.
const diffContext = 3

// maxDiffCells bounds the table of the line diff; past it, the differing
// middles are shown whole, one removed and one added.
const maxDiffCells = 4 << 20

// Diff returns a line diff from want to got: "-" lines are only in want,
// "+" lines only in got, with a few unchanged lines around each change. It
// returns "" when they are equal.
func Diff(want, got string) string {
	if want == got {
		return ""
	}
	ops := diffLines(lines(want), lines(got))
	var out strings.Builder
	fmt.Fprintf(&out, "--- want\n+++ got\n")
	last := -1 // the last op written
	for i, op := range ops {
		if op.kind == ' ' {
			continue
		}
		start := max(i-diffContext, last+1)
		if last >= 0 && start > last+1 {
			out.WriteString("...\n")
		}
		for j := start; j <= i; j++ {
			writeOp(&out, ops[j])
		}
		last = i
		// The unchanged lines after a change, up to the next change.
		for last+1 < len(ops) && last+1 <= i+diffContext && ops[last+1].kind == ' ' {
			last++
			writeOp(&out, ops[last])
		}
	}
	return out.String()
}

// lines splits s after each newline.
func lines(s string) []string {
	l := strings.SplitAfter(s, "\n")
	if l[len(l)-1] == "" {
		l = l[:len(l)-1]
	}
	return l
}

type diffOp struct {
	kind byte // ' ', '-' or '+'
	line string
}

func writeOp(out *strings.Builder, op diffOp) {
	line := op.line
	if !strings.HasSuffix(line, "\n") {
		line += "\n\\ no newline at the end\n"
	}
	out.WriteByte(op.kind)
	out.WriteByte(' ')
	out.WriteString(line)
}

// diffLines returns the edit from a to b along a longest common
// subsequence of lines.
func diffLines(a, b []string) []diffOp {
	var head, tail []diffOp
	for len(a) > 0 && len(b) > 0 && a[0] == b[0] {
		head = append(head, diffOp{' ', a[0]})
		a, b = a[1:], b[1:]
	}
	for len(a) > 0 && len(b) > 0 && a[len(a)-1] == b[len(b)-1] {
		tail = append([]diffOp{{' ', a[len(a)-1]}}, tail...)
		a, b = a[:len(a)-1], b[:len(b)-1]
	}
	ops := head
	if (len(a)+1)*(len(b)+1) > maxDiffCells {
		for _, line := range a {
			ops = append(ops, diffOp{'-', line})
		}
		for _, line := range b {
			ops = append(ops, diffOp{'+', line})
		}
		return append(ops, tail...)
	}
	// lcs[i][j] is the length of a longest common subsequence of a[i:] and
	// b[j:].
	lcs := make([][]int, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			ops = append(ops, diffOp{' ', a[i]})
			i, j = i+1, j+1
		case j == len(b) || i < len(a) && lcs[i+1][j] >= lcs[i][j+1]:
			ops = append(ops, diffOp{'-', a[i]})
			i++
		default:
			ops = append(ops, diffOp{'+', b[j]})
			j++
		}
	}
	return append(ops, tail...)
}
