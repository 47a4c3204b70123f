"""Measure kzfp against its speed targets and print them as a Markdown table.

    python benchmarks/run.py                  # start-up cases, 10 runs each
    python benchmarks/run.py --large          # also a 1,000,000-event file and a 20,000-row table
    python benchmarks/run.py --runs 3 --large --large-runs 1    # a quick check that it works
    python benchmarks/run.py --scaling        # also the start-up with the curated data ×2 and ×4
    python benchmarks/run.py --memory         # also the peak memory of search and every export

Run it with the interpreter of the environment kzfp is installed in: `kzfp` and csvkit's
`csvgrep` (if installed there) are taken from beside that interpreter, and the floor
(`python -c "import typer"`) and the csv.reader baseline run on it, so that ratios compare
like with like. Each case takes turns with its baseline, run after run, so that a slow spell
of a shared machine weighs on both; times are wall-clock medians, and ratios come from one
run of this script. Peak memory is the largest resident size of kzfp's process or of any
process it waited for (from wait4): of one process, not a sum over processes alive at once.
Progress goes to stderr, the table to stdout.
"""

from __future__ import annotations

import argparse
import csv
import importlib.metadata
import importlib.util
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

BIN = Path(sys.executable).parent  # not resolved: a venv's python is a symlink
ROOT = Path(__file__).resolve().parent.parent
EVENTS = ROOT / "data" / "events.csv"
PARTNERS = [
    "russia", "china", "usa", "eu", "germany", "uzbekistan", "kyrgyzstan", "tajikistan",
    "turkmenistan", "turkey", "iran", "india", "japan",
]  # fmt: skip
THEMES = ["security", "economy", "diplomacy", "regional", "multilateral"]
# A question in each language, as a user types it, against `kzfp event show`.
SEARCHES = {
    "en": "when did Kazakhstan join the SCO",
    "ru": "когда Казахстан вступил в ОБСЕ",
    "kk": "Қазақстан тәуелсіздігін қашан жариялады",
}
# What a bare one-process reader does for `--partner russia`: read, filter, sort by date.
BASELINE_READER = """
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    rows = csv.reader(f)
    header = next(rows)
    partners, date = header.index("partners"), header.index("date")
    found = [row for row in rows if "russia" in row[partners].split(";")]
found.sort(key=lambda row: (row[date], row[0]))
"""
# Output as a person sees it: with colour, at a fixed width so that runs compare. Without
# FORCE_COLOR, kzfp writing into /dev/null would leave colour out.
TERMINAL = {
    **{k: v for k, v in os.environ.items() if k != "NO_COLOR"},
    "FORCE_COLOR": "1",
    "COLUMNS": "100",
    "TERM": "xterm-256color",
}
WIDE_TERMINAL = {**TERMINAL, "COLUMNS": "120"}
PINNED = ["taskset", "-c", "0"]


@dataclass
class Case:
    command: list[str]
    env: dict[str, str] | None = None
    times: list[float] = field(default_factory=list)
    peak_mb: float = 0.0

    @property
    def median(self) -> float:
        return statistics.median(self.times)


@dataclass
class Row:
    case: str
    seconds: float | None = None
    figure: str = ""
    target: str = ""
    met: bool | None = None


def run_once(case: Case) -> None:
    """Run ``case`` once, adding its wall-clock time and keeping its peak resident size."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(
            case.command, stdout=subprocess.DEVNULL, stderr=errors, env=case.env
        )
        # wait4, not wait: its usage includes the peak of the processes the child reaped.
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            errors.seek(0)
            message = errors.read().decode(errors="replace").strip()
            raise SystemExit(f"{' '.join(case.command)} exited {process.returncode}: {message}")
    case.times.append(seconds)
    case.peak_mb = max(case.peak_mb, usage.ru_maxrss / 1024)


def measure(cases: dict[str, Case], runs: int) -> None:
    """Run every case ``runs`` times, taking turns."""
    for number in range(runs):
        say(f"  run {number + 1}/{runs}: " + ", ".join(cases))
        for case in cases.values():
            run_once(case)


def generate(path: Path, rows: int, seed: int, *, always: str | None = None) -> None:
    """A reproducible events file in kzfp's format, about 250 bytes a row. With ``always``,
    every row names that partner."""
    rng = random.Random(seed)
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["id", "date", "end_date", "title", "summary", "partners", "orgs",
                         "themes", "section", "sources", "note"])  # fmt: skip
        for number in range(rows):
            when = f"{rng.randint(1991, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            chosen = rng.sample(PARTNERS, rng.randint(0, 3))
            if always and always not in chosen:
                chosen.insert(0, always)
            writer.writerow([
                f"gen-{number}", when, "", f"Generated event number {number}",
                "A generated summary sentence, long enough to give rows a realistic size "
                "for a file of dated events with partners, themes and a source.",
                ";".join(chosen), "", rng.choice(THEMES), "",
                "Generated source | https://example.org/", "",
            ])  # fmt: skip


def ratio(case: str, measured: Case, base: Case, base_name: str, limit: float | None) -> Row:
    # Judged as printed (two decimals), so that a row never reads "0.80×, ≤ 0.8×, ✗".
    value = round(measured.median / base.median, 2)
    return Row(
        case,
        measured.median,
        f"{value:.2f}× {base_name}",
        f"≤ {limit:g}×" if limit is not None else "none",
        value <= limit if limit is not None else None,
    )


# As many different words as a search reads, none of them in any text, each beginning
# with a letter many words begin with: the most typo weighing a query can cost.
UNKNOWN_WORDS = [f"{letter}qzx{number}vw" for number in range(8) for letter in "sktpcadm"]


def startup_rows(kzfp: str, runs: int, notes: list[str]) -> list[Row]:
    python = sys.executable
    filtered = [kzfp, "timeline", "--partner", "russia", "--format"]
    cases = {
        "pass": Case([python, "-c", "pass"]),
        "floor": Case([python, "-c", "import typer"]),
        "lookup": Case([kzfp, "org", "show", "wto", "--format", "json"]),
        "json": Case([*filtered, "json"]),
        "table": Case([*filtered, "table"], WIDE_TERMINAL),
        "help": Case([kzfp, "--help"], TERMINAL),
        "event": Case([kzfp, "event", "show", "wto-membership-2015", "--format", "json"]),
        **{
            f"search-{lang}": Case([kzfp, "search", *question.split(), "--format", "json"])
            for lang, question in SEARCHES.items()
        },
        # The longest query search reads, every word a typo to weigh: its worst case.
        "search-longest": Case([kzfp, "search", *UNKNOWN_WORDS, "--format", "json"]),
    }
    grep = BIN / "csvgrep"
    regex = "(^|;)russia(;|$)"
    if grep.exists() and EVENTS.exists():
        cases["csvgrep"] = Case([str(grep), "-c", "partners", "-r", regex, str(EVENTS)])
    elif not grep.exists():
        notes.append(f"csvgrep row skipped: csvkit is not installed beside {python}.")
    else:
        notes.append(f"csvgrep row skipped: {EVENTS} is missing.")
    say(f"start-up cases, {plural(runs, 'run')}")
    measure(cases, runs)
    floor = cases["floor"]
    rows = [
        Row("`python -c pass`", cases["pass"].median),
        Row('`python -c "import typer"` (the floor)', floor.median),
        ratio("`kzfp org show wto --format json`", cases["lookup"], floor, "the floor", 1.5),
    ]
    json = "`kzfp timeline --partner russia --format json`"
    rows.append(ratio(json, cases["json"], floor, "the floor", None))
    if "csvgrep" in cases:
        relative = EVENTS.relative_to(ROOT)
        rows.append(Row(f"`csvgrep -c partners -r '{regex}' {relative}`", cases["csvgrep"].median))
        against = ratio(f"{json}, against csvgrep", cases["json"], cases["csvgrep"], "csvgrep", 0.8)
        rows.append(against)
    table = "`kzfp timeline --partner russia --format table` (colour, 120 columns)"
    rows.append(ratio(table, cases["table"], floor, "the floor", 2.0))
    helped = "`kzfp --help`"
    rows.append(ratio(helped, cases["help"], floor, "the floor", 1.5))
    event = "`kzfp event show wto-membership-2015 --format json`"
    rows.append(ratio(event, cases["event"], floor, "the floor", None))
    for lang, question in SEARCHES.items():
        searched = f"`kzfp search {question} --format json` ({lang})"
        rows.append(ratio(searched, cases[f"search-{lang}"], cases["event"], "event show", 1.5))
    longest = f"`kzfp search` with {len(UNKNOWN_WORDS)} words no text says"
    seconds = cases["search-longest"].median
    rows.append(Row(longest, seconds, "", "≤ 1 s", seconds <= 1.0 if seconds else None))
    return rows


def copies(folder: Path, count: int) -> Path:
    """The curated events ``count`` times over, each copy with its own ids, as one file:
    given to --data beside the built-in events, the data a run reads is ``count + 1``
    times the curated data, read by the same rules."""
    path = folder / f"copies-{count}.csv"
    with EVENTS.open(newline="", encoding="utf-8") as source:
        rows = list(csv.DictReader(source))
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        for number in range(1, count + 1):
            for row in rows:
                writer.writerow({**row, "id": f"{row['id']}-copy{number}"})
    return path


def scaling_rows(kzfp: str, runs: int, folder: Path) -> list[Row]:
    """How start-up grows with the data: the lookup and the table with the curated data
    as it is, doubled and quadrupled."""
    python = sys.executable
    lookup = [kzfp, "org", "show", "wto", "--format", "json"]
    table = [kzfp, "timeline", "--partner", "russia", "--format", "table"]
    cases = {"floor": Case([python, "-c", "import typer"])}
    for times, extra in ((1, []), (2, copies(folder, 1)), (4, copies(folder, 3))):
        data = ["--data", str(extra)] if extra else []
        cases[f"lookup ×{times}"] = Case([*lookup, *data])
        cases[f"table ×{times}"] = Case([*table, *data], WIDE_TERMINAL)
    say(f"the curated data ×1, ×2, ×4, {plural(runs, 'run')}")
    measure(cases, runs)
    rows = []
    for name in ("lookup", "table"):
        for times in (1, 2, 4):
            label = f"`{name}` with the curated data ×{times}"
            rows.append(ratio(label, cases[f"{name} ×{times}"], cases["floor"], "the floor", None))
    return rows


def large_file(args: argparse.Namespace, folder: Path) -> Path:
    """The generated file of ``--rows`` events, made once for the cases that read it."""
    big = folder / "big.csv"
    if not big.exists():
        say(f"generating {args.rows:,} events (seed {args.seed})")
        generate(big, args.rows, args.seed)
    return big


def large_rows(kzfp: str, args: argparse.Namespace, folder: Path, notes: list[str]) -> list[Row]:
    big = large_file(args, folder)
    size = big.stat().st_size / 1e6
    command = [kzfp, "timeline", "--no-builtin", "--data", str(big)]
    command += ["--partner", "russia", "--format", "jsonl"]
    reader = [sys.executable, "-c", BASELINE_READER, str(big)]
    cases = {"reader": Case(reader), "kzfp": Case(command)}
    pinned = shutil.which("taskset") is not None
    if pinned:
        cases["pinned reader"] = Case([*PINNED, *reader])
        cases["pinned kzfp"] = Case([*PINNED, *command])
    else:
        notes.append("taskset rows skipped: taskset (util-linux) is not installed.")
    say(f"{args.rows:,}-event file ({size:.0f} MB), {plural(args.large_runs, 'run')}")
    measure(cases, args.large_runs)
    kzfp_case = cases["kzfp"]
    label = f"`kzfp timeline --no-builtin --data` {args.rows:,} events ({size:.0f} MB)"
    label += " `--partner russia --format jsonl`"
    rows = [
        Row("`csv.reader` pass, filter and sort, one process", cases["reader"].median),
        ratio(label, kzfp_case, cases["reader"], "csv.reader", 2.5),
    ]
    if pinned:
        rows.append(
            ratio("the same, both under `taskset -c 0`", cases["pinned kzfp"],
                  cases["pinned reader"], "csv.reader", 2.5)
        )  # fmt: skip
        # "The same time" pinned: a little slack, as two medians of a shared machine differ.
        rows.append(ratio("kzfp under `taskset -c 0`, against kzfp unpinned",
                          cases["pinned kzfp"], kzfp_case, "unpinned", 1.1))  # fmt: skip
    peak = round(max(kzfp_case.peak_mb, cases["pinned kzfp"].peak_mb if pinned else 0))
    memory = f"kzfp peak memory (largest process), {args.rows:,} events"
    rows.append(Row(memory, None, f"{peak} MB", "< 300 MB", peak < 300))

    matching = folder / "matching.csv"
    say("generating 20,000 matching events")
    generate(matching, 20_000, args.seed, always="russia")
    shown = [kzfp, "timeline", "--no-builtin", "--data", str(matching), "--partner", "russia"]
    wide = {
        "plain": Case([*shown, "--format", "plain"], TERMINAL),
        "table": Case([*shown, "--format", "table"], TERMINAL),
    }
    say(f"20,000 matching events, {plural(args.large_runs, 'run')}")
    measure(wide, args.large_runs)
    rows.append(Row("`--format plain`, 20,000 matching events", wide["plain"].median))
    rows.append(ratio("`--format table`, 20,000 matching events (colour, 100 columns)",
                      wide["table"], wide["plain"], "plain", 3.0))  # fmt: skip
    return rows


# What is held to write every event of the large file, or to search it, and the most it
# may take (issue #25). FILE is a database to be written.
MEMORY_CASES = [
    ("`timeline --format json`", ["timeline", "--format", "json"], 600),
    ("`export html`", ["export", "html"], 600),
    ("`export md`", ["export", "md"], 600),
    ("`export ics`", ["export", "ics"], 600),
    ("`export timelinejs`", ["export", "timelinejs"], 600),
    ("`export sqlite FILE`", ["export", "sqlite", "FILE", "--force"], 600),
    ("`search russia`", ["search", "russia"], 500),
]


def memory_rows(kzfp: str, args: argparse.Namespace, folder: Path) -> list[Row]:
    """The peak memory of each command of MEMORY_CASES over every event of the large
    file (one run each: a peak varies little from run to run), and its time."""
    big = large_file(args, folder)
    rows = []
    for label, arguments, limit in MEMORY_CASES:
        command = [kzfp, *(str(folder / "out.db") if a == "FILE" else a for a in arguments)]
        case = Case([*command, "--no-builtin", "--data", str(big)])
        say(f"memory: {label}")
        run_once(case)
        peak = round(case.peak_mb)
        label += f", {args.rows:,} events, peak memory"
        rows.append(Row(label, case.times[0], f"{peak} MB", f"< {limit} MB", peak < limit))
    return rows


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            names = [line.split(":", 1)[1] for line in info if line.startswith("model name")]
        cpu = names[0].strip() if names else cpu
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    versions = ", ".join(f"{name} {installed(name)}" for name in ("typer", "rich"))
    return (
        f"Machine: {cpu}, {os.cpu_count()} cores ({usable} usable), {memory:.0f} GB RAM, "
        f"{platform.system()} {platform.release()}; load average at start {load}.  \n"
        f"Python {platform.python_version()} ({sys.executable}); {versions}.  \n"
        f"kzfp {kzfp_commit()}."
    )


def installed(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def kzfp_commit() -> str:
    """The commit of the kzfp code this interpreter imports, not of this script's checkout."""
    spec = importlib.util.find_spec("kzfp_cli")
    version = installed("kzfp")
    if spec is None or spec.origin is None:
        return f"{version} (source not found)"
    source = str(Path(spec.origin).parent)

    def git(*arguments: str) -> str:
        done = subprocess.run(["git", "-C", source, *arguments], capture_output=True, text=True)
        return done.stdout.strip() if done.returncode == 0 else ""

    commit = git("rev-parse", "--short", "HEAD")
    if not commit:
        return f"{version}, installed from {source} (not a git checkout)"
    dirty = git("status", "--porcelain", "--untracked-files=no")
    return f"{version}, commit {commit}" + (" with uncommitted changes" if dirty else "")


def markdown(rows: list[Row]) -> str:
    lines = ["| case | median | figure | target | met |", "| --- | ---: | ---: | ---: | :---: |"]
    for row in rows:
        seconds = f"{row.seconds:.3f} s" if row.seconds is not None else ""
        met = {True: "✓", False: "✗", None: ""}[row.met]
        cells = [row.case.replace("|", "\\|"), seconds, row.figure, row.target, met]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="runs of each start-up case")
    parser.add_argument("--large", action="store_true", help="add the large-file cases")
    parser.add_argument("--large-runs", type=int, default=3, help="runs of each large case")
    parser.add_argument("--rows", type=int, default=1_000_000, help="events in the large file")
    parser.add_argument("--seed", type=int, default=2021, help="seed of the generated files")
    parser.add_argument(
        "--scaling", action="store_true", help="add the curated data doubled and quadrupled"
    )
    parser.add_argument(
        "--memory",
        action="store_true",
        help="add the peak memory of search and of every export over the large file",
    )
    args = parser.parse_args()
    kzfp = BIN / "kzfp"
    if not kzfp.exists():
        raise SystemExit(f"no kzfp beside {sys.executable}: run this with kzfp's interpreter")
    started = time.perf_counter()
    header = machine()
    notes: list[str] = []
    rows = startup_rows(str(kzfp), args.runs, notes)
    with tempfile.TemporaryDirectory(prefix="kzfp-bench-") as folder:
        if args.scaling:
            rows += scaling_rows(str(kzfp), args.runs, Path(folder))
        if args.large:
            rows += large_rows(str(kzfp), args, Path(folder), notes)
        if args.memory:
            rows += memory_rows(str(kzfp), args, Path(folder))
    print(header)
    runs = f"{plural(args.runs, 'run')} of each start-up case"
    if args.large:
        runs += f", {plural(args.large_runs, 'run')} of each large case"
    print(f"Medians of {runs}; the benchmark took {time.perf_counter() - started:.0f} s.\n")
    print(markdown(rows))
    for note in notes:
        print(f"\n{note}")


if __name__ == "__main__":
    main()
