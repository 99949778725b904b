-- 0005: the taxonomy version each stored profile was derived with, set at
-- insert from index.Options.TaxonomyVersion and by Reparse. Rows stored
-- before this migration keep NULL: read with a taxonomy nobody recorded, so
-- StaleCandidates counts them until a reparse.
ALTER TABLE candidates ADD COLUMN taxonomy_version TEXT;

-- StaleCandidates runs at every serve start: counted from this index it
-- does not read the candidates' text (the column comes after it in a row).
CREATE INDEX candidates_taxonomy ON candidates (taxonomy_version);
