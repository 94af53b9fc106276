#!/usr/bin/env python3
"""Writes tests/fixtures/cdnow_lifetimes.csv and .json: what the `lifetimes` package
(PyPI, 0.11.3) gives on the CDNOW calibration summary (2 357 clients, 39 weeks), for
crate/tests/btyd_cdnow.rs to compare with. Run in a throwaway virtualenv:
    python3 -m venv /tmp/lt && /tmp/lt/bin/pip install lifetimes==0.11.3
    /tmp/lt/bin/python tests/crosscheck/lifetimes_reference.py
"""
import json, os
import pandas as pd
from lifetimes import BetaGeoFitter, GammaGammaFitter

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures")
df = pd.read_csv(os.path.join(ROOT, "cdnow_summary.csv"))
bg = BetaGeoFitter(penalizer_coef=0.0)
bg.fit(df["x"], df["t_x"], df["T"])
df["p_alive"] = bg.conditional_probability_alive(df["x"], df["t_x"], df["T"])
df["expected_39"] = bg.conditional_expected_number_of_purchases_up_to_time(39, df["x"], df["t_x"], df["T"])
repeat = df[df["x"] > 0]
gg = GammaGammaFitter(penalizer_coef=0.0)
gg.fit(repeat["x"], repeat["zbar"])
df["expected_spend"] = gg.conditional_expected_average_profit(df["x"], df["zbar"]).where(df["x"] > 0)
df[["ID", "p_alive", "expected_39", "expected_spend"]].to_csv(os.path.join(ROOT, "cdnow_lifetimes.csv"), index=False, float_format="%.10f")
params = {"bgnbd": {k: float(v) for k, v in bg.params_.items()}, "gamma_gamma": {k: float(v) for k, v in gg.params_.items()}}
with open(os.path.join(ROOT, "cdnow_lifetimes.json"), "w") as f:
    json.dump(params, f, indent=1)
print(params)
