#!/usr/bin/env python3
"""A difflib-style peer of planalign's two-plan text reuse (`reuse::align_text`).

The same algorithm written the way a Python researcher would, with the standard library:
the same passages (sentences split at the lexicon's sentence ends and passage ends, folded
as the crate folds them for matching), identical passages paired first, candidates for
adapted passages from an index of character 4-grams (shingles in more than 48 passages
skipped, the best 4 candidates per passage from each side with at least 3 shared
shingles), each candidate pair scored by difflib's SequenceMatcher ratio (its quick
bounds first), pairs of ratio >= 0.5 matched one to one, best first. It prints the time
of splitting and aligning (median of the repeats) and each plan's shared share, to set
beside

    cargo run --release --example simulate -- reuse K

which times `align_text` on the same plans at the same size (the crate's time includes
more: every row, and the classified changes of each adapted pair).

Inputs are the plans as the crate parses them (their paragraphs), from the extract
example, and `--copies K` makes the text K times longer as benches/reuse.rs and
`simulate reuse` do: K copies of each plan's paragraphs, copy k with the CJK ideographs
shifted by k * 997 within their block, so that copies do not match each other.

    cargo run --release --example extract -- zhanjiang > /tmp/zhanjiang.json
    cargo run --release --example extract -- dinghu > /tmp/dinghu.json
    python3 benches/peer/reuse_difflib.py /tmp/zhanjiang.json /tmp/dinghu.json --copies 1 2 4 8

Output, one line per size:

    zhanjiang x dinghu at 1x: difflib in 95.1 ms (median of 5; a_share 0.618 b_share 0.554)
"""

import argparse
import difflib
import json
import pathlib
import statistics
import sys
import time
import tomllib

MIN_FUZZY_CHARS = 8
MAX_FUZZY_CHARS = 1000
SHINGLE = 4
MAX_POSTINGS = 48
MAX_CANDIDATES = 4
MIN_SHARED = 3
MIN_CONTAINMENT = 0.2
THRESHOLD = 0.5

CJK_START, CJK_LEN = 0x4E00, 0x9FFF - 0x4E00 + 1


def lexicon():
    """The crate's word lists: data/lexicon.toml beside this script's repository."""
    path = pathlib.Path(__file__).resolve().parents[2] / "data" / "lexicon.toml"
    with open(path, "rb") as f:
        return tomllib.load(f)


class Folder:
    """The crate's matching fold (reuse::text::fold): full-width ASCII to ASCII, Latin
    lowercase, whitespace, quotation marks, invisible and dropped chars removed, value
    brackets other than angle ones written as square, the lexicon's hyphens as '-'."""

    def __init__(self, lex):
        fold, reuse = lex["fold"], lex["reuse"]
        self.drop = set(reuse["dropped"]) | set(fold["invisible"])
        for pair in fold["quotes"]:
            self.drop |= set(pair)
        self.square = {}
        for kind, pairs in fold["brackets"].items():
            if kind == "angle":
                continue
            for pair in pairs:
                self.square[pair[0]] = "["
                self.square[pair[1]] = "]"
        self.hyphens = set(reuse["hyphens"])
        self.ends = set(fold["sentence_ends"]) | set(reuse["passage_ends"])

    def char(self, c):
        o = ord(c)
        if 0xFF01 <= o <= 0xFF5E:
            c = chr(o - 0xFEE0)
        elif o == 0x3000:
            c = " "
        if c.isspace() or c in self.drop:
            return ""
        if c in self.square:
            return self.square[c]
        if c in self.hyphens:
            return "-"
        return c.lower()

    def text(self, s):
        return "".join(self.char(c) for c in s)


def passages(paragraphs, folder):
    """Each paragraph split at the passage ends; the normalized, non-empty passages."""
    out = []
    for text in paragraphs:
        start = 0
        for i, c in enumerate(text):
            if c in folder.ends:
                out.append(text[start:i])
                start = i + 1
        out.append(text[start:])
    normalized = (folder.text(p) for p in out)
    return [p for p in normalized if p]


def shifted(text, k):
    if k == 0:
        return text
    return "".join(
        chr(CJK_START + (ord(c) - CJK_START + k * 997) % CJK_LEN)
        if CJK_START <= ord(c) < CJK_START + CJK_LEN
        else c
        for c in text
    )


def scaled(paragraphs, copies):
    return [shifted(p, k) for k in range(copies) for p in paragraphs]


def shingles(p):
    if not (MIN_FUZZY_CHARS <= len(p) <= MAX_FUZZY_CHARS):
        return set()
    return {p[i : i + SHINGLE] for i in range(len(p) - SHINGLE + 1)}


def index(sh, used):
    """shingle -> passages holding it, over the passages not used."""
    idx = {}
    for k, s in enumerate(sh):
        if used[k]:
            continue
        for g in s:
            idx.setdefault(g, []).append(k)
    return idx


def one_side(xs, ix, used_x, ys, iy, used_y, emit):
    for i, s in enumerate(xs):
        if used_x[i] or not s:
            continue
        counts = {}
        common = 0
        for g in s:
            posts = iy.get(g)
            if not posts:
                continue
            if len(posts) + len(ix.get(g, ())) > MAX_POSTINGS:
                common += 1
                continue
            for j in posts:
                counts[j] = counts.get(j, 0) + 1
        ranked = []
        for j, shared in counts.items():
            smaller = max(1, min(len(s), len(ys[j])))
            if shared >= MIN_SHARED and shared + common >= MIN_CONTAINMENT * smaller:
                ranked.append((-shared / (len(s) + len(ys[j])), j))
        ranked.sort()
        for _, j in ranked[:MAX_CANDIDATES]:
            emit(i, j)


def align(a, b):
    """(a_share, b_share): the fraction of each plan's chars in matched passages."""
    used_a, used_b = [False] * len(a), [False] * len(b)
    # Identical passages, the k-th occurrence with the k-th.
    where = {}
    for j, p in enumerate(b):
        if len(p) >= MIN_FUZZY_CHARS:
            where.setdefault(p, []).append(j)
    for i, p in enumerate(a):
        if len(p) >= MIN_FUZZY_CHARS and where.get(p):
            j = where[p].pop(0)
            used_a[i] = used_b[j] = True
    # Adapted passages among the candidates of the shingle index.
    sa, sb = [shingles(p) for p in a], [shingles(p) for p in b]
    ia, ib = index(sa, used_a), index(sb, used_b)
    pairs = set()
    one_side(sa, ia, used_a, sb, ib, used_b, lambda i, j: pairs.add((i, j)))
    one_side(sb, ib, used_b, sa, ia, used_a, lambda j, i: pairs.add((i, j)))
    scored = []
    for i, j in sorted(pairs):
        m = difflib.SequenceMatcher(None, a[i], b[j], autojunk=False)
        if m.real_quick_ratio() < THRESHOLD or m.quick_ratio() < THRESHOLD:
            continue
        r = m.ratio()
        if r >= THRESHOLD:
            scored.append((-r, i + j, i, j))
    scored.sort()
    for _, _, i, j in scored:
        if not used_a[i] and not used_b[j]:
            used_a[i] = used_b[j] = True

    def share(ps, used):
        total = sum(len(p) for p in ps)
        return sum(len(p) for p, u in zip(ps, used) if u) / total if total else 0.0

    return share(a, used_a), share(b, used_b)


def load(path):
    with open(path, encoding="utf-8") as f:
        plan = json.load(f)
    label = plan.get("id") or plan["locality"]["name"]
    return label, [p["text"] for p in plan.get("paragraphs", [])]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("a", help="plan A as JSON (the extract example's output)")
    ap.add_argument("b", help="plan B as JSON")
    ap.add_argument("--copies", type=int, nargs="+", default=[1, 2, 4, 8])
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args()
    folder = Folder(lexicon())
    (la, pa), (lb, pb) = load(args.a), load(args.b)
    for k in args.copies:
        ta, tb = scaled(pa, k), scaled(pb, k)
        times, shares = [], None
        for _ in range(args.repeats):
            start = time.perf_counter()
            shares = align(passages(ta, folder), passages(tb, folder))
            times.append(time.perf_counter() - start)
        ms = statistics.median(times) * 1e3
        print(
            f"{la} x {lb} at {k}x: difflib in {ms:.1f} ms "
            f"(median of {args.repeats}; a_share {shares[0]:.3f} b_share {shares[1]:.3f})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
