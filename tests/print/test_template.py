"""Templates are data: a technician changes station name, logo, contact and texts in a file."""

from __future__ import annotations

import pytest

from kiosk.core.errors import KioskError
from kiosk.print.layout import Layout
from kiosk.print.receipt import build_receipt
from kiosk.print.template import TEMPLATE_FILE, load_template
from tests.print import samples
from tests.support import pdf as pdftools


def test_shipped_defaults_without_a_station_file(tmp_path):
    template = load_template(tmp_path)
    assert template.text("receipt", "title") == "代办受理回执"
    assert template.station_name("注册名") == "注册名"
    assert template.logo_path() is None


def test_station_file_overrides_name_contact_footer_and_logo(tmp_path):
    logo = tmp_path / "logo.png"
    logo.write_bytes(samples.signature_png())  # any PNG will do as a logo
    (tmp_path / TEMPLATE_FILE).write_text(
        """
[station]
name = "东山村便民代办点"
contact = "0571-1234-5678"
logo = "logo.png"

[receipt]
title = "便民代办受理回执"

[footer]
text = "东山村村民委员会监制"
""",
        "utf-8",
    )
    template = load_template(tmp_path)
    assert template.station_name("注册名") == "东山村便民代办点"
    assert template.text("receipt", "notice")  # untouched keys keep their defaults
    data = samples.receipt(station_name=template.station_name("注册名"))
    for layout in (Layout.A4, Layout.ROLL_80):
        path = tmp_path / f"r-{layout.value}.pdf"
        path.write_bytes(build_receipt(data, layout, template))
        text = "".join(pdftools.text(path).split())
        assert "便民代办受理回执" in text and "东山村便民代办点" in text
        assert "0571-1234-5678" in text and "东山村村民委员会监制" in text
    assert pdftools.image_count(tmp_path / "r-a4.pdf") == 1  # the logo, on A4 only
    assert pdftools.image_count(tmp_path / "r-80mm.pdf") == 0


def test_a_broken_logo_is_skipped_not_fatal(tmp_path):
    (tmp_path / "logo.png").write_bytes(b"not a png")
    (tmp_path / TEMPLATE_FILE).write_text('[station]\nlogo = "logo.png"\n', "utf-8")
    path = tmp_path / "r.pdf"
    path.write_bytes(build_receipt(samples.receipt(), template=load_template(tmp_path)))
    assert pdftools.image_count(path) == 0


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ('[station]\nnmae = "x"\n', "station.nmae"),
        ('[stations]\nname = "x"\n', "[stations]"),
        ("[authorization]\nscope = 3\n", "文字列表"),
        ("[station\n", "无法读取"),
    ],
)
def test_mistakes_in_the_station_file_are_named(tmp_path, content, fragment):
    (tmp_path / TEMPLATE_FILE).write_text(content, "utf-8")
    with pytest.raises(KioskError) as err:
        load_template(tmp_path)
    assert fragment in err.value.zh


def test_edits_take_effect_without_restart(tmp_path):
    path = tmp_path / TEMPLATE_FILE
    path.write_text('[footer]\ntext = "第一版"\n', "utf-8")
    assert load_template(tmp_path).text("footer", "text") == "第一版"
    path.write_text('[footer]\ntext = "第二版（修改后）"\n', "utf-8")
    import os

    os.utime(path, ns=(1, 2_000_000_000_000_000_000))  # a different mtime, whatever the clock
    assert load_template(tmp_path).text("footer", "text") == "第二版（修改后）"
