"""What the generator and the RapidFuzz peer share: the registry's names and the
normalization the crate documents (planalign::registry::normalize), in Python.

normalize() does what the crate's docs say normalization does, with the lexicon's own
word lists (data/lexicon.toml): invisible characters removed; a unit in a parenthesis at
the end of the name cut off (the crate reads it with its unit grammar; here a
parenthesis whose content is made only of the lexicon's unit words counts as a unit);
NFKC; quotes, title marks, parentheses, brackets, middle dots, ' ` * and whitespace
removed; Latin letters lower-cased; the lexicon's scope words (全市, 本区 …) stripped from
the front while more than one character remains; a trailing full stop, colon or
semicolon dropped.
"""

import pathlib
import tomllib
import unicodedata

ROOT = pathlib.Path(__file__).resolve().parents[2]


def load_toml(name):
    with open(ROOT / "data" / name, "rb") as f:
        return tomllib.load(f)


LEXICON = load_toml("lexicon.toml")
REGISTRY = load_toml("registry.toml")

_fold = LEXICON["fold"]
_pairs = list(_fold["quotes"]) + list(_fold["titles"]) + list(_fold["parens"])
for _kind in _fold["brackets"].values():
    _pairs.extend(_kind)
DROPPED = set("".join(_pairs)) | set(_fold["unit_dots"]) | set("'`*")
INVISIBLE = set(_fold["invisible"])
OPENS = set(p[0] for p in _fold["parens"])
CLOSES = set(p[1] for p in _fold["parens"])
SCOPE = sorted(LEXICON["scope"]["words"], key=len, reverse=True)
ENDS = set(_fold["sentence_ends"]) | (set(_fold["clause_ends"]) - {",", "，"}) | {"."}

_units = LEXICON["units"]
UNIT_WORDS = sorted(
    set(_units["counts"])
    | set(_units["multipliers"])
    | set(_units["percent"])
    | set(_units["points"])
    | set(_units["money"])
    | set(_units["duration"])
    | set(LEXICON["population"]["people"])
    | {_units["per"], _units["year"], "/", "／"}
    | set(_fold["unit_dots"]),
    key=len,
    reverse=True,
)


def _is_unit(inner):
    s = inner.strip()
    if not s or len(s) > 10 or any(c.isdigit() for c in s):
        return False
    while s:
        for w in UNIT_WORDS:
            if s.startswith(w):
                s = s[len(w):]
                break
        else:
            return False
    return True


def _cut_unit(s):
    """The name without a unit in a parenthesis at its end, and whether one was cut."""
    t = s.strip()
    if not t or t[-1] not in CLOSES:
        return s, False
    open_at = max(t.rfind(o) for o in OPENS)
    if open_at < 0 or not _is_unit(t[open_at + 1 : -1]):
        return s, False
    return t[:open_at], True


def normalize(name):
    s = "".join(c for c in name if c not in INVISIBLE).strip()
    cut = True
    while cut:
        s, cut = _cut_unit(s)
    s = unicodedata.normalize("NFKC", s)
    s = "".join(c.lower() if c.isascii() else c for c in s if not c.isspace() and c not in DROPPED)
    s = unicodedata.normalize("NFKC", s)
    stripped = True
    while stripped:
        stripped = False
        for w in SCOPE:
            if s.startswith(w) and len(s) > len(w) + 1:
                s = s[len(w):]
                stripped = True
                break
    while s and s[-1] in ENDS:
        s = s[:-1]
    return s


def registry_names():
    """(name as written, key, ambiguous) for every preferred name and alias, in file order."""
    out = []
    for e in REGISTRY["indicator"]:
        out.append((e["name_zh"], e["key"], False))
        out.extend((a["name"], e["key"], False) for a in e.get("aliases", []))
        out.extend((a["name"], e["key"], True) for a in e.get("ambiguous_aliases", []))
    return out


def choices():
    """The peer's choices: each distinct normalized registry name once, with the key of its
    first occurrence (a name shared by keys that only a unit tells apart has one key here:
    a string matcher has no unit to decide with)."""
    seen = {}
    for name, key, _ in registry_names():
        seen.setdefault(normalize(name), key)
    return list(seen), list(seen.values())
