"""The setup wizard takes the signed provisioning file (.kprov) the county issued: file and
passphrase, and the station is enrolled at the real hub; the wizard goes on from there. A
wrong passphrase is refused and changes nothing."""

from __future__ import annotations

from hub.provision import issue
from kiosk.demo import DEMO_STATION_CODE
from kiosk.ui.setup_wizard import SetupWizard
from tests.support.authority import authority_key

PHRASE = "K7QM-2WZP-9XHD-R4TN"


def test_wizard_enrolls_from_a_provisioning_file(qtbot, ctx, hub, tmp_path):
    issued = issue(
        hub.service,
        station_code=DEMO_STATION_CODE,
        station_name="示范村代办点",
        hub_url=hub.url,
        out=tmp_path / "station.kprov",
        key_path=authority_key(tmp_path / "hub" / "hub-signing.key"),  # the shipped test key
        passphrase=PHRASE,
    )
    wizard = SetupWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    box = wizard.station_page.from_file
    box.path.setText(str(issued.path))
    box.passphrase.setText("WRONG-WRONG-WRONG-1")
    box.load()
    qtbot.waitUntil(
        lambda: box.load_button.isEnabled() and "口令" in box.message.text(), timeout=20000
    )
    assert ctx.station() is None  # refused: nothing changed

    box.passphrase.setText(PHRASE)
    box.load()
    qtbot.waitUntil(lambda: "已注册" in box.message.text(), timeout=20000)
    info = ctx.station()
    assert info is not None and info.code == DEMO_STATION_CODE and info.hub_url == hub.url
    qtbot.waitUntil(wizard.station_page.isComplete, timeout=5000)
    wizard.next()
    assert wizard.currentPage() is wizard.hub_page and wizard.hub_page.isComplete()
