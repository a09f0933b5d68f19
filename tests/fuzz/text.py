"""Hostile text: the pieces plan names, descriptions and values are made of.

Quotes and triple quotes, comment and template delimiters, every kind of line break,
NUL, BOM, bidirectional marks, lone surrogates, letters that change length or meaning
under case folding and NFKC, the keywords and builtins of Python and TypeScript, the
names the generated code itself uses, and payloads that would run code (they create
``MARKER`` or set ``PWNED_FLAG`` in builtins) if any of it were pasted into code
unescaped.
"""

from __future__ import annotations

import builtins
import keyword
import tempfile
from pathlib import Path

from hypothesis import strategies as st

#: A file that exists only if code from a plan ran (payloads below create it). Short,
#: so that payloads look like names; the same in every run, so that derandomized runs
#: draw the very same plans; in the temporary folder itself, so that it can be created.
MARKER = Path(tempfile.gettempdir()) / "tgf-pwned"
#: Set in builtins by the Python payloads that do not touch the file system.
PWNED_FLAG = "TRACKGEN_FUZZ_PWNED"

_M = MARKER.as_posix()

PAYLOADS = (
    f"__import__('os').system('touch {_M}')",
    f"__import__('builtins').__dict__.setdefault('{PWNED_FLAG}', 1)",
    f'"""; __import__("os").system("touch {_M}"); """',
    f"'''; __import__('os').system('touch {_M}'); '''",
    f'"); open("{_M}", "w"); ("',
    f"'); open('{_M}', 'w'); ('",
    f'\\"); open("{_M}", "w")  #',
    f"\n__import__('os').system('touch {_M}')\n",
    f"x\n    __import__('os').system('touch {_M}')\n",
    f"\u2028__import__('builtins').__dict__.setdefault('{PWNED_FLAG}', 1)\u2028",
    f"*/ require('fs').writeFileSync('{_M}', '') /*",
    f"${{require('fs').writeFileSync('{_M}', '')}}",
    f"`; require('fs').writeFileSync('{_M}', ''); `",
    f'"; require("fs").writeFileSync("{_M}", ""); "',
    f"</script><script>require('fs').writeFileSync('{_M}', '')</script>",
    f"{{{{ cycler.__init__.__globals__.os.system('touch {_M}') }}}}",
    f"{{% for x in [1] %}}{{{{ lipsum.__globals__.os.popen('touch {_M}').read() }}}}{{% endfor %}}",
    f"{{{{ ''.__class__.__mro__[1].__subclasses__() }}}}{{{{ self.__init__.__globals__ }}}}",
    f"#{{`touch {_M}`}} $(touch {_M}) `touch {_M}`",
)

#: Pieces that break out of literals, comments, docstrings and templates.
BREAKERS = (
    '"', "'", '"""', "'''", "\\", '\\"', "\\'", "\\\\", "\\n", "\\u2028", "\\x00", "*/", "/*", "/**", "//",
    "#", " #", "# type: ignore", "${", "${x}", "}", "{", "{{", "}}", "{{ x }}", "{% raw %}", "{% endraw %}",
    "{#", "#}", "`", "</script>", "<!--", "-->", "%s", "%(name)s", "{0}", "{}", ": ", "- ", "? ", "&a", "*a",
    "!tag", "!!python/object", "|", ">", "@", "---", "...", "<<", "~", "\u00a0", " ", "  ", "\t",
)

#: Characters that are line breaks somewhere (YAML 1.1, JavaScript, Python's splitlines).
BREAKS = ("\n", "\r", "\r\n", "\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e")

#: Control, format and special characters.
CONTROLS = (
    "\0", "\x01", "\x07", "\x08", "\x1b[31m", "\x7f", "\x9b", "\ufeff", "\u200b", "\u200c", "\u200d", "\u200e",
    "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u061c",
    "\u00ad", "\ufffd", "\uffff", "\ufffe", "\U0010ffff", "\U000e0041",
)

#: Lone surrogates: only JSON can carry them (as escapes); YAML and UTF-8 cannot.
SURROGATES = ("\ud800", "\udfff", "\udc00", "\ud83c", "\udf89", "\ud800\ud800")

#: Letters that change under case conversion, accent folding or NFKC.
LETTERS = (
    "é", "É", "ß", "ẞ", "İ", "ı", "ǅ", "ǈ", "ǋ", "ﬁ", "ﬀ", "Ⅻ", "ⅻ", "١٢٣", "٣", "𝔘𝔫𝔦", "𝟘", "ᾩ", "Σ", "ς",
    "ſ", "K", "Å", "Ω", "µ", "ŉ", "ǰ", "ﾀ", "㌀", "①", "²", "½", "ⓐ", "🎉", "👩‍👩‍👧", "🇫🇷", "日本語", "עברית",
    "مرحبا", "Ελληνικά", "кириллица", "e\u0301", "a\u0308", "\u0345", "ㅤ", "\u3000", "·", "℘", "℮", "゛",
)

#: Keywords and builtins of Python and TypeScript, and what JavaScript objects inherit.
PY_WORDS = tuple(keyword.kwlist) + tuple(keyword.softkwlist) + (
    "str", "int", "float", "bool", "list", "dict", "set", "type", "object", "id", "len", "print", "input",
    "open", "exec", "eval", "compile", "globals", "locals", "vars", "super", "self", "cls", "__import__",
    "__builtins__", "__name__", "__file__", "__class__", "__dict__", "__init__", "__all__", "__getattr__",
    "__dir__", "__path__", "__spec__", "__loader__", "__annotations__", "NotImplemented", "Ellipsis",
    "typing", "datetime", "dataclasses", "annotations",
)
TS_WORDS = (
    "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else", "enum",
    "export", "extends", "false", "finally", "for", "function", "if", "import", "in", "instanceof", "new", "null",
    "return", "super", "switch", "this", "throw", "true", "try", "typeof", "var", "void", "while", "with", "as",
    "implements", "interface", "let", "package", "private", "protected", "public", "static", "yield", "any",
    "boolean", "number", "string", "symbol", "bigint", "type", "from", "of", "declare", "namespace", "module",
    "require", "unique", "keyof", "readonly", "infer", "never", "unknown", "object", "undefined", "NaN",
    "Infinity", "arguments", "eval", "await", "async", "get", "set", "satisfies", "accessor", "asserts", "is",
    "constructor", "__proto__", "prototype", "toString", "valueOf", "hasOwnProperty", "isPrototypeOf",
    "propertyIsEnumerable", "toLocaleString", "__defineGetter__", "__defineSetter__", "__lookupGetter__",
    "__lookupSetter__", "Object", "Array", "String", "Number", "Boolean", "Symbol", "Function", "Promise",
    "Record", "Partial", "Required", "Readonly", "Pick", "Omit", "Error", "JSON", "Math", "Date", "RegExp",
    "Map", "Set", "globalThis", "window", "document", "console", "process", "exports", "then", "length", "name",
)
#: Names the generated code and its templates use themselves.
OWN_WORDS = (
    "configure", "using", "track", "identify", "group", "page", "screen", "alias", "client", "context",
    "user_id", "userId", "anonymous_id", "anonymousId", "timestamp", "integrations", "properties", "traits",
    "event", "category", "version", "options", "rules", "rule", "OMIT", "Omit", "_rt", "_t", "_dt", "_d",
    "runtime", "defs", "events", "index", "extra", "extra_properties", "extraProperties", "group_id", "groupId",
    "previous_id", "_MODULE_OF", "_importlib", "RecordingClient", "RecordedCall", "ValidationError",
    "Violation", "ViolationHandler", "VALIDATION", "EmptyObject", "JsonValue", "AnalyticsClient", "Rule",
    "deprecated", "py.typed", "__pycache__", "payload", "values", "_RULES_track_a", "_VALUES", "A_VALUES",
    "x_1", "X1", "property", "Type", "_2", "2", "_", "__", "analytics", "segment",
)
WORDS = PY_WORDS + TS_WORDS + OWN_WORDS + tuple(sorted(set(dir(builtins)) - set(PY_WORDS)))[:40]

#: Words of ordinary names, so that names also look like real ones and collide.
PLAIN_WORDS = ("Order", "Completed", "order", "completed", "User", "Signed", "Up", "id", "ID", "url", "URL", "a", "A", "b")

_atom = st.one_of(
    st.sampled_from(BREAKERS),
    st.sampled_from(BREAKS),
    st.sampled_from(CONTROLS),
    st.sampled_from(LETTERS),
    st.sampled_from(WORDS),
    st.sampled_from(PLAIN_WORDS),
    st.text(max_size=4),
    st.sampled_from(PAYLOADS),
)


def hostile_text(max_atoms: int = 5, surrogates: bool = False) -> st.SearchStrategy[str]:
    """A string of hostile pieces (lone surrogates only when ``surrogates``)."""
    atom = st.one_of(_atom, st.sampled_from(SURROGATES)) if surrogates else _atom
    return st.lists(atom, max_size=max_atoms).map("".join)


def case_variants(name: str) -> list[str]:
    words = name.replace("_", " ").replace("-", " ").split()
    if not words:
        return [name]
    return [
        " ".join(w.capitalize() for w in words),
        "_".join(w.lower() for w in words),
        "-".join(w.lower() for w in words),
        words[0].lower() + "".join(w.capitalize() for w in words[1:]),
        "".join(w.capitalize() for w in words),
        " ".join(w.upper() for w in words),
        "  " + " ".join(words) + " ",
        "_".join(w.lower() for w in words) + "_2",
        " ".join(words) + " 2",
        "__".join(words),
        ".".join(words),
        "é".join(words),
    ]


def name_pool() -> st.SearchStrategy[list[str]]:
    """A few base names that the names of one plan are drawn from (so they collide)."""
    return st.lists(
        st.one_of(
            st.sampled_from(["Order Completed", "User Signed Up", "a b", "ID", "class", "constructor", "__proto__"]),
            st.sampled_from(WORDS),
            hostile_text(4),
        ),
        min_size=1,
        max_size=4,
    )
