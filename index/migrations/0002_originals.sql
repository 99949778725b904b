-- 0002: original files in the database instead of one file each under
-- files/ (creating a file cost 0.1-0.9 ms of CPU here, more than storing its
-- bytes in a transaction; a row also commits atomically with the candidate or
-- job that needs it, and is in every backup). hash is the sha256 of data,
-- lower-case hex, checked again on every read. A row lives while a candidate
-- or a pending job item has its hash; folders written before this migration
-- keep their files under files/, which are still read and deleted.
CREATE TABLE originals (
	hash TEXT PRIMARY KEY,
	data BLOB NOT NULL
);
