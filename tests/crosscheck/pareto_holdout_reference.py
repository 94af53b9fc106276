#!/usr/bin/env python3
"""Writes the references crate/tests/btyd_pareto.rs and crate/tests/btyd_holdout.rs
compare with, from the `lifetimes` package (PyPI, 0.11.3; it installs and runs with
numpy 2.4, scipy 1.17 and pandas 3.1):

- tests/fixtures/cdnow_pareto.csv and cdnow_pareto.json: ParetoNBDFitter on the CDNOW
  calibration summary (2 357 clients, 39 weeks): parameters, per client P(alive),
  expected purchases in 39 weeks and P(at least one purchase) in 30, 60, 90 days
  (1 - conditional_probability_of_n_purchases_up_to_time(0, ...)).
- tests/fixtures/cdnow_holdout.json: the published 39-week holdout of the CDNOW
  master file (23 570 clients; calibration to 1997-09-30, holdout to 1998-06-30):
  calibration_and_holdout_data (days, freq_multiplier 7, so time is in weeks like
  the core's), BG/NBD and Pareto/NBD refitted on the calibration part, their
  conditional expected purchases in the holdout summed per week (tracking) and
  averaged per number of calibration purchases (calibration), the mean absolute
  error per client and that of the naive forecast (calibration rate x duration).

Run in a throwaway virtualenv:
    python3 -m venv /tmp/lt && /tmp/lt/bin/pip install lifetimes==0.11.3
    /tmp/lt/bin/python tests/crosscheck/pareto_holdout_reference.py
"""
import json, os
import numpy as np
import pandas as pd
from lifetimes import BetaGeoFitter, ParetoNBDFitter, GammaGammaFitter
from lifetimes.utils import calibration_and_holdout_data

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures")
DAYS = (30, 60, 90)

# Pareto/NBD on the calibration summary.
df = pd.read_csv(os.path.join(ROOT, "cdnow_summary.csv"))
pn = ParetoNBDFitter(penalizer_coef=0.0)
pn.fit(df["x"], df["t_x"], df["T"])
df["p_alive"] = pn.conditional_probability_alive(df["x"], df["t_x"], df["T"])
df["expected_39"] = pn.conditional_expected_number_of_purchases_up_to_time(39, df["x"], df["t_x"], df["T"])
for d in DAYS:
    df[f"buys_{d}"] = [
        1.0 - float(pn.conditional_probability_of_n_purchases_up_to_time(0, d / 7.0, x, t_x, T))
        for x, t_x, T in zip(df["x"], df["t_x"], df["T"])
    ]
cols = ["ID", "p_alive", "expected_39"] + [f"buys_{d}" for d in DAYS]
df[cols].to_csv(os.path.join(ROOT, "cdnow_pareto.csv"), index=False, float_format="%.10f")
with open(os.path.join(ROOT, "cdnow_pareto.json"), "w") as f:
    json.dump({"params": {k: float(v) for k, v in pn.params_.items()}}, f, indent=1)
print("pareto", dict(pn.params_))

# The holdout check on the master file.
tx = pd.read_csv(os.path.join(ROOT, "cdnow_master.csv"), sep=";", dtype={"Customer": str})
tx["Date"] = pd.to_datetime(tx["Date"])
cal_end, obs_end = "1997-09-30", "1998-06-30"
ch = calibration_and_holdout_data(tx, "Customer", "Date", calibration_period_end=cal_end,
                                  observation_period_end=obs_end, freq="D", freq_multiplier=7,
                                  monetary_value_col="Amount")
duration = float(ch["duration_holdout"].iloc[0])
# Holdout purchase days per client and week (days 1-7 after the cut-off are week 1).
hold = tx[(tx["Date"] > cal_end) & (tx["Date"] <= obs_end)].drop_duplicates(["Customer", "Date"])
hold_week = ((hold["Date"] - pd.Timestamp(cal_end)).dt.days - 1) // 7 + 1
weeks = int(np.ceil(duration))
actual_weekly = [int((hold_week == k).sum()) for k in range(1, weeks + 1)]
hold_spend = float(tx[(tx["Date"] > cal_end) & (tx["Date"] <= obs_end)]["Amount"].sum())

x, t_x, T = ch["frequency_cal"], ch["recency_cal"], ch["T_cal"]
actual = ch["frequency_holdout"]
naive = x / T * duration
# Like the core: Gamma-Gamma on repeat buyers with a positive average (CDNOW has
# zero-amount rows), the population mean for every other client.
repeat = ch[(ch["frequency_cal"] > 0) & (ch["monetary_value_cal"] > 0)]
gg = GammaGammaFitter(penalizer_coef=0.0)
gg.fit(repeat["frequency_cal"], repeat["monetary_value_cal"])
mean_spend = gg.params_["p"] * gg.params_["v"] / (gg.params_["q"] - 1)
spend = gg.conditional_expected_average_profit(x, ch["monetary_value_cal"]).where((x > 0) & (ch["monetary_value_cal"] > 0), mean_spend)
out = {"calibration_end": cal_end, "observation_end": obs_end, "clients": int(len(ch)),
       "duration_weeks": duration, "actual_total": int(actual.sum()), "actual_weekly": actual_weekly,
       "actual_spend": hold_spend, "naive_mae": float((naive - actual).abs().mean()),
       "gamma_gamma": {k: float(v) for k, v in gg.params_.items()}, "models": {}}
bins = list(range(7))
for name, model in (("bgnbd", BetaGeoFitter(penalizer_coef=0.0)), ("paretonbd", ParetoNBDFitter(penalizer_coef=0.0))):
    model.fit(x, t_x, T)
    pred = model.conditional_expected_number_of_purchases_up_to_time(duration, x, t_x, T)
    cumulative = [float(model.conditional_expected_number_of_purchases_up_to_time(min(k, duration), x, t_x, T).sum())
                  for k in range(1, weeks + 1)]
    by_x = []
    for b in bins + ["7+"]:
        sel = (x >= 7) if b == "7+" else (x == b)
        by_x.append({"x": b, "clients": int(sel.sum()), "actual": float(actual[sel].mean()),
                     "predicted": float(pred[sel].mean())})
    out["models"][name] = {"params": {k: float(v) for k, v in model.params_.items()},
                           "predicted_total": float(pred.sum()), "predicted_cumulative": cumulative,
                           "mae": float((pred - actual).abs().mean()), "calibration": by_x,
                           "predicted_spend": float((pred * spend).sum())}
    print(name, dict(model.params_), out["models"][name]["predicted_total"], out["actual_total"])
with open(os.path.join(ROOT, "cdnow_holdout.json"), "w") as f:
    json.dump(out, f, indent=1)
