// Run-time validation of the generated calls: the rules the generator wrote, linked to
// the shared definitions once, checked against each payload in "warn" and "raise".
import type { JsonValue } from "./values.js";

/** Run-time validation, chosen when the code was generated: off, warn or raise. */
export const VALIDATION: "off" | "warn" | "raise" = "warn";

/** A value that breaks the plan: the call, where in the payload, what is wrong. */
export interface Violation {
  readonly call: string;
  readonly path: string;
  readonly message: string;
}

/** Thrown by a call whose values break the plan, when VALIDATION is "raise". */
export class ValidationError extends Error {
  readonly violations: readonly Violation[];

  constructor(violations: readonly Violation[]) {
    super(violations.map((v) => `${v.call}: ${v.path || "payload"}: ${v.message}`).join("; "));
    this.name = "ValidationError";
    this.violations = violations;
  }
}

export type ViolationHandler = (violation: Violation) => void;

/** @internal A call's validation rules, as the generator wrote them. */
export interface Rule {
  readonly t: string;
  readonly of?: readonly Rule[];
  readonly values?: readonly JsonValue[];
  readonly pattern?: string;
  readonly format?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly multipleOf?: number;
  readonly items?: Rule;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly uniqueItems?: boolean;
  readonly props?: readonly (readonly [string, boolean, Rule])[];
  readonly open?: boolean;
  readonly ref?: string;
  readonly defs?: readonly (readonly [string, Rule])[];
}

const linkedTables = new WeakMap<Rule, Rule>();
const linkedDefinitions = new WeakMap<object, { rules: Map<string, Rule>; done: Map<string, Rule> }>();

/** A table with each shared definition (`defs`, the plan's `RULES`) put where it is
 * referenced (`{t: "r", ref}`): each definition is linked once, for every table. */
function linked(table: Rule): Rule {
  const known = linkedTables.get(table);
  if (known !== undefined) return known;
  // Pairs, not an object keyed by definition names: a definition may be called
  // "constructor" or "__proto__".
  const pairs = table.defs ?? [];
  const shared = linkedDefinitions.get(pairs) ?? { rules: new Map(pairs), done: new Map<string, Rule>() };
  linkedDefinitions.set(pairs, shared);
  const defs = shared.rules;
  const done = shared.done;
  const link = (rule: Rule): Rule => {
    switch (rule.t) {
      case "r": {
        const name = rule.ref ?? "";
        let target = done.get(name);
        if (target === undefined) {
          target = link(defs.get(name) ?? { t: "*" }); // definitions do not reference in a cycle
          done.set(name, target);
        }
        return target;
      }
      case "a":
        return rule.items === undefined ? rule : { ...rule, items: link(rule.items) };
      case "o":
        return { ...rule, props: (rule.props ?? []).map(([key, required, r]): readonly [string, boolean, Rule] => [key, required, link(r)]) };
      case "u":
        return { ...rule, of: (rule.of ?? []).map(link) };
      default:
        return rule;
    }
  };
  const result = link(table);
  linkedTables.set(table, result);
  return result;
}

function logViolation(violation: Violation): void {
  console.warn(`trackgen: ${violation.call}: ${violation.path || "payload"}: ${violation.message}`);
}

let onViolation: ViolationHandler = logViolation;

/** @internal Who hears of values that break the plan (by default they are logged). */
export function setViolationHandler(handler: ViolationHandler | undefined): void {
  onViolation = handler ?? logViolation;
}

type Problems = [string, string][];

function at(path: string, key: string): string {
  if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key)) {
    return path ? `${path}.${key}` : key;
  }
  return `${path}[${JSON.stringify(key)}]`;
}

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (value instanceof Date) return "a date";
  const kind = typeof value;
  return kind === "object" ? "an object" : `a ${kind}`;
}

function check(rule: Rule, value: unknown, path: string, out: Problems): void {
  switch (rule.t) {
    case "*":
      return;
    case "u":
      for (const member of rule.of ?? []) {
        const trial: Problems = [];
        check(member, value, path, trial);
        if (trial.length === 0) return;
      }
      out.push([path, `${kindOf(value)} matches none of the allowed types`]);
      return;
    case "z":
      if (value !== null) out.push([path, `expected null, got ${kindOf(value)}`]);
      return;
    case "b":
      if (typeof value !== "boolean") out.push([path, `expected a boolean, got ${kindOf(value)}`]);
      return;
    case "e":
      if (!(rule.values ?? []).some((v) => v === value)) {
        out.push([path, `${JSON.stringify(value)} is not one of ${(rule.values ?? []).map((v) => JSON.stringify(v)).join(", ")}`]);
      }
      return;
    case "s":
      checkString(rule, value, path, out);
      return;
    case "i":
    case "n":
      checkNumber(rule, value, path, out);
      return;
    case "a":
      checkArray(rule, value, path, out);
      return;
    case "o":
      checkObject(rule, value, path, out);
      return;
  }
}

function checkString(rule: Rule, value: unknown, path: string, out: Problems): void {
  if (value instanceof Date && rule.format !== undefined) {
    if (Number.isNaN(value.getTime())) out.push([path, "is an invalid Date"]);
    return;
  }
  if (typeof value !== "string") {
    out.push([path, `expected a string, got ${kindOf(value)}`]);
    return;
  }
  if (rule.pattern !== undefined && !new RegExp(rule.pattern, "u").test(value)) {
    out.push([path, `${JSON.stringify(value)} does not match the pattern ${rule.pattern}`]);
  }
  const length = [...value].length;
  if (rule.minLength !== undefined && length < rule.minLength) out.push([path, `shorter than ${rule.minLength} characters`]);
  if (rule.maxLength !== undefined && length > rule.maxLength) out.push([path, `longer than ${rule.maxLength} characters`]);
  if ((rule.format === "date-time" || rule.format === "date") && Number.isNaN(Date.parse(value))) {
    out.push([path, `${JSON.stringify(value)} is not an ISO 8601 ${rule.format}`]);
  }
}

function checkNumber(rule: Rule, value: unknown, path: string, out: Problems): void {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    out.push([path, `expected a number, got ${kindOf(value)}`]);
    return;
  }
  if (rule.t === "i" && !Number.isInteger(value)) out.push([path, `expected an integer, got ${value}`]);
  if (rule.minimum !== undefined && value < rule.minimum) out.push([path, `${value} is less than the minimum ${rule.minimum}`]);
  if (rule.maximum !== undefined && value > rule.maximum) out.push([path, `${value} is more than the maximum ${rule.maximum}`]);
  if (rule.exclusiveMinimum !== undefined && value <= rule.exclusiveMinimum) {
    out.push([path, `${value} is not more than ${rule.exclusiveMinimum}`]);
  }
  if (rule.exclusiveMaximum !== undefined && value >= rule.exclusiveMaximum) {
    out.push([path, `${value} is not less than ${rule.exclusiveMaximum}`]);
  }
  if (rule.multipleOf !== undefined && (value / rule.multipleOf) % 1 !== 0) {
    out.push([path, `${value} is not a multiple of ${rule.multipleOf}`]);
  }
}

function checkArray(rule: Rule, value: unknown, path: string, out: Problems): void {
  if (!Array.isArray(value)) {
    out.push([path, `expected an array, got ${kindOf(value)}`]);
    return;
  }
  const items: readonly unknown[] = value;
  if (rule.minItems !== undefined && items.length < rule.minItems) out.push([path, `fewer than ${rule.minItems} items`]);
  if (rule.maxItems !== undefined && items.length > rule.maxItems) out.push([path, `more than ${rule.maxItems} items`]);
  if (rule.uniqueItems === true && new Set(items.map((item) => JSON.stringify(item))).size !== items.length) {
    out.push([path, "items are not unique"]);
  }
  items.forEach((item, index) => {
    if (rule.items !== undefined) check(rule.items, item, `${path}[${index}]`, out);
  });
}

function checkObject(rule: Rule, value: unknown, path: string, out: Problems): void {
  if (typeof value !== "object" || value === null || Array.isArray(value) || value instanceof Date) {
    out.push([path, `expected an object, got ${kindOf(value)}`]);
    return;
  }
  const fields = value as { readonly [key: string]: unknown };
  const known = new Set<string>();
  for (const [key, required, sub] of rule.props ?? []) {
    known.add(key);
    if (Object.prototype.hasOwnProperty.call(fields, key) && fields[key] !== undefined) {
      check(sub, fields[key], at(path, key), out);
    } else if (required) {
      out.push([at(path, key), "is required"]);
    }
  }
  if (rule.open !== true) {
    for (const key of Object.keys(fields)) {
      if (!known.has(key)) out.push([at(path, key), "is not in the plan"]);
    }
  }
}

/** @internal Check a payload; never throws unless VALIDATION is "raise". */
export function validate(call: string, rule: Rule | undefined, payload: object): void {
  if (rule === undefined || VALIDATION === ("off" as string)) return;
  const problems: Problems = [];
  try {
    check(linked(rule), payload, "", problems);
  } catch (error) {
    if (VALIDATION === ("raise" as string)) throw error;
    report(`could not validate ${call}`, error);
    return;
  }
  const violations = problems.map(([path, message]): Violation => ({ call, path, message }));
  for (const violation of violations) {
    try {
      onViolation(violation);
    } catch (error) {
      if (VALIDATION === ("raise" as string)) throw error;
      report("the violation handler failed", error);
    }
  }
  if (violations.length > 0 && VALIDATION === ("raise" as string)) throw new ValidationError(violations);
}

/**
 * Run a call so that nothing but ValidationError leaves it, and only when VALIDATION is
 * "raise": odd values (a circular object, a BigInt, a getter or Proxy that throws) and a
 * failing violation handler are logged in "warn" and "off". @internal
 */
export function guarded(call: string, send: () => void): void {
  try {
    send();
  } catch (error) {
    if (VALIDATION !== ("raise" as string)) {
      report(`${call} failed`, error);
      return;
    }
    throw asValidationError(call, error);
  }
}

function asValidationError(call: string, error: unknown): ValidationError {
  try {
    if (error instanceof ValidationError) return error;
    const kind = error instanceof Error ? String(error.name) : typeof error;
    return new ValidationError([{ call, path: "", message: `the values could not be checked (${kind})` }]);
  } catch {
    // A Proxy whose getPrototypeOf trap throws, or a name that cannot be read.
    return new ValidationError([{ call, path: "", message: "the values could not be checked" }]);
  }
}

/** @internal Log what went wrong in a call that must not throw; never throws itself. */
export function report(message: string, error: unknown): void {
  try {
    console.error(`trackgen: ${message}`, error);
  } catch {
    // An error that cannot even be printed (its `stack` getter throws): nowhere left to tell.
  }
}
