#!/usr/bin/env python3
"""Tables of bench/search.sh: passage's search index against Pagefind (standard library only).

    python3 bench/search_report.py bench/out/search N1 N2 ...

Reads, in that folder: builds.tsv (index builds), sizes.tsv (index sizes), nN/browser.json
(search-bench.js: bytes and times in Chromium) and load.txt (load averages), and the indexes in
nN/site-passage/search and nN/pagefind-site/pagefind. Prints markdown: every number is a median over
the runs (builds) or over the queries and runs (browser), unless the column says otherwise.
"""

import csv
import json
import os
import re
import statistics
import sys

TOOLS = ("passage", "pagefind")

# What each file a query loads is, for the breakdown of the first query's bytes.
PARTS = (
    ("code", re.compile(r"^assets/search(-engine)?\.[^/]*js$|^pagefind/(pagefind(-worker)?\.js|wasm\.[^/]*)$")),
    ("manifest", re.compile(r"^search/manifest\.js$|^pagefind/(pagefind-entry\.json|[^/]*\.pf_meta)$")),
    ("words", re.compile(r"^search/[tx]\d+\.js$|^pagefind/(index|filter)/")),
    ("texts", re.compile(r"^search/r[^/]*\.js$|^pagefind/fragment/")),
)


def part_of(name):
    for part, rx in PARTS:
        if rx.search(name):
            return part
    return "other"


def median(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def pct(xs, p):
    xs = sorted(x for x in xs if x is not None)
    if not xs:
        return None
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def kb(b):
    return "–" if b is None else f"{b / 1024:,.0f}" if b >= 10240 else f"{b / 1024:,.1f}"


def mb(b):
    return "–" if b is None else f"{b / 1048576:,.1f}" if b >= 1048576 * 10 else f"{b / 1048576:,.2f}"


def ms(x):
    return "–" if x is None else f"{x:,.0f}" if x >= 10 else f"{x:.1f}"


def table(head, rows, left=2):
    """A markdown table; the first `left` columns are text, the others numbers (right-aligned)."""
    out = ["| " + " | ".join(head) + " |", "|" + "|".join("---" if i < left else "---:" for i in range(len(head))) + "|"]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(out)


def read_tsv(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def browser_figures(side):
    """Medians of one side's browser measurements (see search-bench.js for what they are)."""
    typed = side["typed"]
    first = [t["machinery"]["raw"] + t["steps"][0]["raw"] for t in typed]
    first_gz = [t["machinery"]["gz"] + t["steps"][0]["gz"] for t in typed]
    word = {k: [t["steps"][k - 1]["raw"] for t in typed if len(t["steps"]) >= k] for k in (2, 3)}
    word_gz = {k: [t["steps"][k - 1]["gz"] for t in typed if len(t["steps"]) >= k] for k in (2, 3)}
    parts = {p: [] for p in [p for p, _ in PARTS] + ["other"]}
    nfiles = []
    for t in typed:
        files = t["machinery"]["files"] + t["steps"][0]["files"]
        nfiles.append(len(files))
        for p in parts:
            parts[p].append(sum(f[1] for f in files if part_of(f[0]) == p))
    cold = [t["steps"][0]["ms"] for t in typed]
    later = [s["ms"] for t in typed for s in t["steps"][1:]]
    warm = [t["warm_ms"] for t in typed]
    cbc = side["char_by_char"]
    return {
        "first": median(first), "first_gz": median(first_gz), "first_max": max(first) if first else None,
        "w2": median(word[2]), "w3": median(word[3]), "w2_gz": median(word_gz[2]), "w3_gz": median(word_gz[3]),
        "parts": {p: median(v) for p, v in parts.items()}, "files": median(nfiles),
        "code": median([t["machinery"]["raw"] for t in typed]),
        "cold": median(cold), "cold90": pct(cold, 90), "later": median(later), "warm": median(warm), "warm90": pct(warm, 90),
        "cbc": median([c["raw"] for c in cbc]), "cbc_gz": median([c["gz"] for c in cbc]),
        "hits": median([t["steps"][-1]["hits"] for t in typed]),
        "queries": len({t["query"] for t in typed}), "samples": len(typed),
    }


def index_files(folder, tool):
    """(part, files, median bytes, largest bytes, largest name) for the index parts of a build."""
    groups = {}
    if tool == "passage":
        root = os.path.join(folder, "site-passage", "search")
        for name in os.listdir(root):
            part = "manifest" if name == "manifest.js" else "word shards (t*.js)" if re.match(r"t\d", name) else \
                "term tails (x*.js)" if re.match(r"x\d", name) else \
                "text chunks (r*.js)" if re.match(r"r\d", name) else "other (" + re.sub(r"\d+", "*", name) + ")"
            groups.setdefault(part, []).append((os.path.getsize(os.path.join(root, name)), name))
    else:
        root = os.path.join(folder, "pagefind-site", "pagefind")
        for base, _, names in os.walk(root):
            for name in names:
                rel = os.path.relpath(os.path.join(base, name), root)
                if rel.startswith("index/"):
                    part = "word chunks (index/)"
                elif rel.startswith("fragment/"):
                    part = "page fragments (fragment/)"
                elif rel.startswith("filter/"):
                    part = "filters (filter/)"
                elif name == "pagefind-entry.json" or name.endswith(".pf_meta"):
                    part = "manifest (entry + pf_meta)"
                elif name.startswith("wasm."):
                    part = "code (wasm)"
                else:
                    part = "code and UI (js, css)"
                groups.setdefault(part, []).append((os.path.getsize(os.path.join(base, name)), rel))
    out = []
    for part in sorted(groups):
        g = sorted(groups[part])
        out.append((part, len(g), median([s for s, _ in g]), g[-1][0], g[-1][1], sum(s for s, _ in g)))
    return out


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: search_report.py OUT_FOLDER N1 [N2 ...]")
    folder, sizes = sys.argv[1], sys.argv[2:]
    builds = read_tsv(os.path.join(folder, "builds.tsv"))
    index = {(r["n"], r["tool"], r["part"]): r for r in read_tsv(os.path.join(folder, "sizes.tsv"))}
    loads = [float(x) for x in open(os.path.join(folder, "load.txt")).read().split()]

    fig = {}
    for n in sizes:
        with open(os.path.join(folder, f"n{n}", "browser.json")) as f:
            b = json.load(f)
        for tool in TOOLS:
            runs = [r for r in builds if r["n"] == n and r["tool"] == tool and int(r["run"]) > 0]
            fig[n, tool] = dict(browser_figures(b["sides"][tool]),
                                build=median([float(r["index_ms"]) for r in runs]) / 1000,
                                total=median([float(r["total_ms"]) for r in runs if r["total_ms"]]),
                                bytes=int(index[n, tool, "index"]["bytes"]), nfiles=int(index[n, tool, "index"]["files"]),
                                gz=int(index[n, tool, "index"]["gz_bytes"]), runs=len(runs))
        fig[n, "meta"] = b

    any_b = fig[sizes[0], "meta"]
    print(f"load: 1-min load average {statistics.median(loads):.2f} median, {max(loads):.2f} max over the measurements "
          f"({any_b['cpus']} CPUs; above ~0.5 another process competed); {any_b['runs']} browser runs of "
          f"{len(any_b['queries'])} queries, top {any_b['top']} results, warm = median of {any_b['warm']} repeats")
    print()
    print("## Summary")
    print()
    rows = []
    for n in sizes:
        for tool in TOOLS:
            f = fig[n, tool]
            rows.append([n, tool, f"{f['build']:.2f}", mb(f["bytes"]), f["nfiles"], kb(f["first"]), kb(f["w2"]), kb(f["w3"]),
                         ms(f["cold"]), ms(f["later"]), ms(f["warm"])])
    print(table(["N", "tool", "index build s", "index MB", "index files", "first query KB", "+ word 2 KB", "+ word 3 KB",
                 "cold query ms", "next word ms", "warm query ms"], rows))
    print()
    print("Bytes as loaded: passage's files from file:// (sizes on disk), Pagefind's response bodies from an uncompressed "
          "HTTP server (its wasm and index files are gzip files already). \"first query\" includes the search code; "
          "\"+ word k\" is what typing the k-th word of a multi-word query adds.")
    print()

    print("## Bytes")
    print()
    rows = []
    for n in sizes:
        for tool in TOOLS:
            f = fig[n, tool]
            p = f["parts"]
            rows.append([n, tool, kb(p["code"]), kb(p["manifest"]), kb(p["words"]), kb(p["texts"]), kb(p["other"]), f"{f['files']:.0f}",
                         kb(f["first"]), kb(f["first_max"]), kb(f["first_gz"]), kb(f["w2_gz"]), kb(f["w3_gz"]),
                         kb(f["cbc"]), kb(f["cbc_gz"]), mb(f["gz"])])
    print(table(["N", "tool", "code KB", "manifest KB", "word index KB", "result texts KB", "other KB", "files", "first query KB",
                 "worst first KB", "first gz KB", "+ word 2 gz KB", "+ word 3 gz KB", "char by char KB", "char by char gz KB",
                 "index gz MB"], rows))
    print()
    print("First query, by part: code = passage's search-engine.js + search.js, Pagefind's pagefind.js + worker + wasm; "
          "manifest = passage's search/manifest.js, Pagefind's pagefind-entry.json + pf_meta; word index = passage's t*.js shards and x*.js "
          "tails, Pagefind's index chunks; result texts = passage's r*.js record chunks, Pagefind's fragments of the top "
          "results; other = any other file (a part the index may add). gz = each file gzipped (level 6; gzip files as they are), what a compressing server would send. "
          "\"char by char\": the whole query typed one character at a time, a query per character, in a fresh page.")
    print()

    print("## Query latency (Chromium)")
    print()
    rows = []
    for n in sizes:
        for tool in TOOLS:
            f = fig[n, tool]
            rows.append([n, tool, ms(f["cold"]), ms(f["cold90"]), ms(f["later"]), ms(f["warm"]), ms(f["warm90"]),
                         f"{f['hits']:.0f}", f["samples"]])
    print(table(["N", "tool", "cold ms", "cold p90 ms", "next word ms", "warm ms", "warm p90 ms", "matches (full query)",
                 "samples"], rows))
    print()
    print("From issuing the query to ten results with title, address and snippet, timed inside the page: passage "
          "`engine()`, `search(q)`, `records(top 10)` and their snippets; Pagefind `import(pagefind.js)` (first query "
          "only), `search(q)`, `data()` of the top 10. cold = the first word in a fresh page (loads the index parts); "
          "next word = each further word typed; warm = the full query again with its index parts loaded. Matches: "
          "passage counts passages (paragraphs, notes, entities), Pagefind pages.")
    print()

    print("## Index files")
    print()
    rows = []
    for n in sizes:
        for tool in TOOLS:
            f = fig[n, tool]
            extra = ""
            if tool == "passage":
                extra = f" (whole build {f['total'] / 1000:.1f} s)" if f["total"] else ""
            for part, count, med, big, big_name, total in index_files(os.path.join(folder, f"n{n}"), tool):
                rows.append([n, tool, part, count, mb(total), kb(med), f"{kb(big)} ({big_name})"])
            rows.append([n, tool, f"index build {f['build']:.2f} s{extra}", "", "", "", ""])
    print(table(["N", "tool", "part", "files", "MB", "median KB", "largest KB (file)"], rows, left=3))
    print()

    print("## Targets")
    print()
    for n in sizes:
        p, g = fig[n, "passage"], fig[n, "pagefind"]
        ok = p["first"] <= g["first"]
        print(f"- N={n}: first-query bytes passage {kb(p['first'])} KB vs Pagefind {kb(g['first'])} KB "
              f"({p['first'] / g['first']:.1f}x; gzipped {kb(p['first_gz'])} vs {kb(g['first_gz'])} KB): "
              f"{'met' if ok else 'NOT met'} (passage <= Pagefind)")
    big = max(sizes, key=int)
    p = fig[big, "passage"]
    verdict = ", ".join(f"{what} {ms(p[k])} ms {'met' if p[k] < 50 else 'NOT met'}"
                        for what, k in (("cold", "cold"), ("next word", "later"), ("warm", "warm")))
    print(f"- N={big}: passage median query < 50 ms: {verdict}")


if __name__ == "__main__":
    main()
