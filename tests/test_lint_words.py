"""The string functions under the lint rules, as tables of input -> expected."""

from __future__ import annotations

import pytest

from trackgen.lint.values import static_name, values_in
from trackgen.lint.words import (
    CONVENTIONS,
    action_index,
    analysis_words,
    close_words,
    fixable,
    follows,
    is_past,
    normalise,
    split_words,
    to_case,
)


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("Workspace Created", ["Workspace", "Created"]),
        ("workspace_created", ["workspace", "created"]),
        ("workspaceCreated", ["workspace", "Created"]),
        ("APIKeyCreated", ["API", "Key", "Created"]),
        ("ga4ClientId", ["ga4", "Client", "Id"]),
        ("iOS App Installed", ["iOS", "App", "Installed"]),
        ("feature_1", ["feature", "1"]),
        ("  Order  Completed ", ["Order", "Completed"]),
    ],
)
def test_split_words(name: str, words: list[str]) -> None:
    assert split_words(name) == words


@pytest.mark.parametrize(
    ("name", "convention", "expected"),
    [
        ("workspace_created", "Title Case", "Workspace Created"),
        ("WorkspaceCreated", "Title Case", "Workspace Created"),
        ("workspace created", "Title Case", "Workspace Created"),
        ("ORDER COMPLETED", "Title Case", "Order Completed"),
        ("product added to wishlist", "Title Case", "Product Added to Wishlist"),
        ("iOS App Installed", "Title Case", "iOS App Installed"),
        ("Workspace Created", "Sentence case", "Workspace created"),
        ("API Key Created", "Sentence case", "API key created"),
        ("Workspace Created", "snake_case", "workspace_created"),
        ("accountTier", "snake_case", "account_tier"),
        ("Property Collided", "snake_case", "property_collided"),
        ("userID", "snake_case", "user_id"),
        ("account_tier", "camelCase", "accountTier"),
        ("is_CI", "camelCase", "isCI"),
        ("account_tier", "PascalCase", "AccountTier"),
        ("account_tier", "kebab-case", "account-tier"),
        ("Workspace Created", "lower case", "workspace created"),
    ],
)
def test_to_case(name: str, convention: str, expected: str) -> None:
    assert to_case(name, convention) == expected  # type: ignore[arg-type]
    assert follows(expected, convention)  # type: ignore[arg-type]


NAMES = ["workspace_created", "WorkspaceCreated", "ORDER COMPLETED", "iOS app", "userID", "feature_1", "a b c", "Sign-up Started"]


@pytest.mark.parametrize("convention", CONVENTIONS)
@pytest.mark.parametrize("name", NAMES)
def test_to_case_is_idempotent(name: str, convention: str) -> None:
    once = to_case(name, convention)  # type: ignore[arg-type]
    assert to_case(once, convention) == once  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("name", "ok"),
    [("workspace created", True), ("feature_1", True), ("Bob's Event", False), ("a.b", False), ("42_--x==y", False)],
)
def test_fixable(name: str, ok: bool) -> None:
    assert fixable(name) is ok


@pytest.mark.parametrize(
    ("word", "past"),
    [
        ("Created", True), ("Read", True), ("Sent", True), ("Expanded", True), ("Shared", True),
        ("Feed", False), ("Speed", False), ("Button", False), ("Signup", False), ("Red", False),
    ],
)
def test_is_past(word: str, past: bool) -> None:
    assert is_past(word) is past


@pytest.mark.parametrize(
    ("name", "index"),
    [
        ("Blog Post Read", 2), ("Signed Up", 0), ("Product Added to Wishlist", 1), ("Signed Up with Google", 0),
        ("Created Workspace", None), ("Click Button", None), ("Signup", None),
    ],
)
def test_action_index(name: str, index: int | None) -> None:
    assert action_index(analysis_words(name)) == index


@pytest.mark.parametrize(
    ("a", "b", "close"),
    [
        ("complete", "completed", True), ("product", "products", True), ("referer", "referrer", True),
        ("canceled", "cancelled", True), ("add", "added", True), ("sign", "signed", True),
        ("in", "up", False), ("viewed", "shared", False), ("card", "cart", False), ("feature1", "feature2", False),
        ("reactivated", "deactivated", False), ("encoded", "decoded", False),
    ],
)
def test_close_words(a: str, b: str, close: bool) -> None:
    assert close_words(a, b) is close


def test_normalise() -> None:
    assert normalise("Sign-Up Completed") == normalise("signup_completed") == normalise("SignUpCompleted")


@pytest.mark.parametrize(
    ("name", "kinds", "static"),
    [
        ("User Signed Up (11-01-2019)", ["a date"], "User Signed Up"),
        ("Email Sent to jane@example.com", ["an email address"], "Email Sent"),
        ("Page https://example.com/pricing Viewed", ["a URL"], "Page Viewed"),
        ("Level 10 Reached", ["a number"], "Level Reached"),
        ("Checkout Started v2", ["a version"], "Checkout Started"),
        ("Item 3fa85f64-5717-4562-b3fc-2c963f66afa6 Viewed", ["an id"], "Item Viewed"),
        ("Signed Up (Google)", ["a value in brackets"], "Signed Up"),
        ("Report Exported on March 3, 2024", ["a date"], "Report Exported"),
        ("2FA Enabled", [], "2FA Enabled"),
        ("B2B Lead Captured", [], "B2B Lead Captured"),
    ],
)
def test_values_in_names(name: str, kinds: list[str], static: str) -> None:
    assert [kind for kind, _, _ in values_in(name)] == kinds
    assert static_name(name) == static
