from app.tracking import invoice_paid


def pay() -> None:
    invoice_paid()
