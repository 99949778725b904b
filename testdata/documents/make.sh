#!/usr/bin/env bash
# Regenerates the document fixtures from the team's own resume texts
# (testdata/resumes/*.txt): the same resume as HTML (one and two columns),
# Markdown, DOCX (pandoc, LibreOffice) and PDF from several producers
# (Chromium print-to-PDF of both HTML layouts, LibreOffice, pandoc+pdflatex).
# The outputs are committed; CI never runs this script.
#
# Needs: python3, chromium, pandoc, libreoffice-writer-nogui, texlive-latex-base,
# fonts-dejavu-core, node + npm (pdf-lib is installed into a temporary folder)
#   apt-get install -y chromium pandoc libreoffice-writer-nogui texlive-latex-base fonts-dejavu-core nodejs npm
# Malformed regression files: go run ./testdata/documents/malformed/gen.go
set -euo pipefail
cd "$(dirname "$0")"
RESUMES="python-django-aws-senior java-backend frontend-react data-scientist"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p html-1col html-2col markdown docx-pandoc docx-libreoffice \
  chromium-1col chromium-2col libreoffice pdflatex pdflib-glyphs
(cd "$work" && npm install --silent --no-audit --no-fund pdf-lib@1.17.1 @pdf-lib/fontkit@1.1.1 >/dev/null)
cp src/pdflib-glyphs.mjs "$work/"

for name in $RESUMES; do
  python3 src/convert.py "../resumes/$name.txt" "$work/$name"
  cp "$work/$name.md" "markdown/$name.md"
  cp "$work/$name.1col.html" "html-1col/$name.html"
  cp "$work/$name.2col.html" "html-2col/$name.html"
  for layout in 1col 2col; do
    chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
      --no-pdf-header-footer --print-to-pdf="chromium-$layout/$name.pdf" \
      "file://$work/$name.$layout.html" 2>/dev/null
  done
  pandoc "$work/$name.md" -o "docx-pandoc/$name.docx"
  # pandoc's own LaTeX template needs packages texlive-latex-base lacks, so
  # wrap pandoc's LaTeX body in a minimal preamble of our own.
  { printf '%s\n' '\documentclass[10pt]{article}' '\usepackage[utf8]{inputenc}' \
      '\setlength{\oddsidemargin}{0in}\setlength{\textwidth}{6.3in}' \
      '\providecommand{\tightlist}{\setlength{\itemsep}{0pt}\setlength{\parskip}{0pt}}' \
      '\newcommand{\href}[2]{#2}' '\newcommand{\hypertarget}[2]{#2}' \
      '\setcounter{secnumdepth}{0}' '\begin{document}'
    pandoc "$work/$name.md" -t latex
    printf '%s\n' '\end{document}'; } > "$work/$name.tex"
  (cd "$work" && pdflatex -interaction=nonstopmode "$name.tex" >/dev/null || true)
  cp "$work/$name.pdf" "pdflatex/$name.pdf"
  soffice --headless --convert-to pdf --outdir "$work/lo" "docx-pandoc/$name.docx" >/dev/null 2>&1
  cp "$work/lo/$name.pdf" "libreoffice/$name.pdf"
  soffice --headless --convert-to 'docx:MS Word 2007 XML' --outdir "$work/lo" "$work/$name.1col.html" >/dev/null 2>&1
  cp "$work/lo/$name.1col.docx" "docx-libreoffice/$name.docx"
  node "$work/pdflib-glyphs.mjs" "../resumes/$name.txt" "pdflib-glyphs/$name.pdf" \
    /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
done
echo "fixtures regenerated"
