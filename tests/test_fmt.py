"""id_ID / en formatting of single values, including every 'no value' a DataFrame cell can hold."""
import datetime as dt
import math

import pandas as pd
import pytest

from sigap_metrics import fmt
from sigap_metrics.i18n import TEXT


@pytest.mark.parametrize("missing", [None, math.nan, pd.NA, pd.NaT, float("nan")])
def test_no_value_is_a_dash_everywhere(missing):
    assert fmt.number(missing) == "–"
    assert fmt.rupiah(missing) == "–"
    assert fmt.rupiah_short(missing) == "–"
    assert fmt.percent(missing) == "–"


def test_numbers_money_and_dates_as_indonesian_documents_write_them():
    assert fmt.number(1234567) == "1.234.567"
    assert fmt.number(1234567, "en") == "1,234,567"
    assert fmt.rupiah(16800) == "Rp16.800"
    assert fmt.percent(95.06) == "95,1%"
    assert fmt.date(dt.date(2025, 11, 5)) == "5 Nov 2025"


def test_texts_carry_the_same_placeholders_in_both_languages():
    import string
    for key, text in TEXT.items():
        fields = {lang: {f for _, f, _, _ in string.Formatter().parse(text[lang]) if f} for lang in ("id", "en")}
        assert fields["id"] == fields["en"], key
