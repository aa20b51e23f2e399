"""The RapidFuzz peer of the resolver, on the labelled batch (benches/peer/batch.tsv).

    taskset -c 0 python3 benches/peer/rapidfuzz_peer.py [BATCH] [--max-wrong FRACTION]

The choices are the registry's names (data/registry.toml, read with tomllib), each
distinct normalized name once with its key; queries and choices are normalized as the
crate documents its normalization (names.py). Normalizing the queries is NOT timed: the
times below are RapidFuzz's matching alone (the crate's times include its normalization).

Two ways, both with fuzz.ratio (normalized Indel similarity, which counts characters, so
it is right on Chinese) and one worker:
- process.extractOne per name;
- process.cdist on the whole batch as one prepared call (in chunks of 10,000 rows to
  bound memory, workers=1), then the best choice per row.

A cutoff turns a best score into an assignment. It is chosen by sweeping every cutoff on
the batch itself (an oracle's choice, which favours the peer): once for the best correct
rate with wrong keys at most --max-wrong (run.sh passes the crate's wrong-key rate), once
for the best correct rate overall.

Outcomes, which add up to 100%: correct (the expected key, or nothing when the name must
be refused), wrong key (a key other than the expected one, or any key for a name that must
be refused), refused (nothing, though a key was expected).
"""

import argparse
import time

import numpy as np
from rapidfuzz import fuzz, process

import names as N


def read_batch(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        next(f)
        for line in f:
            name, _unit, expected, _kind = line.rstrip("\n").split("\t")
            rows.append((name, expected))
    return rows


def outcome(keys, expected, assigned):
    """(correct, wrong, refused) fractions for assignments `assigned` (bool array)."""
    n = len(expected)
    right_key = keys == expected
    must_refuse = expected == ""
    correct = np.sum(assigned & right_key) + np.sum(~assigned & must_refuse)
    wrong = np.sum(assigned & ~right_key)
    refused = np.sum(~assigned & ~must_refuse)
    return correct / n, wrong / n, refused / n


def sweep(scores, keys, expected, max_wrong):
    """(cutoff, outcome) with the best correct rate and wrong ≤ max_wrong, and the best
    overall: every distinct best score is tried as the cutoff (assign when score ≥ it)."""
    order = np.argsort(-scores, kind="stable")
    s, k, e = scores[order], keys[order], expected[order]
    n = len(s)
    # Assigning the first i rows (highest scores first): running counts.
    right = np.concatenate([[0], np.cumsum(k == e)])
    wrong = np.concatenate([[0], np.cumsum(k != e)])
    refuse_ok = np.concatenate([[0], np.cumsum(e == "")])
    total_refuse = refuse_ok[-1]
    # Cuts only where the score changes (a cutoff assigns all rows of a score or none).
    cuts = [0] + [i for i in range(1, n) if s[i] != s[i - 1]] + [n]
    best_bounded, best_any = None, None
    for i in cuts:
        correct = right[i] + (total_refuse - refuse_ok[i])
        w = wrong[i]
        cutoff = float(s[i - 1]) if i > 0 else 101.0
        item = (correct, -w, cutoff, i)
        if best_any is None or item > best_any:
            best_any = item
        if w <= max_wrong * n and (best_bounded is None or item > best_bounded):
            best_bounded = item

    def result(item):
        correct, w, cutoff, i = item
        return cutoff, (correct / n, -w / n, (n - correct + w) / n)

    return result(best_bounded), result(best_any)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("batch", nargs="?", default=str(N.ROOT / "benches" / "peer" / "batch.tsv"))
    ap.add_argument("--max-wrong", type=float, default=0.0005)
    args = ap.parse_args()
    rows = read_batch(args.batch)
    choices, choice_keys = N.choices()
    queries = [N.normalize(name) for name, _ in rows]
    expected = np.array([e for _, e in rows], dtype=object)
    n = len(rows)

    t = time.perf_counter()
    best = [process.extractOne(q, choices, scorer=fuzz.ratio) for q in queries]
    extract_s = time.perf_counter() - t
    print(f"rapidfuzz extractOne: {n} names in {extract_s:.3f} s ({n / extract_s:.0f} names/s)")

    t = time.perf_counter()
    scores = np.empty(n, dtype=np.float64)
    index = np.empty(n, dtype=np.int64)
    for a in range(0, n, 10_000):
        m = process.cdist(queries[a : a + 10_000], choices, scorer=fuzz.ratio, workers=1)
        index[a : a + 10_000] = np.argmax(m, axis=1)
        scores[a : a + 10_000] = m[np.arange(m.shape[0]), index[a : a + 10_000]]
    cdist_s = time.perf_counter() - t
    print(f"rapidfuzz cdist: {n} names in {cdist_s:.3f} s ({n / cdist_s:.0f} names/s)")

    # Both ways agree on the best score (ties may pick another choice of the same score).
    one = np.array([b[1] if b else 0.0 for b in best])
    assert np.allclose(one, scores, atol=1e-3), "extractOne and cdist disagree"
    keys = np.array([choice_keys[i] for i in index], dtype=object)
    (c1, o1), (c2, o2) = sweep(scores, keys, expected, args.max_wrong)
    for label, cutoff, (c, w, r) in [
        (f"wrong ≤ {100 * args.max_wrong:.3f}%", c1, o1),
        ("best correct", c2, o2),
    ]:
        print(
            f"rapidfuzz cutoff {cutoff:.1f} ({label}): correct {100 * c:.2f}% / "
            f"wrong key {100 * w:.2f}% / refused {100 * r:.2f}%"
        )


if __name__ == "__main__":
    main()
