"""Names the Segment Spec reserves, and the types it gives them (facts, not rules)."""

from __future__ import annotations

ECOMMERCE_EVENTS = frozenset(
    {
        "Products Searched", "Product List Viewed", "Product List Filtered",
        "Promotion Viewed", "Promotion Clicked",
        "Product Clicked", "Product Viewed", "Product Added", "Product Removed", "Cart Viewed",
        "Checkout Started", "Checkout Step Viewed", "Checkout Step Completed", "Payment Info Entered",
        "Order Completed", "Order Updated", "Order Refunded", "Order Cancelled",
        "Coupon Entered", "Coupon Applied", "Coupon Denied", "Coupon Removed",
        "Product Added to Wishlist", "Product Removed from Wishlist", "Wishlist Product Added to Cart",
        "Product Shared", "Cart Shared", "Product Reviewed",
    }
)
#: Ecommerce events about one product: the product's fields are their properties.
PRODUCT_EVENTS = frozenset(
    {
        "Product Clicked", "Product Viewed", "Product Added", "Product Removed", "Product Added to Wishlist",
        "Product Removed from Wishlist", "Wishlist Product Added to Cart", "Product Shared", "Product Reviewed",
    }
)
OTHER_EVENTS = frozenset(
    {
        "Account Created", "Account Deleted", "Signed Up", "Signed In", "Signed Out", "Invite Sent",
        "Account Added User", "Account Removed User", "Trial Started", "Trial Ended",
        "Application Installed", "Application Opened", "Application Backgrounded", "Application Updated",
        "Application Uninstalled", "Application Crashed", "Install Attributed", "Push Notification Received",
        "Push Notification Tapped", "Push Notification Bounced", "Deep Link Opened", "Deep Link Clicked",
        "Video Playback Started", "Video Playback Paused", "Video Playback Interrupted",
        "Video Playback Buffer Started", "Video Playback Buffer Completed", "Video Playback Seek Started",
        "Video Playback Seek Completed", "Video Playback Resumed", "Video Playback Completed",
        "Video Content Started", "Video Content Playing", "Video Content Completed", "Video Ad Started",
        "Video Ad Playing", "Video Ad Completed", "Video Quality Updated",
    }
)
EVENTS = ECOMMERCE_EVENTS | OTHER_EVENTS

# Types: "number" admits integers; "date-time" is a string with that format.
TRACK_PROPERTIES = {"revenue": "number", "value": "number", "currency": "string"}
ORDER_PROPERTIES = {
    "order_id": "string", "total": "number", "subtotal": "number", "shipping": "number", "tax": "number",
    "discount": "number", "coupon": "string", "products": "array",
}
PRODUCT_FIELDS = {
    "product_id": "string", "sku": "string", "category": "string", "name": "string", "brand": "string",
    "variant": "string", "price": "number", "quantity": "number", "position": "number", "url": "string",
    "image_url": "string",
}

ADDRESS_FIELDS = {"city": "string", "country": "string", "postal_code": "string", "state": "string", "street": "string"}
COMPANY_FIELDS = {"name": "string", "id": "string", "industry": "string", "employee_count": "number", "plan": "string"}

IDENTIFY_TRAITS = {
    "address": "object", "age": "number", "avatar": "string", "birthday": "date", "company": "object",
    "created_at": "date-time", "description": "string", "email": "string", "first_name": "string",
    "gender": "string", "id": "string", "last_name": "string", "name": "string", "phone": "string",
    "title": "string", "username": "string", "website": "string",
}
GROUP_TRAITS = {
    "address": "object", "avatar": "string", "created_at": "date-time", "description": "string",
    "email": "string", "employees": "string", "id": "string", "industry": "string", "name": "string",
    "phone": "string", "website": "string", "plan": "string",
}
NESTED_TRAITS = {"address": ADDRESS_FIELDS, "company": COMPANY_FIELDS}
#: Segment accepts these camelCase spellings of reserved traits.
CAMEL_TRAITS = {
    "createdAt": "created_at", "firstName": "first_name", "lastName": "last_name",
    "postalCode": "postal_code", "employeeCount": "employee_count",
}
