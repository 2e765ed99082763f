import pytest

from kiosk.core.atomic import atomic_write_bytes
from kiosk.print.fonts import MissingGlyph, check_glyphs
from tests.conftest import AGENT, PENSION
from tests.support import pdf as pdftools


@pytest.fixture
def synced_receipt(online_ctx, resident, tmp_path):
    view = online_ctx.applications.submit(PENSION, dict(resident, name="张𠮷䶮"), AGENT)
    online_ctx.sync_engine().run_once()
    view = online_ctx.applications.get(view.id)
    out = tmp_path / "receipt.pdf"
    atomic_write_bytes(out, online_ctx.printing.receipt(view.id))
    return view, out


@pytest.mark.slow
def test_receipt_fonts_are_all_embedded(synced_receipt):
    _, out = synced_receipt
    fonts = pdftools.fonts(out)
    assert fonts, "no fonts in the PDF"
    assert all(f["emb"] == "yes" for f in fonts), fonts


@pytest.mark.slow
def test_receipt_text_and_qr(synced_receipt, resident, tmp_path, online_ctx):
    view, out = synced_receipt
    text = pdftools.text(out)
    assert "城乡居民基本养老保险参保登记" in text
    assert view.case_no in text and view.query_code in text
    assert "330106********0220" in text  # masked, never the full 身份证号
    assert resident["id_number"] not in text
    pages = pdftools.render(out, tmp_path / "receipt")
    assert len(pages) == 1
    (code,) = pdftools.qr_codes(pages[0])  # the station-signed code (kiosk/devices)
    read = online_ctx.receipt_codes().read(code)
    assert (read.reference, read.query_code) == (view.case_no, view.query_code)


def test_offline_receipt_uses_local_reference(ctx, resident, tmp_path):
    view = ctx.applications.submit(PENSION, resident, AGENT)
    data = ctx.printing.receipt_data(view.id)
    assert not data.synced and data.reference == view.local_ref and data.query_code is None


def test_character_missing_from_every_font_stops_printing():
    check_glyphs("张𠮷䶮堃昇")  # rare characters the fallback font covers
    with pytest.raises(MissingGlyph) as err:
        check_glyphs("王\U000f0001")  # private-use plane: no font has it
    assert "U+F0001" in err.value.zh and "停止打印" in err.value.zh


def test_receipt_with_unprintable_name_is_refused():
    # filing refuses such a name now (kiosk/forms/text_rules.py); the print guard still
    # stands for whatever reaches a document another way (older filings, templates)
    from kiosk.print.receipt import build_receipt
    from tests.print import samples

    with pytest.raises(MissingGlyph):
        build_receipt(samples.receipt(resident_name="王\U000f0001"))
