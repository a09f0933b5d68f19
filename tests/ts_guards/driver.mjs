// Calls the generated code of plan.yaml (compiled, in the folder given as the first
// argument) with failing clients, hostile values and failing violation handlers, and
// prints, for each scenario, what came out of the call: for tests/test_ts_runtime_guards.py.
import { pathToFileURL } from "node:url";
import { format } from "node:util";

const [folder] = process.argv.slice(2);
const gen = await import(pathToFileURL(`${folder}/index.js`).href);

// What the generated code logs, formatted as the real console formats it (which can throw).
const errors = [];
const warnings = [];
console.error = (...args) => errors.push(format(...args));
console.warn = (...args) => warnings.push(format(...args));
const unhandled = [];
process.on("unhandledRejection", (reason) => unhandled.push(String(reason)));

const METHODS = ["track", "identify", "group", "page", "screen", "alias"];

/** An analytics instance that serializes what it is given, as SDKs do, then behaves as told. */
function client(behaviour) {
  const calls = [];
  const method = (name) => (...args) => {
    calls.push({ method: name, args: JSON.parse(JSON.stringify(args)) });
    if (behaviour === "throw") throw new Error(`${name}: offline`);
    if (behaviour === "reject") return Promise.reject(new Error(`${name}: offline`));
    return undefined;
  };
  return { calls, analytics: Object.fromEntries(METHODS.map((name) => [name, method(name)])) };
}

const TRAPS = ["get", "set", "has", "ownKeys", "getPrototypeOf", "getOwnPropertyDescriptor", "defineProperty",
  "deleteProperty", "isExtensible", "preventExtensions", "setPrototypeOf"];

/** An object every operation on which throws. */
function proxy() {
  return new Proxy({}, Object.fromEntries(TRAPS.map((trap) => [trap, () => { throw new Error(`${trap} trap`); }])));
}

function failing() {
  throw new Error("getter fails");
}

const circular = {};
circular.self = circular;

// Both SDK flavours take these options (analytics-node needs an anonymousId or a userId).
const who = { anonymousId: "a1" };

const WELL_FORMED = {
  track: () => gen.trackOrderPlaced({ tier: "free", tags: ["a"] }, who),
  identify: () => gen.identify({ email: "jane@example.com" }, who),
  group: () => gen.group("g1", { plan: "team" }, who),
  page: () => gen.pagePricing({ referrer: null }, who),
  screen: () => gen.screenHome({}, who),
  alias: () => gen.alias("u1", "a1"),
};

const HOSTILE = {
  "options with a throwing getter": () => gen.trackOrderPlaced({ tier: "free" }, { ...who, get context() { return failing(); } }),
  "options that are a Proxy": () => gen.trackOrderPlaced({ tier: "free" }, proxy()),
  "context with a throwing getter": () => gen.trackOrderPlaced({ tier: "free" }, { ...who, context: { get protocols() { return failing(); } } }),
  "context that is a Proxy": () => gen.trackOrderPlaced({ tier: "free" }, { ...who, context: proxy() }),
  "identify options that are a Proxy": () => gen.identify({ email: "jane@example.com" }, proxy()),
  "properties that are a Proxy": () => gen.trackOrderPlaced(proxy(), who),
  "traits that are a Proxy": () => gen.identify(proxy(), who),
  "a property with a throwing getter": () => gen.trackOrderPlaced({ get tier() { return failing(); } }, who),
  "a circular enum value": () => gen.trackOrderPlaced({ tier: circular }, who),
  "a BigInt enum value": () => gen.trackOrderPlaced({ tier: 1n }, who),
  "a circular array item": () => gen.trackOrderPlaced({ tier: "free", tags: [circular] }, who),
  "a BigInt array item": () => gen.trackOrderPlaced({ tier: "free", tags: [1n] }, who),
};

/** An error whose stack cannot be read, so that printing it throws. */
function unprintable() {
  const error = new Error("handler bug");
  Object.defineProperty(error, "stack", { get: failing });
  return error;
}

const HANDLERS = {
  "a handler that throws": () => { throw new Error("handler bug"); },
  "a handler that throws an unprintable error": () => { throw unprintable(); },
};

function describe(error) {
  try {
    return error instanceof gen.ValidationError ? "ValidationError" : `${error.constructor.name}: ${error.message}`;
  } catch {
    return "something unprintable";
  }
}

async function run(call, behaviour, onViolation = () => {}) {
  const { calls, analytics } = client(behaviour);
  gen.configure({ analytics, onViolation });
  errors.length = 0;
  warnings.length = 0;
  unhandled.length = 0;
  let threw = null;
  try {
    call();
  } catch (error) {
    threw = describe(error);
  }
  await new Promise((resolve) => setTimeout(resolve, 10)); // rejections are reported a tick later
  return { threw, calls, errors: [...errors], warnings: [...warnings], unhandled: [...unhandled] };
}

const results = { mode: gen.VALIDATION, throwing: {}, rejecting: {}, hostile: {}, handlers: {} };
for (const [kind, call] of Object.entries(WELL_FORMED)) {
  results.throwing[kind] = await run(call, "throw");
  results.rejecting[kind] = await run(call, "reject");
}
for (const [name, call] of Object.entries(HOSTILE)) {
  results.hostile[name] = await run(call, "send");
}
for (const [name, handler] of Object.entries(HANDLERS)) {
  results.handlers[name] = await run(() => gen.trackOrderPlaced({ tier: "gold" }, who), "send", handler);
}
process.stdout.write(JSON.stringify(results));
