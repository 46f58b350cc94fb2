"""Our pipeline as a quality-benchmark system (bench/quality, run by scripts/quality.sh).

    python3 bench/quality/ours.py [--front-matter] [--corpus BIN] <articles.jsonl> <predictions.jsonl> <workdir>

Writes every article as `<workdir>/<id>.txt` (ids sanitised to [A-Za-z0-9_-]), builds the whole
split as ONE corpus with `corpus export <workdir>`, as a user with a folder of articles would, and
converts the export to the predictions format shared by all systems:

    {"id", "entities": [{"text","kind"}], "dates": [{"text","value"}],
     "doc_date": null | {"start": "YYYY-MM-DD", "end": "YYYY-MM-DD", "precision": str}}

--front-matter puts the article's DCT in YAML-ish front matter (`---\\ndate: YYYY-MM-DD\\n---\\n`);
without it the file is the bare text, and the pipeline has to infer the article date ("doc_date", built
by doc_date() for every run: scripts/quality.sh runs the names set without front matter, so its
predictions say which date the pipeline inferred for each Wikinews article).
Entities are the article's mentions (surface text, kind); dates are its events (expression, date).
The first line of each file becomes the article's title, exactly as for a user's files.
"""
import argparse
import calendar
import datetime
import json
import os
import re
import shutil
import subprocess
import sys


def sanitise_ids(ids):
    """Maps each id to a unique file stem made of [A-Za-z0-9_-]."""
    out, used = {}, set()
    for i in ids:
        stem = re.sub(r"[^A-Za-z0-9_-]", "_", str(i)) or "doc"
        base, n = stem, 2
        while stem.lower() in used:  # file systems may fold case
            stem = f"{base}-{n}"
            n += 1
        used.add(stem.lower())
        out[i] = stem
    return out


def first_day(iso, end):
    """First day of an export date at any precision: YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Www, YYYY-Qn."""
    if not iso:
        return None
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", iso)
    if m:
        return f"{m.group(1)}-{m.group(2) or '01'}-{m.group(3) or '01'}"
    m = re.fullmatch(r"(\d{4})-W(\d{2})", iso)
    if m:
        return datetime.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1).isoformat()
    m = re.fullmatch(r"(\d{4})-Q([1-4])", iso)
    if m:
        return f"{m.group(1)}-{3 * int(m.group(2)) - 2:02d}-01"
    return end  # unknown form: at least the day it ends on


def last_day(iso):
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", iso or "")
    if not m:
        return None
    y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    if d:
        return iso
    if mo:
        return f"{y:04d}-{mo}-{calendar.monthrange(y, int(mo))[1]:02d}"
    return f"{y:04d}-12-31"


def doc_date(document):
    """The article date of one exported document as {"start", "end", "precision"} (days, both ends inclusive), or
    None when the pipeline gave it none. Every run gets it (names set, dates set with or without front matter);
    the scorer uses it where the run had no front matter (the names set, timex-nofm)."""
    if not document.get("date"):
        return None
    end = document.get("date_end") or last_day(document["date"])
    return {"start": first_day(document["date"], end), "end": end, "precision": document.get("date_precision")}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--front-matter", action="store_true", help="give each article's DCT as front matter")
    ap.add_argument("--title-line", action="store_true",
                    help="write the article id as a first line (a title) above the text (diagnostic only)")
    ap.add_argument("--corpus", default=os.path.join(os.path.dirname(__file__), "../../target/release/corpus"))
    ap.add_argument("articles")
    ap.add_argument("predictions")
    ap.add_argument("workdir")
    args = ap.parse_args()

    with open(args.articles, encoding="utf-8") as f:
        articles = [json.loads(line) for line in f if line.strip()]
    stems = sanitise_ids([a["id"] for a in articles])
    back = {stem: i for i, stem in stems.items()}

    shutil.rmtree(args.workdir, ignore_errors=True)
    os.makedirs(args.workdir)
    for a in articles:
        text = a["text"]
        if args.title_line:
            text = f"{a['id']}\n\n{text}"
        if args.front_matter and a.get("dct"):
            text = f"---\ndate: {a['dct']}\n---\n{text}"
        with open(os.path.join(args.workdir, stems[a["id"]] + ".txt"), "w", encoding="utf-8") as f:
            f.write(text)

    run = subprocess.run([args.corpus, "export", args.workdir], capture_output=True, text=True)
    if run.returncode not in (0, 1):
        sys.stderr.write(run.stderr)
        print(f"error: corpus export exited {run.returncode}", file=sys.stderr)
        return 1
    export = json.loads(run.stdout)

    preds = {a["id"]: {"id": a["id"], "entities": [], "dates": [], "doc_date": None} for a in articles}
    for d in export["documents"]:
        p = preds.get(back.get(d["id"]))
        if p is not None:
            p["doc_date"] = doc_date(d)
    for m in export.get("mentions", []):
        p = preds.get(back.get(m["doc"]))
        if p is not None and m.get("text"):
            p["entities"].append({"text": m["text"], "kind": m["kind"]})
    for ev in export.get("events", []):
        p = preds.get(back.get(ev["doc"]))
        if p is not None:
            p["dates"].append({"text": ev["expression"], "value": ev.get("value") or ev["date"]})
    with open(args.predictions, "w", encoding="utf-8") as out:
        for a in articles:
            out.write(json.dumps(preds[a["id"]], ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
