"""Plan trees as text: JSON (its escapes, duplicate keys) and YAML written by hand, so
that every scalar style, anchors and aliases, merge keys, duplicate keys, comments,
explicit keys, document markers, BOMs and CRLF line ends appear, while the meaning
of the text stays exactly the tree's.
"""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from typing import Any

from .plans import Merge, Pairs, Raw

_SURROGATE = re.compile("[\ud800-\udfff]")


# --- JSON --------------------------------------------------------------------------------------


def to_json(tree: Any, rnd: random.Random) -> str:
    indent = rnd.choice([None, None, 0, 1, 2, "\t"])
    separators = rnd.choice([(",", ":"), (", ", ": "), (" ,", " : ")])

    def string(s: str) -> str:
        ascii_only = rnd.random() < 0.5 or bool(_SURROGATE.search(s))
        out = json.dumps(s, ensure_ascii=ascii_only)
        if rnd.random() < 0.1:
            out = out.replace("/", "\\/")
        return out

    def node(value: Any, level: int) -> str:
        if isinstance(value, Raw):
            return value.json
        if isinstance(value, Merge):
            merged: dict[str, Any] = dict(value.own)
            for base in value.bases:
                for k, v in base.items():
                    merged.setdefault(k, v)
            value = merged
        if isinstance(value, (dict, Pairs)):
            pairs = list(value.items()) if isinstance(value, dict) else value.pairs
            items = [string(k) + separators[1] + node(v, level + 1) for k, v in pairs]
            return _wrap("{", "}", items, indent, level, separators[0])
        if isinstance(value, list):
            return _wrap("[", "]", [node(v, level + 1) for v in value], indent, level, separators[0])
        if isinstance(value, str):
            return string(value)
        return json.dumps(value)

    return node(tree, 0) + rnd.choice(["", "\n", " \n\n"])


def _wrap(open_: str, close: str, items: list[str], indent: int | str | None, level: int, comma: str) -> str:
    if not items:
        return open_ + close
    if indent is None:
        return open_ + comma.join(items) + close
    pad = indent if isinstance(indent, str) else " " * indent
    inner = ",\n".join(pad * (level + 1) + item for item in items)
    return f"{open_}\n{inner}\n{pad * level}{close}"


# --- YAML ----------------------------------------------------------------------------------------

_PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_ .-]*\Z")
_CORE_WORDS = {"null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE", "~"}
_NAMED_ESCAPES = {
    "\0": "\\0", "\x07": "\\a", "\x08": "\\b", "\t": "\\t", "\n": "\\n", "\x0b": "\\v", "\x0c": "\\f",
    "\r": "\\r", "\x1b": "\\e", '"': '\\"', "\\": "\\\\", "\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P",
}
_BREAKS = set("\n\r\x85\u2028\u2029")
#: The key of a merge (``<<``) in ``_Yaml.pairs``.
_MERGE = object()


def _printable(c: str) -> bool:
    """YAML's c-printable, less the line breaks (which quoted scalars fold)."""
    o = ord(c)
    return (
        c == "\t" or 0x20 <= o <= 0x7E or 0xA0 <= o <= 0xD7FF or 0xE000 <= o <= 0xFFFD or 0x10000 <= o <= 0x10FFFF
    ) and c != "\ufeff" and c not in _BREAKS


class _Yaml:
    def __init__(self, tree: Any, rnd: random.Random) -> None:
        self.rnd = rnd
        self.step = rnd.choice([2, 2, 3, 4])
        self.flow_bias = rnd.choice([0.0, 0.2, 0.6, 1.0])
        self.counts: Counter[int] = Counter()
        self._count(tree)
        self.anchors: dict[int, str] = {}
        self.scalar_anchors: dict[tuple[type, str], str] = {}
        self.comments = rnd.random() < 0.3

    def _count(self, node: Any) -> None:
        if isinstance(node, (dict, list, Pairs, Merge)):
            self.counts[id(node)] += 1
            if self.counts[id(node)] > 1:
                return
            if isinstance(node, dict):
                children: Any = node.values()
            elif isinstance(node, Pairs):
                children = [v for _, v in node.pairs]
            elif isinstance(node, Merge):
                children = [*node.bases, *node.own.values()]
            else:
                children = node
            for child in children:
                self._count(child)

    # -- scalars

    def scalar(self, value: Any, key: bool = False, flow: bool = False) -> str:
        if isinstance(value, Raw):
            return value.yaml
        if value is None:
            return self.rnd.choice(["null", "~", "Null", "NULL"])
        if value is True or value is False:
            word = "true" if value else "false"
            return self.rnd.choice([word, word.capitalize(), word.upper()])
        if isinstance(value, int):
            if value > 0 and self.rnd.random() < 0.1:
                return self.rnd.choice([hex(value), "0o%o" % value])
            return str(value)
        if isinstance(value, float):
            text = repr(value)
            return text if "e" in text or "." in text else text + ".0"
        assert isinstance(value, str), value
        return self.string(value, key, flow)

    def string(self, s: str, key: bool, flow: bool) -> str:
        styles = ["double"]
        if s and _PLAIN.match(s) and not s.endswith(" ") and s not in _CORE_WORDS and " #" not in s:
            styles += ["plain", "plain"]
        if all(_printable(c) for c in s):
            styles.append("single")
        style = self.rnd.choice(styles)
        if style == "plain":
            return s
        if style == "single":
            return "'" + s.replace("'", "''") + "'"
        ascii_only = self.rnd.random() < 0.3
        out = []
        for c in s:
            o = ord(c)
            if c in _NAMED_ESCAPES:
                out.append(_NAMED_ESCAPES[c])
            elif 0xD800 <= o <= 0xDFFF:
                out.append(f"\\u{o:04x}")
            elif _printable(c) and not (ascii_only and o > 0x7E):
                out.append(c)
            elif o < 0x100:
                out.append(f"\\x{o:02x}")
            elif o < 0x10000:
                out.append(f"\\u{o:04x}")
            else:
                out.append(f"\\U{o:08x}")
        return '"' + "".join(out) + '"'

    def literal(self, s: str) -> bool:
        """Whether ``s`` can be written as a literal block scalar (``|``)."""
        if "\n" not in s or not s.strip("\n") or any(c in _BREAKS - {"\n"} or not (_printable(c) or c == "\n") for c in s):
            return False
        return all(not line or not line[0].isspace() for line in s.split("\n"))

    # -- nodes

    def anchor(self, node: Any) -> tuple[str, str | None]:
        """("&aN " or "", alias text if the node was written before)."""
        if self.counts[id(node)] < 2:
            return "", None
        if id(node) in self.anchors:
            return "", "*" + self.anchors[id(node)]
        name = f"a{len(self.anchors) + 1}"
        self.anchors[id(node)] = name
        return f"&{name} ", None

    def scalar_with_anchor(self, value: Any, key: bool = False, flow: bool = False) -> str:
        if key or isinstance(value, Raw) or self.rnd.random() > 0.1:
            return self.scalar(value, key, flow)
        ident = (type(value), repr(value))
        if ident in self.scalar_anchors:
            return "*" + self.scalar_anchors[ident] + " "  # a space: "*a:" would be an alias named "a:"
        name = f"s{len(self.scalar_anchors) + 1}"
        self.scalar_anchors[ident] = name
        return f"&{name} " + self.scalar(value, key, flow)

    def pairs(self, node: Any) -> list[tuple[str, Any]]:
        if isinstance(node, dict):
            return list(node.items())
        if isinstance(node, Pairs):
            return node.pairs
        assert isinstance(node, Merge)
        return [(_MERGE, node.bases[0] if len(node.bases) == 1 else list(node.bases)), *node.own.items()]

    def key(self, k: Any, flow: bool) -> str:
        if k is _MERGE:
            return "<<"  # a plain <<: the merge key (a "<<" of the data is quoted)
        if k == "<<":
            return self.rnd.choice(['"<<"', "'<<'"])
        text = self.scalar(k, key=True, flow=flow)
        if len(text) > 1000:  # implicit keys are at most 1,024 characters
            return "? " + text + (" " if flow else "\n")
        return text

    def flow(self, node: Any) -> str:
        if not isinstance(node, (dict, list, Pairs, Merge)):
            return self.scalar_with_anchor(node, flow=True)
        prefix, alias = self.anchor(node)
        if alias is not None:
            return alias + " "
        if isinstance(node, list):
            return prefix + "[" + ", ".join(self.flow(v) for v in node) + "]"
        items = []
        for k, v in self.pairs(node):
            key = self.key(k, flow=True)
            items.append(f"{key}: {self.flow(v)}")
        return prefix + "{" + ", ".join(items) + "}"

    def comment(self) -> str:
        if not self.comments or self.rnd.random() < 0.7:
            return ""
        return "  # " + self.rnd.choice(["a comment", "key: value", '"""', "*/", "{{ x }}", "#", "- item", "&a *a"])

    def after_key(self, value: Any, indent: int) -> list[str]:
        """The text after ``key:``: on the same line, or the lines of a block below."""
        if isinstance(value, str) and not isinstance(value, Raw) and self.literal(value) and self.rnd.random() < 0.5:
            chomp = "+" if value.endswith("\n\n") else "" if value.endswith("\n") else "-"
            body = value[:-1] if chomp == "" else value
            if chomp == "+":
                body = value[:-1]
            pad = " " * (indent + self.step)
            lines = [pad + line if line else "" for line in body.split("\n")]
            return [" |" + chomp, *lines]
        if not isinstance(value, (dict, list, Pairs, Merge)):
            return [" " + self.scalar_with_anchor(value) + self.comment()]
        empty = not (value if isinstance(value, (dict, list)) else self.pairs(value))
        if empty or self.rnd.random() < self.flow_bias or (id(value) in self.anchors):
            return [" " + self.flow(value)]
        prefix, _ = self.anchor(value)
        head = [" " + prefix.strip()] if prefix else [""]
        if isinstance(value, list):
            below = indent + (self.step if self.rnd.random() < 0.7 else 0)
            return head + self.block_seq(value, below)
        return head + self.block_map(value, indent + self.step)

    def block_map(self, node: Any, indent: int) -> list[str]:
        pad = " " * indent
        lines: list[str] = []
        for k, v in self.pairs(node):
            key = self.key(k, flow=False)
            if key.startswith("? "):
                first, *rest = self.after_key(v, indent)
                lines.append(pad + key.rstrip("\n"))
                lines.append(pad + ":" + first)
                lines += rest
                continue
            first, *rest = self.after_key(v, indent)
            lines.append(pad + key + ":" + first)
            lines += rest
        return lines

    def block_seq(self, node: list[Any], indent: int) -> list[str]:
        pad = " " * indent
        lines: list[str] = []
        for item in node:
            if isinstance(item, (dict, Pairs, Merge)) and self.pairs(item) and id(item) not in self.anchors and self.rnd.random() >= self.flow_bias:
                prefix, _ = self.anchor(item)
                if prefix:
                    lines.append(pad + "- " + prefix.strip())
                    lines += self.block_map(item, indent + 2)
                else:
                    inner = self.block_map(item, indent + 2)
                    inner[0] = pad + "- " + inner[0][indent + 2 :]
                    lines += inner
            elif isinstance(item, list) and item and id(item) not in self.anchors and self.rnd.random() >= self.flow_bias:
                prefix, _ = self.anchor(item)
                lines.append(pad + "-" + (" " + prefix.strip() if prefix else ""))
                lines += self.block_seq(item, indent + 2)
            else:
                first, *rest = self.after_key(item, indent)
                lines.append(pad + "-" + first)
                lines += rest
        return lines

    def document(self, tree: Any) -> str:
        if isinstance(tree, (dict, Pairs, Merge)) and self.pairs(tree) and self.rnd.random() > self.flow_bias / 2:
            prefix, _ = self.anchor(tree)
            body = ([prefix.strip()] if prefix else []) + self.block_map(tree, 0)
        elif isinstance(tree, list) and tree and self.rnd.random() > self.flow_bias / 2:
            body = self.block_seq(tree, 0)
        else:
            body = [self.flow(tree) if isinstance(tree, (dict, list, Pairs, Merge)) else self.scalar(tree)]
        start = self.rnd.choice(["", "", "---\n", "%YAML 1.2\n---\n", "# a plan\n", "--- "])
        if start == "--- " and body and (body[0].startswith(("-", "?")) or ":" in body[0]):
            start = "---\n"
        end = self.rnd.choice(["\n", "\n", "", "\n...\n", "\n\n# end\n"])
        return start + "\n".join(body) + end


def to_yaml(tree: Any, rnd: random.Random) -> str:
    return _Yaml(tree, rnd).document(tree)


# --- both, and the bytes of the file ----------------------------------------------------------


def file_bytes(text: str, rnd: random.Random) -> bytes:
    """The text as a file: UTF-8, sometimes with a BOM, sometimes with CRLF line ends."""
    if rnd.random() < 0.15:
        text = text.replace("\n", "\r\n")
    data = text.encode("utf-8", "surrogatepass")
    if rnd.random() < 0.15:
        data = b"\xef\xbb\xbf" + data
    return data


def corrupt(data: bytes, rnd: random.Random) -> bytes:
    """A text-level accident: truncation, a stray byte or line, a tab, a second document."""
    op = rnd.randrange(9)
    at = rnd.randrange(len(data) + 1)
    if op == 0:
        return data[:at]
    if op == 1:
        return data[:at] + rnd.choice([b"\xff", b"\xed\xa0\x80", b"\xc3", b"\0", b"\t", b"\x85", b"\xe2\x80\xa8"]) + data[at:]
    if op == 2:
        return data[:at] + data[at + rnd.randrange(1, 20) :]
    if op == 3:
        lines = data.split(b"\n")
        i = rnd.randrange(len(lines))
        lines.insert(i, lines[i])
        return b"\n".join(lines)
    if op == 4:
        return data.replace(b"  ", b"\t", 1)
    if op == 5:
        return data + rnd.choice([b"\n---\nname: again\n", b"\n...\n---\n", b"\n}", b"]", b"\n- x", b"\nname: dup\n"])
    if op == 6:
        return rnd.choice([b"%YAML 1.1\n---\n", b"%TAG ! tag:x,2000:\n---\n", b"\xef\xbb\xbf\xef\xbb\xbf", b"\0"]) + data
    if op == 7:
        return data[:at] + rnd.choice([b"&x ", b"*x ", b"<<: *x\n", b"!!python/object:os.system ", b"? ", b"{{ 7*7 }}", b"'", b'"']) + data[at:]
    return data.replace(b":", b"", 1)
