"""Builds the second names set of the quality benchmark, bench/quality/data/names2-test.jsonl (test only).

    python3 bench/quality/convert_names2.py [--mirror DIR] [--out FILE] [--no-write]

Source (nothing is downloaded here): a bare git mirror of the public GitHub repository UniversalNER/UNER_English-PUD,
obtained with the search tool's `fetch github:UniversalNER/UNER_English-PUD` (it lands in
/work/.mirror/UniversalNER+UNER_English-PUD/repo, the default for --mirror). Its one data file is read with
`git cat-file` at the pinned COMMIT below, so a newer snapshot cannot silently change the output.

  * en_pud-ud-test.iob2: Universal NER v1 (Mayhew et al., NAACL 2024), hand-annotated PER / ORG / LOC on the
    English part of the Parallel UD treebank (PUD, CoNLL 2017 shared task): 1,000 sentences from 397 documents,
    news (document id "n...") and Wikipedia ("w..."). Licence CC BY-SA 3.0 (the repository's LICENSE.txt).

Taken: every news document (id starting with "n"), in file order: 215 documents of 1-5 sentences each. The
Wikipedia documents are not read. PUD took a few sentences from each article, "selected randomly, not necessarily
adjacent", so a line is an excerpt, not a whole article: its text is a neutral title line `news excerpt` (the
source has no headline; without one, a system that reads a short first line as the title, as ours does, would
lose the first sentence of many excerpts; lower case and the same for every line, so that no system takes it for
a name: `Excerpt <doc id>` was tried first and spaCy tagged it ORG in all 215), then each sentence as a paragraph
of its own, exactly as the
source's `# text` comment gives it (no detokenisation needed; the converter asserts that the tokens align with
it). Tags: PER -> person, ORG -> organisation, LOC -> place (UNER has no other type). No line has a "dct" (the
source gives no date). Only the test split exists: this set is for evaluation only, never for training or tuning.

Output is deterministic (byte-identical on re-run); the `stats` printed at the end are recorded in SOURCES.md.
"""
import argparse
import json
import os
import subprocess
import sys
from collections import Counter

COMMIT = "07ea0553144e3fcf3d6633efe2a075b725a0d262"
REPO = "UniversalNER/UNER_English-PUD"
DEFAULT_MIRROR = "/work/.mirror/UniversalNER+UNER_English-PUD/repo"
PATH = "en_pud-ud-test.iob2"
TITLE = "news excerpt"  # the first line of every text (see above)
KIND = {"PER": "person", "ORG": "organisation", "LOC": "place"}
HERE = os.path.dirname(os.path.abspath(__file__))


def read_blob(git_dir, commit, path):
    return subprocess.run(["git", "--git-dir", git_dir, "cat-file", "blob", f"{commit}:{path}"],
                          check=True, capture_output=True).stdout.decode("utf-8")


def parse(iob2):
    """Yields (doc_id, sentences), each sentence (text, [(token, tag)]), in file order."""
    doc_id, sentences, sent = None, [], None
    for line in iob2.split("\n"):
        if line.startswith("# newdoc id = "):
            if doc_id is not None:
                yield doc_id, sentences
            doc_id, sentences = line[len("# newdoc id = "):].strip(), []
        elif line.startswith("# text = "):
            sent = (line[len("# text = "):], [])
            sentences.append(sent)
        elif line.startswith("#") or not line.strip():
            continue
        else:
            cols = line.split("\t")
            assert len(cols) == 5 and cols[0].isdigit(), line
            sent[1].append((cols[1], cols[2]))
    if doc_id is not None:
        yield doc_id, sentences


def sentence_names(text, tokens, stats):
    """(start, end, kind) of the names of one sentence, offsets into text. A name is a B- tag and the I- tags of the
    same type after it; an I- tag with no B- of its type before it starts a name (counted)."""
    spans, pos, cur = [], 0, None
    for tok, tag in tokens:
        start = text.find(tok, pos)
        assert start >= 0 and not text[pos:start].strip(), (text, tok, pos)
        end = start + len(tok)
        pos = end
        if tag == "O":
            cur = None
            continue
        bio, typ = tag.split("-", 1)
        assert bio in ("B", "I") and typ in KIND, tag
        if bio == "I" and cur is not None and cur[2] == typ:
            cur[1] = end
            continue
        if bio == "I":
            stats["i_without_b"] += 1
        cur = [start, end, typ]
        spans.append(cur)
    assert not text[pos:].strip(), (text, pos)
    return [(s, e, KIND[t]) for s, e, t in spans]


def build(iob2, stats):
    lines = []
    for doc_id, sentences in parse(iob2):
        if not doc_id.startswith("n"):
            continue  # Wikipedia: not news
        title = TITLE
        text, entities = title, []
        for sent_text, tokens in sentences:
            text += "\n\n"
            base = len(text)
            for s, e, kind in sentence_names(sent_text, tokens, stats):
                entities.append({"start": base + s, "end": base + e, "text": sent_text[s:e], "kind": kind})
            text += sent_text
        for ent in entities:
            assert text[ent["start"]:ent["end"]] == ent["text"], ent
        lines.append({"id": f"uner_pud_en/{doc_id}", "text": text, "entities": entities})
        stats["documents"] += 1
        stats[f"documents_original_language_{doc_id[1:3]}"] += 1
        stats["sentences"] += len(sentences)
        stats[f"documents_of_{len(sentences)}_sentences"] += 1
        stats["characters"] += len(text)
        for ent in entities:
            stats["entities"] += 1
            stats[f"entities_{ent['kind']}"] += 1
    return lines


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mirror", default=DEFAULT_MIRROR)
    ap.add_argument("--out", default=os.path.join(HERE, "data", "names2-test.jsonl"))
    ap.add_argument("--no-write", action="store_true", help="only print the stats")
    args = ap.parse_args()
    stats = Counter()
    lines = build(read_blob(args.mirror, COMMIT, PATH), stats)
    assert stats["documents"] == 215, stats["documents"]
    body = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
    if not args.no_write:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(body)
    print(json.dumps({"source": f"{REPO}@{COMMIT}:{PATH}", "stats": dict(sorted(stats.items()))}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
