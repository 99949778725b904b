"""Turns one plain-text resume fixture into Markdown and two HTML layouts.

Input format (testdata/resumes/*.txt): name, title and contact lines, then
sections under ALL-CAPS headings; "- " starts a bullet, indented lines
continue it. Usage: convert.py RESUME.txt OUT_PREFIX
"""
import html
import sys

SIDEBAR = {"SKILLS", "EDUCATION", "CERTIFICATIONS", "LANGUAGES"}


HEADINGS = {"summary", "profile", "experience", "work experience", "professional experience",
            "education", "skills", "technical skills", "projects", "certifications",
            "languages", "publications", "interests"}


def is_heading(s):
    """ALL-CAPS lines and the usual section names are headings."""
    if s.lower() in HEADINGS:
        return True
    return s.isupper() and len(s) > 3 and any(c.isalpha() for c in s)


def parse(path):
    lines = open(path, encoding="utf-8").read().splitlines()
    header, sections, cur = [], [], None
    for line in lines:
        s = line.strip()
        if is_heading(s):
            cur = (s.upper(), [])
            sections.append(cur)
            continue
        if cur is None:
            if s:
                header.append(s)
            continue
        cur[1].append(line.rstrip())
    return header, sections


def blocks(body):
    """Paragraphs and bullet lists, with wrapped lines joined."""
    out = []
    for line in body:
        s = line.strip()
        if not s:
            out.append(("blank", ""))
        elif s.startswith("- "):
            out.append(("li", s[2:]))
        elif line.startswith("  ") and out and out[-1][0] == "li":
            out[-1] = ("li", out[-1][1] + " " + s)
        elif out and out[-1][0] == "p" and not s.endswith(":"):
            out[-1] = ("p", out[-1][1] + "\n" + s)
        else:
            out.append(("p", s))
    return [b for b in out if b[0] != "blank"]


def md(header, sections):
    out = ["# " + header[0], ""]
    out += [h + "  " for h in header[1:]] + [""]
    for title, body in sections:
        out += ["## " + title.title(), ""]
        prev = None
        for kind, text in blocks(body):
            if kind == "li":
                out.append("- " + text)
            else:
                if prev == "li":
                    out.append("")
                out += [l + "  " for l in text.split("\n")] + [""]
            prev = kind
        out.append("")
    return "\n".join(out)


def html_section(title, body):
    parts = ["<section><h2>%s</h2>" % html.escape(title.title())]
    in_list = False
    for kind, text in blocks(body):
        if kind == "li" and not in_list:
            parts.append("<ul>")
            in_list = True
        if kind != "li" and in_list:
            parts.append("</ul>")
            in_list = False
        if kind == "li":
            parts.append("<li>%s</li>" % html.escape(text))
        else:
            parts.append("<p>%s</p>" % "<br>".join(html.escape(l) for l in text.split("\n")))
    if in_list:
        parts.append("</ul>")
    parts.append("</section>")
    return "\n".join(parts)


STYLE = """
body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 10.5pt; margin: 0; }
header { border-bottom: 2px solid #246; padding-bottom: 6pt; margin-bottom: 8pt; }
h1 { font-size: 20pt; margin: 0; } h2 { font-size: 12pt; color: #246; margin: 10pt 0 4pt; }
p { margin: 2pt 0 6pt; } ul { margin: 2pt 0 6pt 14pt; padding: 0; }
.cols { display: grid; grid-template-columns: 34% 60%; column-gap: 6%; }
aside { background: #eef2f6; padding: 6pt; }
"""


def page(header, inner):
    head = "<header><h1>%s</h1>%s</header>" % (
        html.escape(header[0]),
        "".join("<p>%s</p>" % html.escape(h) for h in header[1:]),
    )
    return ("<!doctype html>\n<html><head><meta charset='utf-8'><title>Resume</title>"
            "<style>%s</style></head><body>%s\n%s</body></html>\n") % (STYLE, head, inner)


def main():
    src, prefix = sys.argv[1], sys.argv[2]
    header, sections = parse(src)
    open(prefix + ".md", "w", encoding="utf-8").write(md(header, sections))
    one = "\n".join(html_section(t, b) for t, b in sections)
    open(prefix + ".1col.html", "w", encoding="utf-8").write(page(header, one))
    side = "\n".join(html_section(t, b) for t, b in sections if t in SIDEBAR)
    main_col = "\n".join(html_section(t, b) for t, b in sections if t not in SIDEBAR)
    two = "<div class='cols'><aside>%s</aside><main>%s</main></div>" % (side, main_col)
    open(prefix + ".2col.html", "w", encoding="utf-8").write(page(header, two))


main()
