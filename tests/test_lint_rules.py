"""Each lint rule with failing and passing examples, most of them the guide's own."""

from __future__ import annotations

import textwrap
from typing import Any

import pytest
import yaml

from trackgen.diagnostics import Diagnostic, Location, Severity
from trackgen.lint import LintConfig, lint_plan
from trackgen.lint.spec_data import EVENTS as SPEC_EVENTS
from trackgen.plan.load import parse_plan

#: The guide's events, which the lint must accept as they are.
GUIDE_GOOD_EVENTS = [
    "Ad Campaign Clicked", "Link Clicked", "Article Completed", "Campaign Opened", "Form Initiated",
    "Form Submitted", "User Signed Up", "Source Data Sent", "Subscription Started", "User Invited",
    "Destination Enabled", "Debugger Call Expanded", "Account Created", "Product Added", "Order Completed",
    "Content Viewed", "Content Shared", "Comment Submitted", "Content Produced", "Content Curated",
    "Workspace Created", "Lead Captured", "Blog Post Read", "Signed Up",
]


def lint_yaml(text: str, **config: Any) -> list[Diagnostic]:
    model, problems = parse_plan(textwrap.dedent(text), "plan.yaml")
    assert model is not None and not problems, problems
    return lint_plan(model, LintConfig(**config))


def plan_of(*events: str | dict[str, Any], **extra: Any) -> str:
    """A plan with described events (a name, or a mapping of the event's keys)."""
    items = []
    for e in events:
        event = {"name": e} if isinstance(e, str) else dict(e)
        event.setdefault("description", "Why it exists.")
        items.append(event)
    return yaml.safe_dump({"name": "Test", "events": items, **extra}, sort_keys=False)


def prop(type_: str = "string", **more: Any) -> dict[str, Any]:
    return {"type": type_, "description": "What it holds.", **more}


def only(diagnostics: list[Diagnostic], code: str) -> list[Diagnostic]:
    return [d for d in diagnostics if d.code == code]


def codes(diagnostics: list[Diagnostic]) -> list[str]:
    return [d.code for d in diagnostics]


def test_the_guides_good_events_pass_every_rule() -> None:
    assert lint_yaml(plan_of(*GUIDE_GOOD_EVENTS)) == []


def test_the_spec_events_pass_every_rule() -> None:
    assert lint_yaml(plan_of(*sorted(SPEC_EVENTS))) == []


#: Well-formed events of real plans, side by side in one plan.
COMMON_GOOD_EVENTS = [
    "Order Placed", "Order Shipped", "Payment Failed", "Password Reset", "Email Verified", "Trial Converted",
    "Subscription Cancelled", "Subscription Renewed", "Plan Upgraded", "Plan Downgraded", "Invoice Paid",
    "File Uploaded", "Report Exported", "Dashboard Viewed", "Filter Applied", "Notification Dismissed",
    "Onboarding Step Completed", "Onboarding Completed", "Feature Flag Evaluated", "Experiment Viewed",
    "Modal Opened", "Modal Closed", "Video Watched", "Message Sent", "Comment Liked", "Profile Updated",
    "Team Member Invited", "Team Member Removed", "API Key Created", "API Key Revoked", "Integration Connected",
    "Integration Disconnected", "Webhook Failed", "Cart Abandoned", "Link Copied", "Post Published",
    "Help Article Read", "Chat Started", "Chat Ended", "Push Permission Granted", "Location Permission Denied",
    "Logged In", "Logged Out", "Opted In", "Account Deactivated", "Account Reactivated", "Data Exported",
    "Import Started", "Import Failed", "Seat Added", "Seat Removed", "Billing Info Updated", "Credit Card Added",
    "Gift Card Redeemed", "iOS App Installed", "2FA Enabled",
]


def test_common_good_events_pass_every_rule() -> None:
    assert lint_yaml(plan_of(*COMMON_GOOD_EVENTS)) == []


# --- TG401 event-name-case ----------------------------------------------------------


@pytest.mark.parametrize(("name", "fix"), [("workspace created", "Workspace Created"), ("workspace_created", "Workspace Created"), ("WorkspaceCreated", "Workspace Created")])
def test_event_names_in_title_case(name: str, fix: str) -> None:
    [d] = lint_yaml(plan_of(name))
    assert (d.code, d.severity) == ("TG401", Severity.WARNING)
    assert d.location == Location("plan.yaml", 3, 3)
    assert f'rename it "{fix}"' in d.message


def test_event_case_is_configurable() -> None:
    assert codes(lint_yaml(plan_of("workspace_created"), event_case="snake_case")) == []
    [d] = lint_yaml(plan_of("Workspace Created"), event_case="snake_case")
    assert d.code == "TG401" and 'rename it "workspace_created"' in d.message
    assert codes(lint_yaml(plan_of("Workspace created"), event_case="Sentence case")) == []


def test_spec_event_names_keep_their_spelling_in_any_convention() -> None:
    assert codes(lint_yaml(plan_of("Order Completed", "Product Added to Wishlist"), event_case="snake_case")) == []


# --- TG402 property-name-case -------------------------------------------------------


def test_property_and_trait_names_in_snake_case() -> None:
    text = plan_of(
        {"name": "Order Completed", "properties": {"accountTier": prop(), "account_name": prop(),
                                                   "products": prop("array", items={"type": "object", "properties": {"productId": prop()}})}},
        identify={"description": "Who.", "traits": {"firstName": prop(), "last_name": prop()}},
    )
    found = only(lint_yaml(text), "TG402")
    assert [d.message for d in found] == [
        'property "accountTier" is not in snake_case; rename it "account_tier" (trackgen lint --fix does this)',
        'property "products[].productId" is not in snake_case; rename it "product_id" (trackgen lint --fix does this)',
        'trait "firstName" is not in snake_case; rename it "first_name" (trackgen lint --fix does this)',
    ]


def test_property_and_trait_case_are_configurable() -> None:
    text = plan_of({"name": "Order Completed", "properties": {"accountTier": prop()}},
                   identify={"description": "Who.", "traits": {"first_name": prop()}})
    assert codes(lint_yaml(text, property_case="camelCase")) == ["TG402"]  # the trait follows property_case
    assert codes(lint_yaml(text, property_case="camelCase", trait_case="snake_case")) == []


# --- TG403 object-action ------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "suggestion"),
    [
        ("Signup", "Signed Up"),
        ("Click Button", "Button Clicked"),
        ("Created Workspace", "Workspace Created"),
        ("Order Submit", "Order Submitted"),
        ("Video Playing", "Video Played"),
        ("Sign Up Button", None),
        ("Pricing Page", None),
    ],
)
def test_event_names_end_with_a_past_tense_action(name: str, suggestion: str | None) -> None:
    [d] = only(lint_yaml(plan_of(name)), "TG403")
    assert 'does not end with a past-tense action' in d.message
    if suggestion:
        assert f'e.g. "{suggestion}"' in d.message


def test_an_action_needs_an_object_unless_it_is_phrasal() -> None:
    [d] = lint_yaml(plan_of("Registered"))
    assert d.code == "TG403" and "an action without an object" in d.message
    assert lint_yaml(plan_of("Signed Up", "Logged In", "Signed Out")) == []


def test_spec_names_and_trailing_phrases_are_actions() -> None:
    names = ["Account Added User", "Video Content Playing", "Product Added to Wishlist", "Wishlist Product Added to Cart"]
    assert only(lint_yaml(plan_of(*names)), "TG403") == []


# --- TG404 dynamic-event-name -------------------------------------------------------


def test_the_guides_dynamic_event_name() -> None:
    [d] = lint_yaml(plan_of("User Signed Up (11-01-2019)"))
    assert (d.code, d.severity) == ("TG404", Severity.ERROR)
    assert d.message == (
        'event name "User Signed Up (11-01-2019)" contains a date ("11-01-2019"); values belong in properties: '
        'track "User Signed Up" and send the value as a property'
    )


@pytest.mark.parametrize(
    "name",
    ["Level 10 Reached", "Invite Sent to jane@example.com", "Page www.example.com Viewed", "Checkout Started v2",
     "Report 5f3a9c1e2b Exported", "Order Completed at 10:30", "Signed Up (Google)"],
)
def test_values_in_event_names(name: str) -> None:
    assert "TG404" in codes(lint_yaml(plan_of(name)))


@pytest.mark.parametrize("kind", ["pages", "screens"])
def test_values_in_page_and_screen_names(kind: str) -> None:
    plan = f"name: Shop\n{kind}:\n  - name: Product 12345\n    description: A product.\n  - name: Home\n    description: Home.\n"
    [d] = lint_yaml(plan)
    what = kind[:-1]
    assert (d.code, d.location) == ("TG404", Location("plan.yaml", 3, 5))
    assert d.message == (
        f'{what} name "Product 12345" contains a number ("12345"); values belong in properties: '
        f'name the {what} "Product" and send the value as a property'
    )


@pytest.mark.parametrize("name", ["2FA Enabled", "B2B Lead Captured", "Web3 Wallet Connected", "MP3 Downloaded"])
def test_digits_inside_words_are_not_values(name: str) -> None:
    assert lint_yaml(plan_of(name)) == []


# --- TG405 event-tracks-property ----------------------------------------------------


def test_the_guides_business_tier_workspace() -> None:
    found = lint_yaml(plan_of("Workspace Created", "Business Tier Workspace Created"))
    [d] = found
    assert (d.code, d.location) == ("TG405", Location("plan.yaml", 5, 3))
    assert d.message == (
        'event "Business Tier Workspace Created" is "Workspace Created" (at 3:3) with "Business Tier" added: '
        'a value in the name; track "Workspace Created" with a property, e.g. `workspace_tier: business`'
    )
    assert d.related == (Location("plan.yaml", 3, 3),)


def test_a_family_of_events_that_differ_by_a_value() -> None:
    found = lint_yaml(plan_of("Free Plan Selected", "Team Plan Selected", "Business Plan Selected"))
    assert codes(found) == ["TG405"] * 3
    assert found[0].message.endswith('track one event "Plan Selected" with a property, e.g. `plan: free`')


@pytest.mark.parametrize(
    "names",
    [
        ["Content Viewed", "Content Shared", "Content Produced", "Content Curated"],  # one object, several actions
        ["Video Playback Buffer Started", "Video Playback Seek Started", "Video Ad Started"],  # the Spec's own
        ["Signed Up", "User Signed Up"],
        ["Account Created", "Workspace Created"],
    ],
)
def test_events_that_differ_by_more_than_a_value(names: list[str]) -> None:
    assert only(lint_yaml(plan_of(*names)), "TG405") == []


# --- TG406 dynamic-property-key -----------------------------------------------------


def test_the_guides_numbered_property_keys() -> None:
    text = plan_of({"name": "Features Selected", "properties": {"feature_1": prop("boolean"), "feature_2": prop("boolean")}})
    found = lint_yaml(text)
    assert codes(found) == ["TG406", "TG406"]
    assert found[0].message == (
        'property "feature_1" is a numbered key (like "feature_2"): each number makes a new column; '
        "use one property with a value or an array, e.g. `features: [...]`"
    )


def test_value_like_property_keys() -> None:
    text = plan_of({"name": "Report Viewed", "properties": {
        "2024_revenue": prop("number"), "item1": prop(), "item2": prop(), "jane@example.com": prop("boolean"),
        "3fa85f64-5717-4562-b3fc-2c963f66afa6": prop()}})
    found = only(lint_yaml(text), "TG406")
    assert len(found) == 5
    assert found[0].message == 'property "2024_revenue" has a value ("2024") in its key; use `revenue` with a property such as `year: 2024`'


def test_keys_with_digits_that_are_not_values() -> None:
    text = plan_of({"name": "File Uploaded", "properties": {
        "sha256_hash": prop(), "ga4_client_id": prop(), "utm_source": prop(), "base64": prop(), "ipv4_address": prop()}})
    assert lint_yaml(text) == []


# --- TG407 duplicate-name, TG408 near-duplicate-name ------------------------------------


def test_duplicate_events_are_errors() -> None:
    found = lint_yaml(plan_of("Order Completed", "order-completed"))
    assert [(d.code, d.severity) for d in found] == [("TG407", Severity.ERROR)]
    assert found[0].message.startswith('event "order-completed" is "Order Completed" (at 3:3) in another case or punctuation')


def test_duplicate_properties_beside_each_other_are_errors() -> None:
    text = plan_of({"name": "Order Completed", "properties": {"Property Collided": prop(), "property_collided": prop()}})
    found = lint_yaml(text)
    assert codes(found) == ["TG407"]
    assert 'keep "property_collided"' in found[0].message


def test_a_property_spelt_two_ways_across_events() -> None:
    text = plan_of({"name": "Product Viewed", "properties": {"product_id": prop()}},
                   {"name": "Product Clicked", "properties": {"productID": prop()}})
    # The casing rule renames productID to product_id; with it off, the duplicate shows.
    assert codes(lint_yaml(text)) == ["TG402"]
    found = lint_yaml(text, rules={"property-name-case": "off"})
    assert codes(found) == ["TG407"] and 'keep "product_id"' in found[0].message


@pytest.mark.parametrize(
    ("names", "flagged"),
    [
        (["Order Completed", "Order Complete"], "Order Complete"),
        (["Product Viewed", "Products Viewed"], "Products Viewed"),
        (["Order Cancelled", "Order Canceled"], "Order Canceled"),
        (["Invoice Sent", "Invoise Sent"], "Invoise Sent"),
    ],
)
def test_close_spellings_are_warnings(names: list[str], flagged: str) -> None:
    found = only(lint_yaml(plan_of(*names)), "TG408")
    assert [(d.severity, d.message.split('"')[1]) for d in found] == [(Severity.WARNING, flagged)]


def test_different_words_are_not_near_duplicates() -> None:
    names = ["Signed In", "Signed Up", "Signed Out", "Coupon Applied", "Coupon Denied", "Cart Viewed", "Card Viewed"]
    assert only(lint_yaml(plan_of(*names)), "TG408") == []


def test_close_property_names_across_events() -> None:
    text = plan_of({"name": "Page Opened", "properties": {"referrer": prop()}},
                   {"name": "Form Submitted", "properties": {"referer": prop()}})
    [d] = lint_yaml(text)
    assert d.code == "TG408" and d.message.startswith('property "referer" is close to "referrer"')


# --- TG409 property-type-conflict, TG410 property-enum-conflict -----------------------


def test_one_type_per_property_name() -> None:
    text = plan_of({"name": "Order Completed", "properties": {"amount": prop("number")}},
                   {"name": "Order Refunded", "properties": {"amount": prop("number")}},
                   {"name": "Payment Failed", "properties": {"amount": prop("string")}})
    [d] = lint_yaml(text)
    assert (d.code, d.severity) == ("TG409", Severity.ERROR)
    assert d.message.startswith('property "amount" has type string in event "Payment Failed" but number in event "Order Completed"')


def test_integer_and_number_and_versions_are_one_meaning() -> None:
    text = plan_of({"name": "Order Completed", "properties": {"amount": prop("integer")}},
                   {"name": "Order Refunded", "properties": {"amount": prop("number")}},
                   {"name": "Trial Started", "properties": {"plan": prop("string")}},
                   {"name": "Trial Started", "version": 2, "properties": {"plan": prop("integer")}})
    assert lint_yaml(text) == []


def test_unrelated_enums_for_one_property_name() -> None:
    text = plan_of({"name": "Plan Selected", "properties": {"tier": {"enum": ["free", "team"], "description": "x"}}},
                   {"name": "Plan Upgraded", "properties": {"tier": {"enum": ["team"], "description": "x"}}},
                   {"name": "Ticket Opened", "properties": {"tier": {"enum": ["p1", "p2"], "description": "x"}}})
    [d] = lint_yaml(text)  # a subset ("team") is one meaning; p1/p2 is another
    assert (d.code, d.severity) == ("TG410", Severity.WARNING)
    assert 'allows ["p1", "p2"] in event "Ticket Opened" but ["free", "team"]' in d.message


# --- TG411, TG412, TG413: the Segment Spec ----------------------------------------------


def test_the_spec_gives_revenue_a_number() -> None:
    text = plan_of({"name": "Order Completed", "properties": {"revenue": prop("string"), "order_id": prop("integer"),
                                                              "products": prop("array", items={"type": "object", "properties": {"price": prop("string")}})}},
                   {"name": "Donation Made", "properties": {"revenue": prop("string")}})
    found = only(lint_yaml(text), "TG411")
    assert [d.message for d in found] == [
        'the Segment Spec makes "revenue" a number in every track call; it is string: use type number, or rename the property',
        'the Segment Spec makes "order_id" a string in "Order Completed"; it is integer: use type string, or rename the property',
        'the Segment Spec makes "products[].price" a number for each of the products in "Order Completed"; it is string: use type number, or rename the property',
        'the Segment Spec makes "revenue" a number in every track call; it is string: use type number, or rename the property',
    ]
    assert {d.severity for d in found} == {Severity.ERROR}


def test_order_id_outside_the_spec_events_is_the_plans_own() -> None:
    text = plan_of({"name": "Ticket Created", "properties": {"order_id": prop("integer"), "total": prop("string")}})
    assert lint_yaml(text) == []


@pytest.mark.parametrize(
    ("name", "target"),
    [("Product Add", "Product Added"), ("Order Complete", "Order Completed"), ("Sign Up", "Signed Up"),
     ("Products Added", "Product Added"), ("order completed", "Order Completed"), ("Order Canceled", "Order Cancelled")],
)
def test_near_misses_of_spec_event_names(name: str, target: str) -> None:
    [d] = only(lint_yaml(plan_of(name)), "TG412")
    assert f'close to the Segment Spec event "{target}"' in d.message and f'rename it "{target}"' in d.message


def test_spec_near_misses_leave_other_names_alone() -> None:
    names = ["User Signed Up", "Subscription Started", "Content Shared", "Debugger Call Expanded", "Lead Captured"]
    assert only(lint_yaml(plan_of(*names)), "TG412") == []
    # Under another casing convention, the Spec name in that casing is the plan's choice.
    assert only(lint_yaml(plan_of("order_completed"), event_case="snake_case"), "TG412") == []


def test_reserved_traits_have_the_specs_types() -> None:
    text = plan_of("Signed Up", identify={"description": "Who.", "traits": {
        "email": prop("integer"), "created_at": prop("string"), "createdAt": prop("string", format="date"),
        "address": prop("object", properties={"city": prop("integer")}), "first_name": prop()}},
        group={"description": "The account.", "traits": {"employees": prop("integer"), "plan": prop()}})
    found = only(lint_yaml(text, rules={"TG402": "off", "TG407": "off"}), "TG413")
    assert [d.message for d in found] == [
        'the Segment Spec makes identify trait "email" a string; it is integer: use type string, or rename the trait',
        'the Segment Spec makes identify trait "created_at" a date-time string; add `format: date-time` (an ISO 8601 string), or rename the trait',
        'the Segment Spec makes identify trait "createdAt" a date-time string; it has format "date": use format: date-time, or rename the trait',
        'the Segment Spec makes identify trait "address.city" a string; it is integer: use type string, or rename the trait',
        'the Segment Spec makes group trait "employees" a string; it is integer: use type string, or rename the trait',
    ]


# --- TG414, TG415: documentation ----------------------------------------------------------


def test_events_and_properties_need_descriptions() -> None:
    text = yaml.safe_dump({"name": "T", "events": [{"name": "Signed Up", "properties": {"method": {"type": "string"}}}]})
    found = lint_yaml(text)
    assert [(d.code, d.severity) for d in found] == [("TG414", Severity.WARNING), ("TG415", Severity.WARNING)]
    assert found[0].message == 'event "Signed Up" has no description: say why it exists and when it is sent'


def test_a_reference_to_a_described_definition_is_described() -> None:
    text = plan_of({"name": "Signed Up", "properties": {"where": {"$ref": "#/$defs/place"}}},
                   **{"$defs": {"place": {"type": "string", "description": "Where on the page."}}})
    assert lint_yaml(text) == []


# --- TG416, TG417: size hints -------------------------------------------------------------


def test_many_properties_is_a_hint() -> None:
    text = plan_of({"name": "Form Submitted", "properties": {f"field_{c}": prop() for c in "abcdef"}})
    [d] = lint_yaml(text, max_properties=5)
    assert (d.code, d.severity) == ("TG416", Severity.INFO)
    assert lint_yaml(text) == []


def test_events_without_owner_where_the_plan_records_owners() -> None:
    [d] = lint_yaml(plan_of({"name": "Signed Up", "owner": "growth"}, "Order Completed"))
    assert (d.code, d.severity, d.message) == ("TG417", Severity.INFO, 'event "Order Completed" has no owner; other events name theirs (growth)')
    assert lint_yaml(plan_of("Signed Up", "Order Completed")) == []


# --- configuration and exceptions -----------------------------------------------------------


def test_severity_per_rule_by_code_or_name() -> None:
    text = plan_of("Signup")
    assert [d.severity for d in lint_yaml(text, rules={"TG403": "error"})] == [Severity.ERROR]
    assert lint_yaml(text, rules={"object-action": "off"}) == []


def test_per_event_exceptions_with_a_reason() -> None:
    text = plan_of({"name": "Signup", "lint": {"ignore": ["object-action"], "reason": "Sent by a vendor SDK we do not control."}},
                   {"name": "Logout", "lint": {"ignore": ["TG403"], "reason": "Legacy name."}})
    assert lint_yaml(text) == []


def test_exceptions_name_known_rules_and_give_a_reason() -> None:
    text = plan_of({"name": "Signup", "lint": {"ignore": ["TG403", "TG499"]}})
    found = lint_yaml(text)
    assert [(d.code, d.severity) for d in found] == [("TG418", Severity.WARNING)] * 2
    assert [d.message for d in found] == [
        'event "Signup": lint.ignore has no reason; say why the exception is accepted (lint.reason)',
        'event "Signup": lint.ignore names an unknown rule "TG499" (use a code such as TG403 or a rule name)',
    ]


def test_an_enum_of_fractional_numbers_warns_that_python_types_it_float() -> None:
    plan = plan_of(
        {"name": "Rating Given", "properties": {"stars": prop("number", enum=[0.5, 1.0, 1.5]), "level": prop("integer", enum=[1, 2])}},
        **{"$defs": {"half": {"enum": [2.5, 3]}}},
    )
    found = only(lint_yaml(plan), "TG419")
    assert [d.severity for d in found] == [Severity.WARNING] * 2
    event, definition = found  # in plan order
    assert definition.message.startswith('definition "half": an enum of numbers with a fraction (2.5) is typed float in Python')
    assert event.message.startswith('event "Rating Given", property "stars": an enum of numbers with a fraction (0.5, 1.5)')
    assert event.location is not None and event.location.line > 1
