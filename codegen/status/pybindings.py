"""What the names of one Python scope are bound to: a generated function, the generated
package (or one of its modules), a module of the codebase that re-exports generated
functions (``PythonTarget.reexports``), an analytics SDK, or something else.

One scope at a time, not descending into the scopes it holds: ``pyscan`` looks a name
up from the innermost scope out, so that a parameter or an assignment in a function
shadows an import of the enclosing scopes. Pure, with ``ast``.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Literal

from .model import PythonTarget

#: Modules of the analytics SDKs (Segment's analytics-python, old and new; RudderStack).
SDK_MODULES = frozenset({"segment.analytics", "analytics", "rudderstack.analytics", "rudder_analytics"})

BindingKind = Literal["function", "module", "reexport", "sdk", "other"]


@dataclass(frozen=True, slots=True)
class _Binding:
    kind: BindingKind
    name: str = ""
    """The generated function's identifier (kind ``function``)."""
    names: tuple[tuple[str, str], ...] = ()
    """What a module of the codebase re-exports (kind ``reexport``): name, function."""

    def function(self, attribute: str) -> str | None:
        """The generated function ``module.attribute`` is, for a module binding."""
        if self.kind == "reexport":
            return dict(self.names).get(attribute)
        return None


_OTHER = _Binding("other")
_SCOPES = (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef,
           ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)  # fmt: skip


def is_generated_module(module: str, package: str) -> bool:
    """``package`` ("analytics", "app.analytics") as whole components of ``module``."""
    wanted = package.split(".")
    parts = module.split(".")
    return any(parts[i : i + len(wanted)] == wanted for i in range(len(parts) - len(wanted) + 1))


def _module_binding(module: str, target: PythonTarget) -> _Binding:
    if module in SDK_MODULES and module != target.package:
        return _Binding("sdk")
    if is_generated_module(module, target.package):
        return _Binding("module")
    names = target.reexporting(module) if target.reexports else None
    if names is not None:
        return _Binding("reexport", names=names)
    return _OTHER


class _Bindings(ast.NodeVisitor):
    """The names one scope binds (not descending into nested scopes)."""

    def __init__(self, target: PythonTarget) -> None:
        self.target = target
        self.names: dict[str, _Binding] = {}
        self.declared_global: set[str] = set()

    def bind(self, name: str, binding: _Binding) -> None:
        # An import of generated code wins over other bindings of the name, wherever
        # they stand (``try: from pkg import f`` / ``except ImportError: f = None``).
        if self.names.get(name, _OTHER).kind == "other" or binding.kind != "other":
            self.names[name] = binding

    def of(self, scope: ast.AST) -> dict[str, _Binding]:
        if isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            args = scope.args
            for a in (*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg):
                if a is not None:
                    self.bind(a.arg, _OTHER)
            body: list[ast.AST] = [scope.body] if isinstance(scope, ast.Lambda) else list(scope.body)
        elif isinstance(scope, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
            body = [g.target for g in scope.generators]
        else:
            body = list(scope.body)  # type: ignore[attr-defined]
        for node in body:
            self.visit(node)
        for name in self.declared_global:
            self.names.pop(name, None)
        return self.names

    def generic_visit(self, node: ast.AST) -> None:
        if isinstance(node, _SCOPES):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                self.bind(node.name, _OTHER)
                for d in node.decorator_list:
                    self.visit(d)
            return
        super().generic_visit(node)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if alias.asname is not None:
                self.bind(alias.asname, _module_binding(alias.name, self.target))
            else:  # ``import a.b.c`` binds ``a``: the module counts if the whole name matches
                self.bind(alias.name.split(".")[0], _module_binding(alias.name, self.target))

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        module = node.module or ""
        source = _module_binding(module, self.target) if module else _OTHER
        for alias in node.names:
            name = alias.asname or alias.name
            if alias.name == "*":
                if source.kind == "module":
                    for function in self.target.functions:
                        self.bind(function, _Binding("function", function))
                for local, function in source.names:
                    self.bind(local, _Binding("function", function))
                continue
            if source.kind == "reexport":
                reexported = source.function(alias.name)
                self.bind(name, _Binding("function", reexported) if reexported else _OTHER)
            elif source.kind == "module" and alias.name in self.target.functions:
                self.bind(name, _Binding("function", alias.name))
            elif source.kind == "module":
                self.bind(name, _Binding("module"))  # a submodule: ``from pkg.events import calls``
            else:  # ``from segment import analytics``, ``from . import analytics``, ``from app import analytics``
                full = f"{module}.{alias.name}" if module else alias.name
                self.bind(name, _module_binding(full, self.target))

    def visit_Name(self, node: ast.Name) -> None:
        if isinstance(node.ctx, (ast.Store, ast.Del)):
            self.bind(node.id, _OTHER)

    def visit_Global(self, node: ast.Global) -> None:
        self.declared_global.update(node.names)

    def visit_Nonlocal(self, node: ast.Nonlocal) -> None:
        self.declared_global.update(node.names)

    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> None:
        if node.name:
            self.bind(node.name, _OTHER)
        self.generic_visit(node)
