"""bot/detect/vocab/ooni.toml: each service's OONI test and domains, the thresholds; mistakes
named by field."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.display import SERVICE_NAMES
from bot.core.errors import ConfigError
from bot.core.ooni_trust import JumpRule, TrustRule
from bot.ooni.client import OoniQuery
from bot.ooni.targets import load_ooni_vocab


def test_the_shipped_file() -> None:
    vocab = load_ooni_vocab()
    assert vocab.query("tm", "imo") == OoniQuery("TM", "web_connectivity", ("imo.im",))
    assert vocab.query("TM", "telegram") == OoniQuery("TM", "telegram")
    assert vocab.query("TM", "whatsapp") == OoniQuery("TM", "whatsapp")
    assert vocab.query("TM", "signal") == OoniQuery("TM", "signal")
    assert vocab.query("TM", "messenger") == OoniQuery("TM", "facebook_messenger")
    assert vocab.query("TM", "vpn") is None
    assert vocab.trust == TrustRule() and vocab.jump == JumpRule()


def test_every_service_named_is_one_the_detector_knows() -> None:
    assert set(load_ooni_vocab().targets) <= set(SERVICE_NAMES)


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ('[services.imo]\ntest = "web"\n', "services.imo.test"),
        ('[services.imo]\ntest = "web_connectivity"\n', "services.imo.domains"),
        ('[services.imo]\ntest = "web_connectivity"\ndomains = "imo.im"\n', "services.imo.domains"),
        ("[trust]\nsupport_rate = -1\n", "trust.support_rate"),
        ("[jump]\nto = 0.5\n", "jump.to"),
    ],
)
def test_mistakes_name_their_field(tmp_path: Path, text: str, field: str) -> None:
    path = tmp_path / "ooni.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_ooni_vocab(path)
    assert caught.value.field == field


def test_thresholds_are_data(tmp_path: Path) -> None:
    path = tmp_path / "ooni.toml"
    path.write_text("[trust]\nsupport_min = 40\n[jump]\nmin_measurements = 5\n")
    vocab = load_ooni_vocab(path)
    assert vocab.trust.support_min == 40 and vocab.jump.min_measurements == 5
    assert isinstance(vocab.trust.support_min, int)
