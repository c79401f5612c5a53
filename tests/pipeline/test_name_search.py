"""Known intervention names searched again in the text: folding, and the order they are found in."""

from extractor.pipeline.name_search import FOLD, find_known_names, fold_text

# NCT03211793
MANUS = (
    "20 participants will be randomised (1:1) to undergo intramuscular injection (8 sites) of allogeneic bone "
    "marrow derived mesenchymal stromal cells (BM-MSC) (45-50*10^6) or placebo in the most affected limb."
)


def test_fold_text_is_the_fold_table():
    for text in [
        MANUS,
        # NCT04432545: not ASCII, but lowercasing changes only A-Z
        "Infusion of Allogeneic Stromal Mesenchymal Stem Cells From Wharton´s Jelly – Phase I‐II",
        # capitals beyond A-Z stay as they are; "İ" would even change the length under str.lower()
        "Étude İstanbul \u212a MSC",
    ]:
        assert fold_text(text) == text.translate(FOLD)
        assert len(fold_text(text)) == len(text)
    assert fold_text("Allogeneic BM-MSC – Phase I‐II") == "allogeneic bm msc   phase i ii"
    assert fold_text("Étude BM-MSC") == "Étude bm msc"


def test_known_names_in_text_order():
    # The order decides which linked long form an abbreviation takes its attributes from: it must not depend
    # on the order of the names (a set's order changes with the hash seed).
    sentences = [(0, len(MANUS), "description")]
    names = ["placebo", "BM-MSC", "mesenchymal stromal cells"]
    found = find_known_names(MANUS, fold_text(MANUS), names, sentences)
    assert [MANUS[a:b] for a, b in found] == ["mesenchymal stromal cells", "BM-MSC", "placebo"]
    assert found == sorted(found)
    assert find_known_names(MANUS, fold_text(MANUS), names[::-1], sentences) == found
