-- 0005: the taxonomy version each stored profile was derived with, set at
-- insert from index.Options.TaxonomyVersion and by Reparse. Rows stored
-- before this migration keep NULL: read with a taxonomy nobody recorded, so
-- StaleCandidates counts them until a reparse.
ALTER TABLE candidates ADD COLUMN taxonomy_version TEXT;
