"""Scores every system's predictions against the gold data, the same way for all of them.

    python3 bench/quality/score.py --split dev|test [--data DIR] [--pred DIR] [--out FILE] [--md FILE]

Reads gold from <data>/ner-<split>.jsonl and <data>/timex-<split>.jsonl, and predictions from
<pred>/<system>/{ner,timex,timex-nofm}.jsonl (whichever exist). Writes all figures as JSON to
--out (default bench/quality/results/<split>.json) and prints a Markdown summary (also to --md).

Entities (ner set), per article, then micro-averaged over all articles:
  gold = unique (fold(text), kind); predicted = unique (fold(text), kind) with kind in
  {person, organisation, place} ("other" never matches). fold = lower-case, collapse spaces,
  strip a leading "the ", strip a trailing possessive 's / ’s.
  (i) name+kind P/R/F1; (ii) names found, kind ignored (predicted names of every kind, "other"
  included); (iii) kind right on the gold names found: among gold (name, kind) whose name is
  predicted, the share whose predicted kind (majority over the article's predictions of that name;
  a tie goes to the kind predicted first) is the gold kind, with a gold × predicted kind confusion
  table; (iv) per-kind P/R/F1.
Dates (timex set): only gold DATE timexes count. A prediction matches a gold timex of the same
  article when, folded (lower-case, collapse spaces), one text contains the other at word
  boundaries, or they share a token of >= 3 characters, not a stop word, that is all digits or a
  month / weekday / season word. Matching is greedy and one-to-one, predictions in their order;
  each takes the best unmatched gold timex (same text, then containment, then a shared token; then
  the earliest). A prediction matched to a gold TIME / DURATION / SET timex is ignored (neither TP
  nor FP). A gold DATE whose value is unresolvable (PRESENT_REF, PAST_REF, FUTURE_REF, anything
  with X such as XXXX-05-14, or empty) is excluded from both sides: it is not counted as gold, and a
  prediction matched to it is not counted either. Values are compared upper-cased with any time part
  (from "T") cut. Value P = TP / predictions counted, R = TP / gold counted; span-only likewise with
  TP = matched whatever the value.
Article dates, same rule on two sets, both run without front matter: right when doc_date.start <= DCT
  <= end, wrong when a doc_date is given that does not contain the DCT, none when doc_date is null;
  articles without a gold DCT are left out. (1) the timex set (<pred>/<system>/timex-nofm.jsonl); (2) the
  names set (<pred>/<system>/ner.jsonl, its Wikinews articles with their date lines; gold DCT from
  MEANTIME's CREATION_TIME and GUM's dateCreated), for the systems that infer an article date (ours;
  the peers write null), also per corpus (MEANTIME, GUM).
Second names set: when <data>/names2-<split>.jsonl exists (only for test), the entities of
  <pred>/<system>/names2.jsonl for ours, spacy and compromise are scored by the same rules, under "names2".
"""
import argparse
import json
import os
import re
import sys
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = ("person", "organisation", "place")
SYSTEMS = ("ours", "spacy", "compromise", "compromise-dates", "chrono")
NO_DATES = {"spacy", "compromise"}  # they predict no normalised dates
INFERS_DOC_DATE = {"ours"}  # the peers infer no article date (doc_date is always null)
NER_CORPORA = (("MEANTIME", "meantime_en/"), ("GUM", "gum_"))  # id prefixes in ner-*.jsonl
# The second names set (bench/quality/convert_names2.py): a test split only, for the systems below.
NAMES2_FILE = "names2-{split}.jsonl"
NAMES2_SOURCE = "Universal NER English-PUD, news excerpts of about 2016-2017"
NAMES2_SYSTEMS = ("ours", "spacy", "compromise")

MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec",
}
WEEKDAYS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "tues",
    "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
}
SEASONS = {"spring", "summer", "autumn", "fall", "winter"}
# Month / weekday abbreviations that are also common English words; a shared "may" says little.
STOP = {"may", "mar", "sat", "sun", "wed"}


def load(path):
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


# ---------------------------------------------------------------- entities

def fold_name(text):
    t = re.sub(r"\s+", " ", (text or "").lower()).strip()
    if t.startswith("the "):
        t = t[4:].strip()
    t = re.sub(r"['’]s$", "", t).strip()
    return t


def prf(tp, n_pred, n_gold):
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "predicted": n_pred, "gold": n_gold, "p": round(p, 4), "r": round(r, 4), "f1": round(f, 4)}


def score_entities(gold_articles, preds):
    by_id = {p["id"]: p for p in preds}
    tp = npred = ngold = 0
    ntp = nnpred = nngold = 0
    per_kind = {k: [0, 0, 0] for k in KINDS}
    confusion = {g: Counter() for g in KINDS}
    found = right = 0
    missing_articles = 0
    for art in gold_articles:
        pred = by_id.get(art["id"])
        if pred is None:
            missing_articles += 1
            pred = {"entities": []}
        gold = {(fold_name(e["text"]), e["kind"]) for e in art["entities"] if fold_name(e["text"]) and e["kind"] in KINDS}
        pents = [(fold_name(e["text"]), e["kind"]) for e in pred.get("entities", []) if fold_name(e["text"])]
        pset = {(t, k) for t, k in pents if k in KINDS}
        tp += len(gold & pset)
        npred += len(pset)
        ngold += len(gold)
        for k in KINDS:
            g = {x for x in gold if x[1] == k}
            p = {x for x in pset if x[1] == k}
            per_kind[k][0] += len(g & p)
            per_kind[k][1] += len(p)
            per_kind[k][2] += len(g)
        gnames = {t for t, _ in gold}
        pnames = {t for t, _ in pents}
        ntp += len(gnames & pnames)
        nnpred += len(pnames)
        nngold += len(gnames)
        # majority kind per predicted name, ties to the kind seen first
        counts, first = defaultdict(Counter), {}
        for i, (t, k) in enumerate(pents):
            counts[t][k] += 1
            first.setdefault((t, k), i)
        for t, k in gold:
            if t not in counts:
                confusion[k]["(missed)"] += 1
                continue
            best = max(counts[t].items(), key=lambda kv: (kv[1], -first[(t, kv[0])]))[0]
            found += 1
            right += best == k
            confusion[k][best] += 1
    return {
        "articles": len(gold_articles),
        "articles_without_prediction": missing_articles,
        "name_kind": prf(tp, npred, ngold),
        "names": prf(ntp, nnpred, nngold),
        "kind_right_on_found": {"found": found, "right": right, "share": round(right / found, 4) if found else 0.0},
        "confusion": {g: dict(sorted(c.items())) for g, c in confusion.items()},
        "per_kind": {k: prf(*v) for k, v in per_kind.items()},
    }


# ---------------------------------------------------------------- dates

def fold_date(text):
    return re.sub(r"\s+", " ", (text or "").lower()).strip()


def contains(a, b):
    """a contains b at word boundaries (or the reverse is checked by the caller)."""
    return bool(b) and re.search(r"(?<!\w)" + re.escape(b) + r"(?!\w)", a) is not None


def key_tokens(text):
    out = set()
    for tok in re.findall(r"\w+", text):
        if len(tok) < 3 or tok in STOP:
            continue
        if tok.isdigit() or tok in MONTHS or tok in WEEKDAYS or tok in SEASONS:
            out.add(tok)
    return out


def match_level(p, g):
    """3 same text, 2 containment, 1 shared key token, 0 no match (both folded)."""
    if p == g:
        return 3
    if contains(p, g) or contains(g, p):
        return 2
    if key_tokens(p) & key_tokens(g):
        return 1
    return 0


def norm_value(v):
    """Upper case; a time of day cut to its date; ISO week numbers without a leading zero (the
    gold writes both "2000-W6" and "1998-W12")."""
    v = (v or "").strip().upper()
    v = v.split("T", 1)[0] if re.match(r"^\d{4}-\d{2}-\d{2}T", v) else v
    return re.sub(r"^(\d{4})-W0(\d)$", r"\1-W\2", v)


def unresolvable(v):
    v = (v or "").strip().upper()
    return not v or "_REF" in v or "X" in v


def score_dates(gold_articles, preds):
    by_id = {p["id"]: p for p in preds}
    value_tp = span_tp = npred = ngold = 0
    ignored = excluded_gold = excluded_pred = 0
    gold_other_types = 0
    examples = {"wrong_value": [], "unmatched_pred": [], "missed_gold": []}
    for art in gold_articles:
        pred = by_id.get(art["id"]) or {"dates": []}
        timexes = [dict(t, _fold=fold_date(t["text"]), _used=False) for t in art.get("timexes", [])]
        for t in timexes:
            if t.get("type") != "DATE":
                gold_other_types += 1
            elif unresolvable(t.get("value")):
                excluded_gold += 1
            else:
                ngold += 1
        for d in pred.get("dates", []):
            pf = fold_date(d["text"])
            best, best_level = None, 0
            for t in timexes:
                if t["_used"]:
                    continue
                lvl = match_level(pf, t["_fold"])
                if lvl > best_level:
                    best, best_level = t, lvl
            if best is None:
                npred += 1
                if len(examples["unmatched_pred"]) < 25:
                    examples["unmatched_pred"].append({"id": art["id"], "text": d["text"], "value": d.get("value")})
                continue
            best["_used"] = True
            if best.get("type") != "DATE":
                ignored += 1
                continue
            if unresolvable(best.get("value")):
                excluded_pred += 1
                continue
            npred += 1
            span_tp += 1
            if norm_value(d.get("value")) == norm_value(best.get("value")):
                value_tp += 1
            elif len(examples["wrong_value"]) < 25:
                examples["wrong_value"].append(
                    {"id": art["id"], "dct": art.get("dct"), "text": d["text"], "value": d.get("value"),
                     "gold_text": best["text"], "gold_value": best.get("value")})
        for t in timexes:
            if t.get("type") == "DATE" and not t["_used"] and not unresolvable(t.get("value")):
                if len(examples["missed_gold"]) < 25:
                    examples["missed_gold"].append({"id": art["id"], "text": t["text"], "value": t.get("value")})
    return {
        "value": prf(value_tp, npred, ngold),
        "span": prf(span_tp, npred, ngold),
        "gold_date_timexes_counted": ngold,
        "gold_date_timexes_excluded_unresolvable": excluded_gold,
        "gold_timexes_other_types": gold_other_types,
        "predictions_ignored_other_type": ignored,
        "predictions_excluded_unresolvable": excluded_pred,
        "examples": examples,
    }


def score_doc_dates(gold_articles, preds):
    by_id = {p["id"]: p for p in preds}
    right = wrong = none = 0
    precisions = Counter()
    wrong_examples, none_examples = [], []
    for art in gold_articles:
        dct = art.get("dct")
        if not dct:
            continue
        dd = (by_id.get(art["id"]) or {}).get("doc_date")
        if not dd:
            none += 1
            if len(none_examples) < 25:
                none_examples.append({"id": art["id"], "dct": dct})
        elif (dd.get("start") or "") <= dct <= (dd.get("end") or ""):
            right += 1
            precisions[dd.get("precision") or "?"] += 1
        else:
            wrong += 1
            if len(wrong_examples) < 25:
                wrong_examples.append({"id": art["id"], "dct": dct, "doc_date": dd})
    n = right + wrong + none
    return {"articles": n, "right": right, "wrong": wrong, "none": none,
            "right_share": round(right / n, 4) if n else 0.0,
            "right_precisions": dict(precisions.most_common()), "wrong_examples": wrong_examples,
            "none_examples": none_examples}


# ---------------------------------------------------------------- report

def first_line_share(articles, key):
    """How many gold items sit in the article's first non-blank line when that line is at most 200
    bytes: our pipeline takes such a line as the title, not as a sentence (src/corpus/document.rs,
    take_title), so it finds neither names nor dates in it."""
    n = inside = 0
    for a in articles:
        text = a["text"]
        m = re.search(r"\S[^\n]*", text)
        lo, hi = (m.start(), m.end()) if m and len(m.group(0).strip().encode()) <= 200 else (0, 0)
        for e in a.get(key, []):
            if key == "timexes" and e.get("type") != "DATE":
                continue
            n += 1
            inside += lo <= e["start"] < hi
    return {"items": n, "in_first_line": inside}


def pct(x):
    return f"{100 * x:.1f}"


def entity_tables(ents):
    """The entity table and the kind confusion table of [(system, score_entities result)]."""
    out = ["| system | name+kind P | R | F1 | names found (kind ignored) F1 | kind right on found | person F1 | organisation F1 | place F1 |",
           "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for s, e in ents:
        nk, nm, kr = e["name_kind"], e["names"], e["kind_right_on_found"]
        out.append(f"| {s} | {pct(nk['p'])} | {pct(nk['r'])} | **{pct(nk['f1'])}** | {pct(nm['f1'])} "
                   f"(P {pct(nm['p'])}, R {pct(nm['r'])}) | {pct(kr['share'])} ({kr['right']}/{kr['found']}) | "
                   + " | ".join(pct(e["per_kind"][k]["f1"]) for k in KINDS) + " |")
    out += ["", "Kind confusion on the gold names (rows: gold kind; columns: majority predicted kind):", ""]
    cols = list(KINDS) + ["other", "(missed)"]
    out += ["| system | gold kind | " + " | ".join(cols) + " |", "|---|---|" + "---:|" * len(cols)]
    for s, e in ents:
        for g in KINDS:
            out.append(f"| {s} | {g} | " + " | ".join(str(e["confusion"][g].get(c, 0)) for c in cols) + " |")
    return out + [""]


def markdown(res):
    dated = res["data"].get("ner_articles_with_dct")
    dated = f", {dated} with a DCT" if dated is not None else ""
    out = [f"Split **{res['split']}**: {res['data']['ner_articles']} NER articles "
           f"({res['data']['ner_gold_entities']} gold entity mentions{dated}), {res['data']['timex_articles']} "
           f"TimeML articles ({res['data']['timex_gold_date']} DATE timexes, "
           f"{res['data']['timex_gold_date_excluded']} of them unresolvable and excluded).", ""]
    ents = [(s, r["entities"]) for s, r in res["systems"].items() if r.get("entities")]
    if ents:
        out += ["**Entities** (unique names per article, micro-averaged; P / R / F1 in %)", ""] + entity_tables(ents)
    dates = [(s, r["dates"]) for s, r in res["systems"].items() if r.get("dates")]
    if dates:
        out += ["**Dates** (gold DATE timexes; DCT given to every system; P / R / F1 in %)", "",
                "| system | value P | R | F1 | span-only F1 | predicted (counted) | ignored (other type) | excluded (unresolvable gold) |",
                "|---|---:|---:|---:|---:|---:|---:|---:|"]
        for s, d in dates:
            v, sp = d["value"], d["span"]
            out.append(f"| {s} | {pct(v['p'])} | {pct(v['r'])} | **{pct(v['f1'])}** | {pct(sp['f1'])} | "
                       f"{v['predicted']} | {d['predictions_ignored_other_type']} | {d['predictions_excluded_unresolvable']} |")
        out.append("")
    def doc_date_rows(rows):
        out = ["| system | articles | right | wrong | none | precision of the right ones |", "|---|---:|---:|---:|---:|---|"]
        for s, d in rows:
            precs = ", ".join(f"{k} {v}" for k, v in d["right_precisions"].items()) or "–"
            out.append(f"| {s} | {d['articles']} | {d['right']} ({pct(d['right_share'])}%) | {d['wrong']} | {d['none']} | {precs} |")
        return out + [""]

    docd = [(s, r["doc_date"]) for s, r in res["systems"].items() if r.get("doc_date")]
    if docd:
        out += ["**Article dates** (TimeML set, no front matter: does the inferred date contain the DCT?)", ""]
        out += doc_date_rows(docd)
    docn = []
    for s, r in res["systems"].items():
        if r.get("doc_date_ner"):
            docn.append((s, r["doc_date_ner"]))
            docn += [(f"{s}: {c}", d) for c, d in r["doc_date_ner"].get("by_corpus", {}).items()]
    if docn:
        out += ["**Article dates** (names set: Wikinews with date lines, no front matter: does the inferred date "
                "contain the DCT?)", ""]
        out += doc_date_rows(docn)
    fl = res["data"]
    out.append(f"Gold items in an article's first line when it is at most 200 bytes (our pipeline takes that line "
               f"as the title, not a sentence, and finds nothing in it): "
               f"{fl['ner_first_line']['in_first_line']} of {fl['ner_first_line']['items']} entity mentions, "
               f"{fl['timex_first_line']['in_first_line']} of {fl['timex_first_line']['items']} DATE timexes.")
    timings = {s: r["seconds"] for s, r in res["systems"].items() if r.get("seconds")}
    if timings:
        out.append("")
        out.append("Run time (both sets, seconds): " + ", ".join(f"{s} {t:.1f}" for s, t in timings.items()) + ".")
    n2 = res.get("names2")
    if n2 and n2["systems"]:
        d = n2["data"]
        out += ["", f"#### Second names set: {NAMES2_SOURCE}, never trained or tuned on", "",
                f"{d['articles']} news excerpts ({d['gold_entities']} gold entity mentions; {d['first_line']['in_first_line']} "
                f"of them in a first line), scored with the same entity rules "
                f"(`{NAMES2_FILE.format(split=res['split'])}`, see SOURCES.md section 3).", ""]
        out += entity_tables([(s, r["entities"]) for s, r in n2["systems"].items()])
        secs = {s: r["seconds"] for s, r in n2["systems"].items() if r.get("seconds")}
        if secs:
            out.append("Run time on this set (seconds): " + ", ".join(f"{s} {t:.1f}" for s, t in secs.items()) + ".")
    return "\n".join(out) + "\n"


MARK_START, MARK_END = "<!-- figures:start -->", "<!-- figures:end -->"


def render(quality_md):
    """Rewrites the figures section of QUALITY.md from results/<split>.json (test, then dev)."""
    parts = ["<!-- Generated by bash scripts/quality.sh from bench/quality/results/*.json; do not edit by hand. -->", ""]
    for split, what in (("test", "the split we report"), ("dev", "the split to tune on")):
        path = os.path.join(HERE, "results", f"{split}.json")
        if not os.path.exists(path):
            parts += [f"### {split} ({what})", "", f"Not run yet: `bash scripts/quality.sh {split}`.", ""]
            continue
        with open(path, encoding="utf-8") as f:
            res = json.load(f)
        meta = res.get("run", {})
        parts += [f"### {split} ({what})", ""]
        if meta:
            parts += [f"Run {meta.get('date', '?')} at commit {meta.get('commit', '?')} on {meta.get('machine', '?')}; "
                      f"Node {meta.get('node', '?')}, Python {meta.get('python', '?')}, spaCy + model {meta.get('spacy', '?')}; "
                      f"the whole command took {meta.get('seconds_before_scoring', '?')} s.", ""]
        parts += [markdown(res)]
    body = "\n".join(parts).rstrip() + "\n"
    with open(quality_md, encoding="utf-8") as f:
        text = f.read()
    if MARK_START in text and MARK_END in text:
        head, rest = text.split(MARK_START, 1)
        tail = rest.split(MARK_END, 1)[1]
        text = f"{head}{MARK_START}\n{body}{MARK_END}{tail}"
    else:
        text = f"{text.rstrip()}\n\n{MARK_START}\n{body}{MARK_END}\n"
    with open(quality_md, "w", encoding="utf-8") as f:
        f.write(text)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split")
    ap.add_argument("--data", default=os.path.join(HERE, "data"))
    ap.add_argument("--pred", default=None, help="predictions folder (default bench/quality/out/<split>)")
    ap.add_argument("--out", default=None)
    ap.add_argument("--md", default=None)
    ap.add_argument("--meta", default=None, help="JSON object describing the run (date, machine, versions)")
    ap.add_argument("--render", metavar="QUALITY_MD", help="only regenerate the figures section of this file")
    args = ap.parse_args()
    if args.render:
        render(args.render)
        return 0
    if not args.split:
        ap.error("--split is required")
    pred_dir = args.pred or os.path.join(HERE, "out", args.split)
    ner = load(os.path.join(args.data, f"ner-{args.split}.jsonl")) or []
    timex = load(os.path.join(args.data, f"timex-{args.split}.jsonl")) or []
    res = {
        "split": args.split,
        "run": json.loads(args.meta) if args.meta else {},
        "data": {
            "ner_articles": len(ner),
            "ner_gold_entities": sum(len(a["entities"]) for a in ner),
            "ner_articles_with_dct": sum(1 for a in ner if a.get("dct")),
            "timex_articles": len(timex),
            "timex_gold_date": sum(1 for a in timex for t in a["timexes"] if t.get("type") == "DATE"),
            "timex_gold_date_excluded": sum(1 for a in timex for t in a["timexes"]
                                            if t.get("type") == "DATE" and unresolvable(t.get("value"))),
            "ner_first_line": first_line_share(ner, "entities"),
            "timex_first_line": first_line_share(timex, "timexes"),
        },
        "systems": {},
    }
    timings = load(os.path.join(pred_dir, "timings.jsonl")) or []
    for s in SYSTEMS:
        r = {}
        p = load(os.path.join(pred_dir, s, "ner.jsonl"))
        if p is not None and ner:
            r["entities"] = score_entities(ner, p)
            if s in INFERS_DOC_DATE and any(a.get("dct") for a in ner):
                r["doc_date_ner"] = score_doc_dates(ner, p)
                r["doc_date_ner"]["by_corpus"] = {
                    c: score_doc_dates(part, p) for c, part in
                    ((c, [a for a in ner if a["id"].startswith(prefix) and a.get("dct")]) for c, prefix in NER_CORPORA)
                    if part}
        p = load(os.path.join(pred_dir, s, "timex.jsonl"))
        if p is not None and timex and s not in NO_DATES:
            r["dates"] = score_dates(timex, p)
        p = load(os.path.join(pred_dir, s, "timex-nofm.jsonl"))
        if p is not None and timex:
            r["doc_date"] = score_doc_dates(timex, p)
            r["dates_without_front_matter"] = score_dates(timex, p)
        secs = sum(t["seconds"] for t in timings if t.get("system") == s)
        if secs:
            r["seconds"] = round(secs, 2)
        if r:
            res["systems"][s] = r
    # the second names set, when the split has one (test only): same entity rules, its own section
    names2 = load(os.path.join(args.data, NAMES2_FILE.format(split=args.split)))
    if names2:
        n2 = {"source": NAMES2_SOURCE,
              "data": {"articles": len(names2), "gold_entities": sum(len(a["entities"]) for a in names2),
                       "first_line": first_line_share(names2, "entities")},
              "systems": {}}
        for s in NAMES2_SYSTEMS:
            p = load(os.path.join(pred_dir, s, "names2.jsonl"))
            if p is None:
                continue
            n2["systems"][s] = {"entities": score_entities(names2, p)}
            secs = sum(t["seconds"] for t in timings if t.get("system") == f"{s} (names2)")
            if secs:
                n2["systems"][s]["seconds"] = round(secs, 2)
        res["names2"] = n2
    # ours again, dates without the DCT: a separate row in the dates table
    ours = res["systems"].get("ours", {})
    if "dates_without_front_matter" in ours:
        res["systems"]["ours (no front matter)"] = {"dates": ours.pop("dates_without_front_matter")}
    for s, r in res["systems"].items():
        r.pop("dates_without_front_matter", None)
    out_path = args.out or os.path.join(HERE, "results", f"{args.split}.json")
    os.makedirs(os.path.dirname(out_path), exist_ok=True)
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump(res, f, indent=2, ensure_ascii=False)
        f.write("\n")
    md = markdown(res)
    if args.md:
        with open(args.md, "w", encoding="utf-8") as f:
            f.write(md)
    sys.stdout.write(md)
    return 0


if __name__ == "__main__":
    sys.exit(main())
