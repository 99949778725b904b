// Command gentaxonomy builds engine/taxonomy/skills.json, the taxonomy embedded in
// skillmatch, from the public data in ../shared/data/taxonomy (Stack Overflow tags and
// synonyms, linguist languages, O*NET technology skills, ESCO digital skills) and the
// team's curated overlay engine/taxonomy/curated.yaml.
//
// It is run by `go generate ./engine/taxonomy`. The output depends only on its inputs:
// skills are sorted by id, names and aliases are sorted, and no map order leaks out, so a
// second run over the same data writes the same bytes. Standard library and goccy/go-yaml
// only; it imports nothing from skillmatch so that a broken taxonomy cannot stop it.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	shared := flag.String("shared", "../shared", "the shared folder that holds data/taxonomy")
	curated := flag.String("curated", "curated.yaml", "the curated overlay (YAML)")
	out := flag.String("out", "skills.json", "the file to write")
	version := flag.String("version", "2026.11.4", "taxonomy version written into the file")
	allowLost := flag.Bool("allow-lost-ids", false, "write the file even if ids of the previous one vanish")
	flag.Parse()
	if err := run(filepath.Join(*shared, "data", "taxonomy"), *curated, *out, *version, *allowLost); err != nil {
		fmt.Fprintln(os.Stderr, "gentaxonomy:", err)
		os.Exit(1)
	}
}

func run(dir, curatedPath, out, version string, allowLost bool) error {
	cur, err := readCurated(curatedPath)
	if err != nil {
		return err
	}
	words, err := readEnglishWords(filepath.Join(dir, "onet", "Occupation_Data.txt"),
		filepath.Join(dir, "esco", "digitalSkillsCollection_en.csv"), cur.CommonWords)
	if err != nil {
		return err
	}
	// Tags.csv stops at the tags created by about 2014 (no parquet, no
	// hyperledger, no ethereum); the 50,000 most used tags of May 2021 fill
	// the rest. A tag in both counts with the larger number.
	tags, err := readTags(filepath.Join(dir, "stackoverflow", "Tags.csv"),
		filepath.Join(dir, "stackoverflow", "Tags_full_karma.csv"))
	if err != nil {
		return err
	}
	syn, err := readSynonyms(filepath.Join(dir, "stackoverflow", "TagSynonyms.csv"))
	if err != nil {
		return err
	}
	langs, err := readLinguist(filepath.Join(dir, "linguist", "languages.json"))
	if err != nil {
		return err
	}
	onet, err := readONET(filepath.Join(dir, "onet", "Technology_Skills.txt"))
	if err != nil {
		return err
	}
	esco, err := readESCO(filepath.Join(dir, "esco", "digitalSkillsCollection_en.csv"))
	if err != nil {
		return err
	}
	b := newBuilder(words, cur.Exclude)
	if err := b.addCurated(cur.Skills); err != nil {
		return err
	}
	b.addLinguist(langs, tags)
	b.addONET(onet, tags, cur.ONETTail)
	b.addTags(tags, cur.Tags)
	b.addESCO(esco)
	b.addSynonyms(syn, tags)
	b.addProductWords()
	b.markCase()
	if err := b.merge(cur.Merged); err != nil {
		return err
	}
	if !allowLost {
		if err := checkStableIDs(out, b.skills, b.merged); err != nil {
			return err
		}
	}
	data, stats := b.encode(version)
	if err := os.WriteFile(out, data, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "gentaxonomy: wrote %s: %s\n", out, stats)
	return nil
}
