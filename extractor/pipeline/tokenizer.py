"""scispaCy's combined rule tokenizer, adjusted so dose notations split at their parts.

Registered as ``protocol_facts.tokenizer.v1`` so a saved pipeline's config can name it; the extra
rules live in ``data/lexicons/tokenizer_rules.tsv``.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable
from functools import lru_cache
from itertools import pairwise
from types import SimpleNamespace

import spacy
from scispacy.custom_tokenizer import combined_rule_prefixes, combined_rule_tokenizer
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_prefix_regex

from extractor.lexicon_files import lexicon_rows
from extractor.pipeline.sentences import remember_text


@lru_cache(maxsize=1)
def tokenizer_rules() -> dict[str, tuple[str, ...]]:
    """The extra infix and prefix patterns, by kind."""
    rules: dict[str, list[str]] = {"infix": [], "prefix": []}
    for kind, _why, pattern in lexicon_rows("tokenizer_rules.tsv"):
        rules[kind].append(pattern)
    return {kind: tuple(patterns) for kind, patterns in rules.items()}


#: The longest run of characters without whitespace that is tokenized in one piece. spaCy peels the
#: affixes off a run one at a time and searches the rest again after each, so its time grows with the
#: square of the run's length: 10,000 "!" in a row took 11 s, 40,000 three minutes (a 1 MB run would
#: take hours). The longest run in 102,707 real records is 129 characters, so real text is not cut.
MAX_RUN_CHARS = 150

_LONG_RUN = re.compile(rf"\S{{{MAX_RUN_CHARS + 1},}}")
_SPACE = re.compile(r"\s")


def run_cuts(text: str) -> list[int]:
    """Where runs of more than ``MAX_RUN_CHARS`` characters without whitespace are cut into pieces."""
    # Such a run covers a whole block of half that length starting at a multiple of it: one search for
    # a space per block (stopping at the first) rules most texts out three times faster than the run search.
    block = MAX_RUN_CHARS // 2
    search = _SPACE.search
    if all(search(text, a, a + block) for a in range(0, len(text) - block + 1, block)):
        return []
    return [cut for m in _LONG_RUN.finditer(text) for cut in range(m.start() + MAX_RUN_CHARS, m.end(), MAX_RUN_CHARS)]


class ProtocolTokenizer(Tokenizer):
    """A spaCy Tokenizer that remembers the text each Doc was made from, and tokenizes an overlong run
    without whitespace in pieces of ``MAX_RUN_CHARS`` (in time proportional to its length).

    ``Doc.text`` is rebuilt from the tokens on every access, which costs about as much as tokenizing;
    the components read the text of every Doc, so the tokenizer hands it over (see ``doc_text``).
    """

    def __call__(self, text: str) -> Doc:
        cuts = run_cuts(text)
        if not cuts:
            doc = super().__call__(text)
        else:
            # Cut only inside runs: every piece starts and ends with a non-space character, so the
            # whitespace around the pieces is tokenized as in one call, and the text is kept exactly.
            bounds = [0, *cuts, len(text)]
            pieces = [Tokenizer.__call__(self, text[a:b]) for a, b in pairwise(bounds)]
            doc = Doc.from_docs(pieces, ensure_whitespace=False)
        remember_text(doc, text)
        return doc


def protocol_tokenizer(nlp: Language) -> Tokenizer:
    """The adjusted tokenizer for ``nlp``'s vocabulary."""
    # scispaCy reads nlp.tokenizer.token_match, which does not exist yet while a Language is being built
    # from its config; hand it the language defaults instead.
    shim = SimpleNamespace(
        vocab=nlp.vocab, Defaults=nlp.Defaults, tokenizer=SimpleNamespace(token_match=nlp.Defaults.token_match)
    )
    rules = tokenizer_rules()
    with warnings.catch_warnings():
        # scispaCy's character classes contain "[[", which Python flags as a possible future set union.
        warnings.simplefilter("ignore", FutureWarning)
        tokenizer = combined_rule_tokenizer(shim)  # type: ignore[arg-type]
        # scispaCy does not expose its infix list, so ours come first and its own follow via its regex.
        base_infix = tokenizer.infix_finditer.__self__.pattern  # type: ignore[union-attr]
        return ProtocolTokenizer(
            nlp.vocab,
            rules=tokenizer.rules,
            prefix_search=compile_prefix_regex([*rules["prefix"], *combined_rule_prefixes()]).search,
            suffix_search=tokenizer.suffix_search,
            infix_finditer=compile_infix_regex([*rules["infix"], base_infix]).finditer,
            token_match=tokenizer.token_match,
            url_match=nlp.Defaults.url_match,
        )


@spacy.registry.tokenizers("protocol_facts.tokenizer.v1")
def create_tokenizer() -> Callable[[Language], Tokenizer]:
    """Config entry point: ``[nlp.tokenizer] @tokenizers = "protocol_facts.tokenizer.v1"``."""
    return protocol_tokenizer
