import { trackOrderCompleted, identify } from "./analytics/events/calls.js";

function retry<T>(send: (p: T) => void, props: T): void {
  send(props);
}

export function Checkout() {
  retry(trackOrderCompleted, { total: 3 });
  identify({ email: "jane@example.com" });
  return <button onClick={() => retry(trackOrderCompleted, {})}>Pay</button>;
}
