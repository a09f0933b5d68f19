"""Invalid calls of the code generated from tests/typing/plan.yaml.

Every line that is wrong ends with the errors both checkers must report on it:
``# expect: mypy[CODE,...] pyright[RULE,...]``. tests/test_typing.py runs mypy --strict
and pyright (strict) over this file and requires exactly these (line, checker, code)
triples: an error missing from a line and an error nobody expected both fail.
Each statement stays on one line so that an error cannot move to a neighbouring line.
"""

from __future__ import annotations

import typed_analytics
from typed_analytics import (
    AddressSavedAddress,
    OrderPlacedItemsItem,
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
from typed_analytics import track_order_cancelled  # expect: mypy[attr-defined] pyright[reportAttributeAccessIssue,reportUnknownVariableType,reportUnusedImport]

# A value outside the enum.
track_order_placed(status="cancelled")  # expect: mypy[arg-type] pyright[reportArgumentType]
track_order_placed(status="PAID")  # expect: mypy[arg-type] pyright[reportArgumentType]


def forward(status: str) -> None:  # a str is not an enum value, whatever it holds
    track_order_placed(status=status)  # expect: mypy[arg-type] pyright[reportArgumentType]


# A required property left out.
track_order_placed()  # expect: mypy[call-arg] pyright[reportCallIssue]
track_order_placed(quantity=1)  # expect: mypy[call-arg] pyright[reportCallIssue]
track_address_saved()  # expect: mypy[call-arg] pyright[reportCallIssue]
track_address_saved(user_id="u_1")  # expect: mypy[call-arg] pyright[reportCallIssue]

# A keyword the event does not have (a typo, a property of another event, camelCase).
track_order_placed(status="paid", colour="red")  # expect: mypy[call-arg] pyright[reportCallIssue]
track_order_placed(status="paid", quantiy=1)  # expect: mypy[call-arg] pyright[reportCallIssue]
track_order_placed(status="paid", userId="u_1")  # expect: mypy[call-arg] pyright[reportCallIssue]
track_app_opened(screen="home")  # expect: mypy[call-arg] pyright[reportCallIssue]
track_app_opened(message_id="m_1")  # expect: mypy[call-arg] pyright[reportCallIssue]

# A value of the wrong type.
# (Not here: quantity=True. bool is a subtype of int for every Python type checker; the
# generated run-time validation rejects it.)
track_order_placed(status="paid", quantity="3")  # expect: mypy[arg-type] pyright[reportArgumentType]
track_order_placed(status="paid", quantity=2.5)  # expect: mypy[arg-type] pyright[reportArgumentType]
track_order_placed(status="paid", gift="yes")  # expect: mypy[arg-type] pyright[reportArgumentType]
track_order_placed(status="paid", coupon=10)  # expect: mypy[arg-type] pyright[reportArgumentType]
track_order_placed(status=1)  # expect: mypy[arg-type] pyright[reportArgumentType]
track_order_placed(status="paid", user_id=42)  # expect: mypy[arg-type] pyright[reportArgumentType]
track_order_placed(status="paid", timestamp="2024-05-01T00:00:00Z")  # expect: mypy[arg-type] pyright[reportArgumentType]
track_address_saved(address="1 rue de Rivoli, Paris")  # expect: mypy[arg-type] pyright[reportArgumentType]

# A nested object of the wrong shape: a key missing, a key too many, a wrong nested enum.
track_address_saved(address={"city": "Paris"})  # expect: mypy[typeddict-item] pyright[reportArgumentType]
track_address_saved(address={"kind": "home"})  # expect: mypy[typeddict-item] pyright[reportArgumentType]
track_address_saved(address={"city": "Paris", "kind": "home", "planet": "Earth"})  # expect: mypy[typeddict-unknown-key] pyright[reportArgumentType]
track_address_saved(address={"city": "Paris", "kind": "office"})  # expect: mypy[typeddict-item] pyright[reportArgumentType]
track_address_saved(address={"city": 75, "kind": "home"})  # expect: mypy[typeddict-item] pyright[reportArgumentType]
track_address_saved(address={"city": "Paris", "kind": "home", "zip": 75001})  # expect: mypy[typeddict-item] pyright[reportArgumentType]
bad_address: AddressSavedAddress = {"city": "Paris", "kind": "office"}  # expect: mypy[typeddict-item] pyright[reportAssignmentType]
track_address_saved(address=AddressSavedAddress(city="Paris", kind="office"))  # expect: mypy[typeddict-item] pyright[reportArgumentType]
track_address_saved(address=AddressSavedAddress(city="Paris"))  # expect: mypy[typeddict-item] pyright[reportCallIssue]
loose_address: dict[str, str] = {"city": "Paris", "kind": "home"}
track_address_saved(address=loose_address)  # expect: mypy[arg-type] pyright[reportArgumentType]

# None where the plan does not allow null (only "coupon" is nullable).
track_order_placed(status=None)  # expect: mypy[arg-type] pyright[reportArgumentType]
track_order_placed(status="paid", quantity=None)  # expect: mypy[arg-type] pyright[reportArgumentType]
track_order_placed(status="paid", gift=None)  # expect: mypy[arg-type] pyright[reportArgumentType]
track_order_placed(status="paid", tags=None)  # expect: mypy[arg-type] pyright[reportArgumentType]
track_address_saved(address=None)  # expect: mypy[arg-type] pyright[reportArgumentType]
track_address_saved(address={"city": "Paris", "kind": "home", "zip": None})  # expect: mypy[typeddict-item] pyright[reportArgumentType]
track_class_joined(class_=None, user_id_="t_7")  # expect: mypy[arg-type] pyright[reportArgumentType]

# An event function that does not exist.
typed_analytics.track_order_cancelled(status="paid")  # expect: mypy[attr-defined] pyright[reportAttributeAccessIssue,reportUnknownMemberType]
typed_analytics.trackOrderPlaced(status="paid")  # expect: mypy[attr-defined] pyright[reportAttributeAccessIssue,reportUnknownMemberType]

# Properties passed positionally (every parameter is keyword-only).
track_order_placed("paid")  # expect: mypy[call-arg] pyright[reportCallIssue]
track_address_saved({"city": "Paris", "kind": "home"})  # expect: mypy[call-arg] pyright[reportCallIssue]
track_class_joined("maths", "t_7")  # expect: mypy[call-arg] pyright[reportCallIssue]
track_app_opened("u_1")  # expect: mypy[call-arg] pyright[reportCallIssue]

# Arrays with an item of the wrong type, or not arrays at all.
track_order_placed(status="paid", tags=["red", 1])  # expect: mypy[list-item] pyright[reportArgumentType]
track_order_placed(status="paid", tags=[None])  # expect: mypy[list-item] pyright[reportArgumentType]
# A str is itself a Sequence[str]: only a list-or-tuple annotation makes this an error.
track_order_placed(status="paid", tags="red")  # expect: mypy[arg-type] pyright[reportArgumentType]
track_order_placed(status="paid", items=[{"sku": 1}])  # expect: mypy[typeddict-item] pyright[reportArgumentType]
track_order_placed(status="paid", items=[{"price": 1.0}])  # expect: mypy[typeddict-item] pyright[reportArgumentType]
track_order_placed(status="paid", items=[{"sku": "A-1", "colour": "red"}])  # expect: mypy[typeddict-unknown-key] pyright[reportArgumentType]
track_order_placed(status="paid", items=["A-1"])  # expect: mypy[list-item] pyright[reportArgumentType]
track_order_placed(status="paid", items={"sku": "A-1"})  # expect: mypy[arg-type] pyright[reportArgumentType]
bad_item: OrderPlacedItemsItem = {"sku": "A-1", "price": "free"}  # expect: mypy[typeddict-item] pyright[reportAssignmentType]

# Keyword and metadata names: the property takes the trailing underscore.
track_class_joined(class_="maths", user_id="t_7")  # expect: mypy[call-arg] pyright[reportCallIssue]
track_class_joined(klass="maths", user_id_="t_7")  # expect: mypy[call-arg] pyright[reportCallIssue]

# configure with something that is not a client.
configure(client=object())  # expect: mypy[arg-type] pyright[reportArgumentType]
configure(client=RecordingClient)  # expect: mypy[arg-type] pyright[reportArgumentType]
configure(RecordingClient())  # expect: mypy[call-arg] pyright[reportCallIssue]

# Unions, arrays of arrays, const, closed objects, required traits.
track_shape_checked(either=1.5)  # expect: mypy[arg-type] pyright[reportArgumentType]
track_shape_checked(either="x", grid=[1, 2])  # expect: mypy[list-item] pyright[reportArgumentType]
track_shape_checked(either="x", grid=[["1"]])  # expect: mypy[list-item] pyright[reportArgumentType]
track_shape_checked(either="x", fixed="v2")  # expect: mypy[arg-type] pyright[reportArgumentType]
track_shape_checked(either="x", closed={"a": "x", "b": 1})  # expect: mypy[arg-type] pyright[reportArgumentType]
track_shape_checked(either="x", nothing={"a": 1})  # expect: mypy[arg-type] pyright[reportArgumentType]
track_shape_checked(either="x", contact={"email": "a", "phone": "b"})  # expect: mypy[arg-type] pyright[reportArgumentType]
# A misspelled property of an open event: extras go through extra_properties.
track_seats_changed(seat_count=3, seats=4)  # expect: mypy[call-arg] pyright[reportCallIssue]
identify(user_id="u_1", name="Jane")  # expect: mypy[call-arg] pyright[reportCallIssue]
