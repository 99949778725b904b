// Draws a plain-text resume the way design tools (Canva and the like) do:
// every glyph placed on its own with an embedded subset TrueType font, so
// the PDF has no spaces and no runs of text for a reader to lean on.
// Usage: node pdflib-glyphs.mjs RESUME.txt OUT.pdf FONT.ttf
import fs from "node:fs";
import { PDFDocument, rgb } from "pdf-lib";
import fontkit from "@pdf-lib/fontkit";

const [src, out, fontPath] = process.argv.slice(2);
const doc = await PDFDocument.create();
doc.registerFontkit(fontkit);
const font = await doc.embedFont(fs.readFileSync(fontPath), { subset: true });
const size = 10, lead = 13, margin = 50, width = 612 - 2 * margin;
let page = doc.addPage([612, 792]);
let y = 792 - margin;

function newLine() {
  y -= lead;
  if (y < margin) {
    page = doc.addPage([612, 792]);
    y = 792 - margin;
  }
}

function drawLine(text, indent) {
  let x = margin + indent;
  for (const ch of text) {
    if (ch !== " ") page.drawText(ch, { x, y, size, font, color: rgb(0.1, 0.1, 0.2) });
    x += font.widthOfTextAtSize(ch, size);
  }
  newLine();
}

for (const raw of fs.readFileSync(src, "utf8").split("\n")) {
  const indent = raw.startsWith("  ") ? 12 : 0;
  const words = raw.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) { newLine(); continue; }
  let line = "";
  for (const w of words) {
    const next = line ? line + " " + w : w;
    if (font.widthOfTextAtSize(next, size) > width - indent && line) {
      drawLine(line, indent);
      line = w;
    } else {
      line = next;
    }
  }
  drawLine(line, indent);
}
fs.writeFileSync(out, await doc.save());
