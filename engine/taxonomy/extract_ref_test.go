package taxonomy

import (
	"encoding/csv"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// scanReference is the straightforward trie scan the optimised scan must
// agree with: a walk from the root at every word start, byte by byte.
func (m *matcher) scanReference(text string) []candidate {
	out := make([]candidate, 0, len(text)/48+4)
	line := 1
	n := len(text)
	for i := 0; i < n; {
		c := text[i]
		if c == '\n' {
			line++
			i++
			continue
		}
		node := m.root[c]
		if node != 0 && i > 0 {
			// startsWord, with its ASCII case written out.
			if p := text[i-1]; p >= 0x80 || p == '.' {
				if !startsWord(text, i) {
					node = 0
				}
			} else if wordByte[p] {
				node = 0
			}
		}
		if node == 0 {
			i++
			if c < 0x80 && wordByte[c] {
				// No skill starts inside an ASCII word: skip to its end.
				for i < n && text[i] < 0x80 && wordByte[text[i]] {
					i++
				}
			}
			continue
		}
		best, bestEnd := int32(0), 0
		j := i + 1
		for {
			nd := &m.nodes[node]
			if nd.term != 0 && endsWord(text, j) && m.patterns[nd.term-1].accepts(text[i:j]) {
				best, bestEnd = nd.term, j
			}
			if j >= n || nd.n == 0 {
				break
			}
			b := fold[text[j]]
			k := j + 1
			if b == ' ' {
				// Runs of white space match one space in a pattern, so a
				// name wrapped onto the next line ("Bayesian\nstatistics")
				// still matches; its mention keeps the line it starts on.
				for k < n && fold[text[k]] == ' ' {
					k++
				}
			}
			switch {
			case nd.dense >= 0:
				node = m.rows[int32(nd.dense)<<m.shift|int32(m.class[b])]
			case nd.first == b:
				node++
			default:
				next := int32(0)
				for e, hi := nd.lo+1, nd.lo+int32(nd.n); e < hi; e++ {
					if m.edgeByte[e] == b {
						next = m.edgeNext[e]
						break
					}
				}
				node = next
			}
			if node == 0 {
				break
			}
			j = k
		}
		if best == 0 {
			i++
			if c < 0x80 && wordByte[c] {
				for i < n && text[i] < 0x80 && wordByte[text[i]] {
					i++
				}
			}
			continue
		}
		out = append(out, newCandidate(best-1, i, bestEnd, line))
		line += strings.Count(text[i:bestEnd], "\n")
		i = bestEnd
	}
	return out
}

// sameScan fails t when scan and scanReference disagree on text.
func sameScan(t *testing.T, m *matcher, name, text string) {
	t.Helper()
	got, want := m.scan(text, nil, nil), m.scanReference(text)
	if len(got) == 0 && len(want) == 0 {
		return
	}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(candidate{})); diff != "" {
		t.Fatalf("%s: scan differs from scanReference (-want +got):\n%s", name, diff)
	}
}

// TestScanMatchesReference runs the optimised scan and the reference scan
// over the resume fixtures, the public resume and job-description texts (when
// ../shared/data is there), the same texts with their case and white space
// scrambled, and tricky hand-written lines.
func TestScanMatchesReference(t *testing.T) {
	m := Default().m
	texts := map[string]string{
		"punctuation": "C++ C# .NET Node.js/Express CI/CD Go, Rust and C; R&D; Grade C; github.com; a.NET b",
		"unicode":     "Kubernetes—Docker •Go and Rust caféJava éPython Javaé Spätzle",
		"spaces":      "Spring\n\tBoot  spring   boot\r\nmachine\n\nlearning SQL\tServer",
		"edges":       "Go",
		"edges2":      "c++",
		"edges3":      "JavaScript.",
	}
	for _, f := range readFixtures(t) {
		texts["fixture "+f.name] = f.text
	}
	shared := filepath.Join("..", "..", "..", "shared", "data")
	if f, err := os.Open(filepath.Join(shared, "resumes", "kaggle-categorized", "UpdatedResumeDataSet.csv")); err == nil {
		rows, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range rows[1:] {
			texts[fmt.Sprintf("kaggle row %d", i+2)] = r[len(r)-1]
		}
	}
	if data, err := os.ReadFile(filepath.Join(shared, "job-descriptions-green", "preprocessed_data", "df_testset.csv")); err == nil {
		texts["green"] = string(data)
	}
	rng := rand.New(rand.NewSource(1))
	for name, text := range texts {
		sameScan(t, m, name, text)
		b := []byte(text)
		for i := range b {
			switch r := rng.Intn(16); {
			case r == 0 && b[i] >= 'a' && b[i] <= 'z':
				b[i] -= 'a' - 'A'
			case r == 1 && b[i] == ' ':
				b[i] = "\n\t\r."[rng.Intn(4)]
			case r == 2:
				b[i] = "+#./- \n"[rng.Intn(7)]
			}
		}
		sameScan(t, m, name+" scrambled", string(b))
	}
}

// FuzzScan checks that the optimised scan agrees with the reference scan on
// any input.
func FuzzScan(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "resumes", "*.txt"))
	for _, p := range paths {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(string(data))
		}
	}
	f.Add("C++ C# .NET Node.js/Express CI/CD Go, Rust and C; R&D; Grade C")
	m := Default().m
	f.Fuzz(func(t *testing.T, text string) {
		sameScan(t, m, "input", text)
	})
}

// TestWordEnd checks wordEnd's eight-bytes-at-a-time reading against a
// byte loop, wordHash and the first chunk spelled out, at every position
// of random texts of letters, digits and other bytes, near their ends too.
func TestWordEnd(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	const alphabet = "aZ09kQ-. \n\xc3\xa9_@"
	for n := 0; n < 400; n++ {
		b := make([]byte, rng.Intn(40))
		for i := range b {
			if rng.Intn(4) == 0 {
				b[i] = alphabet[rng.Intn(len(alphabet))]
			} else {
				b[i] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"[rng.Intn(62)]
			}
		}
		text := string(b)
		for i := range text {
			end := i
			for end < len(text) && isAlnum[text[end]] {
				end++
			}
			var first uint64
			for k := i; k < end && k < i+8; k++ {
				first |= uint64(text[k]|0x20) << (8 * (k - i))
			}
			gotEnd, gotHash, gotFirst := wordEnd(text, i)
			if gotEnd != end || gotFirst != first || end > i && gotHash != wordHash(text[i:end]) {
				t.Fatalf("wordEnd(%q, %d) = %d, %x, %x; want %d, %x, %x", text, i, gotEnd, gotHash, gotFirst, end, wordHash(text[i:end]), first)
			}
		}
	}
}
