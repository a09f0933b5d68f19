// Raw SDK calls in plain JavaScript.
export function legacy(analytics, name) {
  analytics.track("Lead Captured", { source: "form" });
  analytics.track("Order Complete", {});
  window.analytics.page("Docs");
  analytics.track(name);
}
