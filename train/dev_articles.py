"""The second dev set for names: train/data/dev.jsonl as articles in the quality benchmark's format
({"id", "text", "entities": [{"text", "kind"}]}, one line per document), so that the whole pipeline
can be scored on it like the news dev split (QUALITY.md, "A trained name tagger"). The first
sentence is the title; the rest are paragraphs of four sentences; tokens are joined with spaces
except before closing punctuation and possessives. Python 3 standard library only.

    python3 train/dev_articles.py train/data/dev.jsonl /tmp/dev2.jsonl
    python3 bench/quality/ours.py --corpus target/release/corpus /tmp/dev2.jsonl /tmp/dev2-pred.jsonl /tmp/dev2-work

Score it with bench/quality/score.py's score_entities. Run it with a binary whose tagger was
trained without dev.jsonl (train-names 3 --without-dev), or the tagger has seen these documents.
"""
import json, sys
KIND = {"PER": "person", "ORG": "organisation", "LOC": "place"}
NOSPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "'s", "'S", "’s", "n't", "%", "'"}
NOSPACE_AFTER = {"(", "[", "$"}
def detok(tokens, tags):
    text, ents, open_ = "", [], None
    for k, (t, g) in enumerate(zip(tokens, tags)):
        if k and t not in NOSPACE_BEFORE and tokens[k - 1] not in NOSPACE_AFTER:
            text += " "
        s = len(text); text += t
        if g == "O": open_ = None; continue
        pos, kind = g.split("-")
        if pos == "B": open_ = s
        elif pos == "U": ents.append({"text": text[s:], "kind": KIND[kind]}); open_ = None
        elif pos == "L" and open_ is not None:
            ents.append({"text": text[open_:], "kind": KIND[kind]}); open_ = None
    return text, ents
docs = {}
for line in open(sys.argv[1]):
    d = json.loads(line)
    docs.setdefault(d["doc"], []).append(detok(d["tokens"], d["tags"]))
with open(sys.argv[2], "w") as out:
    for doc, sents in docs.items():
        title = sents[0][0]
        body = [s for s, _ in sents[1:]]
        paras = [" ".join(body[i:i + 4]) for i in range(0, len(body), 4)]
        text = title + "\n\n" + "\n\n".join(paras) + "\n"
        ents = [e for _, es in sents for e in es]
        out.write(json.dumps({"id": doc, "text": text, "entities": ents}, ensure_ascii=False) + "\n")
