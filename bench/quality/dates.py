"""The date-inference benchmark (issue 17): how well is an article dated when it prints no date?

    python3 bench/quality/dates.py --split dev|test [--corpus BIN] [--old-corpus BIN] [--render QUALITY.md]
    (normally run by scripts/date-bench.sh)

Data: bench/quality/data/ner-<split>.jsonl (MEANTIME and GUM Wikinews articles) and timex-<split>.jsonl
(TimeBank/AQUAINT with gold TIMEX3 values), each with its true publication date (DCT); and, when
bench/quality/out/ecb.jsonl exists (bench/quality/convert_ecb.py, not committed), ECB+: web news in 43
topics, its DCT the time stamp printed above the story, whole topics to dev or test by sha1 of the
topic; its articles without a stamp are run with their topic as evidence but not scored.

1. Undated copies. Every line that is only a date ("June 13, 2005", "Sunday, May 28, 2006") or a time
   stamp (STAMP: "Published: June 13, 2013 4:59 PM EDT") is removed, anywhere in the text; a full date that ends the title line or opens one of the first three
   paragraphs ("Thursday, May 7, 2015 On Tuesday, ...") is cut off; a dateline keeps its place and
   loses its date ("WASHINGTON, August 8 (Xinhua) --" -> "WASHINGTON (Xinhua) --"). Every other date
   in the body stays: it is the evidence a system may date the article from.
2. Collections. A system runs once per collection, so articles may date each other: each MEANTIME
   topic (airbus, apple, gm, stock) is one, GUM is one, the TimeML set is one, each ECB+ topic is one. Our binaries also run
   on each article alone (one folder per article): the difference is what the collection adds.
3. Figures per set: articles; coverage = articles given a finite certain interval; containment = how
   many certain intervals hold the true DCT (must be 100 %: a wrong certain date is worse than none);
   one-sided certain bounds and how many exclude the DCT; median width of the certain intervals in
   days; likely dates (a preference, not certain: date_likely) and how often they hold the DCT. On the
   TimeML set: events placed with the right value (our event's value against the gold TIMEX3 value,
   matched as bench/quality/score.py matches dates), for all DATE timexes and for the relative ones
   (no 4-digit year in the text: their value depends on the article's date).
4. Systems: "last mentioned year" (the article's date is the whole year of the last 4-digit year
   1900-2100 in the text, as HeidelTime's narrative mode does; computed here), "today's per-article
   rule" (the pipeline at 54b3332, --old-corpus; its [date, date_end] is read as certain), and ours
   (--corpus). A document's certain interval: [first day of date, date_end] when date is set and
   date_likely is false; else [date_earliest, date_latest] when both are set; else none. Fields the
   old export lacks (date_likely, date_earliest, date_latest, date_basis, date_from) count as absent.
5. About the data: the lines removed; the evidence left (articles with a year, a full date, a year-less day,
   a relative expression); the spread of true dates per collection; and the story groups that two or more
   articles share when the true DCT is given (the first binary available, the old one preferred).
Writes every figure as JSON (--out) and Markdown (--md); --render rewrites the section of QUALITY.md
between <!-- dates:start --> and <!-- dates:end --> from results/dates-{test,dev}.json.
"""
import argparse
import datetime
import hashlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from ours import first_day, last_day, sanitise_ids  # noqa: E402
from score import fold_date, match_level, norm_value, unresolvable  # noqa: E402

SETS = ("MEANTIME", "GUM", "TimeML", "ECB+")
MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
         r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?")
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
DAY = r"\d{1,2}(?:st|nd|rd|th)?"
FULL_DATE = (rf"(?:{WEEKDAY},?\s+)?(?:{MONTH}\s+{DAY},?\s+\d{{4}}|{DAY}\s+{MONTH},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})")
DATE_LINE = re.compile(rf"\s*{FULL_DATE}\s*\.?\s*")
TITLE_END = re.compile(rf"\s+{FULL_DATE}\s*$")
PARA_START = re.compile(rf"^{FULL_DATE}\s+(?=\S)")
DATELINE = re.compile(rf"^([A-Z][\w.'\- ]*(?:,\s*[A-Z][\w.'\- ]*)*?),\s+(?:{FULL_DATE}|{MONTH}\s+{DAY}|{DAY}\s+{MONTH})"
                      rf"(?=\s*(?:\(|--|—|_))")
# A time stamp: a line that is only a full date with its year, with at most a cue ("Published:",
# "Last updated on"), a weekday (also "Thu," or "Sun."), a time and its zone, in either order
# ("12:52 p.m. EDT May 2, 2013", "Thu, 10 Nov 2011 02:45 PM", "(10:27 am PDT, Jun 11th 2012)", "05 / 02 / 2013").
STAMP_CUE = r"(?:(?:First|Last|Date)\s+)?(?:Published|Posted|Updated|Released|Modified|Created|Filed)(?:\s+(?:on|at))?\s*:?"
STAMP_TIME = r"(?:\d{1,2}(?:[:.]\s?\d\d){1,2}\s*(?:[ap]\.?\s?m\.?)?|\d{1,2}\s*[ap]\.?\s?m\.?)(?:\s+[A-Z]{2,4}\b)?"
STAMP_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?,?"
STAMP_DATE = (rf"(?:{MONTH}\s+{DAY},?\s+\d{{4}}|{DAY}\s+{MONTH},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}"
              rf"|\d{{1,2}}\s*/\s*\d{{1,2}}\s*/\s*\d{{4}})")
STAMP = re.compile(rf"\s*\(?\s*(?:{STAMP_CUE}\s*)?(?:{STAMP_TIME}\s*,?\s*)?(?:on\s+)?(?:{STAMP_WEEKDAY}\s*)?{STAMP_DATE}"
                   rf"(?:\s*(?:,|\||-|at)?\s*{STAMP_TIME})?\s*\)?\s*\.?\s*", re.I)
MONTHS = {m: i + 1 for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                                            "dec"))}


def stamp_date(line):
    """The date of a time stamp line (STAMP) as YYYY-MM-DD, or None; a numeric date is read month first (US)."""
    m = re.search(rf"({MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})", line, re.I)
    if m:
        mo, d, y = MONTHS[m.group(1)[:3].lower()], int(m.group(2)), int(m.group(3))
    elif m := re.search(rf"(\d{{1,2}})(?:st|nd|rd|th)?\s+({MONTH}),?\s+(\d{{4}})", line, re.I):
        mo, d, y = MONTHS[m.group(2)[:3].lower()], int(m.group(1)), int(m.group(3))
    elif m := re.search(r"(\d{4})-(\d{2})-(\d{2})", line):
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    elif m := re.search(r"(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})", line):
        mo, d, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        return None
    try:
        return datetime.date(y, mo, d).isoformat()
    except ValueError:
        return None


YEAR = re.compile(r"(?<![\w$£€.,-])(19\d\d|20\d\d|2100)(?![\w%-]|,\d|\.\d)")


# ---------------------------------------------------------------- undated copies

def undate(text):
    """The text without its date lines, title-end date, opening date and dateline date; and what was removed."""
    removed = Counter()
    lines = text.split("\n")
    out = []
    nonblank = 0
    for line in lines:
        stamp = STAMP.fullmatch(line) and not DATE_LINE.fullmatch(line)
        if (DATE_LINE.fullmatch(line) or stamp) and line.strip():
            removed["time stamps" if stamp else "date lines"] += 1
            if out and not out[-1].strip():  # the blank line before it goes too
                out.pop()
            continue
        if line.strip():
            if nonblank == 0 and TITLE_END.search(line):
                line = TITLE_END.sub("", line)
                removed["title-end dates"] += 1
            if nonblank < 3 and PARA_START.match(line):
                line = PARA_START.sub("", line, count=1)
                removed["paragraph-opening dates"] += 1
            if nonblank < 2 and DATELINE.match(line):
                line = DATELINE.sub(r"\1", line, count=1)
                removed["dateline dates"] += 1
            nonblank += 1
        out.append(line)
    while out and not out[0].strip():
        out.pop(0)
    return "\n".join(out), removed


def set_of(article_id):
    if article_id.startswith("ecb/"):
        return "ECB+"
    if article_id.startswith("meantime_en/"):
        return "MEANTIME"
    if article_id.startswith("gum_"):
        return "GUM"
    return "TimeML"


def collection_of(article_id):
    """MEANTIME: its topic folder; ECB+: its topic; GUM: one collection; TimeML: one collection."""
    if article_id.startswith("ecb/"):
        return "ecb-" + article_id.split("/")[1]
    if article_id.startswith("meantime_en/"):
        return "meantime-" + article_id.split("/")[1].replace("corpus_", "")
    return {"GUM": "gum", "TimeML": "timeml"}[set_of(article_id)]


# ---------------------------------------------------------------- running a binary

def export(binary, folder):
    run = subprocess.run([binary, "export", folder], capture_output=True, text=True)
    if run.returncode not in (0, 1):
        sys.stderr.write(run.stderr)
        raise SystemExit(f"error: {binary} export {folder} exited {run.returncode}")
    return json.loads(run.stdout)


def run_binary(binary, articles, stems, work, alone=False, front_matter=False):
    """Runs `binary export` once per collection (or once per article when alone) over the articles' texts.
    Returns ({id: exported document}, {id: [events]}, [stories as lists of ids])."""
    groups = defaultdict(list)
    for a in articles:
        groups[stems[a["id"]] if alone else collection_of(a["id"])].append(a)
    back = {stems[a["id"]]: a["id"] for a in articles}
    docs, events, stories = {}, defaultdict(list), []
    shutil.rmtree(work, ignore_errors=True)
    for name, members in sorted(groups.items()):
        folder = os.path.join(work, name)
        os.makedirs(folder)
        for a in members:
            text = f"---\ndate: {a['dct']}\n---\n{a['text']}" if front_matter and a.get("dct") else a["text"]
            with open(os.path.join(folder, stems[a["id"]] + ".txt"), "w", encoding="utf-8") as f:
                f.write(text)
        ex = export(binary, folder)
        for d in ex["documents"]:
            docs[back.get(d["id"], d["id"])] = d
        for ev in ex.get("events", []):
            events[back.get(ev["doc"], ev["doc"])].append(ev)
        for s in ex.get("stories", []):
            stories.append(sorted({back.get(i, i) for i in s.get("docs", [])}))
    return docs, events, stories


# ---------------------------------------------------------------- intervals

def intervals(d):
    """(certain (earliest, latest) or None, likely (start, end) or None, one-sided certain bounds) of one document."""
    certain = likely = None
    one_sided = None
    date = d.get("date")
    span = None
    if date:
        end = d.get("date_end") or last_day(date)
        span = (first_day(date, end), end)
    lo, hi = d.get("date_earliest"), d.get("date_latest")
    if span and not d.get("date_likely"):
        certain = span
    elif lo and hi:
        certain = (first_day(lo, lo), last_day(hi) or hi)
    elif lo or hi:
        one_sided = (first_day(lo, lo) if lo else None, (last_day(hi) or hi) if hi else None)
    if span and d.get("date_likely"):
        likely = span
    return certain, likely, one_sided


def days(a, b):
    return (datetime.date.fromisoformat(b) - datetime.date.fromisoformat(a)).days + 1


def last_year_doc(text):
    years = [int(y) for y in YEAR.findall(text)]
    if not years:
        return {}
    return {"date": str(years[-1]), "date_end": f"{years[-1]}-12-31"}


def score_articles(articles, docs):
    """Coverage, containment, widths and likely choices over the articles (docs: id -> exported document)."""
    n = len(articles)
    certain_in = certain_out = one_in = one_out = likely_in = likely_out = 0
    widths, basis, wrong, from_others = [], Counter(), [], 0
    for a in articles:
        d = docs.get(a["id"]) or {}
        dct = a["dct"]
        certain, likely, one_sided = intervals(d)
        if d.get("date_basis"):
            basis[d["date_basis"]] += 1
        if d.get("date_from"):
            from_others += 1
        if certain:
            widths.append(days(*certain))
            if certain[0] <= dct <= certain[1]:
                certain_in += 1
            else:
                certain_out += 1
                wrong.append({"id": a["id"], "dct": dct, "interval": list(certain), "reason": d.get("date_reason")})
        elif one_sided:
            if (one_sided[0] or dct) <= dct <= (one_sided[1] or dct):
                one_in += 1
            else:
                one_out += 1
                wrong.append({"id": a["id"], "dct": dct, "bound": list(one_sided), "reason": d.get("date_reason")})
        if likely:
            if likely[0] <= dct <= likely[1]:
                likely_in += 1
            else:
                likely_out += 1
    nc = certain_in + certain_out
    return {
        "articles": n,
        "coverage": nc, "coverage_share": nc / n if n else None,
        "certain_contain": certain_in, "certain_exclude": certain_out,
        "containment": certain_in / nc if nc else None,
        "one_sided": one_in + one_out, "one_sided_exclude": one_out,
        "median_width_days": statistics.median(widths) if widths else None,
        "likely": likely_in + likely_out, "likely_contain": likely_in,
        "basis": dict(sorted(basis.items())), "dated_from_other_articles": from_others,
        "wrong": wrong[:25],
    }


# ---------------------------------------------------------------- events on the TimeML set

ABSOLUTE = re.compile(r"\b(1[89]\d\d|20\d\d)s?\b|'\d\ds?\b|\bnineteen\b")  # a year or decade in the text


def value_span(v):
    """First and last day of a TIMEX value (Y, Y-M, Y-M-D, Y-Www, Y-Qn), else None."""
    v = norm_value(v)
    m = re.fullmatch(r"(\d{4})-W(\d{1,2})", v)
    if m:
        try:
            start = datetime.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        except ValueError:
            return None
        return start.isoformat(), (start + datetime.timedelta(days=6)).isoformat()
    m = re.fullmatch(r"(\d{4})-Q([1-4])", v)
    if m:
        y, q = int(m.group(1)), int(m.group(2))
        return f"{y}-{3 * q - 2:02d}-01", last_day(f"{y}-{3 * q:02d}")
    if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", v):
        return first_day(v, None), last_day(v)
    return None


def score_events(gold_articles, events):
    """Events against gold DATE timexes, matched greedily and one-to-one as score.py does. right = same value;
    inside = the gold value's days lie inside the event's [date, end] (an event given as a range)."""
    ngold = npred = right = inside = 0
    rel = Counter()
    for art in gold_articles:
        timexes = [dict(t, _fold=fold_date(t["text"]), _used=False) for t in art.get("timexes", [])]
        for t in timexes:
            if t.get("type") == "DATE" and not unresolvable(t.get("value")):
                ngold += 1
                if not ABSOLUTE.search(t["text"]):
                    rel["gold"] += 1
        for ev in events.get(art["id"], []):
            pf = fold_date(ev.get("expression"))
            best, best_level = None, 0
            for t in timexes:
                lvl = 0 if t["_used"] else match_level(pf, t["_fold"])
                if lvl > best_level:
                    best, best_level = t, lvl
            if best is None:
                npred += 1
                continue
            best["_used"] = True
            if best.get("type") != "DATE" or unresolvable(best.get("value")):
                continue
            npred += 1
            value = ev.get("value") or ev.get("date")
            ok = norm_value(value) == norm_value(best["value"])
            span = value_span(best["value"])
            start = first_day(ev.get("date"), ev.get("end"))
            within = bool(span and start and ev.get("end") and start <= span[0] and span[1] <= ev["end"])
            right += ok
            inside += within
            if not ABSOLUTE.search(best["text"]):
                rel["placed"] += 1
                rel["right"] += ok
                rel["inside"] += within
    p = right / npred if npred else 0.0
    r = right / ngold if ngold else 0.0
    return {"gold": ngold, "predicted": npred, "right": right, "inside": inside,
            "precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "relative_gold": rel["gold"], "relative_placed": rel["placed"], "relative_right": rel["right"],
            "relative_inside": rel["inside"]}


# ---------------------------------------------------------------- evidence left in the undated texts

EVIDENCE = {
    "a 4-digit year": YEAR,
    "a full date with its year": re.compile(FULL_DATE),
    "a month and day without year": re.compile(rf"\b{MONTH}\s+{DAY}\b(?!,?\s+\d{{4}})|\b{DAY}\s+{MONTH}\b(?!,?\s+\d{{4}})"),
    "a relative expression": re.compile(
        r"\b(?:yesterday|today|tomorrow|tonight|(?:last|next|this|past|coming) (?:week|month|year|weekend|"
        r"quarter|spring|summer|autumn|fall|winter|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|"
        r"\w+ (?:days|weeks|months|years) ago|(?:on |last |next )?(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
        r"Saturday|Sunday))\b", re.I),
}


def evidence(articles):
    out = {}
    for s in SETS:
        arts = [a for a in articles if set_of(a["id"]) == s]
        out[s] = {k: sum(1 for a in arts if rx.search(a["text"])) for k, rx in EVIDENCE.items()}
    return out


def dct_spread(articles):
    """Per collection: the range of true dates, and how many articles have another one at most 7 days away."""
    out = {}
    for c in sorted({collection_of(a["id"]) for a in articles}):
        ds = [datetime.date.fromisoformat(a["dct"]) for a in articles if collection_of(a["id"]) == c]
        near = sum(1 for i, x in enumerate(ds) if any(abs((x - y).days) <= 7 for j, y in enumerate(ds) if j != i))
        out[c] = {"articles": len(ds), "first": min(ds).isoformat(), "last": max(ds).isoformat(),
                  "with_another_within_7_days": near}
    return out


def shared_happenings(articles, stories):
    """Per collection: story groups reported by two or more of its articles, and the articles in them."""
    per = defaultdict(lambda: {"articles": 0, "multi_source_stories": 0, "articles_sharing": set()})
    for a in articles:
        per[collection_of(a["id"])]["articles"] += 1
    for ids in stories:
        if len(ids) >= 2:
            c = per[collection_of(ids[0])]
            c["multi_source_stories"] += 1
            c["articles_sharing"].update(ids)
    return {c: {"articles": v["articles"], "multi_source_stories": v["multi_source_stories"],
                "articles_sharing": len(v["articles_sharing"])} for c, v in sorted(per.items())}


# ---------------------------------------------------------------- Markdown

def pct(a, b):
    return f"{100 * a / b:.1f}%" if b else "–"


def markdown(res):
    d = res["data"]
    rm = ", ".join(f"{v} {k}" for k, v in d["removed"].items()) or "nothing"
    ecb = ""
    if d["articles"].get("ECB+"):
        ecb = (f", {d['articles']['ECB+']} ECB+ articles with a time stamp in {d.get('ecb_topics', '?')} topics (and "
               f"{d.get('ecb_context', 0)} without one, run with them as evidence but not scored)")
    out = [f"Split **{res['split']}**: {d['articles']['MEANTIME']} MEANTIME articles in 4 collections, "
           f"{d['articles']['GUM']} GUM, {d['articles']['TimeML']} TimeML{ecb}. Removed to make the undated copies: "
           f"{rm}.", ""]
    for note in res.get("notes", []):
        out += [f"Note: {note}", ""]
    out += ["**Article dates** (undated copies; certain = an interval the system states as certain)", "",
            "| set | system | articles | coverage (finite certain) | containment | one-sided bounds (excluding DCT) "
            "| median width (days) | likely: right / given |",
            "|---|---|---:|---:|---:|---:|---:|---:|"]
    for s in SETS:
        for name, r in res["systems"].items():
            a = r["articles"].get(s)
            if not a:
                continue
            width = a["median_width_days"]
            width = "–" if width is None else f"{width:g}"
            cont = f"{pct(a['certain_contain'], a['coverage'])} ({a['certain_contain']}/{a['coverage']})"
            likely = f"{a['likely_contain']} / {a['likely']}" if a["likely"] else "–"
            out.append(f"| {s} | {name} | {a['articles']} | {a['coverage']} ({pct(a['coverage'], a['articles'])}) "
                       f"| {cont} | {a['one_sided']} ({a['one_sided_exclude']}) | {width} | {likely} |")
    out += ["", "**Events on the TimeML set** (undated copies; gold DATE timexes with a calendar value; relative = "
            "no 4-digit year in the gold text; right = same value; inside = gold day(s) inside the event's range)", "",
            "| system | value P | R | F1 | right / predicted | relative: gold | given a value | right | inside |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for name, r in res["systems"].items():
        e = r.get("events")
        if e:
            out.append(f"| {name} | {100 * e['precision']:.1f} | {100 * e['recall']:.1f} | **{100 * e['f1']:.1f}** | "
                       f"{e['right']} / {e['predicted']} | {e['relative_gold']} | {e['relative_placed']} | "
                       f"{e['relative_right']} | {e['relative_inside']} |")
    rows = [(n, c, a) for n, r in res["systems"].items() if n.endswith(", collection")
            for c, a in r.get("collections", {}).items()]
    if rows:
        out += ["", "Per collection (systems run per collection):", "",
                "| collection | system | articles | coverage | containment | median width (days) | likely: right / given "
                "| dated from other articles | date_basis |", "|---|---|---:|---:|---:|---:|---:|---:|---|"]
        for n, c, a in sorted(rows, key=lambda x: x[1]):
            width = "–" if a["median_width_days"] is None else f"{a['median_width_days']:g}"
            basis = ", ".join(f"{k} {v}" for k, v in a["basis"].items()) or "–"
            likely = f"{a['likely_contain']} / {a['likely']}" if a["likely"] else "–"
            out.append(f"| {c} | {n.rsplit(', ', 1)[0]} | {a['articles']} | {a['coverage']} | "
                       f"{pct(a['certain_contain'], a['coverage'])} | {width} | {likely} | "
                       f"{a['dated_from_other_articles']} | {basis} |")
    sh = res["data"].get("shared_happenings")
    if sh:
        out += ["", f"Articles that share a happening (story groups of two or more articles, {sh['how']}): " + "; ".join(
            f"{c} {v['articles_sharing']} of {v['articles']} ({v['multi_source_stories']} groups)"
            for c, v in sh["collections"].items()) + "."]
    out += ["", "True dates per collection (first – last; articles with another article of the collection at most 7 days "
            "away): " + "; ".join(f"{c} {v['first']} – {v['last']} ({v['with_another_within_7_days']} of {v['articles']})"
                                  for c, v in d["dct_spread"].items()) + "."]
    ev = d["evidence"]
    out += ["", "Evidence left in the undated copies (articles containing at least one): " + "; ".join(
        f"{s}: " + ", ".join(f"{k} {v}" for k, v in ev[s].items()) for s in SETS if s in ev) + "."]
    return "\n".join(out) + "\n"


MARK_START, MARK_END = "<!-- dates:start -->", "<!-- dates:end -->"


def render(quality_md):
    parts = [MARK_START, "<!-- Generated by bash scripts/date-bench.sh from bench/quality/results/dates-*.json; "
             "do not edit by hand. -->", "", "## Article dates without a date line (issue 17)", "",
             "`bash scripts/date-bench.sh [dev|test]` (`bench/quality/dates.py`, method in its docstring) removes the "
             "date lines, time stamps, title-end dates and dateline dates from the names set, the TimeML set and "
             "ECB+ (when bench/quality/out/ecb.jsonl exists: bench/quality/convert_ecb.py), runs each system once "
             "per collection (each MEANTIME topic, GUM, TimeML, each ECB+ topic) so articles may date each other, and "
             "checks every date a system states as certain against the true publication date: containment must be "
             "100 %. Baselines: the last 4-digit year mentioned (HeidelTime's narrative style) and the pipeline "
             "before issue 17 (54b3332).", ""]
    for split, what in (("test", "the split we report"), ("dev", "the split to tune on")):
        path = os.path.join(HERE, "results", f"dates-{split}.json")
        parts += [f"### {split} ({what})", ""]
        if not os.path.exists(path):
            parts += [f"Not run yet: `bash scripts/date-bench.sh {split}`.", ""]
            continue
        with open(path, encoding="utf-8") as f:
            res = json.load(f)
        m = res.get("run", {})
        parts += [f"Run {m.get('date', '?')} at commit {m.get('commit', '?')}; {m.get('seconds', '?')} s.", "",
                  markdown(res)]
    parts.append(MARK_END)
    body = "\n".join(parts).rstrip() + "\n"
    with open(quality_md, encoding="utf-8") as f:
        text = f.read()
    if MARK_START in text and MARK_END in text:
        head, rest = text.split(MARK_START, 1)
        text = head + body.rstrip("\n") + rest.split(MARK_END, 1)[1]
    else:  # first time: after the "Story groups" section, i.e. before the next "## " heading
        at = text.find("\n## ", text.find("## Story groups") + 1)
        at = len(text) if at < 0 else at + 1
        text = text[:at] + body + "\n" + text[at:]
    with open(quality_md, "w", encoding="utf-8") as f:
        f.write(text)


# ---------------------------------------------------------------- main

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=("dev", "test"))
    ap.add_argument("--data", default=os.path.join(HERE, "data"))
    ap.add_argument("--ecb", default=os.path.join(HERE, "out", "ecb.jsonl"),
                    help="ECB+ articles from convert_ecb.py (not committed; the set is left out when the file is absent)")
    ap.add_argument("--corpus", help="our binary (after issue 17)")
    ap.add_argument("--old-corpus", help="the binary at 54b3332 (today's per-article rule)")
    ap.add_argument("--work", help="folder for the article files (default bench/quality/out/dates-<split>)")
    ap.add_argument("--meta", default="{}", help="JSON run metadata (date, commit) to store")
    ap.add_argument("--out")
    ap.add_argument("--md")
    ap.add_argument("--render", help="rewrite the dates section of this QUALITY.md from the results and exit")
    args = ap.parse_args()
    if args.render:
        render(args.render)
        return 0
    if not args.split:
        ap.error("--split is required")
    t0 = datetime.datetime.now()
    work = args.work or os.path.join(HERE, "out", f"dates-{args.split}")
    articles, removed, notes = [], Counter(), []
    timex_gold = []
    for name in ("ner", "timex"):
        with open(os.path.join(args.data, f"{name}-{args.split}.jsonl"), encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    a = json.loads(line)
                    text, r = undate(a["text"])
                    removed.update({f"{set_of(a['id'])} {k}": v for k, v in r.items()})
                    articles.append({"id": a["id"], "dct": a["dct"], "text": text})
                    if name == "timex":
                        timex_gold.append(a)
    # ECB+: whole topics to one split (sha1 of the topic, as convert_data.py splits by document), so
    # each topic stays one collection. Its articles without a time stamp have no true date: they are
    # run with the others (evidence for them) but not scored.
    context = []
    if args.ecb and os.path.exists(args.ecb):
        with open(args.ecb, encoding="utf-8") as f:
            for line in f:
                a = json.loads(line)
                split = "dev" if hashlib.sha1(a["topic"].encode("utf-8")).digest()[0] % 2 == 0 else "test"
                if split != args.split:
                    continue
                text, r = undate(a["text"])
                removed.update({f"ECB+ {k}": v for k, v in r.items()})
                (articles if a.get("dct") else context).append({"id": a["id"], "dct": a.get("dct"), "text": text})
    else:
        notes.append(f"ECB+: not run (no {args.ecb}; make it with bench/quality/convert_ecb.py).")
    stems = sanitise_ids([a["id"] for a in articles + context])
    timeml = [a for a in articles if set_of(a["id"]) == "TimeML"]

    def per_set(docs):
        return {s: score_articles([a for a in articles if set_of(a["id"]) == s], docs) for s in SETS}

    def per_collection(docs):
        names = sorted({collection_of(a["id"]) for a in articles})
        return {c: score_articles([a for a in articles if collection_of(a["id"]) == c], docs) for c in names}

    systems, story_run, ran = {}, None, {}
    systems["last mentioned year"] = {"articles": per_set({a["id"]: last_year_doc(a["text"]) for a in articles})}
    binaries = [("ours", args.corpus), ("today's per-article rule (54b3332)", args.old_corpus)]
    for label, binary in binaries:
        if not binary:
            continue
        if binary == "none":
            notes.append(f"{label}: not run ({'CORPUS_BIN' if label == 'ours' else 'OLD_CORPUS_BIN'}=none).")
            continue
        if not os.access(binary, os.X_OK):
            notes.append(f"{label}: not run (no executable at {binary}); its rows are left out.")
            continue
        tag = "ours" if label == "ours" else "old"
        ran[label] = os.path.abspath(binary)
        for mode, alone in (("collection", False), ("each article alone", True)):
            docs, events, stories = run_binary(binary, articles + context, stems, os.path.join(work, f"{tag}-{mode[:5]}"),
                                               alone)
            systems[f"{label}, {mode}"] = {"articles": per_set(docs), "collections": per_collection(docs),
                                           "events": score_events(timex_gold, events)}
        if label == "ours":
            _, events, _ = run_binary(binary, timeml, stems, os.path.join(work, "ours-dct"), front_matter=True)
            systems["ours with the true DCT given (ceiling for events)"] = {
                "articles": {}, "events": score_events(timex_gold, events)}
        if story_run is None or tag == "old":  # a fixed reference for the data figure when the old binary exists
            # the undated texts with the true DCT as front matter (the date lines would group as one "happening")
            _, _, stories = run_binary(binary, articles + context, stems, os.path.join(work, f"{tag}-dated"),
                                       front_matter=True)
            story_run = {"how": f"{label} on the undated copies with the true DCT as front matter",
                         "collections": shared_happenings(articles + context, stories)}
    order = ["ours, collection", "ours, each article alone", "ours with the true DCT given (ceiling for events)",
             "today's per-article rule (54b3332), collection", "today's per-article rule (54b3332), each article alone",
             "last mentioned year"]
    systems = {k: systems[k] for k in order if k in systems}
    meta = json.loads(args.meta)
    meta["binaries"] = ran
    meta["seconds"] = round((datetime.datetime.now() - t0).total_seconds(), 1)
    res = {
        "split": args.split, "run": meta, "notes": notes,
        "data": {
            "articles": dict(Counter(set_of(a["id"]) for a in articles)),
            "ecb_topics": len({collection_of(a["id"]) for a in articles + context if set_of(a["id"]) == "ECB+"}),
            "ecb_context": len(context),
            "collections": dict(sorted(Counter(collection_of(a["id"]) for a in articles).items())),
            "removed": dict(sorted(removed.items())),
            "evidence": evidence(articles),
            "dct_spread": dct_spread(articles),
            "shared_happenings": story_run,
        },
        "systems": systems,
    }
    md = markdown(res)
    out = args.out or os.path.join(HERE, "results", f"dates-{args.split}.json")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w", encoding="utf-8") as f:
        json.dump(res, f, indent=1, ensure_ascii=False)
        f.write("\n")
    with open(args.md or out[:-5] + ".md", "w", encoding="utf-8") as f:
        f.write(md)
    print(md)
    return 0


if __name__ == "__main__":
    sys.exit(main())
