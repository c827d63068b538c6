#!/usr/bin/env python3
"""Measures the shipped rule pack on labeled customer messages.

Runs `firstline classify` (the same engine the server uses) over CSV files
with `text,intent` columns and prints:
  - bitext_support_en: agreement with the labels and the share left
    without an intent;
  - clinc150_en and clinc150_ru: the share of out-of-scope (`oos`) rows that
    get no intent, and that get no support intent (control intents such as
    greeting do not count as support).

Usage:
  tools/measure_pack.py --data DIR [--firstline build/bin/firstline]
                        [--rules .] [--confusions 10]
DIR holds bitext_support_en/, clinc150_en/ and clinc150_ru/, each with a
train.csv whose first columns are text,intent.
"""

import argparse
import collections
import csv
import json
import os
import subprocess
import sys

CONTROL_INTENTS = {"greeting", "thanks", "goodbye", "bot_identity", "abuse",
                   "flirting"}


def read_rows(path, keep=lambda intent: True):
    with open(path, newline="", encoding="utf-8") as f:
        return [(row["text"].replace("\n", " "), row["intent"])
                for row in csv.DictReader(f) if keep(row["intent"])]


def classify(firstline, rules, locale, texts):
    command = [firstline, "classify", "--locale", locale, "--rules", rules]
    result = subprocess.run(command, input="\n".join(texts) + "\n",
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{result.stderr}")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    if len(lines) != len(texts):
        sys.exit(f"expected {len(texts)} lines from classify, got {len(lines)}")
    return [line["intent"] for line in lines]


def percent(part, whole):
    return 100.0 * part / whole if whole else 0.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True)
    parser.add_argument("--firstline", default="build/bin/firstline")
    parser.add_argument("--rules", default=".")
    parser.add_argument("--confusions", type=int, default=10)
    args = parser.parse_args()

    rows = read_rows(os.path.join(args.data, "bitext_support_en", "train.csv"))
    got = classify(args.firstline, args.rules, "en", [t for t, _ in rows])
    agree = sum(g == want for g, (_, want) in zip(got, rows))
    none = sum(g == "" for g in got)
    print(f"bitext_support_en: {len(rows)} rows, agreement "
          f"{percent(agree, len(rows)):.1f}%, no intent "
          f"{percent(none, len(rows)):.1f}%")
    confusions = collections.Counter(
        (want, g or "(none)") for g, (_, want) in zip(got, rows) if g != want)
    for (want, g), count in confusions.most_common(args.confusions):
        print(f"  {count:4d}  {want} -> {g}")

    for name, locale in (("clinc150_en", "en"), ("clinc150_ru", "ru")):
        oos = read_rows(os.path.join(args.data, name, "train.csv"),
                        keep=lambda intent: intent == "oos")
        got = classify(args.firstline, args.rules, locale, [t for t, _ in oos])
        no_intent = sum(g == "" for g in got)
        no_support = sum(g == "" or g in CONTROL_INTENTS for g in got)
        print(f"{name} oos: {len(oos)} rows, no intent "
              f"{percent(no_intent, len(oos)):.1f}%, no support intent "
              f"{percent(no_support, len(oos)):.1f}%")
        for (text, _), g in zip(oos, got):
            if g and g not in CONTROL_INTENTS:
                print(f"  {g}: {text}")


if __name__ == "__main__":
    main()
