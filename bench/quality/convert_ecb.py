"""ECB+ as a third article-date set for the date benchmark (bench/quality/dates.py): real web news in
43 topics, most articles of a topic published within days of each other, many of them with a
time stamp above the story ("Published: June 13, 2013 4:59 PM EDT") that gives their date.

    python3 bench/quality/convert_ecb.py [--mirror DIR] [--out FILE]

Reads the ECB+ corpus (Cybulska & Vossen, LREC 2014; 982 articles; CC BY 3.0, see LICENSEDATA.TXT in
the corpus) from a bare git mirror of `cltl/ECB-parser` at commit ECB_COMMIT (the search tool's `fetch
github:cltl/ECB-parser`; on another machine `git clone https://github.com/cltl/ECB-parser` and check out
that commit). Nothing is downloaded. The texts are the outlets' articles as ECB+ redistributes them, so
the output is not committed: it goes to bench/quality/out/ecb.jsonl (git-ignored), which dates.py reads
when it is there.

Each line: {"id": "ecb/<topic>/<file stem>", "topic", "dct", "text"}.
- text: the article's tokens detokenised, one line per ECB+ sentence (ECB+ keeps no paragraphs), blank
  lines between; a first sentence that is the page's URL is dropped, so the title comes first.
- dct: the date of the first time stamp (STAMP in dates.py: a line that is only a full date with its
  year, optionally with a cue such as "Published:", a weekday, a time and its zone) among the first four
  lines, as YYYY-MM-DD; absent when there is none (about half of the articles, mostly the older ECB
  half). Read here by a regular expression, independent of the pipeline's own date-line rule.
"""
import argparse
import html
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from dates import STAMP, stamp_date  # noqa: E402

ECB_COMMIT = "eba7c4d1caa758816bcee3139bdd4e6688dee00d"
DEFAULT_MIRROR = "/work/.mirror/cltl+ECB-parser/repo/.git"
TOKEN = re.compile(r'<token t_id="\d+" sentence="(\d+)" number="\d+">([^<]*)</token>')
NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "'s", "n't", "%", "''", "'", "’s", "’", "”"}
NO_SPACE_AFTER = {"(", "[", "$", "``", "“"}


def detokenise(tokens):
    out = ""
    for i, t in enumerate(tokens):
        t = html.unescape(t)
        shown = '"' if t in ("``", "''") else t
        if i and t not in NO_SPACE_BEFORE and tokens[i - 1] not in NO_SPACE_AFTER:
            out += " "
        out += shown
    # "90 - day", "4: 59" as the tokeniser split them
    out = re.sub(r"(\w) - (\w)", r"\1-\2", out)
    out = re.sub(r"(\d): (\d\d)\b", r"\1:\2", out)
    return out


def git(mirror, *args):
    return subprocess.run(["git", "--git-dir", mirror, *args], capture_output=True, text=True, check=True).stdout


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mirror", default=DEFAULT_MIRROR)
    ap.add_argument("--out", default=os.path.join(HERE, "out", "ecb.jsonl"))
    args = ap.parse_args()
    files = [f for f in git(args.mirror, "ls-tree", "-r", "--name-only", ECB_COMMIT).split("\n")
             if re.fullmatch(r"ECB\+/\d+/\d+_\d+ecb(plus)?\.xml", f)]
    rows = []
    for f in files:
        topic = f.split("/")[1]
        sentences = {}
        for s, t in TOKEN.findall(git(args.mirror, "show", f"{ECB_COMMIT}:{f}")):
            sentences.setdefault(int(s), []).append(t)
        lines = [detokenise(sentences[k]) for k in sorted(sentences)]
        if lines and lines[0].startswith("http"):
            lines = lines[1:]
        if not lines:
            continue
        dct = next((stamp_date(line) for line in lines[:4] if STAMP.fullmatch(line)), None)
        row = {"id": f"ecb/{topic}/{os.path.basename(f)[:-4]}", "topic": topic, "text": "\n\n".join(lines) + "\n"}
        if dct:
            row["dct"] = dct
        rows.append(row)
    rows.sort(key=lambda r: (int(r["topic"]), r["id"]))
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as out:
        for r in rows:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
    dated = sum(1 for r in rows if "dct" in r)
    print(f"{args.out}: {len(rows)} articles in {len({r['topic'] for r in rows})} topics, {dated} with a time stamp",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
