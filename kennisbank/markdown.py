"""The light Markdown subset of the seed files, turned into BodyBlock stream data."""

import html
import re
import uuid

LINK = re.compile(r"\[([^\]]+)\]\((https?://[^)\s]+)\)")
BULLET = re.compile(r"^(\s*)[-•]\s+(.*)$")
NUMBERED = re.compile(r"^(\s*)\d+[.)]\s+(.*)$")


def inline(text):
    """Escape text and turn [label](url) into links."""
    out, pos = [], 0
    for match in LINK.finditer(text):
        out.append(html.escape(text[pos : match.start()], quote=False))
        out.append(f'<a href="{html.escape(match.group(2))}">{html.escape(match.group(1), quote=False)}</a>')
        pos = match.end()
    out.append(html.escape(text[pos:], quote=False))
    return "".join(out)


def _list_html(items, tag):
    """items: [(depth, text)] -> nested <ul>/<ol> HTML."""
    parts, depth = [f"<{tag}>"], 0
    open_li = False
    for level, text in items:
        level = 1 if level > 0 else 0
        if level > depth:
            parts.append("<ul>")
            depth = level
            open_li = False
        elif level < depth:
            parts.append("</li></ul>")
            depth = level
            open_li = True
        if open_li:
            parts.append("</li>")
        parts.append(f"<li>{inline(text)}")
        open_li = True
    if depth:
        parts.append("</li></ul>")
    parts.append(f"</li></{tag}>")
    return "".join(parts)


def _block(block_type, value):
    return {"type": block_type, "value": value, "id": str(uuid.uuid4())}


def to_blocks(text):
    """Convert seed Markdown to a list of StreamField blocks (heading / paragraph)."""
    if not text:
        return []
    blocks, html_parts = [], []
    paragraph, items, list_tag = [], [], None

    def flush_paragraph():
        if paragraph:
            html_parts.append(f"<p>{inline(' '.join(paragraph))}</p>")
            paragraph.clear()

    def flush_list():
        nonlocal list_tag
        if items:
            html_parts.append(_list_html(items, list_tag))
            items.clear()
        list_tag = None

    def flush_rich():
        flush_paragraph()
        flush_list()
        if html_parts:
            blocks.append(_block("paragraph", "".join(html_parts)))
            html_parts.clear()

    for raw in str(text).splitlines():
        line = raw.rstrip()
        if not line.strip():
            flush_paragraph()
            continue
        heading = re.match(r"^(#{2,4})\s+(.*)$", line.strip())
        if heading:
            flush_rich()
            level = f"h{len(heading.group(1))}"
            blocks.append(_block("heading", {"text": heading.group(2).strip(), "level": level}))
            continue
        bullet = BULLET.match(line)
        numbered = None if bullet else NUMBERED.match(line)
        if bullet or numbered:
            flush_paragraph()
            match = bullet or numbered
            depth = len(match.group(1).expandtabs(2))
            tag = "ul" if bullet else "ol"
            if list_tag and list_tag != tag and depth == 0:
                flush_list()
            list_tag = list_tag or tag
            items.append((depth, match.group(2).strip()))
            continue
        if items and raw.startswith("  ") and not paragraph:
            depth, previous = items[-1]
            items[-1] = (depth, f"{previous} {line.strip()}")
            continue
        flush_list()
        paragraph.append(line.strip())
    flush_rich()
    return blocks


def plain(text):
    """Seed Markdown as plain text for TextFields: markup removed, paragraphs kept."""
    if not text:
        return ""
    text = LINK.sub(r"\1", str(text))
    return "\n".join(line.rstrip() for line in text.strip().splitlines())
