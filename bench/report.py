#!/usr/bin/env python3
"""Prints the benchmark's tables from bench/out/results.tsv and stages.tsv (written by run.sh)."""

import csv
import os
import statistics
import sys


def load(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def med(xs):
    return statistics.median(xs) if xs else float("nan")


def corpus_key(n):
    """A corpus as results.tsv names it: "n10000" synthetic, "r2000" the real texts copied."""
    return (n[0] != "n", int(n[1:]))


def label(n):
    return f"{n[1:]}{' real' if n[0] == 'r' else ''}"


def corpus_mb(out, n):
    total = 0
    d = os.path.join(out, n, "content", "documents")
    if os.path.isdir(d):
        for name in os.listdir(d):
            if name.endswith(".md"):
                total += os.path.getsize(os.path.join(d, name))
    return total / 1e6


def main():
    results, stages = load(sys.argv[1]), load(sys.argv[2])
    out = sys.argv[3] if len(sys.argv) > 3 else os.path.dirname(sys.argv[1])
    sizes = sorted({r["n"] for r in results}, key=corpus_key)
    cpu = lambda r: float(r["user_s"]) + float(r["sys_s"])
    metrics = [("wall s", lambda r: float(r["wall_s"]), "{:9.3f}"),
               ("cpu s", cpu, "{:8.3f}"),
               ("peak RSS MB", lambda r: int(r["rss_kb"]) / 1024, "{:13.1f}"),
               ("output MB", lambda r: int(r["out_bytes"]) / 1e6, "{:11.1f}"),
               ("files", lambda r: int(r["out_files"]), "{:9.0f}"),
               ("largest KB", lambda r: int(r.get("largest_bytes") or 0) / 1024, "{:12.1f}")]
    other_load = lambda r: float(r.get("other_load") or 0)

    def rows(n, tool, phase):
        return [r for r in results if r["n"] == n and r["tool"] == tool and r["phase"] == phase]

    def paired_ratio(n, phase, a, b, f):
        # median over runs of (a's run r) / (b's run r): each ratio compares runs made side by side
        ra = {r["run"]: f(r) for r in rows(n, a, phase)}
        rb = {r["run"]: f(r) for r in rows(n, b, phase)}
        return med([ra[k] / rb[k] for k in ra if k in rb and rb[k] > 0])

    head = f"{'N':>10}  {'tool':<20}" + "".join(f"{m[0]:>{len(m[2].format(0))}}" for m in metrics) + f"{'other load':>12}"
    for phase, title in (("full", "Full build into an empty folder"),
                         ("rebuild", "Rebuild after one document changed (into the previous output)")):
        runs = max((len(rows(n, "passage", phase)) for n in sizes), default=0)
        print(f"\n{title}: medians of {runs} runs")
        print(head)
        for n in sizes:
            tools = [t for t in ("passage", "passage --cache", "hugo", "cmark-gfm") if rows(n, t, phase)]
            if not tools:
                continue
            for t in tools:
                rs = rows(n, t, phase)
                print(f"{label(n):>10}  {t:<20}" + "".join(fmt.format(med([f(r) for r in rs])) for _, f, fmt in metrics) +
                      f"{med([other_load(r) for r in rs]):12.2f}")
            for other in tools[1:]:
                name_of = f"passage/{other}"
                cells = []
                for name, f, fmt in metrics:
                    w = len(fmt.format(0))
                    if other == "cmark-gfm" and name in ("output MB", "files", "largest KB"):
                        cells.append(f"{'-':>{w}}")  # one HTML file of bodies: not comparable
                    else:
                        cells.append(f"{paired_ratio(n, phase, 'passage', other, f):{w - 1}.2f}x")
                print(f"{'':>10}  {name_of:<20}" + "".join(cells))
            if phase == "rebuild" and rows(n, "passage --cache", phase) and rows(n, "passage", "full"):
                full = med([float(r["wall_s"]) for r in rows(n, "passage", "full")])
                cached = med([float(r["wall_s"]) for r in rows(n, "passage --cache", phase)])
                print(f"{'':>10}  passage --cache rebuild / passage full build (medians): {100 * cached / full:.0f}% of the wall time")
            if phase == "full":
                mb = corpus_mb(out, n)
                p = med([float(r["wall_s"]) for r in rows(n, "passage", phase)])
                docs = corpus_key(n)[1]
                print(f"{'':>10}  input: {docs} documents, {mb:.1f} MB of Markdown; passage {docs / p:,.0f} documents/s, {mb / p:.2f} MB/s (wall)")
        if phase == "full":
            checks = [r for r in results if r["phase"] == "check"]
            if checks:
                print("         passage check --strict (once): " +
                      ", ".join(f"N={label(r['n'])}: {float(r['wall_s']):.2f} s wall, {cpu(r):.2f} s cpu" for r in checks))

    timed = [r for r in results if r["phase"] in ("full", "rebuild")]
    busy = [r for r in timed if other_load(r) > 0.25]
    print("\nother load: CPUs' worth of work other processes did during a measurement (median).")
    if busy:
        print(f"warning: {len(busy)} of {len(timed)} measurements ran while other processes used more than a quarter "
              f"of a CPU (worst {max(other_load(r) for r in busy):.2f}); their times are inflated.")

    print("\npassage --timings, full builds: median ms per stage (share of the build's wall time, the total)")
    for n in sizes:
        st = [s for s in stages if s["n"] == n and s["run"].endswith("-full")]
        if not st:
            continue
        order = []
        for s in st:
            if s["stage"] not in order:
                order.append(s["stage"])
        meds = {k: med([float(s["ms"]) for s in st if s["stage"] == k]) for k in order}
        total = meds.pop("total", sum(meds.values()))
        order = [k for k in order if k != "total"]
        # "doc:..." split the stage "documents" (time summed over the threads): not a stage of their own
        slowest = max((k for k in order if not k.startswith("doc:")), key=lambda k: meds[k])
        print(f"  N={label(n)}")
        for k in order:
            mark = "  <- slowest" if k == slowest else ""
            print(f"    {k:<16}{meds[k]:10.1f} ms {100 * meds[k] / total:5.1f}%{mark}")
        print(f"    {'total':<16}{total:10.1f} ms")
        # what the stages do not cover: process start, reading arguments, freeing memory at exit
        walls = {r["run"] + "-full": float(r["wall_s"]) * 1000 for r in results
                 if r["n"] == n and r["tool"] == "passage" and r["phase"] == "full"}
        totals = {s["run"]: float(s["ms"]) for s in st if s["stage"] == "total"}
        gaps = [walls[k] - totals[k] for k in walls if k in totals]
        if gaps:
            print(f"    {'outside stages':<16}{med(gaps):10.1f} ms  (wall time of the process minus the build's: start-up and exit)")


if __name__ == "__main__":
    main()
