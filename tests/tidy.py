"""The tidy tables of `report --out` as a pandas user loads them (run by tests/tidy.rs).

usage: python3 tests/tidy.py OUT_DIR EXPECTED_JSON

EXPECTED_JSON holds what the Rust test counted from the library's own plans:
{"indicators": {plan: count}}. Every check that fails is printed; the exit status is the
number of failures (0 when all pass).
"""

import json
import math
import sys
from pathlib import Path

import pandas as pd

out = Path(sys.argv[1])
expected = json.loads(Path(sys.argv[2]).read_text(encoding="utf-8"))
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print("FAIL:", what)


def load(name):
    # No dtype hints, no converters: the files must load as they are.
    return pd.read_csv(out / f"{name}.csv", encoding="utf-8")


tables = {n: load(n) for n in ["indicators", "comparisons", "attainment", "reuse", "lineage"]}

# Numbers are numbers: every column meant as a number loads with a numeric dtype.
NUMERIC = {
    "indicators": ["period_start", "period_end", "line", "factor", "baseline_written",
                   "baseline", "target_written", "target", "target_high"],
    "comparisons": ["child_target", "parent_target", "target_delta", "target_ratio",
                    "child_baseline", "parent_baseline", "baseline_delta", "child_growth",
                    "child_annual_rate", "parent_growth", "parent_annual_rate"],
    "reuse": ["similarity", "plan_line", "source_line", "changes"],
    "lineage": ["share", "identical_passages", "plan_chars", "source_chars"],
}
for name, cols in NUMERIC.items():
    df = tables[name]
    for col in cols:
        check(col in df.columns, f"{name}.{col} is a column")
        if col in df.columns and len(df):
            check(pd.api.types.is_numeric_dtype(df[col]),
                  f"{name}.{col} is numeric, not {df[col].dtype}")
for name, col in [("indicators", "compared"), ("indicators", "target_approximate"),
                  ("comparisons", "weakening"), ("comparisons", "binding_gap")]:
    check(pd.api.types.is_bool_dtype(tables[name][col]), f"{name}.{col} is boolean")
check(pd.api.types.is_numeric_dtype(tables["attainment"]["target"])
      or tables["attainment"].empty, "attainment.target is numeric")

# Every indicator of every plan exactly once: the counts per plan are the library's, and
# no (plan, origin, line, name) repeats.
ind = tables["indicators"]
counts = ind.groupby("plan").size().to_dict()
check(counts == expected["indicators"], f"indicators per plan {counts} == {expected['indicators']}")
dups = ind.duplicated(["plan", "origin", "line", "name"]).sum()
check(dups == 0, f"{dups} indicators appear twice")

# The pivot key × plan → target in the canonical unit, with no conversion.
compared = ind[ind["compared"] & ind["key"].notna()]
try:
    pivot = compared.pivot(index="key", columns="plan", values="target")
    check(pivot.shape[0] == compared["key"].nunique(), "one pivot row per key")
    check(set(pivot.columns) == set(compared["plan"]), "one pivot column per plan")
    # One unit per key across plans: the canonical one.
    units = compared.groupby("key")["canonical_unit"].nunique()
    check((units <= 1).all(), f"keys with several units: {list(units[units > 1].index)}")
    # The pivot's numbers are the written numbers times the conversion factor.
    rows = compared[compared["target"].notna()]
    check(len(rows) > 0, "some targets are numbers")
    for _, r in rows.iterrows():
        want = r["target_written"] * r["factor"]
        check(math.isclose(pivot.loc[r["key"], r["plan"]], r["target"], rel_tol=0, abs_tol=0)
              and math.isclose(r["target"], want, rel_tol=1e-9),
              f"{r['plan']} {r['key']}: {r['target']} == {r['target_written']} × {r['factor']}")
except ValueError as e:
    check(False, f"the pivot key × plan fails: {e}")

# The comparison rows are those of comparisons.json, in order.
alignments = [
    (c["child"], c["parent"], a["key"], a["status"], a.get("verdict"), a.get("target_delta"))
    for c in json.loads((out / "comparisons.json").read_text(encoding="utf-8"))
    for a in c["indicators"]
]
cmp = tables["comparisons"]
check(len(cmp) == len(alignments), f"{len(cmp)} comparison rows == {len(alignments)} in the JSON")


def same(a, b):
    missing = lambda x: x is None or (isinstance(x, float) and math.isnan(x))
    if missing(a) or missing(b):
        return missing(a) and missing(b)
    return a == b


for k, (row, want) in enumerate(zip(cmp.itertuples(index=False), alignments)):
    got = (row.child, row.parent, row.key, row.status, row.verdict, row.target_delta)
    if not all(same(g, w) for g, w in zip(got, want)):
        check(False, f"comparison row {k}: {got} != {want}")
        break

# The JSON Lines twins hold the same records.
for name, df in tables.items():
    lines = (out / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
    check(len(lines) == len(df), f"{name}.jsonl has {len(lines)} lines, the CSV {len(df)} rows")

# The workbook, read with openpyxl (independent of the writer): same rows, numbers as numbers.
try:
    import openpyxl
except ImportError:
    print("SKIP: openpyxl is not installed; the workbook is checked by tests/tidy.rs (calamine)")
else:
    wb = openpyxl.load_workbook(out / "planalign.xlsx", read_only=True)
    for name, df in tables.items():
        rows = list(wb[name].iter_rows(values_only=True))
        check(list(rows[0]) == list(df.columns), f"{name}: the sheet's header is the CSV's")
        check(len(rows) - 1 == len(df), f"{name}: {len(rows) - 1} sheet rows == {len(df)}")
        for col in NUMERIC.get(name, []):
            k = list(df.columns).index(col)
            cells = [r[k] for r in rows[1:] if r[k] is not None]
            check(all(isinstance(c, (int, float)) for c in cells), f"{name}.{col}: numbers in the sheet")
    check("matrix" in wb.sheetnames, "the workbook has a matrix sheet")

print(f"{len(failures)} failed")
sys.exit(min(len(failures), 100))
