"""Cross-checks Clientscope's ABC and XYZ of clients on the CDNOW transactions.

ABC is compared with `inventorize.ABC` (PyPI). The two cut rules differ on purpose:
inventorize puts an item in A while the cumulative share *including* the item is
below 80 %; Clientscope looks at the share held by clients *strictly larger* than
the item (methodology section 2), so the client that crosses a bound stays in the
upper group and equal values share a group. So we report
  1. raw agreement with inventorize's classes, with every disagreement explained as
     a boundary crosser or a tie that inventorize split by sort order;
  2. agreement after the documented adjustment: inventorize's own cumulative share
     minus the item's share (= the share before it), taken at the first member of
     each tie group, cut with inventorize's own thresholds. This must be 100 %.
inventorize ranks what it is given; Clientscope puts clients with zero or negative
revenue in C without ranking them, so only positive clients are passed to it.

inventorize has no XYZ, so XYZ is compared with an independent pandas/numpy
implementation written here from the methodology (section 3): periods counted from
the client's first purchase or the window start, whichever is later; frequency =
months with a purchase / months counted; variation = numpy population std / mean of
monthly revenue, zero months included. Must agree 100 %. Thresholds are read from
the reports' settings. CDNOW clients buy rarely, so with the default 10/25 % every
client is Z by variation; the runner uses 200/400 %, which splits them and puts a
crowd exactly on a bound: a client with one purchase month out of 17 has a CV of
exactly sqrt(16) = 4. Where numpy's CV is within 1e-9 of a bound, the reference
decides with exact fractions (CV^2 = (n*sum(x^2) - sum(x)^2) / sum(x)^2), as the
definition says; those cases are counted and printed.

Usage: inventorize_check.py --csv F --frequency REPORT.json --variation REPORT.json
                            [--freeze OUT.json]
"""
import argparse
import json
import sys
from fractions import Fraction

import numpy as np
import pandas as pd
import inventorize

AS_OF = pd.Timestamp("1998-06-30")
START = pd.Timestamp("1997-01-01")
ABC_BOUNDS = (0.80, 0.95)


def cut(x):
    return "A" if x < ABC_BOUNDS[0] else "B" if x < ABC_BOUNDS[1] else "C"


def ours(path):
    with open(path, encoding="utf-8") as f:
        r = json.load(f)
    return {c["id"]: c for c in r["clients"]}, r


def abc_check(window, our):
    cents = window.groupby("Customer")["cents"].sum()
    positive = cents[cents > 0]
    data = pd.DataFrame({"item": positive.index, "value": positive.values.astype(float)})
    res = inventorize.ABC(data)
    res["before"] = res["comulative"] - res["Percentage"]
    # The first member of a tie group decides the group's class.
    res["tie_before"] = res.groupby("value")["before"].transform("min")
    res["adjusted"] = res["tie_before"].map(cut)
    tie_sizes = res.groupby("value")["item"].transform("count")
    raw_agree = explained_cross = explained_tie = unexplained = 0
    adjusted_agree = 0
    for item, raw, adj, before, cum, ties in zip(
        res["item"], res["Category"], res["adjusted"], res["before"], res["comulative"], tie_sizes
    ):
        mine = our[item]["abc"]
        adjusted_agree += mine == adj
        if mine == raw:
            raw_agree += 1
        elif any(before < b <= cum for b in ABC_BOUNDS):
            explained_cross += 1
        elif ties > 1:
            explained_tie += 1
        else:
            unexplained += 1
            print(f"  unexplained ABC difference: {item} ours {mine} inventorize {raw}")
    nonpositive = [c for c in cents.index if cents[c] <= 0]
    nonpositive_c = sum(our[c]["abc"] == "C" for c in nonpositive)
    n = len(res)
    print(f"ABC: {n} clients with positive revenue ranked by inventorize {inventorize_version()}")
    print(f"  raw agreement:      {raw_agree}/{n} = {100 * raw_agree / n:.3f} %")
    print(f"    differences explained: {explained_cross} boundary crossers, {explained_tie} split ties, {unexplained} unexplained")
    print(f"  adjusted agreement: {adjusted_agree}/{n} = {100 * adjusted_agree / n:.3f} %")
    print(f"  non-positive clients: {len(nonpositive)}, of them C in Clientscope: {nonpositive_c}")
    ok = adjusted_agree == n and unexplained == 0 and nonpositive_c == len(nonpositive)
    figures = {
        "ranked": n,
        "raw_agreement": raw_agree,
        "boundary_crossers": explained_cross,
        "split_ties": explained_tie,
        "adjusted_agreement": adjusted_agree,
    }
    classes = dict(zip(res["item"], res["adjusted"]))
    for c in nonpositive:
        classes[c] = "C"
    return ok, figures, classes


def within(x, cv, bound_pct):
    """cv <= bound, decided exactly when the float is too close to call."""
    b = bound_pct / 100
    if abs(cv - b) >= 1e-9:
        return cv <= b, False
    xs = [int(v) for v in x]
    n, s, q = len(xs), sum(xs), sum(v * v for v in xs)
    return Fraction(n * q - s * s, s * s) <= Fraction(bound_pct) ** 2 / 10000, True


def xyz_reference(df, window, FREQ, VAR):
    month = lambda s: s.dt.year * 12 + s.dt.month - 1
    last, first_window = AS_OF.year * 12 + AS_OF.month - 1, START.year * 12 + START.month - 1
    first = month(df[df["Date"] <= AS_OF].groupby("Customer")["Date"].min())
    w = window.assign(month=month(window["Date"]))
    pivot = w.pivot_table(index="Customer", columns="month", values="cents", aggfunc="sum", fill_value=0)
    pivot = pivot.reindex(columns=range(first_window, last + 1), fill_value=0)
    active = w.groupby("Customer")["month"].nunique()
    freq, var = {}, {}
    edges = 0
    for cust, row in pivot.iterrows():
        start = max(first_window, int(first[cust]))
        n = last - start + 1
        if start == last:
            freq[cust] = var[cust] = "Z"  # new
            continue
        f = Fraction(int(active[cust]), n) * 100
        freq[cust] = "X" if f >= Fraction(FREQ[0]) else "Y" if f >= Fraction(FREQ[1]) else "Z"
        x = row.loc[start:last].to_numpy(dtype=float)
        mean = x.mean()
        if mean <= 0:
            var[cust] = "Z"
            continue
        cv = np.std(x) / mean
        in_x, edge_x = within(x, cv, VAR[0])
        in_y, edge_y = within(x, cv, VAR[1])
        edges += edge_x or edge_y
        var[cust] = "X" if in_x else "Y" if in_y else "Z"
    return freq, var, edges


def compare(name, ref, our):
    agree = sum(our[c]["xyz"] == k for c, k in ref.items())
    counts = {k: sum(v == k for v in ref.values()) for k in "XYZ"}
    print(f"XYZ by {name}: {agree}/{len(ref)} = {100 * agree / len(ref):.3f} % agree; reference X/Y/Z = {counts}")
    for c, k in ref.items():
        if our[c]["xyz"] != k:
            print(f"  differs: {c} ours {our[c]['xyz']} reference {k}")
            break
    return agree == len(ref), agree


def inventorize_version():
    from importlib.metadata import version

    return version("inventorize")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--csv", required=True)
    ap.add_argument("--frequency", required=True)
    ap.add_argument("--variation", required=True)
    ap.add_argument("--freeze")
    a = ap.parse_args()
    df = pd.read_csv(a.csv, sep=";", dtype={"Customer": str}, parse_dates=["Date"])
    df["cents"] = (df["Amount"] * 100).round().astype("int64")
    window = df[(df["Date"] >= START) & (df["Date"] <= AS_OF)]
    freq_report, meta = ours(a.frequency)
    var_report, _ = ours(a.variation)

    ok_abc, figures, abc_classes = abc_check(window, freq_report)
    freq_t = tuple(meta["settings"]["xyz_frequency"])
    var_t = tuple(json.load(open(a.variation, encoding="utf-8"))["settings"]["xyz_variation"])
    freq, var, edges = xyz_reference(df, window, freq_t, var_t)
    ok_f, agree_f = compare("frequency", freq, freq_report)
    ok_v, agree_v = compare("variation", var, var_report)
    print(f"  thresholds: frequency {freq_t}, variation {var_t} (percent)")
    print(f"  coefficients of variation on a bound, decided exactly: {edges}")
    ok = ok_abc and ok_f and ok_v

    if a.freeze:
        ids = sorted(abc_classes)
        frozen = {
            "source": "CDNOW_master.txt from lifetimes 0.11.3, converted by tests/crosscheck/cdnow_to_csv.py",
            "reference": f"ABC: inventorize {inventorize_version()} with the adjustment described in inventorize_check.py; XYZ: pandas/numpy",
            "options": {"as_of": "1998-06-30", "window": 18, "xyz_frequency": freq_t, "xyz_variation": var_t},
            "agreement": {**figures, "xyz_frequency": agree_f, "xyz_variation": agree_v, "clients": len(ids)},
            "customers": ids,
            "abc": "".join(abc_classes[c] for c in ids),
            "xyz_frequency": "".join(freq[c] for c in ids),
            "xyz_variation": "".join(var[c] for c in ids),
        }
        with open(a.freeze, "w", encoding="utf-8") as f:
            json.dump(frozen, f, separators=(",", ":"))
            f.write("\n")
        print(f"froze the reference classes into {a.freeze}")
    print("cross-check:", "PASSED" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
