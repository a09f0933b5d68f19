// Aliased and namespace imports of the generated TypeScript.
import { trackWorkspaceCreated as t } from "./analytics/index.js";
import * as A from "./analytics";

export function create(): void {
  t({ tier: "team" });
  A.trackUserInvited();
}

export function shadowed(trackReportExported: () => void): void {
  trackReportExported();
}

if (false) {
  A.trackLegacyThing();
}
