// The syntax helpers of trackgen status's TypeScript scanner (scan.mjs): what an
// import specifier names, where a node is, string literals, the names a scope
// declares, and code that never runs. Pure functions of the TypeScript compiler's
// syntax trees; `ts` is the compiler module.

import path from "node:path";

export const RAW_METHODS = new Set(["track", "page", "screen", "identify", "group"]);
export const SDK_RECEIVER = /analytics|rudder/i;
export const SDK_MODULES = /^@segment\/analytics|^@rudderstack\/|^analytics-node$|^rudder-sdk-js$/;
export const CODE_EXTENSIONS = /\.(d\.)?(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;

export function stripModulePath(spec) {
  return spec.replace(CODE_EXTENSIONS, "").replace(/\/index$/, "");
}

/** Whether an import specifier, seen from `fromFile`, names the generated code. */
export function isGenerated(spec, fromFile, target) {
  if (spec.startsWith(".") || spec.startsWith("/")) {
    if (!target.folder) return false;
    const resolved = stripModulePath(path.resolve(path.dirname(fromFile), spec));
    return resolved === target.folder || resolved.startsWith(target.folder + path.sep);
  }
  const bare = stripModulePath(spec);
  for (const s of target.specifiers) {
    const wanted = stripModulePath(s);
    if (bare === wanted || bare.startsWith(wanted + "/")) return true;
  }
  // A path alias ("@/analytics", "~/lib/analytics/events/calls"): ends with the folder's name.
  if (!target.folder) return false;
  const tail = "/" + path.basename(target.folder);
  return !SDK_MODULES.test(spec) && (bare.endsWith(tail) || bare.includes(tail + "/"));
}

export function locate(sf, pos) {
  const { line, character } = sf.getLineAndCharacterOfPosition(pos);
  const start = sf.getPositionOfLineAndCharacter(line, 0);
  const prefix = sf.text.slice(start, start + character);
  return { line: line + 1, column: Array.from(prefix).length + 1 };
}

export function stringValue(ts, node) {
  if (node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))) return node.text;
  return null;
}

export function objectProperty(ts, node, key) {
  if (!node || !ts.isObjectLiteralExpression(node)) return undefined;
  for (const p of node.properties) {
    if (ts.isPropertyAssignment(p) && p.name && (p.name.text === key)) return p.initializer;
  }
  return undefined;
}

/** The event (or page/screen) name of a raw call: a string, or null when not a literal. */
export function rawName(ts, method, args) {
  if (method === "identify" || method === "group") return null;
  const key = method === "track" ? "event" : "name";
  const first = args[0];
  if (first && ts.isObjectLiteralExpression(first)) return stringValue(ts, objectProperty(ts, first, key)); // analytics-node
  if (method === "track") return stringValue(ts, first);
  // analytics-next: page(category?, name?, properties?)
  const second = stringValue(ts, args[1]);
  return second !== null ? second : stringValue(ts, first);
}

export function bindingNames(ts, name, out) {
  if (!name) return;
  if (ts.isIdentifier(name)) out.add(name.text);
  else if (ts.isObjectBindingPattern(name) || ts.isArrayBindingPattern(name)) {
    for (const el of name.elements) if (!ts.isOmittedExpression(el)) bindingNames(ts, el.name, out);
  }
}

/** Names a block-like node or a function declares itself (not counting imports). */
export function declaredIn(ts, node) {
  const names = new Set();
  if (ts.isFunctionLike(node)) {
    for (const p of node.parameters || []) bindingNames(ts, p.name, names);
    if ((ts.isFunctionExpression(node) || ts.isClassExpression(node)) && node.name) names.add(node.name.text);
    return names;
  }
  if (ts.isCatchClause(node) && node.variableDeclaration) bindingNames(ts, node.variableDeclaration.name, names);
  if ((ts.isForStatement(node) || ts.isForInStatement(node) || ts.isForOfStatement(node)) && node.initializer &&
      ts.isVariableDeclarationList(node.initializer)) {
    for (const d of node.initializer.declarations) bindingNames(ts, d.name, names);
  }
  const statements = ts.isBlock(node) || ts.isSourceFile(node) || ts.isModuleBlock(node) ? node.statements
    : ts.isCaseClause(node) || ts.isDefaultClause(node) ? node.statements : null;
  for (const s of statements || []) {
    if (ts.isVariableStatement(s)) for (const d of s.declarationList.declarations) bindingNames(ts, d.name, names);
    else if ((ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s) || ts.isEnumDeclaration(s)) && s.name) names.add(s.name.text);
  }
  return names;
}

export function isTerminator(ts, s) {
  return ts.isReturnStatement(s) || ts.isThrowStatement(s) || ts.isBreakStatement(s) || ts.isContinueStatement(s);
}

export function constantTruth(ts, node) {
  if (!node) return null;
  if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (ts.isNumericLiteral(node)) return Number(node.text) !== 0;
  if (ts.isParenthesizedExpression(node)) return constantTruth(ts, node.expression);
  return null;
}
