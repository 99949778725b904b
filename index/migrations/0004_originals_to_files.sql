-- 0004: original files back under files/<sha256> (DESIGN.md, Storage: "files/
-- (originals by content hash)"). Before this statement runs, the migration's
-- Go step (moveOriginalsToFiles) writes every row of originals out as a file,
-- checked against its hash; a row names its original by hash again
-- (candidates.hash, job_items.hash while pending).
DROP TABLE originals;
