// Valid calls of the code generated from tests/typing/plan.yaml for @segment/analytics-next.
// tests/test_typing.py copies this file next to the generated code (./ts/) and requires
// zero errors from tsc 5 and 7 with the suite's strictest flags (TSC_FLAGS).
import { AnalyticsBrowser, Analytics } from "@segment/analytics-next";
import * as typed from "./ts/index.js";
import {
  ORDER_PLACED_STATUS_VALUES,
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

// configure: the real SDK instances (not run: only type-checked).
export function setUp(): void {
  configure({ analytics: AnalyticsBrowser.load({ writeKey: "x" }) });
  const browser = AnalyticsBrowser.load({ writeKey: "x" });
  configure({ analytics: browser });
  configure({ analytics: new Analytics({ writeKey: "x" }) });
  configure({ analytics: browser, onViolation: (violation) => console.warn(violation.message) });
  const like: AnalyticsLike = browser;
  configure({ analytics: like });
}

// A required enum; every optional property left out.
trackOrderPlaced({ status: "pending" });
const status: OrderPlacedStatus = "paid";
trackOrderPlaced({ status });
for (const each of ORDER_PLACED_STATUS_VALUES) trackOrderPlaced({ status: each });

// Optional properties given; null for the nullable one.
trackOrderPlaced({ status: "shipped", quantity: 3, coupon: "SPRING", gift: true });
trackOrderPlaced({ status: "paid", coupon: null });
trackOrderPlaced({ status: "paid", gift: false, quantity: 0 });

// Arrays: of strings, empty, readonly; of objects as literals and as declared values.
trackOrderPlaced({ status: "paid", tags: ["red", "blue"] });
trackOrderPlaced({ status: "paid", tags: [] });
const frozenTags = ["a", "b"] as const;
trackOrderPlaced({ status: "paid", tags: frozenTags });
trackOrderPlaced({ status: "paid", items: [{ sku: "A-1" }, { sku: "B-2", price: 9.5 }] });
const item: OrderPlacedItemsItem = { sku: "C-3" };
trackOrderPlaced({ status: "paid", items: [item, item] });
const properties: OrderPlacedProperties = { status: "paid", quantity: 1 };
trackOrderPlaced(properties);

// Call options.
trackOrderPlaced({ status: "paid" }, { anonymousId: "a_1" });
trackOrderPlaced(
  { status: "paid" },
  {
    timestamp: new Date(),
    context: { ip: "127.0.0.1", library: { name: "tests" } },
    integrations: { All: true, Mixpanel: false, Amplitude: { session_id: 1 } },
  },
);
trackOrderPlaced({ status: "paid" }, { timestamp: "2024-05-01T00:00:00Z" });
const options: CallOptions = { anonymousId: "a_1" };
trackOrderPlaced({ status: "paid" }, options);

// A required nested object with a nested enum.
trackAddressSaved({ address: { city: "Paris", kind: "home" } });
trackAddressSaved({ address: { city: "Paris", kind: "work", zip: "75001" } });
const kind: AddressSavedAddressKind = "work";
const address: AddressSavedAddress = { city: "Lyon", kind };
trackAddressSaved({ address });

// Property names that are a Python keyword and a call-metadata name: wire names in TypeScript.
trackClassJoined({ class: "maths", user_id: "teacher_7" });

// An event without properties.
trackAppOpened();
trackAppOpened({});
trackAppOpened({}, { anonymousId: "a_1" });
trackAppOpened(undefined, { anonymousId: "a_1" });

// Through the namespace.
typed.trackAppOpened();
typed.trackOrderPlaced({ status: "pending" });

// Unions, arrays of arrays, const, closed objects, required traits.
trackShapeChecked({ either: "x" });
trackShapeChecked({ either: 3, grid: [[1, 2], []], fixed: "v1", closed: { a: "x" }, nothing: {} });
trackShapeChecked({ either: "x", contact: { phone: "1" }, bare: { any: [1, "x"] } });
trackShapeChecked({ either: "x", channel: { pigeon: "coo" } });
trackSeatsChanged({ seat_count: 3 }, { extraProperties: { seats: 4 } });
identify({ email: "jane@example.com" });
identify({ email: "jane@example.com", name: "Jane" });

// A recorder typed by event: each planned event's properties as sent.
const recorder = new typed.RecordingAnalytics<typed.TrackedEvents>();
const placed: readonly typed.OrderPlacedProperties[] = recorder.tracked("Order Placed");
const seats: number | undefined = recorder.tracked("Seats Changed")[0]?.seat_count;
void placed;
void seats;
