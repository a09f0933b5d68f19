// A barrel of the app: re-exports a generated function under its own name.
export { trackInvoicePaid as invoicePaid } from "../analytics/index.js";
