"""Generates benches/peer/batch.tsv: 100,000 distinct indicator names, each labelled with
the key it must resolve to (empty: it must be refused) by how it was made, never by
running a resolver. Deterministic: the same file on every run (seeded; no set or hash
order is ever iterated).

    python3 benches/peer/make_batch.py [OUT [SAMPLE]]

Columns: name, unit (the unit cell of the row; may be empty), expected key (empty = must
be refused), kind (how the name was made; see README.md). Every 50th row (2,000 rows) is
also written to SAMPLE (by default tests/fixtures/resolve/batch_sample.tsv, which
tests/resolve_batch.rs reads).
"""

import random
import sys
import unicodedata

import names as N

SEED = 14
TOTAL = 100_000

LEX = N.LEXICON
SUBJ = LEX["subjects"]
SCOPE_WORDS = list(LEX["scope"]["words"])
# Scope of time before a name (年度…); 期末 is left out: it begins names of the registry.
TIME_WORDS = [w for w in LEX["scope"]["time"] if w != "期末"]
# Levels of government before a name (省级, 区级 …): the lexicon's count qualifiers that
# name a level, not a field.
LEVEL_WORDS = [w for w in SUBJ["count_qualifiers"] if w.endswith("级")]
PREFIXES = SCOPE_WORDS + TIME_WORDS + LEVEL_WORDS
QUOTES = list(LEX["fold"]["quotes"]) + list(LEX["fold"]["titles"])
# Words a one-character typo must not bring into a name: they change what it measures.
VETO_WORDS = sorted(
    set(SUBJ["nouns"])
    | set(SUBJ["qualifiers"])
    | set(SUBJ["rate_words"])
    | set(SUBJ["money_ends"])
    | set(SUBJ["per_capita"])
    | set(SUBJ["count_qualifiers"])
    | set(SCOPE_WORDS)
    | set(LEX["scope"]["time"])
)
POLARITY = SUBJ["polarity"]
# Qualifiers that make a narrower quantity, put before a registry name: the registry's
# convention says a one-sided qualifier is another key, and none of these has one.
NARROWING = ["进口", "出口", "农村", "学校", "冷链", "海外"]
# Negations of a registry name: the opposite quantity, which has no key.
NEGATIONS = [("合格", "不合格"), ("按时", "未按时"), ("达标", "未达标"), ("覆盖", "未覆盖")]


def is_cjk(c):
    return "\u4e00" <= c <= "\u9fff"


def entries():
    return {e["key"]: e for e in N.REGISTRY["indicator"]}


ENTRIES = entries()
REG_NORMALIZED = {}
for _name, _key, _amb in N.registry_names():
    REG_NORMALIZED.setdefault(N.normalize(_name), []).append(_key)


def units_of(entry):
    """Ways to write the entry's unit: the canonical unit, with multipliers plans use."""
    u = entry["unit"]
    out = [u]
    if u == "%":
        out.append("％")
    elif u in ("户", "件", "人", "元", "批次/年"):
        out.append("万" + u)
    if u == "元":
        out.append("亿元")
    return out


def unrelated():
    out = []
    with open(N.ROOT / "benches" / "peer" / "unrelated.tsv", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            domain, name, unit = (line.rstrip("\n").split("\t") + [""])[:3]
            out.append((name, unit, domain))
    return out


def veto_words(s):
    return [w for w in VETO_WORDS if w in s]


def polarity(s):
    return sum(s.count(c) for c in POLARITY)


class Batch:
    def __init__(self):
        self.rng = random.Random(SEED)
        self.rows = []
        self.seen = set()
        self.reg_names = N.registry_names()
        self.others = unrelated()
        pool = sorted(
            {c for n, _, _ in self.reg_names for c in n if is_cjk(c)}
            | {c for n, _, _ in self.others for c in n if is_cjk(c)}
        )
        self.pool = pool

    # ---- the variations ----

    def prefix(self, name):
        k = 1 if self.rng.random() < 0.75 else 2
        words = self.rng.sample(PREFIXES, k)
        return "".join(words) + name

    def quote(self, name):
        r = self.rng
        roll = r.random()
        if roll < 0.15:
            # Spacing and invisible characters a web page or a PDF leaves behind.
            at = r.randrange(1, max(2, len(name)))
            gap = r.choice([" ", "\u3000", "\u00a0", "\u200b", "  "])
            return name[:at] + gap + name[at:] + r.choice(["", " ", "\u3000"])
        if roll < 0.25:
            # Full-width Latin letters and digits.
            wide = "".join(
                chr(ord(c) + 0xFEE0) if c.isascii() and c.isalnum() else c for c in name
            )
            if wide != name:
                return wide
        pair = r.choice(QUOTES)
        # An existing quote pair changes its style, else a span of the name is quoted.
        for q in QUOTES:
            if q[0] in name and q[1] in name and q != pair:
                return name.replace(q[0], pair[0]).replace(q[1], pair[1])
        if len(name) <= 3 or r.random() < 0.3:
            return pair[0] + name + pair[1]
        a = r.randrange(0, len(name) - 2)
        b = r.randrange(a + 2, min(len(name), a + 6) + 1)
        return name[:a] + pair[0] + name[a:b] + pair[1] + name[b:]

    def unit_in_name(self, name, unit):
        o, c = self.rng.choice(["（）", "()"])
        return name + o + unit + c

    def typo(self, name, how):
        """One edit of one CJK character, or None when the name has too few."""
        r = self.rng
        at = [i for i, c in enumerate(name) if is_cjk(c)]
        if len(at) < 4:
            return None
        if how == "sub":
            i = r.choice(at)
            c = r.choice(self.pool)
            return None if c == name[i] else name[:i] + c + name[i + 1 :]
        if how == "del":
            i = r.choice(at)
            return name[:i] + name[i + 1 :]
        if how == "ins":
            i = r.choice(at + [at[-1] + 1])
            return name[:i] + r.choice(self.pool) + name[i:]
        pairs = [i for i in at if i + 1 in at and name[i] != name[i + 1]]
        if not pairs:
            return None
        i = r.choice(pairs)
        return name[:i] + name[i + 1] + name[i] + name[i + 2 :]

    def typo_ok(self, before, after):
        """A typo may not make another registry name, nor bring in a word that changes
        what the name measures (a subject, a qualifier, a negation)."""
        if after is None:
            return False
        n = N.normalize(after)
        if n in REG_NORMALIZED or len(n) < 2:
            return False
        new = set(veto_words(after)) - set(veto_words(before))
        return not new and polarity(after) <= polarity(before)

    # ---- rows ----

    def add(self, name, unit, key, kind):
        if name in self.seen or not N.normalize(name):
            return False
        self.seen.add(name)
        self.rows.append((name, unit, key, kind))
        return True

    def registry_row(self):
        """A registry name with the key it names and a unit cell: an ambiguous name
        without a unit has no key (only the unit decides)."""
        name, key, ambiguous = self.rng.choice(self.reg_names)
        entry = ENTRIES[key]
        unit = self.rng.choice(units_of(entry)) if self.rng.random() < 0.4 else ""
        return name, unit, entry, ambiguous

    def expected(self, entry, ambiguous, unit_given):
        return entry["key"] if (unit_given or not ambiguous) else ""

    def positive(self, kind):
        r = self.rng
        name, unit, entry, ambiguous = self.registry_row()
        named_unit = False
        if kind == "scope":
            name = self.prefix(name)
        elif kind == "quote":
            name = self.quote(name)
        elif kind == "unit":
            name = self.unit_in_name(name, r.choice(units_of(entry)))
            named_unit = True
            if r.random() < 0.7:
                unit = ""
        elif kind.startswith("typo_") and kind != "typo_combo":
            after = self.typo(name, kind[5:])
            if not self.typo_ok(name, after):
                return False
            name = after
        elif kind == "combo":
            steps = r.sample(["scope", "quote", "unit"], r.choice([2, 3]))
            for s in ["scope", "unit", "quote"]:
                if s not in steps:
                    continue
                if s == "scope":
                    name = self.prefix(name)
                elif s == "unit":
                    name = self.unit_in_name(name, r.choice(units_of(entry)))
                    named_unit = True
                else:
                    name = self.quote(name)
        elif kind == "typo_combo":
            after = self.typo(name, r.choice(["sub", "del", "ins", "swap"]))
            if not self.typo_ok(name, after):
                return False
            name = after
            for s in r.sample(["scope", "quote", "unit"], r.choice([1, 2])):
                if s == "scope":
                    name = self.prefix(name)
                elif s == "unit":
                    name = self.unit_in_name(name, r.choice(units_of(entry)))
                    named_unit = True
                else:
                    name = self.quote(name)
        key = self.expected(entry, ambiguous, bool(unit) or named_unit)
        return self.add(name, unit, key, kind)

    def varied(self, name, unit, steps):
        for s in steps:
            if s == "scope":
                name = self.prefix(name)
            elif s == "unit" and unit:
                name = self.unit_in_name(name, unit)
            elif s == "quote":
                name = self.quote(name)
        return name

    def negative(self, kind):
        r = self.rng
        if kind.startswith("unrelated"):
            name, unit, _ = r.choice(self.others)
            if kind == "unrelated_typo":
                after = self.typo(name, r.choice(["sub", "del", "ins", "swap"]))
                if after is None or N.normalize(after) in REG_NORMALIZED:
                    return False
                name = after
            steps = {
                "unrelated": [r.choice(["scope", "quote", "unit"])],
                "unrelated_typo": r.sample(["scope", "quote", "unit"], r.choice([0, 1])),
                "unrelated_combo": r.sample(["scope", "quote", "unit"], r.choice([2, 3])),
            }[kind]
            name = self.varied(name, unit, steps)
            cell = unit if r.random() < 0.4 else ""
            return self.add(name, cell, "", kind)
        name, cell, entry, _ = self.registry_row()
        if kind == "polarity":
            pairs = [(a, b) for a, b in NEGATIONS if a in name and b not in name]
            if not pairs:
                return False
            a, b = r.choice(pairs)
            name = name.replace(a, b, 1)
        else:
            listed = "".join(entry.get("qualifiers", [])) + name
            words = [w for w in NARROWING if w not in listed]
            if not words:
                return False
            name = r.choice(words) + name
        if N.normalize(name) in REG_NORMALIZED:
            return False
        steps = r.sample(["scope", "quote", "unit"], r.choice([0, 1, 2]))
        name = self.varied(name, r.choice(units_of(entry)), steps)
        return self.add(name, cell, "", kind)


MIX = [
    ("scope", 9_000),
    ("quote", 7_000),
    ("unit", 1_200),
    ("typo_sub", 6_500),
    ("typo_del", 3_000),
    ("typo_ins", 6_000),
    ("typo_swap", 2_500),
    ("combo", 16_400),
    ("typo_combo", 12_400),
    ("unrelated", 8_000),
    ("unrelated_typo", 6_000),
    ("polarity", 2_500),
    ("qualifier", 4_500),
    # The rest of the 100,000.
    ("unrelated_combo", None),
]


def build():
    b = Batch()
    for name, key, ambiguous in b.reg_names:
        b.add(name, "", "" if ambiguous else key, "exact")
    for kind, count in MIX:
        target = len(b.rows) + count if count else TOTAL
        tries = 0
        while len(b.rows) < target:
            tries += 1
            if tries > 50 * (target + 1):
                raise SystemExit(f"{kind}: cannot make {count} distinct names")
            if kind.startswith("unrelated") or kind in ("polarity", "qualifier"):
                b.negative(kind)
            else:
                b.positive(kind)
    order = list(range(len(b.rows)))
    b.rng.shuffle(order)
    return [b.rows[i] for i in order]


def write(path, rows):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("name\tunit\texpected\tkind\n")
        for row in rows:
            f.write("\t".join(row) + "\n")


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else str(N.ROOT / "benches" / "peer" / "batch.tsv")
    sample = sys.argv[2] if len(sys.argv) > 2 else str(
        N.ROOT / "tests" / "fixtures" / "resolve" / "batch_sample.tsv"
    )
    rows = build()
    for row in rows:
        assert all("\t" not in f and "\n" not in f for f in row), row
    write(out, rows)
    write(sample, rows[::50])
    counts = {}
    for _, _, key, kind in rows:
        c = counts.setdefault(kind, [0, 0])
        c[0 if key else 1] += 1
    print(f"{len(rows)} names → {out}")
    for kind, (pos, neg) in counts.items():
        print(f"{kind}\t{pos} with a key\t{neg} to refuse")


if __name__ == "__main__":
    main()
