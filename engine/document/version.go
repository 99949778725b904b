package document

// TextVersion names the text the decoders produce. What keeps decoded text
// beyond one run (the eval's text cache) keys on it, so raise it with any
// change that alters the text of some document. TestTextVersion holds it to
// the golden texts in testdata/documents: when they change under the same
// version, it fails.
const TextVersion = "1"
