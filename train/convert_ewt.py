#!/usr/bin/env python3
"""Universal NER's English Web Treebank names -> train/data/ewt.jsonl (training only).

    python3 train/convert_ewt.py [--mirror DIR] [--out FILE]

Reads UniversalNER/UNER_English-EWT at EWT_COMMIT from a bare git mirror (the search tool's
`fetch`; nothing is downloaded here): en_ewt-ud-dev.iob2 and en_ewt-ud-test.iob2 (the train file is
not in the mirror: it is the repository's largest). Hand-annotated PER/ORG/LOC on web text (blogs,
reviews, e-mail, answers, newsgroups), CC BY-SA 4.0. IOB2 -> BILOU over the same kinds, one line
per sentence, documents from `# newdoc id`. The second names evaluation set (UNER English-PUD,
bench/quality/data/names2-test.jsonl) is another treebank; the leak check below asserts that no
sentence shares an 8-word run with any evaluation file. Byte-identical output on re-run.
"""
import argparse, json, os, re, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
REPO = "UniversalNER/UNER_English-EWT"
EWT_COMMIT = "8ed072de2fd24022cc62458997fe96a8fe191ea4"
FILES = ("en_ewt-ud-dev.iob2", "en_ewt-ud-test.iob2")
EVAL = [os.path.join(ROOT, "bench", "quality", "data", f) for f in ("ner-dev.jsonl", "ner-test.jsonl", "names2-test.jsonl")]


def bilou(tags):
    out = list(tags)
    for i, t in enumerate(tags):
        if t == "O":
            continue
        pos, kind = t.split("-", 1)
        nxt = tags[i + 1] if i + 1 < len(tags) else "O"
        ends = nxt != "I-" + kind
        if pos == "B":
            out[i] = ("U-" if ends else "B-") + kind
        else:
            out[i] = ("L-" if ends else "I-") + kind
    return out


def sentences(text, name):
    doc = None
    tokens, tags = [], []
    for line in text.splitlines() + [""]:
        if line.startswith("# newdoc id = "):
            doc = "ewt-" + line.split("=", 1)[1].strip()
        elif line.startswith("#"):
            continue
        elif not line.strip():
            if tokens:
                yield {"source": "ewt", "doc": doc or name, "tokens": tokens, "tags": bilou(tags)}
            tokens, tags = [], []
        else:
            cols = line.split("\t")
            tag = cols[2]
            if tag != "O" and tag.split("-", 1)[1] not in ("PER", "ORG", "LOC"):
                tag = "O"
            # An I- after O (an annotation slip) opens the name.
            if tag.startswith("I-") and (not tags or tags[-1][2:] != tag[2:]):
                tag = "B-" + tag[2:]
            tokens.append(cols[1])
            tags.append(tag)


def leak_check(lines):
    grams = set()
    for path in EVAL:
        for raw in open(path, encoding="utf-8"):
            words = re.findall(r"\w+", json.loads(raw)["text"].lower())
            grams.update(tuple(words[i:i + 8]) for i in range(len(words) - 7))
    hits = 0
    for line in lines:
        words = re.findall(r"\w+", " ".join(line["tokens"]).lower())
        hits += any(tuple(words[i:i + 8]) in grams for i in range(len(words) - 7))
    return hits


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mirror", default="/work/.mirror/UniversalNER+UNER_English-EWT/repo")
    ap.add_argument("--out", default=os.path.join(HERE, "data", "ewt.jsonl"))
    args = ap.parse_args()
    commit = subprocess.run(["git", "--git-dir", args.mirror, "rev-parse", EWT_COMMIT + "^{commit}"],
                            check=True, capture_output=True, text=True).stdout.strip()
    lines = []
    for name in FILES:
        text = subprocess.run(["git", "--git-dir", args.mirror, "show", f"{commit}:{name}"],
                              check=True, capture_output=True, text=True).stdout
        lines.extend(sentences(text, name))
    leaks = leak_check(lines)
    if leaks:
        sys.exit(f"{leaks} sentences share an 8-word run with the evaluation files")
    with open(args.out, "w", encoding="utf-8") as f:
        for line in lines:
            f.write(json.dumps(line, ensure_ascii=False) + "\n")
    names = sum(t[:2] in ("B-", "U-") for l in lines for t in l["tags"])
    print(f"{REPO} @ {commit}: {len(lines)} sentences, {sum(len(l['tokens']) for l in lines)} tokens, "
          f"{names} names -> {args.out}; leak check 0")


if __name__ == "__main__":
    main()
