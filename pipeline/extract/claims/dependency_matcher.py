"""spaCy's DependencyMatcher, matching node patterns only in the trees that can hold a whole pattern.

spaCy's DependencyMatcher first runs a token Matcher with every node pattern over the whole doc, then groups the
node matches by the root of their tree and tries the relations within each tree. A node pattern on a custom
attribute (`{"_": {"claim_cue": ...}}`) is a Python call per token, and the whole-doc pass was nearly all of the
claims stage's frame matching. When every pattern has a node that requires an extension to hold a given non-empty
value, a tree where no token holds a non-empty value of that extension cannot match any pattern: the node patterns
are matched only over the sentences that hold such a token. Each match's tree root comes from a table made once per
doc, not from walking `token.ancestors` per node match. The matches, their grouping and their order are the same.
"""

from __future__ import annotations

import warnings
from collections import defaultdict

from spacy.attrs import HEAD, IDX
from spacy.errors import Warnings
from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc, Token


def tree_roots(doc: Doc) -> list[int]:
    """The index of the root of each token's tree (the token reached by following heads until a token heads
    itself), as `list(token.ancestors)[-1]` gives it."""
    # spaCy stores a head as a signed offset in an unsigned array: read it back as signed
    heads = [i + offset for i, offset in enumerate(doc.to_array(HEAD).view("int64").tolist())]
    roots = [-1] * len(heads)
    for i in range(len(heads)):
        path = []
        j = i
        while roots[j] < 0 and heads[j] != j and len(path) <= len(heads):  # bounded: a malformed cycle stops
            path.append(j)
            j = heads[j]
        root = roots[j] if roots[j] >= 0 else j
        for k in path:
            roots[k] = root
        roots[j] = root
    return roots


def _stored_token_extension(name: str) -> bool:
    """Whether a token extension keeps its values in `doc.user_data` (no getter) with a false default, so that the
    tokens holding a true value are the true values stored there."""
    if not Token.has_extension(name):
        return False
    default, method, getter, _ = Token.get_extension(name)
    return getter is None and method is None and not default


def tokens_with_values(doc: Doc, names: set[str]) -> set[int]:
    """The indices of the tokens holding a true value of any of the extensions, read from the values the doc stores
    (spaCy keeps a token's value under ("._.", name, token.idx, None)) instead of asking every token in Python."""
    if not all(_stored_token_extension(name) for name in names):
        return {t.i for t in doc if any(t._.get(name) for name in names)}
    offsets = {key[2] for key, value in doc.user_data.items() if _token_key(key, names) and value}
    if not offsets:
        return set()
    return {i for i, offset in enumerate(doc.to_array(IDX).tolist()) if offset in offsets}


def forget_token_values(doc: Doc, name: str) -> None:
    """Drop every token's stored value of the extension (each then reads its default): one sweep of the doc's store
    instead of a write per token."""
    for key in [key for key in doc.user_data if _token_key(key, {name})]:
        del doc.user_data[key]


def _token_key(key, names: set[str]) -> bool:
    return (
        isinstance(key, tuple)
        and len(key) == 4
        and key[0] == "._."
        and key[1] in names
        and key[3] is None
        and (key[2] is not None)
    )


def required_extensions(pattern: list[dict]) -> set[str]:
    """Extensions some node of a dependency pattern requires to hold a non-empty string (equal to one, or IN a list
    of them): a token without a value for it matches no such node."""
    required = set()
    for node in pattern:
        for name, wanted in node.get("RIGHT_ATTRS", {}).get("_", {}).items():
            values = wanted.get("IN") if isinstance(wanted, dict) and set(wanted) == {"IN"} else [wanted]
            if values and all(isinstance(value, str) and value for value in values):
                required.add(name)
    return required


class GatedDependencyMatcher(DependencyMatcher):
    """A DependencyMatcher that matches node patterns only in the trees holding a value of an extension every
    pattern requires (see the module)."""

    def __init__(self, vocab, *, validate: bool = False) -> None:
        super().__init__(vocab, validate=validate)
        self.gates: set[str] | None = None  # extensions every pattern added so far requires; None before any

    def add(self, key, patterns, *, on_match=None) -> None:
        super().add(key, patterns, on_match=on_match)
        for pattern in patterns:
            needed = required_extensions(pattern)
            self.gates = needed if self.gates is None else self.gates & needed

    def _get_keys_to_position_maps(self, doc: Doc):
        keys_to_position_maps = defaultdict(lambda: defaultdict(list))
        roots = tree_roots(doc)
        for start, end in self._gated_stretches(doc, roots):
            for match_id, match_start, match_end in self._matcher(doc[start:end]):
                position = start + match_start
                if match_start + 1 != match_end:
                    pattern = self._matcher.get(match_id)[1][0][0]
                    tokens = [t.text for t in doc[position : start + match_end]]
                    warnings.warn(Warnings.W110.format(tokens=tokens, pattern=pattern), stacklevel=2)
                keys_to_position_maps[roots[position]][match_id].append(position)
        return keys_to_position_maps

    def _gated_stretches(self, doc: Doc, roots: list[int]) -> list[tuple[int, int]]:
        """The doc's stretches to match in, in order: the whole doc without a gate, else from the first to the last
        token of each tree holding a gate extension's value (overlapping stretches joined)."""
        if not self.gates or not len(doc):
            return [(0, len(doc))]
        gated_roots = {roots[i] for i in tokens_with_values(doc, self.gates)}
        first: dict[int, int] = {}
        last: dict[int, int] = {}
        for i, root in enumerate(roots):
            if root in gated_roots:
                first.setdefault(root, i)
                last[root] = i
        stretches: list[tuple[int, int]] = []
        for start, end in sorted((first[root], last[root] + 1) for root in gated_roots):
            if stretches and start < stretches[-1][1]:
                stretches[-1] = (stretches[-1][0], max(end, stretches[-1][1]))
            else:
                stretches.append((start, end))
        return stretches
