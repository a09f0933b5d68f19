from app.shop_analytics import RecordingClient, configure, track_report_exported


def test_report_exported() -> None:
    configure(client=RecordingClient())
    track_report_exported()
