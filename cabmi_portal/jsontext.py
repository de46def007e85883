"""JSON text measured before it is decoded: Python's decoder recurses, so nesting deep enough overflows its stack.

``nesting_depth(text)`` counts brackets outside strings without decoding
anything; the importer refuses a document nested deeper than MAX_DEPTH before
``json.loads`` ever sees it, whatever the stack depth it runs at.
"""

import re

STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
BRACKETS = re.compile(r"[\[\]{}]")
# Below Python's recursion limit; the field rules (validators.MAX_JSON_DEPTH) bound stored JSON far lower.
MAX_DEPTH = 256


def nesting_depth(text, stop_above=MAX_DEPTH):
    """How deep ``text``'s arrays and objects nest (stops counting once past ``stop_above``)."""
    depth = deepest = 0
    for match in BRACKETS.finditer(STRINGS.sub('""', text)):
        depth += 1 if match.group() in "[{" else -1
        if depth > deepest:
            deepest = depth
            if deepest > stop_above:
                break
    return deepest


def too_deep(text):
    return isinstance(text, str) and nesting_depth(text) > MAX_DEPTH

