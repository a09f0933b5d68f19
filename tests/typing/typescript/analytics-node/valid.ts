// Valid calls of the code generated from tests/typing/plan.yaml for @segment/analytics-node.
// tests/test_typing.py copies this file next to the generated code (./ts/) and requires
// zero errors from tsc 5 and 7 with the suite's strictest flags (TSC_FLAGS).
import { Analytics } from "@segment/analytics-node";
import * as typed from "./ts/index.js";
import {
  ORDER_PLACED_STATUS_VALUES,
  alias,
  configure,
  trackAddressSaved,
  trackAppOpened,
  trackClassJoined,
  identify,
  trackOrderPlaced,
  trackSeatsChanged,
  trackShapeChecked,
  type AddressSavedAddress,
  type AddressSavedAddressKind,
  type AnalyticsLike,
  type CallOptions,
  type OrderPlacedItemsItem,
  type OrderPlacedProperties,
  type OrderPlacedStatus,
} from "./ts/index.js";

// configure: the real SDK instance (not run: only type-checked).
export function setUp(): void {
  configure({ analytics: new Analytics({ writeKey: "x" }) });
  const analytics = new Analytics({ writeKey: "x", maxEventsInBatch: 1 });
  configure({ analytics });
  configure({ analytics, onViolation: (violation) => console.warn(violation.message) });
  const like: AnalyticsLike = analytics;
  configure({ analytics: like });
}

// Who the call is about: a userId, an anonymousId, or both.
const user = { userId: "u_1" } as const;
trackOrderPlaced({ status: "pending" }, { userId: "u_1" });
trackOrderPlaced({ status: "pending" }, { anonymousId: "a_1" });
trackOrderPlaced({ status: "pending" }, { userId: "u_1", anonymousId: "a_1" });
const status: OrderPlacedStatus = "paid";
trackOrderPlaced({ status }, user);
for (const each of ORDER_PLACED_STATUS_VALUES) trackOrderPlaced({ status: each }, user);

// Optional properties given; null for the nullable one.
trackOrderPlaced({ status: "shipped", quantity: 3, coupon: "SPRING", gift: true }, user);
trackOrderPlaced({ status: "paid", coupon: null }, user);
trackOrderPlaced({ status: "paid", gift: false, quantity: 0 }, user);

// Arrays: of strings, empty, readonly; of objects as literals and as declared values.
trackOrderPlaced({ status: "paid", tags: ["red", "blue"] }, user);
trackOrderPlaced({ status: "paid", tags: [] }, user);
const frozenTags = ["a", "b"] as const;
trackOrderPlaced({ status: "paid", tags: frozenTags }, user);
trackOrderPlaced({ status: "paid", items: [{ sku: "A-1" }, { sku: "B-2", price: 9.5 }] }, user);
const item: OrderPlacedItemsItem = { sku: "C-3" };
trackOrderPlaced({ status: "paid", items: [item, item] }, user);
const properties: OrderPlacedProperties = { status: "paid", quantity: 1 };
trackOrderPlaced(properties, user);

// Call options besides the identity.
trackOrderPlaced(
  { status: "paid" },
  {
    anonymousId: "a_1",
    timestamp: new Date(),
    context: { ip: "127.0.0.1", library: { name: "tests" } },
    integrations: { All: true, Mixpanel: false, Amplitude: { session_id: 1 } },
  },
);
trackOrderPlaced({ status: "paid" }, { userId: "u_1", timestamp: "2024-05-01T00:00:00Z" });
const options: CallOptions = { anonymousId: "a_1" };
trackOrderPlaced({ status: "paid" }, options);

// A required nested object with a nested enum.
trackAddressSaved({ address: { city: "Paris", kind: "home" } }, user);
trackAddressSaved({ address: { city: "Paris", kind: "work", zip: "75001" } }, user);
const kind: AddressSavedAddressKind = "work";
const address: AddressSavedAddress = { city: "Lyon", kind };
trackAddressSaved({ address }, user);

// Property names that are a Python keyword and a call-metadata name: wire names in TypeScript.
trackClassJoined({ class: "maths", user_id: "teacher_7" }, { userId: "u_1" });

// An event without properties.
trackAppOpened({}, user);
trackAppOpened(undefined, { anonymousId: "a_1" });

// alias takes the ids as arguments.
alias("u_1", "a_1");
alias("u_1", "a_1", { timestamp: new Date() });

// Through the namespace.
typed.trackAppOpened({}, user);
typed.trackOrderPlaced({ status: "pending" }, user);

const someone = { userId: "u_1" } as const;

// Unions, arrays of arrays, const, closed objects, required traits.
trackShapeChecked({ either: "x" }, someone);
trackShapeChecked({ either: 3, grid: [[1, 2], []], fixed: "v1", closed: { a: "x" }, nothing: {} }, someone);
trackShapeChecked({ either: "x", contact: { phone: "1" }, bare: { any: [1, "x"] } }, someone);
trackShapeChecked({ either: "x", channel: { pigeon: "coo" } }, someone);
trackSeatsChanged({ seat_count: 3 }, { ...someone, extraProperties: { seats: 4 } });
identify({ email: "jane@example.com" }, someone);
identify({ email: "jane@example.com", name: "Jane" }, someone);

// A recorder typed by event: each planned event's properties as sent.
const recorder = new typed.RecordingAnalytics<typed.TrackedEvents>();
const placed: readonly typed.OrderPlacedProperties[] = recorder.tracked("Order Placed");
const seats: number | undefined = recorder.tracked("Seats Changed")[0]?.seat_count;
void placed;
void seats;
