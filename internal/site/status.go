package site

// Coverage is how much of the site one language has.
type Coverage struct {
	Lang                          *Language
	Transcripts, TotalTranscripts int
	Turns, TotalTurns             int // turns of its transcripts, of the originals' turns
	Strings, TotalStrings         int // UI strings in full, of the original's
	Missing                       []string
}

// Coverage reports, for each language, the transcripts, turns and UI strings
// it has of the original's, in the discussions ds.
func (s *Site) Coverage(ds []*Discussion) []Coverage {
	original := s.Catalogs[s.Config.Original]
	var all []Coverage
	for _, l := range s.Config.Languages {
		c := Coverage{Lang: l, TotalTranscripts: len(ds)}
		for _, d := range ds {
			orig := d.Original(s).TurnCount()
			c.TotalTurns += orig
			v := d.Transcripts[l.Code]
			if v == nil {
				c.Missing = append(c.Missing, d.Slug)
				continue
			}
			c.Transcripts++
			c.Turns += min(v.TurnCount(), orig)
		}
		if cat := s.Catalogs[l.Code]; cat != nil && original != nil {
			c.Strings, c.TotalStrings = cat.Complete(original)
		}
		all = append(all, c)
	}
	return all
}

// Percent is done of total, in whole percent; 100 when total is 0.
func Percent(done, total int) int {
	if total == 0 {
		return 100
	}
	return done * 100 / total
}
