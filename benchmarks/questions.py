"""How often search puts the answer first: top-1 accuracy per language on the question
sets of tests/questions (questions.csv, which the tests hold to nine in ten, and
heldout.csv, written apart and kept out of tuning), with the questions missed.

    python benchmarks/questions.py            # both sets
    python benchmarks/questions.py --missed   # and each question whose first hit is wrong
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from kzfp_cli import load_dataset
from kzfp_cli.choices import Lang
from kzfp_cli.search import search
from kzfp_cli.translations import load_translations

SETS = Path(__file__).resolve().parent.parent / "tests" / "questions"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--missed", action="store_true", help="list the questions missed")
    args = parser.parse_args()
    dataset = load_dataset()
    translations = [load_translations(lang) for lang in (Lang.ru, Lang.kk)]
    print("| set | en | ru | kk |")
    print("| --- | --- | --- | --- |")
    for path in sorted(SETS.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as file:
            rows = list(csv.DictReader(file))
        cells = []
        for lang in ("en", "ru", "kk"):
            asked = [row for row in rows if row["lang"] == lang]
            right = 0
            for row in asked:
                hits = search(dataset, row["question"], translations).hits
                first = hits[0].id if hits else None
                right += first == row["answer"]
                if first != row["answer"] and args.missed:
                    print(
                        f"{path.stem} {lang}: {row['question']} -> {first} (want {row['answer']})",
                        file=sys.stderr,
                    )
            cells.append(f"{right}/{len(asked)} ({right / len(asked):.0%})")
        print(f"| {path.stem} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
