"""Benchmark kzfp against its baselines and print medians and ratios.

    python benchmarks/run.py              # start-up cases, 10 runs each
    python benchmarks/run.py --large      # also a generated 1,000,000-event file

Run it with the interpreter of the environment kzfp is installed in: the floor
(`python -c "import typer"`) and csvkit's csvgrep (if installed) are measured with the
same interpreter and in the same run, so that ratios compare like with like. Figures go to
stdout as a Markdown table; timings are wall-clock medians, memory is the peak resident
size of the child process.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

BIN = Path(sys.executable).parent
FLOOR = "python -c 'import typer'"
CSVGREP = "csvkit csvgrep -c partners -r russia"
PARTNERS = [
    "russia", "china", "usa", "eu", "germany", "uzbekistan", "kyrgyzstan", "tajikistan",
    "turkmenistan", "turkey", "iran", "india", "japan",
]  # fmt: skip
THEMES = ["security", "economy", "diplomacy", "regional", "multilateral"]
BASELINE_READER = """
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    rows = csv.reader(f)
    header = next(rows)
    partners, date = header.index("partners"), header.index("date")
    found = [row for row in rows if "russia" in row[partners].split(";")]
found.sort(key=lambda row: (row[date], row[0]))
"""


@dataclass
class Result:
    name: str
    seconds: float
    peak_mb: float


def run_once(name: str, command: list[str]) -> tuple[float, float]:
    """Wall-clock seconds and peak resident MB of one run of ``command``."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{name}: {' '.join(command)} failed")
    return seconds, usage.ru_maxrss / 1024


def measure(cases: dict[str, list[str]], runs: int) -> dict[str, Result]:
    """Median time and peak memory of each case. The cases take turns, run after run,
    so that a slower spell of a shared machine weighs on every case alike and the ratios
    of one run stay comparable."""
    times: dict[str, list[float]] = {name: [] for name in cases}
    peaks: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(runs):
        for name, command in cases.items():
            seconds, peak = run_once(name, command)
            times[name].append(seconds)
            peaks[name].append(peak)
    return {name: Result(name, statistics.median(times[name]), max(peaks[name])) for name in cases}


def generate(path: Path, rows: int, seed: int) -> None:
    """A reproducible events file in kzfp's format, about 280 bytes a row."""
    rng = random.Random(seed)
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["id", "date", "end_date", "title", "summary", "partners", "orgs",
                         "themes", "section", "sources", "note"])  # fmt: skip
        for number in range(rows):
            when = f"{rng.randint(1991, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            partners = ";".join(rng.sample(PARTNERS, rng.randint(0, 3)))
            writer.writerow([
                f"gen-{number}", when, "", f"Generated event number {number}",
                "A generated summary sentence, long enough to give rows a realistic size "
                "for a file of dated events with partners, themes and a source.",
                partners, "", rng.choice(THEMES), "", "Generated source | https://example.org/",
                "",
            ])  # fmt: skip


def table(rows: list[tuple[str, Result, Result | None]]) -> str:
    lines = [
        "| case | median s | ratio | reference | peak MB |",
        "| --- | ---: | ---: | --- | ---: |",
    ]
    for label, result, reference in rows:
        ratio = f"{result.seconds / reference.seconds:.2f}×" if reference else ""
        against = reference.name if reference else ""
        cells = [label, f"{result.seconds:.3f}", ratio, against, f"{result.peak_mb:.0f}"]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--large", action="store_true", help="add the 1M-event case")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=2021)
    parser.add_argument("--large-runs", type=int, default=3)
    args = parser.parse_args()
    kzfp = str(BIN / "kzfp")
    python = sys.executable
    grep = shutil.which("csvgrep", path=str(BIN)) or shutil.which("csvgrep")
    with tempfile.TemporaryDirectory() as folder:
        events = Path(folder) / "events.csv"
        events.write_text(
            subprocess.run(
                [kzfp, "timeline", "-f", "csv"], capture_output=True, text=True, check=True
            ).stdout,
            encoding="utf-8",
        )
        filtered = [kzfp, "timeline", "--partner", "russia", "--format"]
        cases = {
            "pass": [python, "-c", "pass"],
            FLOOR: [python, "-c", "import typer"],
            "json": [*filtered, "json"],
            "table": [*filtered, "table"],
            "help": [kzfp, "--help"],
        }
        if grep:
            cases[CSVGREP] = [grep, "-c", "partners", "-r", "russia", str(events)]
        found = measure(cases, args.runs)
        floor = found[FLOOR]
        rows: list[tuple[str, Result, Result | None]] = [
            ("python -c pass", found["pass"], None),
            ("python -c 'import typer' (the floor)", floor, None),
            ("kzfp timeline --partner russia --format json", found["json"], floor),
        ]
        if grep:
            rows.append((CSVGREP, found[CSVGREP], None))
            rows.append(("kzfp json against csvgrep", found["json"], found[CSVGREP]))
        rows.append(("kzfp timeline --partner russia --format table", found["table"], floor))
        rows.append(("kzfp --help", found["help"], floor))
        if args.large:
            big = Path(folder) / "big.csv"
            generate(big, args.rows, args.seed)
            reader_name = f"csv.reader pass, filter and sort ({args.rows:,} rows)"
            large_command = [kzfp, "timeline", "--data", str(big), "--no-builtin"]
            large_command += ["--partner", "russia", "--format", "jsonl"]
            large = measure(
                {reader_name: [python, "-c", BASELINE_READER, str(big)], "large": large_command},
                args.large_runs,
            )
            reader = large[reader_name]
            rows.append((reader_name, reader, None))
            label = f"kzfp timeline --data ({args.rows:,} rows) --format jsonl"
            rows.append((label, large["large"], reader))
    print(table(rows))
    if not grep:
        print("\ncsvgrep was not found: pip install csvkit to add that baseline.")


if __name__ == "__main__":
    main()
