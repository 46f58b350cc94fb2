"""Story groups on real web news: which articles does the pipeline say report the same happening?

    python3 bench/quality/stories_ecb.py [--split dev|test] [--corpus BIN] [--ecb FILE] [--front-matter]

Data: ECB+ (bench/quality/out/ecb.jsonl, from convert_ecb.py; not committed). Each of its 43 topics
holds two halves of articles, each half about one seminal happening (the ECB half: e.g. Tara Reid
enters rehab in 2008; the ECB+ half: Lindsay Lohan enters rehab in 2013), chosen by its authors so
that the two are alike. That is the gold standard used here, at the level a reader sees: two articles
of one half report the same happening, two of different halves or topics do not.

Each topic runs as one folder (`corpus export`), the articles as they are (time stamps included, as a
user's clipped files would be). Our side: two articles are linked when a story group (a story with
two or more sources) holds events of both. Figures, over article pairs of a topic:
- precision: linked pairs that are of one half;
- recall: pairs of one half that are linked, over all such pairs, and over the pairs whose two
  articles both have a dated event (a story needs one);
- articles in a story with another article.
Whole topics go to dev or test by the sha1 of the topic, as in dates.py. --front-matter gives each
article its time stamp's date as front matter (when it has one): how much the grouping gains when
articles are dated. STORIES_TOPICS=1 also prints each topic's linked pairs and how many of them join
the two halves (to stderr).
"""
import argparse
import hashlib
import itertools
import json
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from ours import sanitise_ids  # noqa: E402


def half(article_id):
    return "ecbplus" if article_id.endswith("ecbplus") else "ecb"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=("dev", "test"), default="dev")
    ap.add_argument("--corpus", default=os.path.join(HERE, "..", "..", "target", "release", "corpus"))
    ap.add_argument("--ecb", default=os.path.join(HERE, "out", "ecb.jsonl"))
    ap.add_argument("--work", default=None)
    ap.add_argument("--front-matter", action="store_true")
    args = ap.parse_args()
    if not os.path.exists(args.ecb):
        print(f"no {args.ecb}: make it with bench/quality/convert_ecb.py", file=sys.stderr)
        return 2
    topics = {}
    with open(args.ecb, encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            split = "dev" if hashlib.sha1(a["topic"].encode("utf-8")).digest()[0] % 2 == 0 else "test"
            if split == args.split:
                topics.setdefault(a["topic"], []).append(a)
    work = args.work or os.path.join(HERE, "out", f"stories-ecb-{args.split}")
    shutil.rmtree(work, ignore_errors=True)
    pairs = linked = right = gold = gold_dated = found = found_dated = 0
    in_story = articles = 0
    for topic, members in sorted(topics.items(), key=lambda t: int(t[0])):
        folder = os.path.join(work, topic)
        os.makedirs(folder)
        stems = sanitise_ids([a["id"] for a in members])
        back = {stems[a["id"]]: a["id"] for a in members}
        for a in members:
            text = a["text"]
            if args.front_matter and a.get("dct"):
                text = f"---\ndate: {a['dct']}\n---\n{text}"
            with open(os.path.join(folder, stems[a["id"]] + ".txt"), "w", encoding="utf-8") as out:
                out.write(text)
        run = subprocess.run([args.corpus, "export", folder], capture_output=True, text=True)
        if run.returncode not in (0, 1):
            sys.stderr.write(run.stderr)
            return 1
        ex = json.loads(run.stdout)
        dated = {back.get(e["doc"], e["doc"]) for e in ex.get("events", [])}
        link = set()
        for s in ex.get("stories", []):
            docs = sorted({back.get(d, d) for d in s.get("docs", [])})
            for x, y in itertools.combinations(docs, 2):
                link.add((x, y))
        ids = sorted(a["id"] for a in members)
        articles += len(ids)
        in_story += len({d for p in link for d in p})
        if os.environ.get("STORIES_TOPICS"):
            wrong = sum(1 for x, y in link if half(x) != half(y))
            print(f"  topic {topic}: {len(link)} linked, {wrong} across halves", file=sys.stderr)
        for x, y in itertools.combinations(ids, 2):
            same = half(x) == half(y)
            both_dated = x in dated and y in dated
            pairs += 1
            gold += same
            gold_dated += same and both_dated
            if (x, y) in link:
                linked += 1
                right += same
                found += same
                found_dated += same and both_dated
    p = right / linked if linked else 0.0
    r = found / gold if gold else 0.0
    rd = found_dated / gold_dated if gold_dated else 0.0
    mode = "with their stamps as front matter" if args.front_matter else "as clipped (undated but for their stamps)"
    print(f"ECB+ {args.split}: {len(topics)} topics, {articles} articles, {mode}")
    print(f"  article pairs linked by a story: {linked} (of {pairs}); of one happening: {right} -> precision {100 * p:.1f} %")
    print(f"  pairs of one happening: {gold}; linked {found} -> recall {100 * r:.1f} %; "
          f"both articles with a dated event: {gold_dated}, linked {found_dated} -> {100 * rd:.1f} %")
    print(f"  articles in a story with another article: {in_story} of {articles}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
