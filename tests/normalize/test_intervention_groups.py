"""Grouping mentions into distinct interventions (names from NCT03211793 and NCT01624701)."""

from extractor.normalize.intervention_groups import NameMention, aliases, group_mentions
from extractor.normalize.products import name_key, product_attributes


def mention(text, start, structured=False, control=None):
    attrs = {"source": None, "tissue": None, "cell_type": None} if control else product_attributes(text)
    return NameMention(name_key(text), text, start, structured, control, None, attrs)


def test_one_product_many_names():
    ms = [
        mention("Mesenchymal Stromal Cells", 0),
        mention("allogeneic mesenchymal stromal cells", 10),
        mention("placebo", 20, control="placebo"),
        mention("allogeneic bone marrow derived mesenchymal stromal cells", 30),
        mention("BM-MSC", 40),
        mention("MSC", 50),
        mention("Mesenchymal stromal cells", 60, structured=True),
        mention("Placebo", 70, structured=True, control="placebo"),
    ]
    groups = group_mentions(
        ms, [(name_key("allogeneic bone marrow derived mesenchymal stromal cells"), name_key("BM-MSC"))]
    )
    assert [(g.name, g.control, g.attrs["source"], g.attrs["tissue"], g.attrs["cell_type"]) for g in groups] == [
        ("Mesenchymal stromal cells", None, "allogeneic", "bone marrow", "MSC"),
        ("Placebo", "placebo", None, None, None),
    ]
    assert aliases(groups[0], ms)[:2] == ["Mesenchymal Stromal Cells", "allogeneic mesenchymal stromal cells"]


def test_products_of_different_tissues_stay_apart():
    # NCT01624701: expanded cord blood cells co-cultured with bone marrow MSC
    ms = [
        mention("Ex vivo expanded cord blood cells", 0, structured=True),
        mention("bone marrow mesenchymal stroma cells", 10),
        mention("umbilical cord blood derived blood stem cells", 20),
    ]
    groups = group_mentions(ms)
    assert sorted(g.name for g in groups) == [
        "Ex vivo expanded cord blood cells",
        "bone marrow mesenchymal stroma cells",
    ]


def test_comparators_never_join_products():
    ms = [mention("MSC", 0), mention("placebo", 10, control="placebo")]
    groups = group_mentions(ms, [(name_key("MSC"), name_key("placebo"))])
    assert len(groups) == 2
