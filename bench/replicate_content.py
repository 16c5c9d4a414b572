#!/usr/bin/env python3
"""Replicates the bundled reference (content/) to N documents of real text, for the benchmark.

The synthetic corpus of gen_corpus.py cites far less densely than real texts do; this one keeps the
bundled texts as they are. Document k is a copy of bundled document k mod 5: the first five are the
bundled ones under their own ids, the others get the id "<id>-r<copy>" and the title "<title>
(copy <copy>)". What belongs to a document is copied with it, its references moved to the copy:
the recommendation sets drawn from it and the editorial notes on it. Instruments, organizations
and themes are not copied (their aliases would clash): every copy mentions the same instruments,
so an instrument like the ICMW is cited by every document, as it would be in a large reference.

    bench/replicate_content.py --content content --docs 2000 --out OUT [--hugo HUGO] [--floor FLOOR]

writes the passage content folder OUT, the same bodies as a Hugo site (HUGO) and, for the cmark-gfm
floor, every body in one Markdown file (FLOOR), as gen_corpus.py does for the synthetic corpus.
"""

import argparse
import json
import os
import re
import shutil
import sys

import gen_corpus  # the Hugo site's layout and the conversion of passage's links, shared

DOC_REF = re.compile(r"doc:([a-z0-9-]+)")


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def dump(path, obj):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, indent=1)
        f.write("\n")


def moved(value, ids):
    """`value` (any JSON value) with every "doc:ID" of a copied document moved to its copy's id."""
    if isinstance(value, str):
        return DOC_REF.sub(lambda m: "doc:" + ids.get(m.group(1), m.group(1)), value)
    if isinstance(value, list):
        return [moved(v, ids) for v in value]
    if isinstance(value, dict):
        return {k: moved(v, ids) for k, v in value.items()}
    return value


# Hugo 0.111 (goldmark) fails the whole build ("index out of range") on a footnote reference inside
# emphasis in a heading, which one bundled text has ("### *The GCIM Report[^6] (2005)*"). For Hugo's
# copy only, the reference is moved just outside the emphasis: the same words, marks and notes.
HEADING_EMPHASIS_NOTE = re.compile(r"^(#+ )\*([^*\n]*?)(\[\^[^\]\s]+\])([^*\n]*)\*", re.M)


def hugo_safe(body):
    return HEADING_EMPHASIS_NOTE.sub(lambda m: f"{m.group(1)}*{m.group(2)}*{m.group(3)}" + (f" *{m.group(4).strip()}*" if m.group(4).strip() else ""), body)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--content", required=True, help="the bundled content folder")
    ap.add_argument("--docs", type=int, required=True, help="number of documents N")
    ap.add_argument("--out", help="passage content folder to write")
    ap.add_argument("--hugo", help="Hugo site folder to write")
    ap.add_argument("--floor", help="concatenated Markdown file for the cmark-gfm floor")
    a = ap.parse_args()
    src = a.content
    docs = sorted(f[:-3] for f in os.listdir(os.path.join(src, "documents")) if f.endswith(".md"))
    if not docs or a.docs < 1:
        ap.error("no documents to copy, or --docs below 1")

    if a.out:
        gen_corpus.fresh(a.out)
        for sub in ("instruments", "organizations", "themes.json", "site.json"):
            path = os.path.join(src, sub)
            (shutil.copytree if os.path.isdir(path) else shutil.copy)(path, os.path.join(a.out, sub))
        for sub in ("documents", "recommendations", "annotations"):
            os.makedirs(os.path.join(a.out, sub))
    if a.hugo:
        gen_corpus.fresh(a.hugo)
        os.makedirs(os.path.join(a.hugo, "content/documents"))
        os.makedirs(os.path.join(a.hugo, "layouts/_default"))
        with open(os.path.join(a.hugo, "config.toml"), "w") as f:
            f.write(gen_corpus.HUGO_CONFIG)
        for name, text in (("baseof.html", gen_corpus.HUGO_BASEOF), ("single.html", gen_corpus.HUGO_SINGLE),
                           ("list.html", gen_corpus.HUGO_LIST)):
            with open(os.path.join(a.hugo, "layouts/_default", name), "w") as f:
                f.write(text)
        with open(os.path.join(a.hugo, "content/documents/_index.md"), "w") as f:
            f.write('---\ntitle: "Documents"\n---\n')
    floor = open(a.floor, "w", encoding="utf-8") if a.floor else None

    sets = {f[:-5]: load(os.path.join(src, "recommendations", f)) for f in sorted(os.listdir(os.path.join(src, "recommendations")))}
    notes = {f[:-5]: load(os.path.join(src, "annotations", f)) for f in sorted(os.listdir(os.path.join(src, "annotations")))}
    copies = (a.docs + len(docs) - 1) // len(docs)
    total = 0
    for c in range(1, copies + 1):
        suffix = "" if c == 1 else f"-r{c}"
        wanted = docs[: min(len(docs), a.docs - (c - 1) * len(docs))]
        ids = {d: d + suffix for d in wanted}
        for d in wanted:
            meta = moved(load(os.path.join(src, "documents", d + ".json")), ids)
            with open(os.path.join(src, "documents", d + ".md"), encoding="utf-8") as f:
                body = moved(f.read(), ids)
            if c > 1:
                meta["title"] = f"{meta['title']} (copy {c})"
            total += len(body.encode("utf-8"))
            if a.out:
                dump(os.path.join(a.out, "documents", ids[d] + ".json"), meta)
                with open(os.path.join(a.out, "documents", ids[d] + ".md"), "w", encoding="utf-8") as f:
                    f.write(body)
            if a.hugo:
                fm = ["---", f"title: {json.dumps(meta['title'], ensure_ascii=False)}", f"date: {meta['date'][:4]}-01-01",
                      f"kind: {json.dumps(meta.get('kind', ''))}", f"summary: {json.dumps(meta.get('summary', ''), ensure_ascii=False)}",
                      "themes: " + json.dumps(meta.get("themes", [])), "---", ""]
                with open(os.path.join(a.hugo, "content/documents", ids[d] + ".md"), "w", encoding="utf-8") as f:
                    f.write("\n".join(fm) + hugo_safe(gen_corpus.hugo_body(body)))
            if floor:
                floor.write(re.sub(r"\[\^([^\]\s]+)\]", lambda m: f"[^{ids[d]}-{m.group(1)}]", body))
                floor.write("\n")
        if not a.out:
            continue
        # What belongs to a copied document goes with it: the sets drawn from it, the notes on it.
        for sid, s in sets.items():
            if s.get("document") in ids:
                dump(os.path.join(a.out, "recommendations", sid + suffix + ".json"), moved(s, ids))
        for nid, n in notes.items():
            target = n.get("target", "")
            on_copied = target.startswith("doc:") and target[4:].split("#")[0] in ids
            if on_copied or c == 1:
                dump(os.path.join(a.out, "annotations", nid + (suffix if on_copied else "") + ".json"), moved(n, ids))
    if floor:
        floor.close()
    print(f"replicate_content: {a.docs} documents from {len(docs)} ({total / 1e6:.1f} MB of Markdown)", file=sys.stderr)


if __name__ == "__main__":
    main()
