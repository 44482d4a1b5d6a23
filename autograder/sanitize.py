"""Feedback that cannot run code: allow-list sanitising of a submission's HTML, CSS and outputs.

A student controls the outputs and markdown of their notebook, and instructors open the feedback
pages (and the formgrader shows the autograded notebook).  Everything a submission put there is
re-written from an allow-list, never filtered with a deny-list:

* :func:`clean_html` parses HTML (``html.parser``) and writes back only the tags, attributes,
  URL schemes and CSS properties listed below; all text is escaped again.  Whatever the parser
  made of malformed input, what comes out is well-formed HTML with nothing active in it.
* :func:`clean_markdown` renders markdown as nbconvert does, then cleans the HTML.
* :func:`clean_outputs` keeps text, PNG/JPEG images and cleaned HTML/markdown of a cell's
  outputs; JavaScript, widget views, SVG and unknown types are replaced by a visible note.
* :func:`harden_page` re-writes a whole feedback page with the same allow-list (plus the page's
  own ``<style>`` in ``<head>``, with URLs and imports removed) and puts a Content-Security-Policy
  that forbids scripts and every external load first in ``<head>``.
"""
from __future__ import annotations

import base64
import binascii
import functools
import html
import re
from html.parser import HTMLParser

import tinycss2

CSP = ("default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; "
       "form-action 'none'; base-uri 'none'; frame-src 'none'; object-src 'none'; "
       "script-src 'none'; connect-src 'none'")
CSP_META = f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'

# Tags kept (with their content).  Any other tag is dropped but its text is kept, except those
# in _DROP_WITH_CONTENT, whose content goes too.
TAGS = frozenset("""
a abbr b blockquote br caption cite code col colgroup dd del details dfn div dl dt em figcaption
figure h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p pre q s samp small span strong sub summary
sup table tbody td tfoot th thead tr u ul var
""".split())
PAGE_TAGS = TAGS | {"html", "head", "body", "title", "style", "meta"}
_VOID = frozenset({"br", "col", "hr", "img", "meta"})
_DROP_WITH_CONTENT = frozenset("""
script style template iframe frame frameset object embed applet noscript noembed noframes
textarea title xmp plaintext math svg select option head xml
""".split())

# Attributes kept, per tag ("*" for every tag); values are checked by _ATTR_CHECKS.
ATTRIBUTES = {
    "*": {"class", "id", "title", "style", "dir", "lang", "align"},
    "a": {"href", "name"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "valign"}, "th": {"colspan", "rowspan", "valign", "scope"},
    "col": {"span"}, "colgroup": {"span"},
    "ol": {"start", "type"}, "li": {"value"}, "details": {"open"},
}
_NUMBER = re.compile(r"^\s*\d{1,5}\s*$")
_NAME = re.compile(r"^[A-Za-z0-9_.:\- ]{0,200}$")
_ANCHOR = re.compile(r"^[^\x00-\x1f\x7f]{0,200}$")      # written escaped, in double quotes
_ATTR_CHECKS = {
    "class": _NAME, "id": _ANCHOR, "name": _ANCHOR, "width": _NUMBER, "height": _NUMBER,
    "colspan": _NUMBER, "rowspan": _NUMBER, "span": _NUMBER, "start": _NUMBER, "value": _NUMBER,
    "dir": re.compile(r"^(ltr|rtl|auto)$", re.I), "align": re.compile(r"^(left|right|center|justify)$", re.I),
    "valign": re.compile(r"^(top|middle|bottom|baseline)$", re.I),
    "type": re.compile(r"^[1aAiI]$"), "scope": re.compile(r"^(row|col|rowgroup|colgroup)$", re.I),
    "lang": re.compile(r"^[A-Za-z\-]{1,20}$"), "open": re.compile(r"^(|open)$", re.I),
}
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
_IMAGE_DATA = re.compile(r"^data:image/(png|jpeg|gif);base64,([a-z0-9+/=\s]*)$", re.I)

# CSS properties a style attribute may set; values may not hold functions other than colours.
CSS_PROPERTIES = frozenset("""
color background-color font-weight font-style font-size font-family font-variant text-align
text-decoration text-transform text-indent vertical-align white-space word-break line-height
letter-spacing border border-top border-right border-bottom border-left border-color
border-style border-width border-collapse border-spacing border-radius margin margin-top
margin-right margin-bottom margin-left padding padding-top padding-right padding-bottom
padding-left width height max-width min-width max-height min-height display list-style-type
caption-side table-layout empty-cells
""".split())
_CSS_FUNCTIONS = frozenset({"rgb", "rgba", "hsl", "hsla"})
_CSS_BAD_WORDS = re.compile(r"expression|javascript|vbscript|behavior|binding|url|import|@",
                            re.I)


# --- CSS -----------------------------------------------------------------------------------------

def _tokens_safe(tokens, functions=_CSS_FUNCTIONS) -> bool:
    for tok in tokens:
        kind = tok.type
        if kind in ("url", "at-keyword", "error"):
            return False
        if kind == "function":
            if tok.lower_name not in functions or not _tokens_safe(tok.arguments, functions):
                return False
        elif kind in ("() block", "[] block", "{} block"):
            if not _tokens_safe(tok.content, functions):
                return False
        elif kind == "ident" and _CSS_BAD_WORDS.search(tok.lower_value):
            return False
        elif kind == "string" and _CSS_BAD_WORDS.search(tok.value):
            return False
    return True


def clean_style(text: str, report: bool = False):
    """A style attribute with only allowed properties whose values hold no URL or function
    (with ``report=True``, also whether anything was dropped)."""
    kept, dropped = [], False
    for decl in tinycss2.parse_declaration_list(text, skip_comments=True, skip_whitespace=True):
        value = tinycss2.serialize(decl.value).strip() if decl.type == "declaration" else ""
        if decl.type != "declaration" or decl.lower_name not in CSS_PROPERTIES \
                or not _tokens_safe(decl.value) or "\\" in value or not value:
            dropped = True
            continue
        kept.append(f"{decl.lower_name}: {value}" + (" !important" if decl.important else ""))
    return ("; ".join(kept), dropped) if report else "; ".join(kept)


@functools.lru_cache(maxsize=16)           # every page of a batch has the same stylesheets
def clean_stylesheet(text: str) -> str:
    """A page's own stylesheet without imports, URLs (fonts, images) or script-like values:
    rules and @media blocks are kept, every other at-rule is dropped."""
    return _clean_rules(tinycss2.parse_stylesheet(text, skip_comments=True,
                                                  skip_whitespace=True))


def _clean_rules(rules) -> str:
    out = []
    for rule in rules:
        if rule.type == "qualified-rule":
            if not _tokens_safe(rule.prelude, functions=frozenset({"not", "nth-child",
                                                                   "nth-of-type", "lang"})):
                continue
            decls = []
            for decl in tinycss2.parse_declaration_list(rule.content, skip_comments=True,
                                                        skip_whitespace=True):
                if decl.type == "declaration" and _stylesheet_value_safe(decl):
                    decls.append(f"{decl.name}:{tinycss2.serialize(decl.value).strip()}"
                                 + ("!important" if decl.important else ""))
            if decls:
                out.append(f"{tinycss2.serialize(rule.prelude).strip()}{{{';'.join(decls)}}}")
        elif rule.type == "at-rule" and rule.lower_at_keyword == "media" and rule.content:
            inner = _clean_rules(tinycss2.parse_rule_list(rule.content, skip_comments=True,
                                                          skip_whitespace=True))
            if inner:
                out.append(f"@media {tinycss2.serialize(rule.prelude).strip()}{{{inner}}}")
    return "\n".join(out)


def _stylesheet_value_safe(decl) -> bool:
    if decl.lower_name in ("behavior", "-moz-binding") or decl.lower_name.startswith("--"):
        return False
    funcs = frozenset({"rgb", "rgba", "hsl", "hsla", "calc", "attr", "counter",
                       "translate", "translatey", "translatex", "rotate", "scale", "alpha",
                       "linear-gradient", "cubic-bezier", "translate3d", "var"})
    for tok in decl.value:
        if tok.type in ("url", "at-keyword"):
            return False
        if tok.type == "function" and (tok.lower_name not in funcs
                                       or not _stylesheet_value_safe_args(tok.arguments, funcs)):
            return False
        if tok.type == "ident" and re.search(r"expression|javascript|url", tok.lower_value):
            return False
    return True


def _stylesheet_value_safe_args(tokens, funcs) -> bool:
    for tok in tokens:
        if tok.type == "url":
            return False
        if tok.type == "function" and (tok.lower_name not in funcs
                                       or not _stylesheet_value_safe_args(tok.arguments, funcs)):
            return False
    return True


# --- URLs ----------------------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x20\x7f-\x9f]+")


def clean_url(value: str, image: bool = False) -> str | None:
    """The URL if it is safe to keep, else None.

    Links: http, https, mailto and scheme-less (relative) URLs.  Images: PNG, JPEG or GIF data
    URLs with valid base64, and relative paths (which the page's policy still does not load).
    Browsers ignore tabs, newlines and other control characters in a scheme; so does this check.
    """
    squeezed = _CONTROL.sub("", value)
    if "\\" in squeezed or squeezed.startswith("//"):
        return None
    match = re.match(r"^([A-Za-z][A-Za-z0-9+.\-]*):", squeezed)
    if image:
        data = _IMAGE_DATA.match(value.strip())
        if data:
            try:
                base64.b64decode(re.sub(r"\s", "", data.group(2)), validate=True)
            except (binascii.Error, ValueError):
                return None
            return value.strip()
        return None if match or ":" in re.split(r"[/?#]", squeezed)[0] else value.strip()
    if match:
        return value.strip() if match.group(1).lower() in LINK_SCHEMES else None
    return None if ":" in re.split(r"[/?#]", squeezed)[0] else value.strip()


# --- HTML ----------------------------------------------------------------------------------------

class _Cleaner(HTMLParser):
    """Re-writes HTML from the allow-list (see the module docstring)."""

    def __init__(self, page: bool = False):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.tags = PAGE_TAGS if page else TAGS
        self.out: list[str] = []
        self.open: list[str] = []          # kept elements still open
        self.skip: list[str] = []          # elements dropped with their content
        self.changed = False               # something was dropped or rewritten
        self.head_done = False
        self.in_head = False

    # -- the page's <head>: the policy comes first
    def _ensure_head(self, tag: str | None) -> None:
        if not self.page or self.head_done:
            return
        if tag == "html":
            return
        self.head_done = True
        if tag == "head":
            self.out.append("<head>" + CSP_META + '<meta charset="utf-8">')
            self.open.append("head")
            self.in_head = True
        else:
            self.out.append("<head>" + CSP_META + '<meta charset="utf-8"></head>')

    def handle_starttag(self, tag, attrs):
        self._start(tag, attrs, closed=False)

    def handle_startendtag(self, tag, attrs):
        self._start(tag, attrs, closed=True)

    def _start(self, tag, attrs, closed):
        if self.skip:
            if tag == self.skip[-1] and not closed and tag not in _VOID:
                self.skip.append(tag)
            return
        page_style = self.page and tag == "style" and self.in_head
        if tag in _DROP_WITH_CONTENT and not (self.page and tag in ("title", "head")) \
                and not page_style:
            self.changed = True
            if not closed and tag not in _VOID:
                self.skip.append(tag)
            return
        if tag not in self.tags:
            self.changed = True
            return
        if tag == "html":
            if not self.head_done and "html" not in self.open:
                self.out.append("<html>")
                self.open.append("html")
            return
        self._ensure_head(tag)
        if tag == "head":
            return
        if tag == "body":
            self._close_to("head")
            if "body" in self.open:
                return
        if tag == "meta":                  # the page's charset: already written with the policy
            self.changed = True
            return
        kept = self._attributes(tag, attrs)
        self.out.append(f"<{tag}{kept}>")
        if tag not in _VOID:
            self.open.append(tag)

    def _attributes(self, tag: str, attrs) -> str:
        allowed = ATTRIBUTES["*"] | ATTRIBUTES.get(tag, set())
        parts = []
        seen, kept = set(), set()
        for name, value in attrs:
            value = "" if value is None else value
            if name not in allowed or name in seen:
                self.changed = True
                continue
            seen.add(name)
            if name == "style":
                value, dropped = clean_style(value, report=True)
                self.changed |= dropped
                if not value:
                    self.changed = True
                    continue
            elif name in ("href", "src"):
                safe = clean_url(value, image=(name == "src"))
                if safe is None:
                    self.changed = True
                    continue
                value = safe
            elif name in _ATTR_CHECKS and not _ATTR_CHECKS[name].match(value):
                self.changed = True
                continue
            elif len(value) > 2000:
                self.changed = True
                continue
            parts.append(f' {name}="{html.escape(value, quote=True)}"')
            kept.add(name)
        if tag == "a" and "href" in kept:
            parts.append(' rel="noopener noreferrer nofollow"')
        return "".join(parts)

    def handle_endtag(self, tag):
        if self.skip:
            if tag == self.skip[-1]:
                self.skip.pop()
            return
        if tag in ("html",) or tag not in self.open:
            return
        if tag == "head":
            self.in_head = False
        self._close_to(tag)

    def _close_to(self, tag: str) -> None:
        if tag not in self.open:
            return
        while self.open:
            top = self.open.pop()
            self.out.append(f"</{top}>")
            if top == "head":
                self.in_head = False
            if top == tag:
                return

    def handle_data(self, data):
        if self.skip:
            return
        if self.page and self.open and self.open[-1] == "style":
            self.out.append(clean_stylesheet(data).replace("</", "<\\/"))
            return
        if self.page and not self.head_done and data.strip():
            self._ensure_head(None)
        self.out.append(html.escape(data, quote=False))

    def handle_comment(self, data):
        self.changed = True

    def handle_decl(self, decl):
        if not (self.page and decl.lower().startswith("doctype")):
            self.changed = True

    def handle_pi(self, data):
        self.changed = True

    def unknown_decl(self, data):
        self.changed = True

    def result(self) -> str:
        self.close()
        if self.page:
            self._ensure_head(None)
        while self.open:
            self.out.append(f"</{self.open.pop()}>")
        text = "".join(self.out)
        return ("<!DOCTYPE html>\n" + text) if self.page else text


def clean_html(text, *, report: bool = False):
    """``text`` (an HTML fragment) with only allowed tags, attributes, URLs and CSS.

    With ``report=True`` returns ``(html, changed)``: ``changed`` says whether anything was
    dropped or rewritten (beyond re-serialising).
    """
    text = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    cleaner = _Cleaner()
    cleaner.feed(text)
    out = cleaner.result()
    return (out, cleaner.changed) if report else out


def harden_page(text: str) -> str:
    """A whole feedback page re-written from the allow-list, with the CSP first in <head>."""
    cleaner = _Cleaner(page=True)
    cleaner.feed(text)
    return cleaner.result()


_HARDENED = re.compile(r"\A(?:<!DOCTYPE html>)?\s*(?:<html>)?\s*<head>" + re.escape(CSP_META))


def is_hardened(text: str) -> bool:
    """Whether ``text`` is a page that ``harden_page`` wrote: it opens with the policy first in
    its <head> (a page nbconvert wrote without our exporter opens otherwise)."""
    return bool(_HARDENED.match(text))


# --- markdown ------------------------------------------------------------------------------------

def render_markdown(source: str, attachments: dict | None = None) -> str:
    """Markdown to HTML as nbconvert renders a notebook's markdown (raw HTML passed through)."""
    from nbconvert.filters.markdown_mistune import IPythonRenderer, MarkdownWithMath
    def render(text: str) -> str:
        renderer = IPythonRenderer(escape=False, attachments=_image_attachments(attachments),
                                   embed_images=False, anchor_link_text="¶")
        return MarkdownWithMath(renderer=renderer).render(text)
    try:
        return render(str(source))
    except Exception:                      # e.g. a missing (or removed) attachment
        return render(str(source).replace("attachment:", "removed-attachment:"))


def _image_attachments(attachments: dict | None) -> dict:
    kept = {}
    for name, bundle in (attachments or {}).items():
        if not isinstance(bundle, dict):
            continue
        for mime in ("image/png", "image/jpeg", "image/gif"):
            data = bundle.get(mime)
            if isinstance(data, str) and _valid_base64(data):
                kept[name] = {mime: data}
                break
    return kept


def clean_markdown(source: str, attachments: dict | None = None) -> str:
    return clean_html(render_markdown(source, attachments))


try:                                        # a Jinja filter for nbconvert's templates
    from jinja2 import pass_context

    @pass_context
    def markdown2html(context, source):
        """The ``markdown2html`` template filter, cleaned (set in nbgrader_config.py)."""
        cell = context.get("cell", {}) or {}
        return clean_markdown(source, cell.get("attachments") if hasattr(cell, "get") else None)
except ImportError:                         # pragma: no cover - jinja2 comes with nbconvert
    pass


def markdown_as_inert_html(source: str, attachments: dict | None = None) -> str:
    """A markdown cell's source made safe for any markdown renderer: unchanged when its cleaned
    rendering dropped nothing, else that rendering on one line, every punctuation character of
    its text as an entity (so no renderer finds markdown, math or HTML syntax in it)."""
    cleaned, changed = clean_html(render_markdown(source, attachments), report=True)
    if not changed:
        return source
    parts = re.split(r"(<[^>]*>)", cleaned)
    inert = "".join(p if p.startswith("<") else _entities(html.unescape(p)) for p in parts)
    return f'<div class="course-sanitized">{inert}</div>'


def _entities(text: str) -> str:
    return "".join(f"&#{ord(ch)};" if (not ch.isalnum() and ch != " ") else ch for ch in text)


# --- outputs -------------------------------------------------------------------------------------

_KEEP_AS_IS = ("text/plain", "text/latex")


def _valid_base64(data: str) -> bool:
    text = re.sub(r"\s", "", data)
    if not text or not re.fullmatch(r"[A-Za-z0-9+/]*={0,2}", text):
        return False
    try:
        base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return False
    return True


def clean_outputs(outputs) -> list:
    """A code cell's outputs with nothing active: see the module docstring."""
    import nbformat
    kept = []
    for out in list(outputs or []):
        kind = out.get("output_type")
        if kind == "stream":
            kept.append(nbformat.v4.new_output("stream", name=out.get("name") if out.get("name")
                                               in ("stdout", "stderr") else "stdout",
                                               text=str(out.get("text", ""))))
            continue
        if kind == "error":
            kept.append(nbformat.v4.new_output(
                "error", ename=str(out.get("ename", "")), evalue=str(out.get("evalue", "")),
                traceback=[str(t) for t in out.get("traceback", []) or []]))
            continue
        if kind not in ("display_data", "execute_result"):
            kept.append(_note(f"an output of kind {str(kind)[:40]!r}"))
            continue
        data, dropped = {}, []
        for mime, value in dict(out.get("data", {}) or {}).items():
            text = "".join(value) if isinstance(value, list) else value
            if mime in _KEEP_AS_IS and isinstance(text, str):
                data[mime] = text
            elif mime in ("image/png", "image/jpeg") and isinstance(text, str) \
                    and _valid_base64(text):
                data[mime] = re.sub(r"\s", "", text)
            elif mime == "text/html" and isinstance(text, str):
                data[mime] = clean_html(text)
            elif mime == "text/markdown" and isinstance(text, str):
                data["text/html"] = clean_markdown(text)
            else:
                dropped.append(str(mime)[:60])
        metadata = {}
        for mime in ("image/png", "image/jpeg"):
            meta = (out.get("metadata") or {}).get(mime)
            if mime in data and isinstance(meta, dict):
                size = {k: int(meta[k]) for k in ("width", "height")
                        if type(meta.get(k)) is int and 0 < meta[k] < 10000}
                if size:
                    metadata[mime] = size
        if data:
            new = nbformat.v4.new_output("display_data", data=data, metadata=metadata)
            if kind == "execute_result":
                count = out.get("execution_count")
                new = nbformat.v4.new_output("execute_result", data=data, metadata=metadata,
                                             execution_count=count if type(count) is int else None)
            kept.append(new)
        if dropped:
            kept.append(_note(" and ".join(sorted(set(dropped)))))
    return kept


def _note(what: str):
    import nbformat
    return nbformat.v4.new_output("display_data", data={"text/plain": (
        f"[{what} not shown: the grader shows only text, PNG/JPEG images and cleaned HTML]")})


_SAFE_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def clean_notebook(nb, markdown: bool = True):
    """Every output, markdown cell, raw cell and cell id/tag of ``nb`` made safe to render.

    ``markdown=False`` leaves markdown sources alone (a renderer that cleans them is used).
    """
    import uuid
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        if "id" in cell and not (isinstance(cell.id, str) and _SAFE_ID.match(cell.id)):
            cell.id = uuid.uuid4().hex[:12]
        tags = cell.get("metadata", {}).get("tags")
        if tags is not None:
            cell.metadata["tags"] = [t for t in tags if isinstance(t, str) and _SAFE_ID.match(t)] \
                if isinstance(tags, list) else []
        if cell.cell_type == "code":
            cell.outputs = clean_outputs(cell.get("outputs", []))
        elif cell.cell_type == "markdown":
            if markdown:
                cell.source = markdown_as_inert_html(cell.source, cell.get("attachments"))
            if "attachments" in cell:
                cell.attachments = _image_attachments(cell.attachments)
        elif cell.cell_type == "raw":
            for key in ("raw_mimetype", "format"):
                cell.metadata.pop(key, None)
    return nb
