"""Plain text for the word clusters (train/word_clusters.rs), one sentence or paragraph a line,
tokens separated by spaces, written to stdout. Python 3 standard library only.

    python3 train/cluster_text.py [--wikitext-mirror DIR] > /tmp/cluster-text.txt

Reads WikiText-2's raw validation and test files (Merity et al. 2016, CC BY-SA 3.0; Wikipedia
Good and Featured articles) from a bare mirror of pytorch/examples at a pinned commit, and the
tokens of train/data/train.jsonl and ewt.jsonl (never dev.jsonl, which the tagger is tuned on,
and never the evaluation files in bench/quality/data). Nothing is downloaded.
"""
import argparse
import json
import os
import re
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
WIKITEXT_COMMIT = "77f55b912142e11fcfdf5b530231fb9c52f181e8"
WIKITEXT_FILES = ("word_language_model/data/wikitext-2/valid.txt", "word_language_model/data/wikitext-2/test.txt")


def wikitext_lines(mirror):
    for path in WIKITEXT_FILES:
        text = subprocess.run(["git", "--git-dir", mirror, "show", f"{WIKITEXT_COMMIT}:{path}"],
                              capture_output=True, text=True, check=True).stdout
        for line in text.splitlines():
            line = line.strip()
            if not line or line.startswith("="):
                continue
            # WikiText splits "1,000", "0.7" and "tenure-track" around "@,@", "@.@", "@-@".
            line = re.sub(r" @([-,.])@ ", r"\1", line)
            yield line


def jsonl_lines(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield " ".join(t.replace(" ", "_") for t in json.loads(line)["tokens"])


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--wikitext-mirror", default="/work/.mirror/pytorch+examples/repo")
    args = ap.parse_args()
    for line in wikitext_lines(args.wikitext_mirror):
        print(line)
    for name in ("train.jsonl", "ewt.jsonl"):
        for line in jsonl_lines(os.path.join(HERE, "data", name)):
            print(line)


if __name__ == "__main__":
    main()
