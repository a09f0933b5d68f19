"""``trackgen docs``: the data dictionary (index.html and tracking-plan.md).

The page is checked in a real headless browser: Playwright for Python driving
Debian's Chromium (/usr/bin/chromium, or $TRACKGEN_CHROMIUM). Neither missing is a
reason to skip: CI installs both (apt-get install chromium; playwright from the dev
extra), and a missing browser fails the tests that need it.
"""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import CORPUS, REPO
from trackgen import ir
from trackgen.api import read_plan, read_plan_text
from trackgen.datadict import HTML, MARKDOWN, catalog, document
from trackgen.datadict.anchors import assign, slug, version_anchor
from trackgen.datadict.markdown import code as md_code
from trackgen.datadict.markdown import text as md_text
from trackgen.datadict.types import describe
from trackgen.plan import model as m

DOCS = REPO / "tests" / "docs"
RICH, HOSTILE = DOCS / "rich.yaml", DOCS / "hostile.yaml"
EXAMPLES = sorted(REPO.glob("examples/*/plan.yaml"))
CORPUS_PLANS = sorted(CORPUS.rglob("*.json"))
#: Plans whose page is loaded in the browser: the examples, the corpus, the two here.
PLANS = [*EXAMPLES, *CORPUS_PLANS, RICH, HOSTILE]
IDS = [p.parent.name if p.name == "plan.yaml" else p.stem for p in PLANS]
CHROMIUM = Path(os.environ.get("TRACKGEN_CHROMIUM", "/usr/bin/chromium"))


def files_of(plan: Path) -> dict[str, str]:
    loaded = read_plan(plan)
    return {f.path: f.content for f in document(loaded.model, loaded.plan)}


def expected_calls(plan: Path) -> list[tuple[str, str, int]]:
    """Every call of the plan as written, straight from the model: (kind, name, version)."""
    model = read_plan(plan).model
    calls = [("track", e.name, e.version) for e in model.events]
    calls += [("identify", "Identify traits", 1)] if model.identify else []
    calls += [("group", "Group traits", 1)] if model.group else []
    calls += [("page", v.name, v.version) for v in model.pages]
    calls += [("screen", v.name, v.version) for v in model.screens]
    return calls


# -- the browser ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (or set TRACKGEN_CHROMIUM)")
    from playwright.sync_api import sync_playwright  # the dev extra; an ImportError fails too

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each plan's index.html on disk, by test id."""
    root = tmp_path_factory.mktemp("docs")
    out = {}
    for plan, name in zip(PLANS, IDS):
        folder = root / name
        folder.mkdir()
        for path, content in files_of(plan).items():
            (folder / path).write_text(content, encoding="utf-8")
        out[name] = folder / HTML
    return out


class Opened:
    def __init__(self, page: Any, problems: list[str]) -> None:
        self.page, self.problems = page, problems


def open_page(browser: Any, path: Path, javascript: bool = True) -> Opened:
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    problems: list[str] = []
    page.on(
        "console",
        lambda msg: problems.append(f"console {msg.type}: {msg.text}") if msg.type in ("error", "warning") else None,
    )
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.on("request", lambda req: problems.append(f"request: {req.url}") if not req.url.startswith("file:") else None)
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return Opened(page, problems)


@pytest.mark.parametrize("name", IDS)
def test_page_loads_cleanly_and_lists_every_call(browser: Any, pages: dict[str, Path], name: str) -> None:
    """No console errors or warnings (a CSP violation is one), no page errors, no
    request but the file itself; every call and every version has its section."""
    opened = open_page(browser, pages[name])
    page = opened.page
    try:
        assert opened.problems == []
        assert page.locator("#filters").is_visible()  # the script ran
        headings = page.eval_on_selector_all("article[data-call] > h3", "els => els.map(e => e.textContent)")
        versions = page.eval_on_selector_all(
            "article[data-call] section.version",
            "els => els.map(e => [e.closest('article').dataset.kind, e.closest('article').id, e.querySelector('h4').textContent])",
        )
        calls = expected_calls(PLANS[IDS.index(name)])
        for kind, title, _ in calls:
            assert any(title in text for text in headings), (kind, title)
        assert len(headings) == len({(k, n) for k, n, _ in calls})
        numbers = sorted(int(re.match(r"Version (\d+)", h).group(1)) for *_, h in versions)  # type: ignore[union-attr]
        assert numbers == sorted(v for *_, v in calls)
        assert sorted({k for k, *_ in versions}) == sorted({k for k, *_ in calls})
    finally:
        page.context.close()


@pytest.mark.parametrize("name", IDS)
def test_every_internal_link_resolves(browser: Any, pages: dict[str, Path], name: str) -> None:
    opened = open_page(browser, pages[name])
    page = opened.page
    try:
        result = page.evaluate("""() => {
              const links = [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'));
              const ids = [...document.querySelectorAll('[id]')].map(e => e.id);
              return {
                links,
                broken: links.filter(h => !h.startsWith('#') || !document.getElementById(h.slice(1))),
                duplicates: ids.filter((id, i) => ids.indexOf(id) !== i),
                external: [...document.querySelectorAll('[src], link[href]')].map(e => e.outerHTML),
              };
            }""")
        assert result["links"], "no links at all"
        assert result["broken"] == []
        assert result["duplicates"] == []
        assert result["external"] == ['<link rel="icon" href="data:,">']
        # Following a version link lands on it (and :target outlines it).
        first = page.locator("nav li[data-for] a.v").first
        href = first.get_attribute("href")
        first.click()
        assert page.evaluate("location.hash") == href
        assert page.locator(href).is_visible()
    finally:
        page.context.close()


def test_search_shows_only_matching_calls(browser: Any, pages: dict[str, Path]) -> None:
    opened = open_page(browser, pages["b2b-saas"])
    page = opened.page
    try:
        ids = page.eval_on_selector_all("article[data-call]", "els => els.map(e => e.id)")
        assert len(ids) > 5
        page.fill("#search", "lead captured")
        visible = page.eval_on_selector_all("article[data-call]:not([hidden])", "els => els.map(e => e.id)")
        assert visible == ["event-lead-captured"]
        assert page.locator("#event-user-signed-up").is_hidden()
        assert page.locator('nav li[data-for="event-user-signed-up"]').is_hidden()
        assert page.locator('nav li[data-for="event-lead-captured"]').is_visible()
        assert page.locator("#match-count").text_content() == f"1 of {len(ids)} calls"
        assert page.locator("#calls-identify").is_hidden()  # a section with no match goes too
        # A property name or an owner finds its calls as well.
        page.fill("#search", "invitee_email")
        assert page.eval_on_selector_all("article[data-call]:not([hidden])", "els => els.map(e => e.id)") == [
            "event-user-invited"
        ]
        page.fill("#search", "zzz-no-such-thing")
        assert page.locator("#no-match").is_visible()
        page.fill("#search", "")
        assert page.locator("article[data-call]:not([hidden])").count() == len(ids)
        assert page.locator("#no-match").is_hidden()
        page.select_option("#kind-filter", "identify")
        assert page.eval_on_selector_all("article[data-call]:not([hidden])", "els => els.map(e => e.id)") == [
            "identify"
        ]
        assert opened.problems == []
    finally:
        page.context.close()


@pytest.mark.parametrize("name", ["b2b-saas", "rich", "hostile"])
def test_readable_without_javascript(browser: Any, pages: dict[str, Path], name: str) -> None:
    opened = open_page(browser, pages[name], javascript=False)
    page = opened.page
    try:
        articles = page.locator("article[data-call]")
        assert articles.count() == len({(k, n) for k, n, _ in expected_calls(PLANS[IDS.index(name)])})
        for i in range(articles.count()):
            assert articles.nth(i).is_visible()
        assert page.locator("#filters").is_hidden()  # no dead search box
        assert page.locator("nav#contents").is_visible()
        assert page.locator("table").first.is_visible() or name == "hostile"
        assert opened.problems == []
    finally:
        page.context.close()


HOSTILE_TITLES = [
    "<script>window.__pwned = 'event'</script>",
    "<img src=x onerror=\"window.__pwned='name'\">",
    "\"quoted\" 'single' & </textarea> -->",
    "Line\u2028Separator\u2029Para",
    "javascript:window.__pwned='href'",
    "<style>body{display:none}</style>",
    "</html><script>window.__pwned='screen'</script>",
]


@pytest.mark.parametrize("csp", [True, False], ids=["as-written", "without-csp"])
def test_hostile_names_are_text(browser: Any, pages: dict[str, Path], tmp_path: Path, csp: bool) -> None:
    """Every payload shows as text and none runs, with the page's Content-Security-Policy
    and without it (escaping alone must be enough)."""
    path = pages["hostile"]
    if not csp:
        text = path.read_text("utf-8")
        stripped = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>\n', "", text)
        assert stripped != text
        path = tmp_path / HTML
        path.write_text(stripped, "utf-8")
    opened = open_page(browser, path)
    page = opened.page
    try:
        page.mouse.move(10, 10)
        for el in page.locator("code, td, a").all()[:200]:
            el.hover()  # an onmouseover that became markup would fire
        assert page.evaluate("window.__pwned") is None
        counts = page.evaluate("""() => ['script', 'img', 'svg', 'iframe', 'style', 'b', 'i', 'def', 'x', 'textarea']
                 .map(t => [t, document.getElementsByTagName(t).length])""")
        assert dict(counts) == {
            "script": 1,
            "img": 0,
            "svg": 0,
            "iframe": 0,
            "style": 1,
            "b": 0,
            "i": 0,
            "def": 0,
            "x": 0,
            "textarea": 0,
        }
        assert (
            page.evaluate(
                "[...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length"
            )
            == 0
        )
        headings = page.eval_on_selector_all("article[data-call] > h3", "els => els.map(e => e.lastChild.textContent)")
        assert sorted(headings) == sorted(HOSTILE_TITLES)
        assert page.title() == "<script>window.__pwned = 'title'</script> Plan: tracking plan"
        body = page.locator("body").inner_text()
        for payload in [
            "[click](javascript:alert(1)) @everyone #1",
            "<iframe src=\"javascript:window.__pwned='owner'\"></iframe>",
            "</script><script>window.__pwned='label'</script>",
            "\"quoted\" 'single' & </textarea>",
            "<def onclick=x>",
            "\"]); window.__pwned='js'; //",
        ]:
            assert payload in body, payload
        assert page.locator("body").is_visible()  # the <style> name hid nothing
        if csp:
            assert opened.problems == []
    finally:
        page.context.close()


# -- anchors, types, Markdown escaping: tables of input -> expected ---------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Order Completed", "order-completed"),
        ("order_completed", "order-completed"),
        ("  Ünïcödé  Événement ", "unicode-evenement"),
        ("<script>alert(1)</script>", "script-alert-1-script"),
        ("Checkout Step 2 -- Viewed", "checkout-step-2-viewed"),
    ],
)
def test_slug(name: str, expected: str) -> None:
    assert slug(name) == expected


def test_slug_of_a_name_without_letters_is_a_hash() -> None:
    assert re.fullmatch(r"x-[0-9a-f]{8}", slug("🛒 ✓"))
    assert slug("🛒") != slug("✓")


def test_anchors_are_unique_order_independent_and_stable() -> None:
    names = ["Order Completed", "order_completed", "ORDER-COMPLETED", "Order Completed v2", "x"]
    taken: set[str] = set()
    first = assign("event-", names, taken)
    assert len(set(first.values())) == len(names)
    assert first["ORDER-COMPLETED"] == "event-order-completed"  # first in sort order keeps the slug
    assert all(re.fullmatch(r"[a-z0-9-]+", a) for a in first.values())
    for seed in range(5):
        shuffled = names[:]
        random.Random(seed).shuffle(shuffled)
        assert assign("event-", shuffled, set()) == first
    # A version anchor never meets a call's anchor ("Foo" v2 and "Foo v2").
    both = assign("event-", ["Foo", "Foo v2"], set())
    assert version_anchor(both["Foo"], 2) not in set(both.values())
    assert version_anchor(both["Foo"], 2) == "event-foo--v2"
    # Fixed ids of the page are never taken.
    assert assign("event-", ["x"], {"event-x"})["x"].startswith("event-x-")


def _type_text(t: ir.Type) -> str:
    return "".join(p.text if p.kind != "link" else f"[{p.text}->#{p.href}]" for p in describe(t, lambda n: "def-" + n))


@pytest.mark.parametrize(
    ("t", "expected"),
    [
        (ir.StringType(), "string"),
        (ir.EnumType(("free", "team", "business")), "string, one of free | team | business"),
        (ir.EnumType(("free",)), "string, always free"),
        (ir.EnumType((1, 2, None)), "integer or null, one of 1 | 2"),
        (ir.EnumType(("a", 1)), "value, one of a | 1"),
        (ir.EnumType(("", " padded")), 'string, one of "" | " padded"'),
        (ir.UnionType((ir.StringType(), ir.NullType())), "string or null"),
        (ir.ArrayType(ir.StringType()), "array of string"),
        (ir.ArrayType(ir.RefType("product")), "array of [product->#def-product]"),
        (ir.ArrayType(ir.AnyType()), "array"),
        (ir.ArrayType(ir.ObjectType((ir.Property("a", ir.StringType(), True),))), "array of objects"),
        (ir.ObjectType(), "empty object"),
        (ir.ObjectType(additional=True), "object, any keys"),
        (ir.ObjectType((ir.Property("a", ir.StringType(), True),), additional=True), "object, other keys allowed"),
        (ir.AnyType(), "any JSON value"),
        (ir.RefType("tier"), "[tier->#def-tier]"),
    ],
)
def test_readable_types(t: ir.Type, expected: str) -> None:
    assert _type_text(t) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain words", "plain words"),
        ("<script>x</script>", "\\<script\\>x\\</script\\>"),
        ("[click](javascript:alert(1))", "\\[click\\](javascript:alert(1))"),
        ("a | b", "a \\| b"),
        ("*bold* _it_ `code`", "\\*bold\\* \\_it\\_ \\`code\\`"),
        ("@team #12", "@\u200bteam #\u200b12"),
        ("see https://x.io or www.y.io", "see https:\\/\\/x.io or www\\.y.io"),
        ("- not a list", "\\- not a list"),
        ("1. not a list", "1\\. not a list"),
        ("two\nlines\u2028here", "two lines here"),
        ("&amp; &lt;", "\\&amp; \\&lt;"),
    ],
)
def test_markdown_text(text: str, expected: str) -> None:
    assert md_text(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("a", "`a`"), ("a`b", "``a`b``"), ("`x`", "`` `x` ``"), ("a|b", "`a\\|b`"), ("", "` `"), ("a\nb", "`a b`")],
)
def test_markdown_code(text: str, expected: str) -> None:
    assert md_code(text) == expected


# -- content ----------------------------------------------------------------------------


def test_every_version_newest_first_with_the_current_one_marked() -> None:
    loaded = read_plan(RICH)
    c = catalog(loaded.model, loaded.plan)
    track = next(s for s in c.sections if s.kind == "track")
    order = next(call for call in track.calls if call.name == "Order Completed")
    assert [v.number for v in order.versions] == [3, 2, 1]
    assert [v.current for v in order.versions] == [True, False, False]
    assert [v.anchor for v in order.versions] == [f"{order.anchor}--v{n}" for n in (3, 2, 1)]
    assert order.versions[2].deprecated and not order.deprecated
    # A pinned version is the current one.
    pinned = read_plan(RICH, pins={"Order Completed": 2})
    order = next(
        call for call in catalog(pinned.model, pinned.plan).sections[0].calls if call.name == "Order Completed"
    )
    assert [v.current for v in order.versions] == [False, True, False]
    # The two names whose slugs meet get two anchors.
    anchors = {call.name: call.anchor for call in track.calls}
    assert anchors["order_completed"] != anchors["Order Completed"]
    assert {s.kind for s in c.sections} == {"track", "identify", "group", "page", "screen"}


def test_page_and_markdown_show_what_the_plan_says() -> None:
    files = files_of(RICH)
    page, md = files[HTML], files[MARKDOWN]
    for text in [
        "string, one of <code>free</code> | <code>team</code> | <code>business</code>",
        'array of <a href="#def-product">product</a>',
        "Pattern: <code>^ord_[0-9a-f]{8}$</code>",
        "12 to 12 characters.",
        "Value at least 0, less than 1000000.",
        "Format: date-time.",
        "Format: email.",
        "At least 1 item.",
        "Items: At most 20 characters.",
        "Items are unique.",
        "Value at most 100, a multiple of 5.",
        "<code>&#34;ord_0123abcd&#34;</code>",
        "<code>&#34;jane@example.com&#34;</code>",
        '<span class="label">area: checkout</span><span class="label">team: payments</span>',
        '<span class="label">legacy</span><span class="label">web</span>',
        "<dt>jira</dt><dd>PAY-12</dd>",
        "<dt>Owner</dt><dd>revenue</dd>",
        "<dt>Category</dt><dd><code>Marketing</code></dd>",
        "<code>shipping.city</code>",
        "<code>products</code>",
        "In option 2 of payment.",
        "object, one of 2 shapes",
        "string or null",
        "<dt>Other properties</dt><dd>allowed</dd>",
        '<span class="badge deprecated">deprecated</span>',
        '<section id="definitions">',
        '<article id="def-product"',
        "A product in an order.",
        "<code>sku</code>",
    ]:
        assert text in page, text
    assert 'href="#def-tier"' in page
    assert '<code>coupon</code> <span class="badge deprecated">deprecated</span>' in page
    for text in [
        "| `order_id` | string | required |",
        "Pattern: `^ord_[0-9a-f]{8}$`",
        "string, one of `free` \\| `team` \\| `business`",
        "array of [product](#def-product)",
        "- Owner: revenue",
        "- Labels: `area: checkout`, `team: payments`",
        "- Category: `Marketing`",
        "#### Version 1 (deprecated)",
        "#### Version 3 (current)",
        "| ↳ `shipping.city` | string | required |",
        "| `coupon` (deprecated) | string or null | optional | Use discounts instead. |",
        '<a id="def-product"></a>',
        'Examples: `"jane@example.com"`',
    ]:
        assert text in md, text


@pytest.mark.parametrize("plan", [*EXAMPLES, *CORPUS_PLANS, RICH, HOSTILE], ids=IDS)
def test_markdown_lists_every_call_and_its_links_resolve(plan: Path) -> None:
    md = files_of(plan)[MARKDOWN]
    ids = re.findall(r'^<a id="([a-z0-9-]+)"></a>$', md, re.M)
    assert len(ids) == len(set(ids))
    links = re.findall(r"\]\(#([^)]*)\)", md)
    assert links and set(links) <= set(ids)
    assert len([i for i in ids if "--v" in i]) == len(expected_calls(plan))
    for kind, title, _ in expected_calls(plan):
        assert md_text(title) in md, title


def test_markdown_of_hostile_plan_renders_to_text() -> None:
    """Rendered by a CommonMark renderer with raw HTML on: no tag but the anchors, no
    link but to an anchor, no emphasis from the plan."""
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark").enable("table").render(files_of(HOSTILE)[MARKDOWN])
    tags = set(re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)", html))
    assert tags <= {"a", "h1", "h2", "h3", "h4", "p", "ul", "li", "code", "table", "thead", "tbody", "tr", "th", "td"}
    assert set(re.findall(r'href="([^"]*)"', html)) <= {f"#{i}" for i in re.findall(r'id="([^"]*)"', html)}
    assert "<em>" not in html and "<strong>" not in html
    assert "window.__pwned = 'event'" in html  # the text is there, as text


def test_deterministic() -> None:
    """The same plan gives the same bytes; the order of the plan changes the order of
    the page, never an anchor."""
    for plan in (RICH, HOSTILE, EXAMPLES[0]):
        assert files_of(plan) == files_of(plan)
    text = RICH.read_text("utf-8")
    loaded = read_plan(RICH)
    events = list(loaded.model.events)
    random.Random(1).shuffle(events)
    shuffled = loaded.model.replace(events=events)
    anchors = lambda model: sorted(re.findall(r' id="([^"]+)"', document(model, loaded.plan)[0].content))  # noqa: E731
    assert anchors(shuffled) == anchors(loaded.model)
    assert "2026" not in text and not re.search(r"\d{4}-\d\d-\d\dT", files_of(RICH)[HTML])


# -- the command ----------------------------------------------------------------------


def trackgen(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, TRACKGEN_NO_CACHE="1")
    return subprocess.run(
        [sys.executable, "-m", "trackgen", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def test_cli_writes_both_files_atomically_and_idempotently(tmp_path: Path) -> None:
    (tmp_path / "plan.yaml").write_text(RICH.read_text("utf-8"), "utf-8")
    (tmp_path / "trackgen.toml").write_text('plan = "plan.yaml"\n[versions]\n"Order Completed" = 2\n', "utf-8")
    first = trackgen("docs", "--out", "site", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "2 written" in first.stdout
    written = {p: (tmp_path / "site" / p).read_bytes() for p in (HTML, MARKDOWN)}
    assert b"#### Version 2 (current)" in written[MARKDOWN]  # the config's pin
    assert b"from <code>plan.yaml</code>" in written[HTML]
    again = trackgen("docs", "--out", "site", cwd=tmp_path)
    assert again.returncode == 0 and "0 written, 2 unchanged" in again.stdout
    assert {p: (tmp_path / "site" / p).read_bytes() for p in written} == written
    assert trackgen("docs", "--out", "site", "--check", cwd=tmp_path).returncode == 0
    # From elsewhere, with --config and --plan: the same bytes.
    other = tmp_path / "elsewhere"
    other.mkdir()
    third = trackgen("docs", "--config", "../trackgen.toml", "--out", "../site2", cwd=other)
    assert third.returncode == 0, third.stderr
    assert {p: (tmp_path / "site2" / p).read_bytes() for p in written} == written
    # The folder from the config ([docs] out, relative to the config): the same bytes;
    # --out wins over it.
    (tmp_path / "trackgen.toml").write_text(
        'plan = "plan.yaml"\n[versions]\n"Order Completed" = 2\n[docs]\nout = "site3"\n', "utf-8"
    )
    fourth = trackgen("docs", "--config", "../trackgen.toml", cwd=other)
    assert fourth.returncode == 0, fourth.stderr
    assert {p: (tmp_path / "site3" / p).read_bytes() for p in written} == written
    assert trackgen("docs", "--check", cwd=tmp_path).returncode == 0
    assert trackgen("docs", "--out", "site4", cwd=tmp_path).returncode == 0 and (tmp_path / "site4" / HTML).is_file()
    # Stale docs: --check says so and writes nothing.
    (tmp_path / "plan.yaml").write_text(RICH.read_text("utf-8").replace("Someone created", "A person created"), "utf-8")
    stale = trackgen("docs", "--out", "site", "--check", cwd=tmp_path)
    assert stale.returncode == 1 and "site/index.html" in stale.stdout
    assert (tmp_path / "site" / HTML).read_bytes() == written[HTML]


def test_cli_errors_and_exit_codes(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("trackgen: 1\nname: x\nevents:\n  - name: A\n    properties:\n      p: {enm: [a]}\n", "utf-8")
    result = trackgen("docs", "--plan", "bad.yaml", "--out", "out", cwd=tmp_path)
    assert result.returncode == 1
    assert (
        'bad.yaml:6:11: error[TG101]: event "A", property "p": unknown key "enm" (did you mean "enum"?)'
        in result.stderr
    )
    assert not (tmp_path / "out").exists()
    missing = trackgen("docs", "--plan", "nope.yaml", "--out", "out", cwd=tmp_path)
    assert missing.returncode == 2 and "nope.yaml:1:1: error[TG000]" in missing.stderr
    no_out = trackgen("docs", "--plan", "bad.yaml", cwd=tmp_path)
    assert no_out.returncode == 2 and "no output folder given" in no_out.stderr
    no_plan = trackgen("docs", "--out", "out", cwd=tmp_path)
    assert no_plan.returncode == 2 and "no plan given" in no_plan.stderr
    # A file trackgen did not write is left alone unless --force.
    (tmp_path / "plan.yaml").write_text(RICH.read_text("utf-8"), "utf-8")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / HTML).write_text("mine", "utf-8")
    stranger = trackgen("docs", "--plan", "plan.yaml", "--out", "out", cwd=tmp_path)
    assert stranger.returncode == 1 and "out/index.html:1:1: error[TG310]" in stranger.stderr
    assert (tmp_path / "out" / HTML).read_text("utf-8") == "mine"
    assert not (tmp_path / "out" / MARKDOWN).exists()
    forced = trackgen("docs", "--plan", "plan.yaml", "--out", "out", "--force", cwd=tmp_path)
    assert forced.returncode == 0 and (tmp_path / "out" / HTML).read_text("utf-8").startswith("<!DOCTYPE html>")
    # Not a git repository / an unknown revision: usage errors.
    not_git = trackgen("docs", "--plan", "plan.yaml", "--out", "out", "--since", "main", cwd=tmp_path)
    assert not_git.returncode == 2 and "error[TG500]" in not_git.stderr


def _git(*args: str, cwd: Path) -> None:
    env = dict(
        os.environ,
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@example.com",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@example.com",
    )
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


def test_changelog_since_a_git_revision(tmp_path: Path, browser: Any) -> None:
    _git("init", "-q", "-b", "main", cwd=tmp_path)
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "trackgen: 1\nname: Shop\nevents:\n"
        "  - name: Order Completed\n    properties:\n      order_id: {type: string, required: true}\n      coupon: {type: string}\n"
        "  - name: Cart Viewed\n",
        "utf-8",
    )
    _git("add", "plan.yaml", cwd=tmp_path)
    _git("commit", "-q", "-m", "v1", cwd=tmp_path)
    _git("tag", "v1", cwd=tmp_path)
    plan.write_text(
        "trackgen: 1\nname: Shop\nevents:\n"
        "  - name: Order Completed\n    properties:\n      order_id: {type: string, required: true}\n      total: {type: number, required: true}\n"
        "  - name: Product Viewed\n    description: new\n",
        "utf-8",
    )
    _git("commit", "-q", "-am", "v2", cwd=tmp_path)
    result = trackgen("docs", "--plan", "plan.yaml", "--out", "site", "--since", "v1", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / HTML).read_text("utf-8")
    md = (tmp_path / "site" / MARKDOWN).read_text("utf-8")
    assert '<section id="changelog">' in page and "Changes since <code>v1</code>" in page
    for words in ['property "total"', "coupon", "Cart Viewed", "Product Viewed"]:
        assert words in page or words.split('"')[1] in page, words
    assert "breaking for callers" in page and "safe" in page
    assert '<a href="#event-order-completed--v1">event &#34;Order Completed&#34;</a>' in page
    assert "## Changelog" in md and "Changes since `v1`" in md and "](#event-product-viewed--v1)" in md
    # The changelog matches trackgen diff --base, change for change.
    diff = trackgen("diff", "--base", "v1", "plan.yaml", "--format", "json", cwd=tmp_path)
    assert diff.returncode == 0, diff.stderr
    import json

    changes = json.loads(diff.stdout)["changes"]
    rows = re.findall(r'<tr class="(breaking-for-callers|breaking-for-consumers|safe)">', page)
    assert rows == [c["impact"] for c in changes] and rows
    opened = open_page(browser, tmp_path / "site" / HTML)
    try:
        assert opened.problems == []
        assert opened.page.locator("#changelog tbody tr").count() == len(changes)
    finally:
        opened.page.context.close()
    # A plan that was not in the revision: every call is added.
    _git("rm", "-q", "--cached", "plan.yaml", cwd=tmp_path)
    _git("commit", "-q", "-m", "untrack", cwd=tmp_path)
    added = trackgen("docs", "--plan", "plan.yaml", "--out", "site", "--since", "HEAD", cwd=tmp_path)
    assert added.returncode == 0 and "every call in it counts as added" in added.stderr
    bad_rev = trackgen("docs", "--plan", "plan.yaml", "--out", "site", "--since", "no-such-ref", cwd=tmp_path)
    assert bad_rev.returncode == 2 and 'unknown revision "no-such-ref"' in bad_rev.stderr


def test_imported_plans_keep_their_labels() -> None:
    """Segment exports carry labels; the importer puts them in metadata.labels."""
    plan = next(p for p in CORPUS_PLANS if p.name == "typewriter-e2e.config-api.json")
    assert "area: account" in files_of(plan)[HTML]


def test_document_is_pure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """document() reads and writes nothing: it runs in an empty folder with the plan text."""
    monkeypatch.chdir(tmp_path)
    loaded = read_plan_text(RICH.read_text("utf-8"), "rich.yaml")
    files = document(loaded.model, loaded.plan)
    assert [f.path for f in files] == [HTML, MARKDOWN] and {f.target for f in files} == {"docs"}
    assert list(tmp_path.iterdir()) == []
    assert isinstance(loaded.model, m.Plan)
