// Glue between the generated calls and @segment/analytics-node (server).
// Only types are shared with the SDK: any instance with these methods works.

import { guarded, report, setViolationHandler, validate, type Rule, type ViolationHandler } from "./validation.js";
import { withExtras, type JsonValue } from "./values.js";

export { VALIDATION, ValidationError } from "./validation.js";
export type { Rule, Violation, ViolationHandler } from "./validation.js";
export type { ExclusiveUnion, ExtraProperties, JsonValue } from "./values.js";

/** Who a call is about: analytics-node needs a userId or an anonymousId. */
export type Identity =
  | { readonly userId: string; readonly anonymousId?: string }
  | { readonly userId?: string; readonly anonymousId: string };

/** Per-call options: an identity, plus what analytics-node takes besides. */
export type CallOptions = Identity & {
  readonly timestamp?: Date | string;
  readonly context?: { readonly [key: string]: JsonValue };
  readonly integrations?: { readonly [key: string]: boolean | { readonly [key: string]: JsonValue } };
};

/** Options of identify calls (the same as every call's on the server). */
export type IdentifyOptions = CallOptions;

type Message = CallOptions & { readonly properties?: object; readonly traits?: object };

/** What the generated calls need of an analytics instance: analytics-node's `Analytics` fits. */
export interface AnalyticsLike {
  track(message: Message & { readonly event: string }): unknown;
  identify(message: Message): unknown;
  group(message: Message & { readonly groupId: string }): unknown;
  page(message: Message & { readonly name?: string; readonly category?: string }): unknown;
  screen(message: Message & { readonly name?: string; readonly category?: string }): unknown;
  alias(message: {
    readonly userId: string;
    readonly previousId: string;
    readonly context?: { readonly [key: string]: JsonValue };
    readonly timestamp?: Date | string;
    readonly integrations?: { readonly [key: string]: boolean | { readonly [key: string]: JsonValue } };
  }): unknown;
}

let current: AnalyticsLike | undefined;

/** Set the analytics instance every generated call sends through, and who hears of
 * values that break the plan (by default they are logged). */
export function configure(settings: {
  readonly analytics: AnalyticsLike;
  readonly onViolation?: ViolationHandler;
}): void {
  current = settings.analytics;
  setViolationHandler(settings.onViolation);
}

/**
 * Send the calls made while `action` runs through another instance (a second write
 * key, or a `RecordingAnalytics` in a test), then go back to the configured one.
 */
export function withAnalytics<T>(analytics: AnalyticsLike, action: () => T): T {
  const previous = current;
  current = analytics;
  try {
    return action();
  } finally {
    current = previous;
  }
}

/** One call a `RecordingAnalytics` received: the method and its arguments. */
export interface RecordedCall {
  readonly method: "track" | "identify" | "group" | "page" | "screen" | "alias";
  readonly args: readonly unknown[];
}

/**
 * An analytics instance that records calls instead of sending them, for tests (Jest,
 * Vitest, node:test). `new RecordingAnalytics<TrackedEvents>()` also gives each planned
 * event's properties, typed by the plan: `recorder.tracked("Order Completed")`.
 */
export class RecordingAnalytics<Events extends object = { readonly [event: string]: object }> implements AnalyticsLike {
  readonly calls: RecordedCall[] = [];

  track(...args: unknown[]): void {
    this.calls.push({ method: "track", args });
  }

  identify(...args: unknown[]): void {
    this.calls.push({ method: "identify", args });
  }

  group(...args: unknown[]): void {
    this.calls.push({ method: "group", args });
  }

  page(...args: unknown[]): void {
    this.calls.push({ method: "page", args });
  }

  screen(...args: unknown[]): void {
    this.calls.push({ method: "screen", args });
  }

  alias(...args: unknown[]): void {
    this.calls.push({ method: "alias", args });
  }

  /** The properties of each recorded track call of `event`, as sent (extra properties included). */
  tracked<E extends keyof Events & string>(event: E): Events[E][] {
    const messages = this.calls.filter((c) => c.method === "track").map((c) => c.args[0] as { event?: unknown; properties?: unknown });
    return messages.filter((m) => m.event === event).map((m) => m.properties as Events[E]);
  }
}

/** Hand a call to the analytics instance: what it throws, or the promise it returns
 * rejects with, is logged in every mode, never passed on. */
function deliver<M extends keyof AnalyticsLike>(what: string, method: M, ...args: Parameters<AnalyticsLike[M]>): void {
  const analytics = current;
  if (analytics === undefined) {
    console.warn(`trackgen: ${what} not sent: call configure({ analytics }) first`);
    return;
  }
  const failed = (error: unknown): void => report("the analytics client failed", error);
  try {
    Promise.resolve(Reflect.apply(analytics[method], analytics, args)).catch(failed);
  } catch (error) {
    failed(error);
  }
}

function isRecord(value: unknown): value is { readonly [key: string]: JsonValue } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The options with the plan version the call was generated from in context.protocols. */
function versioned(options: CallOptions, version: number): CallOptions {
  const context = options.context ?? {};
  const protocols = context["protocols"];
  return {
    ...options,
    context: { ...context, protocols: { ...(isRecord(protocols) ? protocols : {}), event_version: version } },
  };
}

/** @internal Used by the generated functions. */
export function sendTrack(
  event: string,
  version: number,
  properties: object,
  options: CallOptions,
  rules?: Rule,
): void {
  const call = `track ${JSON.stringify(event)}`;
  guarded(call, () => {
    const [payload, rest] = withExtras(properties, options);
    validate(call, rules, payload);
    deliver(JSON.stringify(event), "track", { ...versioned(rest, version), event, properties: payload });
  });
}

/** @internal Used by the generated functions. */
export function sendIdentify(traits: object, options: IdentifyOptions, rules?: Rule): void {
  guarded("identify", () => {
    const [payload, rest] = withExtras(traits, options);
    validate("identify", rules, payload);
    deliver("identify", "identify", { ...rest, traits: payload });
  });
}

/** @internal Used by the generated functions. */
export function sendGroup(groupId: string, traits: object, options: CallOptions, rules?: Rule): void {
  guarded("group", () => {
    const [payload, rest] = withExtras(traits, options);
    validate("group", rules, payload);
    deliver("group", "group", { ...rest, groupId, traits: payload });
  });
}

/** @internal Used by the generated functions. */
export function sendPage(
  kind: "page" | "screen",
  category: string | null,
  name: string,
  version: number,
  properties: object,
  options: CallOptions,
  rules?: Rule,
): void {
  const call = `${kind} ${JSON.stringify(name)}`;
  guarded(call, () => {
    const [payload, rest] = withExtras(properties, options);
    validate(call, rules, payload);
    const message = { ...versioned(rest, version), name, properties: payload, ...(category === null ? {} : { category }) };
    deliver(call, kind, message);
  });
}

/** Tell the destinations that `previousId` and `userId` are the same person. */
export function alias(
  userId: string,
  previousId: string,
  options: Omit<CallOptions, "userId" | "anonymousId"> = {},
): void {
  guarded("alias", () => deliver("alias", "alias", { ...options, userId, previousId }));
}
