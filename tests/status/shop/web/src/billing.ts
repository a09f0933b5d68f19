import { invoicePaid } from "./lib.js";

export function pay(): void {
  invoicePaid();
}
