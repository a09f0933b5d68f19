// trackgen status: find the uses of the generated TypeScript functions, and raw SDK
// calls, in TypeScript and JavaScript files, with the TypeScript compiler's parser
// (syntax only: no program, no type checker, so a file is scanned on its own).
//
// Run by trackgen (trackgen/status/tsscan.py) as `node scan.mjs`, with a JSON request
// on stdin:
//   {"typescript": "/abs/.../typescript.js", "folder": "/abs/out/folder",
//    "specifiers": ["@/analytics"], "functions": ["trackOrderCompleted", ...],
//    "files": [{"path": "/abs/file.ts", "display": "src/file.ts"}, ...]}
// and answers one JSON object on stdout: {"files": [{"display", "uses", "raw", "problems"}]}.
// Lines and columns are 1-based; columns count Unicode code points.
// `scanSource` is pure (text in, findings out); only `main` reads files and streams.
// Its syntax helpers are in syntax.mjs, shipped beside it.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

import {
  RAW_METHODS,
  SDK_MODULES,
  SDK_RECEIVER,
  constantTruth,
  declaredIn,
  isGenerated,
  isTerminator,
  locate,
  rawName,
  stringValue,
  stripModulePath,
} from "./syntax.mjs";

/** Scan one file's text. `target`: {folder, specifiers, functions: Set}. */
export function scanSource(ts, text, fileName, display, target) {
  const kind = /\.(tsx|jsx)$/.test(fileName) ? ts.ScriptKind.TSX
    : /\.(js|mjs|cjs)$/.test(fileName) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind);
  const uses = [], raw = [], problems = [];
  for (const d of sf.parseDiagnostics || []) {
    const at = locate(sf, d.start || 0);
    problems.push({ ...at, message: `syntax error: ${ts.flattenDiagnosticMessageText(d.messageText, " ")} (the rest is scanned as the parser recovered it)` });
    break; // the first one: the rest follow from it
  }
  // Module-level bindings: local name -> {kind: "function", name} | {kind: "module"} | {kind: "sdk"}.
  const bindings = new Map();
  const importNodes = new Set();
  // The block a declaration binds its names in (a require() inside a function).
  const container = (node) => {
    let p = node.parent;
    while (p && !(ts.isBlock(p) || ts.isSourceFile(p) || ts.isModuleBlock(p) || ts.isCaseClause(p) || ts.isDefaultClause(p))) p = p.parent;
    return p;
  };
  // What a specifier names: the generated code, a module of the codebase that
  // re-exports some of it (`names`: exported name -> function), an SDK, or nothing known.
  const moduleOf = (spec) => {
    if (isGenerated(spec, fileName, target)) return { kind: "module" };
    if (SDK_MODULES.test(spec)) return { kind: "sdk" };
    if (target.wrappers && (spec.startsWith(".") || spec.startsWith("/"))) {
      const names = target.wrappers.get(stripModulePath(path.resolve(path.dirname(fileName), spec)));
      if (names) return { kind: "wrapper", names };
    }
    return null;
  };
  const functionOf = (source, imported) =>
    source.kind === "module" ? (target.functions.has(imported) ? imported : null)
      : source.kind === "wrapper" ? source.names.get(imported) || null : null;
  const bindImport = (spec, clause, node) => {
    const source = moduleOf(spec);
    if (source === null) return;
    importNodes.add(node);
    const scope = container(node);
    if (clause.name) bindings.set(clause.name.text, { ...source, scope });
    const nb = clause.namedBindings;
    if (!nb) return;
    if (ts.isNamespaceImport(nb)) bindings.set(nb.name.text, { ...source, scope });
    else for (const el of nb.elements) {
      if (el.isTypeOnly) continue;
      const fn = functionOf(source, (el.propertyName || el.name).text);
      if (fn !== null) bindings.set(el.name.text, { kind: "function", name: fn, scope });
      else if (source.kind === "sdk") bindings.set(el.name.text, { kind: "sdk", scope });
    }
  };
  // `require("./analytics")`, `await import("./analytics")`: the specifier.
  const requireOf = (init) => {
    if (init && ts.isAwaitExpression(init)) init = init.expression;
    if (init && ts.isCallExpression(init) && (init.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(init.expression) && init.expression.text === "require"))) {
      return stringValue(ts, init.arguments[0]);
    }
    return null;
  };
  const collect = (node) => {
    if (ts.isImportDeclaration(node) && node.importClause && !node.importClause.isTypeOnly) {
      bindImport(node.moduleSpecifier.text, node.importClause, node);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const spec = stringValue(ts, node.moduleReference.expression);
      if (spec !== null) bindImport(spec, { name: node.name }, node);
    } else if (ts.isVariableDeclaration(node)) {
      const spec = requireOf(node.initializer);
      if (spec !== null) {
        if (ts.isIdentifier(node.name)) bindImport(spec, { name: node.name }, node);
        else if (ts.isObjectBindingPattern(node.name)) {
          const elements = node.name.elements.filter((e) => ts.isIdentifier(e.name)).map((e) => ({
            name: e.name, propertyName: e.propertyName && ts.isIdentifier(e.propertyName) ? e.propertyName : undefined,
          }));
          bindImport(spec, { namedBindings: { elements } }, node);
        }
      }
    }
    ts.forEachChild(node, collect);
  };
  collect(sf);

  // Whether a declaration between `node` and the binding's own block hides the binding.
  const shadowed = (node, name, binding) => {
    for (let p = node.parent; p && !ts.isSourceFile(p) && p !== binding.scope; p = p.parent) {
      if (declaredIn(ts, p).has(name)) return true;
    }
    return false;
  };
  const resolve = (id) => {
    const b = bindings.get(id.text);
    return b && !shadowed(id, id.text, b) ? b : undefined;
  };
  // The generated function an expression names: `f`, `A.f`, `A.events.f`.
  const generatedFunction = (expr) => {
    if (ts.isIdentifier(expr)) {
      const b = resolve(expr);
      return b && b.kind === "function" ? b.name : null;
    }
    if (ts.isPropertyAccessExpression(expr) && ts.isIdentifier(expr.name)) {
      let root = expr.expression;
      while (ts.isPropertyAccessExpression(root)) root = root.expression;
      if (ts.isIdentifier(root)) {
        const b = resolve(root);
        if (b && (b.kind === "module" || b.kind === "wrapper")) return functionOf(b, expr.name.text);
      }
    }
    return null;
  };
  const receiverIsSdk = (expr, method) => {
    let terminal = expr;
    if (ts.isPropertyAccessExpression(expr)) terminal = expr.name;
    let root = expr;
    while (ts.isPropertyAccessExpression(root)) root = root.expression;
    if (ts.isIdentifier(root)) {
      const b = resolve(root);
      if (b && b.kind === "module") return method !== "identify" && method !== "group" && root === expr;
      if (b && b.kind === "sdk") return true;
    }
    return ts.isIdentifier(terminal) && SDK_RECEIVER.test(terminal.text);
  };

  const isReferencePosition = (id) => {
    const p = id.parent;
    if (!p) return false;
    if (ts.isPropertyAccessExpression(p) && p.name === id) return false;
    if ((ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p) || ts.isMethodDeclaration(p) ||
         ts.isPropertySignature(p) || ts.isMethodSignature(p) || ts.isGetAccessor(p) || ts.isSetAccessor(p) ||
         ts.isEnumMember(p)) && p.name === id) return false;
    if ((ts.isVariableDeclaration(p) || ts.isParameter(p) || ts.isFunctionDeclaration(p) || ts.isClassDeclaration(p) ||
         ts.isBindingElement(p) || ts.isFunctionExpression(p)) && p.name === id) return false;
    if (ts.isBindingElement(p) && p.propertyName === id) return false;
    if (ts.isImportSpecifier(p) || ts.isImportClause(p) || ts.isNamespaceImport(p) || ts.isExportSpecifier(p) ||
        ts.isImportEqualsDeclaration(p)) return false;
    if (ts.isTypeQueryNode(p) || ts.isTypeReferenceNode(p) || ts.isQualifiedName(p)) return false;
    if (ts.isLabeledStatement(p) || ts.isBreakOrContinueStatement(p)) return false;
    if (ts.isJsxAttribute(p) && p.name === id) return false;
    return true;
  };

  const visit = (node, dead) => {
    if (importNodes.has(node)) return;
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const fn = generatedFunction(callee);
      if (fn !== null) {
        uses.push({ function: fn, kind: "call", ...locate(sf, callee.getStart(sf)), unreachable: dead });
        for (const a of node.arguments) visit(a, dead);
        if (ts.isPropertyAccessExpression(callee)) visit(callee.expression, dead);
        return;
      }
      if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.name) && RAW_METHODS.has(callee.name.text) &&
          receiverIsSdk(callee.expression, callee.name.text)) {
        const method = callee.name.text;
        raw.push({
          method, event: rawName(ts, method, node.arguments), receiver: callee.expression.getText(sf),
          ...locate(sf, callee.getStart(sf)), unreachable: dead,
        });
      }
    } else if (ts.isPropertyAccessExpression(node)) {
      const fn = generatedFunction(node);
      if (fn !== null) {
        uses.push({ function: fn, kind: "reference", ...locate(sf, node.getStart(sf)), unreachable: dead });
        return;
      }
    } else if (ts.isIdentifier(node)) {
      if (bindings.has(node.text) && isReferencePosition(node)) {
        const b = resolve(node);
        if (b && b.kind === "function") uses.push({ function: b.name, kind: "reference", ...locate(sf, node.getStart(sf)), unreachable: dead });
      }
      return;
    } else if (ts.isShorthandPropertyAssignment(node)) {
      const b = resolve(node.name);
      if (b && b.kind === "function") uses.push({ function: b.name, kind: "reference", ...locate(sf, node.name.getStart(sf)), unreachable: dead });
      return;
    } else if (ts.isIfStatement(node)) {
      const truth = constantTruth(ts, node.expression);
      visit(node.expression, dead);
      visit(node.thenStatement, dead || truth === false);
      if (node.elseStatement) visit(node.elseStatement, dead || truth === true);
      return;
    } else if (ts.isWhileStatement(node)) {
      visit(node.expression, dead);
      visit(node.statement, dead || constantTruth(ts, node.expression) === false);
      return;
    } else if (ts.isBlock(node) || ts.isSourceFile(node) || ts.isModuleBlock(node) || ts.isCaseClause(node) || ts.isDefaultClause(node)) {
      if (ts.isCaseClause(node)) visit(node.expression, dead);
      let after = dead;
      for (const s of node.statements) {
        // Function declarations are hoisted: reachable wherever they stand.
        visit(s, ts.isFunctionDeclaration(s) ? dead : after);
        if (isTerminator(ts, s)) after = true;
      }
      return;
    }
    ts.forEachChild(node, (child) => visit(child, dead));
  };
  visit(sf, false);
  return { display, uses, raw, problems, exports: exportsOf(sf) };

  // The generated functions this module exports, under their exported names.
  function exportsOf(sf) {
    const exports = new Map();
    for (const s of sf.statements) {
      if (ts.isExportDeclaration(s) && !s.isTypeOnly) {
        const source = s.moduleSpecifier ? moduleOf(s.moduleSpecifier.text) : { kind: "local" };
        if (source === null) continue;
        if (!s.exportClause) { // export * from "..."
          if (source.kind === "module") for (const f of target.functions) exports.set(f, f);
          else if (source.kind === "wrapper") for (const [n, f] of source.names) exports.set(n, f);
        } else if (ts.isNamedExports(s.exportClause)) {
          for (const el of s.exportClause.elements) {
            if (el.isTypeOnly) continue;
            const local = (el.propertyName || el.name).text;
            const fn = source.kind === "local" ? (bindings.get(local)?.kind === "function" ? bindings.get(local).name : null)
              : functionOf(source, local);
            if (fn) exports.set(el.name.text, fn);
          }
        }
      } else if (ts.isVariableStatement(s) && s.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
        for (const d of s.declarationList.declarations) {
          const fn = d.initializer && ts.isIdentifier(d.name) ? generatedFunction(d.initializer) : null;
          if (fn) exports.set(d.name.text, fn);
        }
      }
    }
    return exports;
  }
}

function loadTypeScript(location) {
  const require = createRequire(path.resolve(location));
  return require(path.resolve(location));
}

function main() {
  const chunks = [];
  process.stdin.on("data", (c) => chunks.push(c));
  process.stdin.on("end", () => {
    const request = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    const ts = loadTypeScript(request.typescript);
    const target = {
      folder: request.folder ? path.resolve(request.folder) : null,
      specifiers: request.specifiers || [],
      functions: new Set(request.functions),
      wrappers: new Map(),
    };
    const sources = request.files.map((f) => {
      const file = { ...f, path: path.resolve(f.path) };
      try {
        file.text = readFileSync(file.path, "utf8");
        if (file.text.charCodeAt(0) === 0xfeff) file.text = file.text.slice(1);
      } catch (err) {
        file.error = `cannot read the file: ${err.code || err.message}`;
      }
      return file;
    });
    const scan = (f) => {
      if (f.error) return { display: f.display, uses: [], raw: [], problems: [{ line: 1, column: 1, message: f.error }], exports: new Map() };
      try {
        return scanSource(ts, f.text, f.path, f.display, target);
      } catch (err) {
        return { display: f.display, uses: [], raw: [], problems: [{ line: 1, column: 1, message: `cannot scan the file: ${err.message}` }], exports: new Map() };
      }
    };
    // Modules that re-export generated functions (barrels), chains included: found
    // before the scan, so that imports from them count.
    const barrels = sources.filter((f) => f.text && /\bexport\s*(\*|\{|const\b|let\b|var\b)/.test(f.text));
    for (let round = 0; round < 8; round++) {
      let changed = false;
      for (const f of barrels) {
        const key = stripModulePath(f.path);
        const exports = scan(f).exports;
        const before = target.wrappers.get(key);
        const same = before ? before.size === exports.size && [...exports].every(([n, fn]) => before.get(n) === fn) : exports.size === 0;
        if (same) continue;
        changed = true;
        if (exports.size) target.wrappers.set(key, exports); else target.wrappers.delete(key);
      }
      if (!changed) break;
    }
    const files = sources.map((f) => {
      const { exports, ...result } = scan(f);
      return result;
    });
    process.stdout.write(JSON.stringify({ typescript: ts.version, files }));
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
