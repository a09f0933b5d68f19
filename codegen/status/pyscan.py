"""Find the uses of the generated Python functions, and raw SDK calls, in one
module's source, with ``ast``. Pure: source text in, a ``FileScan`` out.

Imports are resolved per scope: ``from pkg import f as g``, ``import pkg as a``
(``a.f``), ``from pkg.events import calls`` (``calls.f``), ``from pkg import *``,
and imports inside functions; and, given ``PythonTarget.reexports``, imports from
modules of the codebase that import a generated function themselves (``from
app.tracking import sent``). A parameter or an assignment of the same name in a
function shadows an import of the enclosing scopes. A reference that is not a call
(``handler = f``, ``run(f)``) counts as a use: the function is passed along.

What each scope binds is ``pybindings``' job; this module walks the scopes, looks each
name up from the innermost scope out, and records the uses and the raw SDK calls.
"""

from __future__ import annotations

import ast
import re

from ..diagnostics import Diagnostic, Location, Severity
from .model import RAW_METHODS, FileScan, PythonTarget, RawCall, Use
from .pybindings import _OTHER, _SCOPES, _Binding, _Bindings

UNPARSABLE = "TG710"
_LINES = re.compile(r"\r\n|\r|\n")  # as ``ast`` counts lines (not str.splitlines)


def _constant_truth(node: ast.expr) -> bool | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, (bool, int, type(None))):
        return bool(node.value)
    return None


_TERMINATORS = (ast.Return, ast.Raise, ast.Continue, ast.Break)


class _Scanner(ast.NodeVisitor):
    def __init__(self, lines: list[str], path: str, target: PythonTarget) -> None:
        self.lines = lines
        self.path = path
        self.target = target
        self.scopes: list[tuple[ast.AST, dict[str, _Binding]]] = []
        self.dead = False
        self.uses: list[Use] = []
        self.raw: list[RawCall] = []

    # -- where ------------------------------------------------------------------------

    def where(self, node: ast.expr) -> Location:
        """1-based line and column in code points (``ast`` counts UTF-8 bytes)."""
        line = self.lines[node.lineno - 1] if node.lineno - 1 < len(self.lines) else ""
        column = len(line.encode("utf-8")[: node.col_offset].decode("utf-8", "replace")) + 1
        return Location(self.path, node.lineno, column)

    # -- scopes -----------------------------------------------------------------------

    def lookup(self, name: str) -> _Binding:
        innermost = len(self.scopes) - 1
        for i in range(innermost, -1, -1):
            scope, names = self.scopes[i]
            if isinstance(scope, ast.ClassDef) and i != innermost:
                continue  # a class body does not enclose its methods
            if name in names:
                return names[name]
        return _OTHER

    def in_scope(self, scope: ast.AST) -> None:
        # Decorators, defaults and base classes belong to the enclosing scope.
        if isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            for d in scope.decorator_list:
                self.visit(d)
        if isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            self.visit_arguments_defaults(scope.args)
        elif isinstance(scope, ast.ClassDef):
            for b in (*scope.bases, *scope.keywords):
                self.visit(b)
        self.scopes.append((scope, _Bindings(self.target).of(scope)))
        dead = self.dead
        if isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Module)):
            self.body(scope.body)
        elif isinstance(scope, ast.Lambda):
            self.visit(scope.body)
        else:  # a comprehension
            super().generic_visit(scope)
        self.dead = dead
        self.scopes.pop()

    def visit_arguments_defaults(self, args: ast.arguments) -> None:
        for d in (*args.defaults, *args.kw_defaults):
            if d is not None:
                self.visit(d)

    def body(self, statements: list[ast.stmt]) -> None:
        dead = self.dead
        for statement in statements:
            self.visit(statement)
            if isinstance(statement, _TERMINATORS):
                self.dead = True
        self.dead = dead

    def generic_visit(self, node: ast.AST) -> None:
        if isinstance(node, _SCOPES):
            self.in_scope(node)
            return
        super().generic_visit(node)

    visit_FunctionDef = visit_AsyncFunctionDef = visit_ClassDef = visit_Lambda = generic_visit
    visit_ListComp = visit_SetComp = visit_DictComp = visit_GeneratorExp = generic_visit

    def visit_If(self, node: ast.If) -> None:
        self.branches(node.test, node.body, node.orelse)

    def visit_While(self, node: ast.While) -> None:
        self.branches(node.test, node.body, node.orelse)

    def branches(self, test: ast.expr, body: list[ast.stmt], orelse: list[ast.stmt]) -> None:
        self.visit(test)
        truth = _constant_truth(test)
        dead = self.dead
        self.dead = dead or truth is False
        self.body(body)
        self.dead = dead or truth is True
        self.body(orelse)
        self.dead = dead

    def visit_Try(self, node: ast.Try | ast.TryStar) -> None:
        self.body(node.body)
        for handler in node.handlers:
            if handler.type is not None:
                self.visit(handler.type)
            self.body(handler.body)
        self.body(node.orelse)
        self.body(node.finalbody)

    visit_TryStar = visit_Try

    def visit_For(self, node: ast.For | ast.AsyncFor) -> None:
        self.visit(node.target)
        self.visit(node.iter)
        self.body(node.body)
        self.body(node.orelse)

    visit_AsyncFor = visit_For

    def visit_With(self, node: ast.With | ast.AsyncWith) -> None:
        for item in node.items:
            self.visit(item)
        self.body(node.body)

    visit_AsyncWith = visit_With

    def visit_Import(self, node: ast.Import) -> None:
        pass

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        pass

    # -- uses -------------------------------------------------------------------------

    def generated(self, node: ast.expr) -> str | None:
        """The generated function ``node`` names: ``f``, ``a.f``, ``a.events.calls.f``."""
        if isinstance(node, ast.Name):
            b = self.lookup(node.id)
            return b.name if b.kind == "function" else None
        if isinstance(node, ast.Attribute):
            root = node.value
            while isinstance(root, ast.Attribute):
                root = root.value
            if isinstance(root, ast.Name):
                b = self.lookup(root.id)
                if b.kind == "module" and node.attr in self.target.functions:
                    return node.attr
                return b.function(node.attr)
        return None

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        function = self.generated(func)
        if function is not None:
            self.uses.append(Use(function, "call", self.where(func), self.dead))
        elif isinstance(func, ast.Attribute) and func.attr in RAW_METHODS and self.is_sdk(func.value, func.attr):
            self.raw.append(
                RawCall(func.attr, _raw_name(func.attr, node), ast.unparse(func.value), self.where(func), self.dead)
            )
            self.visit(func.value)
        else:
            self.visit(func)
        for arg in (*node.args, *node.keywords):
            self.visit(arg)

    def visit_Name(self, node: ast.Name) -> None:
        if isinstance(node.ctx, ast.Load):
            function = self.generated(node)
            if function is not None:
                self.uses.append(Use(function, "reference", self.where(node), self.dead))

    def visit_Attribute(self, node: ast.Attribute) -> None:
        function = self.generated(node) if isinstance(node.ctx, ast.Load) else None
        if function is not None:
            self.uses.append(Use(function, "reference", self.where(node), self.dead))
        else:
            self.visit(node.value)

    def is_sdk(self, receiver: ast.expr, method: str) -> bool:
        """Whether ``receiver.method(...)`` is an SDK call: the receiver is an SDK
        module, or a name like ``analytics`` that is not the generated package (which
        has ``identify`` and ``group`` but no ``track``, ``page`` or ``screen``)."""
        root = receiver
        while isinstance(root, ast.Attribute):
            root = root.value
        if isinstance(root, ast.Name):
            kind = self.lookup(root.id).kind
            if kind == "sdk":
                return True
            if kind == "module":
                return root is receiver and method in ("track", "page", "screen")
        terminal = receiver.attr if isinstance(receiver, ast.Attribute) else getattr(receiver, "id", "")
        return "analytics" in terminal.lower() or "rudder" in terminal.lower()


def _string(node: ast.expr | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _raw_name(method: str, call: ast.Call) -> str | None:
    """The event (page, screen) name of a raw call, when it is a string literal.

    analytics-python: ``track(user_id, event, properties)`` or ``track(event=...)``;
    ``page``/``screen(user_id, category, name, properties)`` or ``name=``. A call in
    the JavaScript style, ``track("Event", {...})``, names the event first.
    """
    if method in ("identify", "group"):
        return None
    keyword = "event" if method == "track" else "name"
    for kw in call.keywords:
        if kw.arg == keyword:
            return _string(kw.value)
    args = call.args
    if method != "track" and len(args) >= 3:
        return _string(args[2])
    if len(args) >= 2:
        second = _string(args[1])
        if second is not None:
            return second
        return _string(args[0]) if isinstance(args[1], ast.Dict) else None
    return _string(args[0]) if args else None


def module_name(path: str) -> str:
    """The dotted name of the module at ``path`` (``app/tracking/__init__.py``: ``app.tracking``)."""
    parts = path.removesuffix(".py").split("/")
    if parts[-1] == "__init__" and len(parts) > 1:
        parts = parts[:-1]
    return ".".join(parts)


def top_level_functions(text: str, path: str, target: PythonTarget) -> tuple[tuple[str, str], ...]:
    """The generated functions a module binds at its top level (imported under any
    name), which other modules can import from it: name and function, sorted."""
    try:
        names = _Bindings(target).of(ast.parse(text, filename=path))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return ()  # scan_python reports it
    return tuple(sorted((n, b.name) for n, b in names.items() if b.kind == "function"))


def scan_python(text: str, path: str, target: PythonTarget) -> FileScan:
    """The uses of ``target``'s functions and the raw SDK calls in one module."""
    try:
        tree = ast.parse(text, filename=path)
    except SyntaxError as exc:
        where = Location(path, exc.lineno or 1, exc.offset or 1)
        message = f"syntax error: {exc.msg}; the file is not scanned"
        return FileScan(path, "python", problems=(Diagnostic(UNPARSABLE, Severity.WARNING, message, where),))
    except (ValueError, RecursionError, MemoryError) as exc:  # NUL bytes, absurd nesting
        message = f"cannot parse: {exc}; the file is not scanned"
        return FileScan(path, "python", problems=(Diagnostic(UNPARSABLE, Severity.WARNING, message, Location(path, 1, 1)),))
    scanner = _Scanner(_LINES.split(text), path, target)
    try:
        scanner.in_scope(tree)
    except RecursionError:
        message = "nested too deeply to scan; the file is not scanned"
        return FileScan(path, "python", problems=(Diagnostic(UNPARSABLE, Severity.WARNING, message, Location(path, 1, 1)),))
    return FileScan(path, "python", tuple(scanner.uses), tuple(scanner.raw))
