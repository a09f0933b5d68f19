// Invalid calls of the code generated from tests/typing/plan.yaml for @segment/analytics-node.
// Every wrong line ends with the error codes tsc must report on it: `// expect: TS2322`
// (both compilers), or `// expect: ts5[TS2345] ts7[TS2741]` where TypeScript 5 and 7 differ.
// tests/test_typing.py requires exactly these (line, code) pairs from each compiler.
// Each call stays on one line so that an error cannot move to a neighbouring line.
import { AnalyticsBrowser } from "@segment/analytics-next";
import * as typed from "./ts/index.js";
import {
  alias,
  configure,
  trackAddressSaved,
  trackAppOpened,
  trackClassJoined,
  trackOrderCancelled, // expect: TS2724
  identify,
  trackOrderPlaced,
  trackSeatsChanged,
  trackShapeChecked,
  type AddressSavedAddress,
  type CallOptions,
  type OrderPlacedItemsItem,
} from "./ts/index.js";

const user = { userId: "u_1" } as const;

// No one the call is about: analytics-node needs a userId or an anonymousId.
trackOrderPlaced({ status: "paid" }); // expect: TS2554
trackOrderPlaced({ status: "paid" }, {}); // expect: TS2345
trackOrderPlaced({ status: "paid" }, { timestamp: new Date() }); // expect: TS2345
trackOrderPlaced({ status: "paid" }, { context: { ip: "127.0.0.1" } }); // expect: TS2345
trackOrderPlaced({ status: "paid" }, undefined); // expect: TS2345
trackOrderPlaced({ status: "paid" }, { userId: undefined }); // expect: TS2379
trackOrderPlaced({ status: "paid" }, { userId: null }); // expect: TS2322
trackOrderPlaced({ status: "paid" }, { userId: 42 }); // expect: TS2322
trackOrderPlaced({ status: "paid" }, { user_id: "u_1" }); // expect: TS2561
trackAppOpened(); // expect: TS2554
trackAppOpened({}); // expect: TS2554
trackAppOpened(undefined, {}); // expect: TS2345
trackClassJoined({ class: "maths", user_id: "u_1" }); // expect: TS2554
const anonymous: CallOptions = {}; // expect: TS2322

// A value outside the enum.
trackOrderPlaced({ status: "cancelled" }, user); // expect: TS2322
trackOrderPlaced({ status: "PAID" }, user); // expect: TS2820
const someString: string = "paid";
trackOrderPlaced({ status: someString }, user); // expect: TS2322

// A required property left out.
trackOrderPlaced({}, user); // expect: ts5[TS2345] ts7[TS2741]
trackOrderPlaced({ quantity: 1 }, user); // expect: ts5[TS2345] ts7[TS2741]
trackAddressSaved({}, user); // expect: ts5[TS2345] ts7[TS2741]
trackClassJoined({ class: "maths" }, user); // expect: ts5[TS2345] ts7[TS2741]

// A property the event does not have (a typo, another event's, a Python spelling).
trackOrderPlaced({ status: "paid", colour: "red" }, user); // expect: TS2353
trackOrderPlaced({ status: "paid", quantiy: 1 }, user); // expect: TS2561
trackAppOpened({ screen: "home" }, user); // expect: TS2322
trackClassJoined({ class_: "maths", user_id: "t_7" }, user); // expect: TS2561
trackClassJoined({ class: "maths", userId: "t_7" }, user); // expect: TS2561

// A value of the wrong type.
trackOrderPlaced({ status: "paid", quantity: "3" }, user); // expect: TS2322
trackOrderPlaced({ status: "paid", gift: "yes" }, user); // expect: TS2322
trackOrderPlaced({ status: "paid", coupon: 10 }, user); // expect: TS2322
trackOrderPlaced({ status: 1 }, user); // expect: TS2322
trackAddressSaved({ address: "1 rue de Rivoli, Paris" }, user); // expect: TS2322
trackOrderPlaced({ status: "paid" }, { userId: "u_1", timestamp: 1714521600 }); // expect: TS2322

// A nested object of the wrong shape: a key missing, a key too many, a wrong nested enum.
trackAddressSaved({ address: { city: "Paris" } }, user); // expect: TS2741
trackAddressSaved({ address: { kind: "home" } }, user); // expect: TS2741
trackAddressSaved({ address: { city: "Paris", kind: "home", planet: "Earth" } }, user); // expect: TS2353
trackAddressSaved({ address: { city: "Paris", kind: "office" } }, user); // expect: TS2322
trackAddressSaved({ address: { city: 75, kind: "home" } }, user); // expect: TS2322
const badAddress: AddressSavedAddress = { city: "Paris", kind: "office" }; // expect: TS2322

// null where the plan does not allow it (only "coupon" is nullable), and undefined
// for a property that is optional, not undefined (exactOptionalPropertyTypes).
trackOrderPlaced({ status: null }, user); // expect: TS2322
trackOrderPlaced({ status: "paid", quantity: null }, user); // expect: TS2322
trackOrderPlaced({ status: "paid", tags: null }, user); // expect: TS2322
trackAddressSaved({ address: null }, user); // expect: TS2322
trackAddressSaved({ address: { city: "Paris", kind: "home", zip: null } }, user); // expect: TS2322
trackOrderPlaced({ status: "paid", quantity: undefined }, user); // expect: TS2379
trackOrderPlaced(null, user); // expect: TS2345

// An event function that does not exist.
typed.trackOrderCancelled({ status: "paid" }, user); // expect: TS2551
typed.track_order_placed({ status: "paid" }, user); // expect: TS2551

// Properties passed positionally instead of as one object.
trackOrderPlaced("paid", user); // expect: TS2345
trackClassJoined("maths", "t_7"); // expect: TS2345

// Arrays with an item of the wrong type, or not arrays at all.
trackOrderPlaced({ status: "paid", tags: ["red", 1] }, user); // expect: TS2322
trackOrderPlaced({ status: "paid", tags: "red" }, user); // expect: TS2322
trackOrderPlaced({ status: "paid", items: [{ sku: 1 }] }, user); // expect: TS2322
trackOrderPlaced({ status: "paid", items: [{ price: 1 }] }, user); // expect: TS2741
trackOrderPlaced({ status: "paid", items: [{ sku: "A-1", colour: "red" }] }, user); // expect: TS2353
trackOrderPlaced({ status: "paid", items: ["A-1"] }, user); // expect: TS2322
trackOrderPlaced({ status: "paid", items: { sku: "A-1" } }, user); // expect: TS2353
const badItem: OrderPlacedItemsItem = { sku: "A-1", price: "free" }; // expect: TS2322

// alias takes the ids as arguments, not in its options.
alias("u_1"); // expect: TS2554
alias("u_1", "a_1", { userId: "u_2" }); // expect: TS2353

// configure with something that is not an analytics-node instance.
configure({ analytics: {} }); // expect: TS2740
configure({ analytics: AnalyticsBrowser.load({ writeKey: "x" }) }); // expect: TS2322
configure({}); // expect: ts5[TS2345] ts7[TS2741]

const someone = { userId: "u_1" } as const;

// Unions, arrays of arrays, const, closed objects, required traits.
trackShapeChecked({ either: true }, someone); // expect: TS2322
trackShapeChecked({ either: "x", grid: [1, 2] }, someone); // expect: TS2322
trackShapeChecked({ either: "x", grid: [["1"]] }, someone); // expect: TS2322
trackShapeChecked({ either: "x", fixed: "v2" }, someone); // expect: TS2322
trackShapeChecked({ either: "x", closed: { a: "x", b: 1 } }, someone); // expect: TS2353
trackShapeChecked({ either: "x", nothing: { a: 1 } }, someone); // expect: TS2322
trackShapeChecked({ either: "x", contact: { email: "a", phone: "b" } }, someone); // expect: TS2322
trackShapeChecked({ either: "x", channel: { slack: "a", fax: "b" } }, someone); // expect: TS2322
trackShapeChecked({ either: "x", channel: {} }, someone); // expect: TS2322
// A misspelled property of an open event, and extras for a closed one.
trackSeatsChanged({ seat_count: 3, seats: 4 }, someone); // expect: TS2353
trackOrderPlaced({ status: "paid" }, { ...someone, extraProperties: { a: 1 } }); // expect: TS2353
identify({ name: "Jane" }, someone); // expect: ts5[TS2345] ts7[TS2741]

// The typed recorder knows the planned events and their properties.
const recorder = new typed.RecordingAnalytics<typed.TrackedEvents>();
recorder.tracked("Order Cancelled"); // expect: TS2345
const notANumber: number | undefined = recorder.tracked("Order Placed")[0]?.status; // expect: TS2322
