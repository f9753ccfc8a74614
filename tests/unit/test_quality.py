"""The data-quality page's analysis: what the reader's warnings say."""

from __future__ import annotations


def test_the_readers_warnings_say_what_happened_with_the_printed_text():
    """Review of issue 25: every warning but three kinds read 'varning från inläsningen'. vss-2020-12 l. 730 prints
    'personalomséttning 2,1 53 8,6 6,0' (a comma lost by OCR); ks-2018-08 l. 206 prints the target 'Not. 1'."""
    import json

    from vsslib import paths
    from vsslib.analysis import quality

    meta = json.loads((paths.layout().extracted / "facts.meta.json").read_text(encoding="utf-8"))
    said = quality.reader_warnings(meta, ["ks-2018-08", "vss-2020-12"]).set_index(["report_id", "source_line"]).what
    assert said[("vss-2020-12", 730)] == (
        "OCR-raden ”2,1 53 8,6 6,0” lästes som ”2,1 5,3 8,6 6,0”: ett decimalkomma saknades, och radens andra tal "
        "har en decimal"
    )
    assert said[("ks-2018-08", 206)].startswith("målvärdet ”Not. 1” är varken ett tal eller en känd form")
    assert not said.str.startswith("varning från inläsningen").any()
