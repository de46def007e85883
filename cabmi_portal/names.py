"""Folding text so that what a reader types matches what the record says.

fold() makes case, compatibility forms and the apostrophe-like letters of
Uzbek Latin ("Oʻzbekiston", "O'zbekiston") compare equal. sound_key() makes
a name compare equal across scripts and spellings: "Schmid", "Шмид" and
"Şmid" all give "smt"; "Tashkent", "Ташкент", "Toshkent" and "Daşkent" give
"tsknt". It transliterates to Latin (anyascii), merges the digraphs and
voiced/voiceless pairs that transliterations disagree on, and keeps the
first letter and the consonants, like Soundex. It is only ever used on
names: on running text it would match far too much.
"""

import re
import unicodedata

from anyascii import anyascii

APOSTROPHES = dict.fromkeys(map(ord, "'ʻʼ’‘`´"), None)
DIGRAPHS = (("tsch", "c"), ("sch", "s"), ("sh", "s"), ("ch", "c"), ("zh", "s"), ("kh", "h"), ("ts", "c"), ("tz", "c"),
            ("ph", "f"), ("th", "t"), ("ck", "k"), ("dj", "c"), ("j", "c"), ("q", "k"), ("x", "ks"), ("w", "v"))
SAME_SOUND = str.maketrans("dbgzvyie", "tpksfiii")
MIN_KEY_LENGTH = 3


def fold(text):
    """text in one case and form, without apostrophe-like letters."""
    return unicodedata.normalize("NFKC", text or "").casefold().translate(APOSTROPHES)


def sound_key(word):
    """The word's sound key, or "" for a word too short to tell names apart."""
    latin = re.sub(r"[^a-z]", "", anyascii(fold(word)).lower())
    for written, sound in DIGRAPHS:
        latin = latin.replace(written, sound)
    latin = latin.translate(SAME_SOUND)
    if not latin:
        return ""
    # A first vowel is kept as a vowel (Uzbekistan, Oʻzbekiston), the others dropped.
    key = re.sub(r"^[aeiou]", "a", latin[0]) + re.sub(r"[aeiou]", "", latin[1:])
    key = re.sub(r"(.)\1+", r"\1", key)
    return key if len(key) >= MIN_KEY_LENGTH else ""


def sound_keys(text):
    """The distinct sound keys of the words of text, space-separated."""
    keys = dict.fromkeys(key for key in map(sound_key, re.split(r"[\s,;:()\-–—/.]+", text or "")) if key)
    return " ".join(keys)
