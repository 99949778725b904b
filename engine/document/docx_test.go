package document

import (
	"archive/zip"
	"bytes"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// makeDOCX zips WordprocessingML parts into a DOCX.
func makeDOCX(t *testing.T, parts map[string]string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, name := range []string{"[Content_Types].xml", "word/document.xml", "word/header1.xml", "word/footer1.xml"} {
		body, ok := parts[name]
		if !ok {
			continue
		}
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

const wordNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"`

func TestDecodeDOCXStructures(t *testing.T) {
	doc := `<?xml version="1.0"?><w:document ` + wordNS + `><w:body>
<w:p><w:r><w:t>Jane Doe</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t xml:space="preserve">Built APIs in </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>Go</w:t></w:r><w:del><w:r><w:delText>COBOL</w:delText></w:r></w:del></w:p>
<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>HYPERLINK "https://x"</w:instrText></w:r><w:r><w:t>site</w:t></w:r><w:r><w:t>Line</w:t><w:br/><w:t>break</w:t><w:tab/><w:t>tab</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Docker</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>5 years</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>Kubernetes</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>Kubernetes</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>
</w:body></w:document>`
	header := `<?xml version="1.0"?><w:hdr ` + wordNS + `><w:p><w:r><w:t>jane@example.com</w:t></w:r></w:p></w:hdr>`
	data := makeDOCX(t, map[string]string{"[Content_Types].xml": "<Types/>", "word/document.xml": doc, "word/header1.xml": header})
	got, err := Decode(data, DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	want := "Jane Doe\n- Built APIs in Go\nsiteLine\nbreak\ttab\nDocker\n5 years\nKubernetes\n\njane@example.com\n"
	if diff := cmp.Diff(want, got.Text); diff != "" {
		t.Errorf("DOCX text mismatch (-want +got):\n%s", diff)
	}
}
