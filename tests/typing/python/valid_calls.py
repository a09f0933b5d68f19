"""Valid calls of the code generated from tests/typing/plan.yaml.

tests/test_typing.py copies this file next to the generated package (``typed_analytics``)
and requires zero errors from mypy --strict and pyright (strict). Imports are from the
package root only, never from its modules, so that the layout of the generated modules
can change without touching this file.

segment-analytics-python ships no py.typed and no stubs. The least-bad way to check a
real ``Client`` against ``configure`` is to let both checkers read its source, not to
silence the import (which would make the client ``Any`` and prove nothing):

- mypy: ``follow_untyped_imports = True`` for ``segment.*`` and
  ``untyped_calls_exclude = segment`` (its constructor is unannotated), in the
  mypy.ini next to this file that the test copies along;
- pyright: it reads untyped libraries' source anyway; only its strict-mode
  ``reportMissingTypeStubs`` on the import lines is silenced, line by line.
"""

from __future__ import annotations

import datetime

import segment.analytics  # pyright: ignore[reportMissingTypeStubs]
from segment.analytics.client import Client  # pyright: ignore[reportMissingTypeStubs]

import typed_analytics
from typed_analytics import (
    OMIT,
    AddressSavedAddress,
    AddressSavedAddressKind,
    AnalyticsClient,
    OrderPlacedItemsItem,
    OrderPlacedStatus,
    RecordingClient,
    configure,
    identify,
    track_address_saved,
    track_app_opened,
    track_class_joined,
    track_order_placed,
    track_seats_changed,
    track_shape_checked,
)

# configure: the test client, a real segment Client, the segment module, the protocol.
recorder = RecordingClient()
configure(client=recorder)
configure(client=Client(write_key="x", send=False))
configure(client=segment.analytics)
configure(client=recorder, on_violation=print)
client: AnalyticsClient = recorder
configure(client=client)

# A required enum; every optional property left out.
track_order_placed(status="pending")
status: OrderPlacedStatus = "paid"
track_order_placed(status=status)

# Optional properties given, OMIT given explicitly, None for the nullable one.
track_order_placed(status="shipped", quantity=3, coupon="SPRING", gift=True)
track_order_placed(status="paid", quantity=OMIT, coupon=OMIT, gift=OMIT, tags=OMIT)
track_order_placed(status="paid", coupon=None)
track_order_placed(status="paid", gift=False, quantity=0)

# Arrays: lists, tuples, empty; objects in arrays as literals and as TypedDicts.
track_order_placed(status="paid", tags=["red", "blue"])
track_order_placed(status="paid", tags=("red",))
track_order_placed(status="paid", tags=[])
track_order_placed(status="paid", items=[{"sku": "A-1"}, {"sku": "B-2", "price": 9.5}])
track_order_placed(status="paid", items=[{"sku": "A-1", "price": 3}])
item: OrderPlacedItemsItem = {"sku": "C-3"}
track_order_placed(status="paid", items=(item, item))
tags: list[str] = ["a"]
track_order_placed(status="paid", tags=tags)

# Call metadata.
track_order_placed(
    status="paid",
    user_id="u_1",
    anonymous_id="a_1",
    timestamp=datetime.datetime(2024, 5, 1, tzinfo=datetime.timezone.utc),
    context={"ip": "127.0.0.1", "library": {"name": "tests"}},
    integrations={"All": True, "Mixpanel": False},
)
track_order_placed(status="paid", user_id=None, anonymous_id=None, timestamp=None)

# A required nested object with a nested enum: a literal, a TypedDict, the constructor.
track_address_saved(address={"city": "Paris", "kind": "home"})
track_address_saved(address={"city": "Paris", "kind": "work", "zip": "75001"})
kind: AddressSavedAddressKind = "work"
address: AddressSavedAddress = {"city": "Lyon", "kind": kind}
track_address_saved(address=address, user_id="u_1")
track_address_saved(address=AddressSavedAddress(city="Nice", kind="home"))

# Property names that are a Python keyword and a call-metadata name.
track_class_joined(class_="maths", user_id_="teacher_7")
track_class_joined(class_="maths", user_id_="teacher_7", user_id="u_1")

# An event without properties.
track_app_opened()
track_app_opened(anonymous_id="a_1")

# Through the package object, as `import typed_analytics` users write it.
typed_analytics.track_app_opened(user_id="u_1")
typed_analytics.track_order_placed(status="pending", quantity=typed_analytics.OMIT)


# Unions, arrays of arrays, const, closed objects, required traits.
track_shape_checked(either="x", user_id="u_1")
track_shape_checked(either=3, grid=[[1, 2], []], fixed="v1", closed={"a": "x"}, nothing={}, user_id="u_1")
track_shape_checked(either="x", contact={"phone": "1"}, bare={"any": [1, "x"]}, user_id="u_1")
track_seats_changed(seat_count=3, extra_properties={"seats": 4}, user_id="u_1")
identify(user_id="u_1", email="jane@example.com")
identify(user_id="u_1", email="jane@example.com", name="Jane")
