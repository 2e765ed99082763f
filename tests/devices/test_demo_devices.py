"""``kiosk demo``'s desk: a resident filed through the simulated reader and camera, and the
receipt printed on the test ESC/POS printer."""

from __future__ import annotations

from PIL import Image

from kiosk.demo import PENSION_ITEM, demo_residents
from kiosk.demo_devices import file_with_devices, print_escpos
from tests.conftest import AGENT


def test_filed_through_the_devices(ctx, tmp_path):
    resident = demo_residents()[0]
    app_id, summary = file_with_devices(ctx, AGENT, PENSION_ITEM, resident, tmp_path)
    assert summary["card_type"] == "居民身份证"
    assert abs(summary["camera_tilt_corrected_deg"] - 6.0) < 2.0
    assert 0 < summary["attachment_kb"] < 500
    view = ctx.applications.get(app_id)
    assert view.attachment_count == 1
    assert ctx.applications.payload(app_id)["id_number"] == resident["id_number"]
    png, size = print_escpos(ctx, app_id, tmp_path)
    printed = Image.open(png)
    assert printed.width == 576 and printed.height > 800 and size > 10_000


def test_the_gui_demo_reader_serves_one_resident_after_another():
    from kiosk.demo import demo_residents
    from kiosk.demo_devices import DemoDeskReader, demo_desk_reader

    reader = demo_desk_reader()
    assert isinstance(reader, DemoDeskReader) and reader.available()
    try:
        names = [reader.read(3.0).name for _ in range(4)]
    finally:
        reader.reader.close()
        reader.simulator.stop()
    people = [r["name"] for r in demo_residents()]
    assert names == [*people, people[0]]
