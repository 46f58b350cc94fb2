"""Builds the quality-benchmark gold data in bench/quality/data/ from public annotated news corpora.

    python3 bench/quality/convert_data.py [--mirror DIR] [--gum-mirror DIR] [--out DIR]

Sources (nothing is downloaded here): bare git mirrors of two public GitHub repositories, obtained with the
search tool's `fetch github:qiangning/StructTempRel-EMNLP17` and `fetch github:amir-zeldes/gum` (they land in
/work/.mirror/qiangning+StructTempRel-EMNLP17/repo and /work/.mirror/amir-zeldes+gum/repo, the defaults for
--mirror and --gum-mirror). Files are read with `git cat-file` at the pinned COMMIT / GUM_COMMIT below, so a
newer snapshot cannot silently change the output.

  * names  <- data/meantime_newsreader_english_oct15/intra-doc_annotation/corpus_*/*.xml
              NewsReader MEANTIME corpus, English section (120 Wikinews articles, CC BY 4.0)
           <- amir-zeldes/gum: dep/GUM_{news,interview}_*.conllu
              GUM corpus, its 43 Wikinews documents (24 news, 19 interviews; texts CC BY 2.5, annotations
              CC BY 4.0), whole documents; appended after the MEANTIME lines of ner-{dev,test}.jsonl
  * dates  <- data/TempEval3/Training/TBAQ-cleaned/{TimeBank,AQUAINT}/*.tml
              TempEval-3 training data (TimeBank 1.2 + AQUAINT TimeML, "TBAQ-cleaned").
              The TempEval-3 platinum test set (data/TempEval3/Evaluation/) is never read, and the
              converter asserts that none of its 20 document ids is in the output.

Outputs ner-{dev,test}.jsonl and timex-{dev,test}.jsonl (one article per line), split by document with
sha1(id): even first byte -> dev, odd -> test. Every line has its document creation date as "dct" (YYYY-MM-DD)
when the source gives one: TimeML's DCT, MEANTIME's CREATION_TIME timex on the date line, GUM's
meta::dateCreated (a ner line without one has no "dct"). See SOURCES.md for the conventions; the `stats` printed at the
end are the counts recorded there.
"""
import argparse
import datetime
import hashlib
import json
import os
import re
import subprocess
import sys
import urllib.parse
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict

COMMIT = "d6518a5a79d940d749c95ee5b72830714b132238"
REPO = "qiangning/StructTempRel-EMNLP17"
DEFAULT_MIRROR = "/work/.mirror/qiangning+StructTempRel-EMNLP17/repo"
MEANTIME_DIR = "data/meantime_newsreader_english_oct15/intra-doc_annotation"
TBAQ_DIR = "data/TempEval3/Training/TBAQ-cleaned"
# TempEval-3 platinum test documents: held out by the reviewers, must never be vendored.
PLATINUM = {
    "AP_20130322", "CNN_20130321_821", "CNN_20130322_1003", "CNN_20130322_1243", "CNN_20130322_248",
    "CNN_20130322_314", "WSJ_20130318_731", "WSJ_20130321_1145", "WSJ_20130322_159", "WSJ_20130322_804",
    "bbc_20130322_1150", "bbc_20130322_1353", "bbc_20130322_1600", "bbc_20130322_332", "bbc_20130322_721",
    "nyt_20130321_china_pollution", "nyt_20130321_cyprus", "nyt_20130321_sarcozy", "nyt_20130321_women_senate",
    "nyt_20130322_strange_computer",
}
# How many TBAQ documents to keep (chosen by sha1 of the id, so the choice is stable and mixes sources).
TIMEX_KEEP_PER_MILLE = 470
GUM_COMMIT = "72ce5ac14978a324c2fd18d49484e65292cbe316"
GUM_REPO = "amir-zeldes/gum"
GUM_DEFAULT_MIRROR = "/work/.mirror/amir-zeldes+gum/repo"
# The GUM genres taken: both are English Wikinews (every document's meta::author is "Wikinews").
GUM_GENRES = ("news", "interview")


# ---------------------------------------------------------------- git access

class Mirror:
    def __init__(self, git_dir, commit):
        self.git_dir, self.commit = git_dir, commit

    def ls(self, prefix):
        out = subprocess.run(["git", "--git-dir", self.git_dir, "ls-tree", "-r", "--name-only", self.commit, prefix],
                             check=True, capture_output=True, text=True).stdout
        return sorted(p for p in out.splitlines() if p)

    def read(self, path):
        return subprocess.run(["git", "--git-dir", self.git_dir, "cat-file", "blob", f"{self.commit}:{path}"],
                              check=True, capture_output=True).stdout


def split_of(doc_id):
    return "dev" if hashlib.sha1(doc_id.encode("utf-8")).digest()[0] % 2 == 0 else "test"


ATTRIBUTION = []  # (id, Wikinews URL) of every MEANTIME and GUM article, for the CC BY attribution in SOURCES.md

# ---------------------------------------------------------------- MEANTIME: detokenisation

NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", "%", ")", "]", "}", "''", "'", "...", "n't", "N'T"}
CLITICS = {"'s", "'S", "'re", "'ve", "'ll", "'d", "'m", "'RE", "'VE", "'LL", "'D", "'M"}
NO_SPACE_AFTER = {"(", "[", "{", "``", "`"}
JOIN_HYPHEN = {("Wal", "Mart"), ("iTunes", "compatible")}  # "Wal - Mart" is one word in the source text


def detokenise(sentences):
    """sentences: list of paragraphs, each a list of token strings. Returns (text, spans) with spans[p][i] =
    (start, end) code-point offsets of token i of paragraph p (or None for tokens dropped from the text)."""
    out = []
    pos = 0
    spans = []
    dquote_open = False
    for p_idx, toks in enumerate(sentences):
        if p_idx:
            out.append("\n\n")
            pos += 2
        pspans = []
        glue_next = True  # no space before the first token of a paragraph
        for i, tok in enumerate(toks):
            nxt = toks[i + 1] if i + 1 < len(toks) else ""
            prv = toks[i - 1] if i else ""
            surface = tok
            attach_left = False
            attach_right = False
            if tok == "``":
                surface, attach_right = '"', True
            elif tok == "''":
                surface, attach_left = '"', True
            elif tok == "`":
                surface, attach_right = "'", True
            elif tok == '"':
                if dquote_open:
                    attach_left = True
                else:
                    attach_right = True
                dquote_open = not dquote_open
            elif tok == "#" and nxt[:1].isdigit():
                surface, attach_right = "£", True  # PTB convention: '#' stands for the pound sign
            elif tok == "'" and nxt in ("re", "s", "ve", "ll", "d", "m", "t"):
                attach_left = attach_right = True  # "we ' re" in the source
            elif tok in NO_SPACE_BEFORE or tok in CLITICS:
                attach_left = True
            elif tok == "-" and ((prv, nxt) in JOIN_HYPHEN):
                attach_left = attach_right = True
            elif tok == "-" and nxt in ("and", "or") and prv[:1].isalpha():
                attach_left = True  # suspended hyphen: "medium- and short-haul"
            if tok in NO_SPACE_AFTER:
                attach_right = True
            if len(tok) == 2 and tok[0].isupper() and tok[1] == "'" and nxt[:1].isupper():
                attach_right = True  # "O' Leary" -> "O'Leary"
            if (tok.endswith("$") or tok == "£") and nxt[:1].isdigit():
                attach_right = True
            if not glue_next and not attach_left:
                out.append(" ")
                pos += 1
            start = pos
            out.append(surface)
            pos += len(surface)
            pspans.append((start, pos))
            glue_next = attach_right
        spans.append(pspans)
    return "".join(out), spans


# ---------------------------------------------------------------- MEANTIME: name spans

KIND = {"PER": "person", "ORG": "organisation", "LOC": "place"}
DETERMINERS = {"the", "The", "a", "A", "an", "An", "its", "Its", "their", "Their", "his", "His", "her", "Her"}
CONNECTORS = {"of", "and", "&", "de", "du", "des", "la", "le", "van", "von", "der", "den", "for", "on", "y", "al",
              "el", "bin", "da", "di", "del", "the", "'s"}
SEPARATORS = {",", "(", ")", "-", "--", ";", ":", "[", "]", "``", "''", '"'}
TITLES = {
    "President", "president", "Senator", "Sen.", "Minister", "Prime", "Chief", "Executive", "Officer", "CEO",
    "Chairman", "Chairwoman", "Vice", "Secretary", "Governor", "Gov.", "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.",
    "Dr", "Dr.", "Justice", "Judge", "General", "Gen.", "Representative", "Rep.", "Director", "Commissioner",
    "Chancellor", "Mayor", "Deputy", "Assistant", "Premier", "Lord",
    "Professor", "Prof.", "Captain", "Admiral", "Colonel", "Lieutenant", "Ambassador", "Spokesman",
    "Spokeswoman", "Founder", "Co-founder", "Treasurer", "Attorney", "Analyst", "Economist", "Editor",
}
SUFFIX_RE = re.compile(r"-(based|led|owned|run|made|backed|controlled|born)$")
# Demonym / adjective of a place used attributively ("Romanian auto plant"): not a place name.
DEMONYM_RE = re.compile(r"^[A-Z][a-z]+(ian|ean|can|man|ese|ish|i|ch|an)$")
DEMONYM_EXTRA = {"French", "Dutch", "Swiss", "Thai", "Greek", "Welsh", "Scots", "Basque", "Czech"}
COMPASS = {"North", "South", "East", "West", "Central", "Latin", "Southeast", "Northeast", "Southwest", "Northwest"}
NOT_DEMONYM = {
    "Japan", "Sudan", "Iran", "Taiwan", "Oman", "Jordan", "Michigan", "Milan", "Tehran", "Bhutan", "Wuhan",
    "Azerbaijan", "Yucatan", "Isfahan", "Hawaii", "Mali", "Malawi", "Brunei", "Djibouti", "Burundi", "Nairobi",
    "Helsinki", "Delhi", "Mumbai", "Shanghai", "Dubai", "Dhabi", "Karachi", "Hanoi", "Haiti", "Fiji", "Tbilisi",
    "Mississippi", "Missouri", "Cincinnati", "Miami", "Chennai", "Kigali", "Bangladesh", "Munich", "Zurich",
    "Manhattan", "Vatican", "Lebanon", "Yemen", "Bahrain", "Kuwait", "Qatar", "Ocean",
}


def is_demonym(surface):
    """"Romanian", "North American": a place adjective rather than a place name."""
    words = surface.split()
    last = words[-1]
    if not all(w in COMPASS for w in words[:-1]):
        return False
    if last in NOT_DEMONYM or last.endswith("stan"):
        return False
    return bool(DEMONYM_RE.match(last)) or last in DEMONYM_EXTRA


def name_like(tok):
    return bool(tok) and (tok[0].isupper() or (len(tok) > 1 and tok[0].islower() and tok[1].isupper()))


PRONOUNS = {"We", "It", "Our", "He", "His", "She", "Her", "They", "Their", "I", "You", "Its", "Us", "Them", "My",
            "Me", "This", "That", "These", "Those", "Who", "Which"}


def trim_mention(toks, kind, group):
    """Trims a MEANTIME mention extent (list of (token index, token)) to the name(s) a reader would call the
    entity. Returns a list of runs of (token index, token). group=True for mentions whose syntactic type is
    unset: those are often lists ("GM and Chrysler"), so every name in them is kept."""
    # segments: split at apposition / parenthesis / list separators and at gaps in the token anchors
    segments, cur, prev = [], [], None
    nxt_tok = {a[0]: b[1] for a, b in zip(toks, toks[1:])}
    for it in toks:
        gap = prev is not None and it[0] != prev + 1
        prev = it[0]
        joined = it[1] == "-" and cur and (cur[-1][1], nxt_tok.get(it[0], "")) in JOIN_HYPHEN
        if not joined and (it[1] in SEPARATORS or (group and it[1] in ("and", "&", "or")) or gap):
            segments.append(cur)
            cur = []
            if it[1] in SEPARATORS or (group and it[1] in ("and", "&", "or")):
                continue
        cur.append(it)
    segments.append(cur)
    runs = []
    for seg in segments:
        if not seg:
            continue
        if seg[-1][1] in ("'s", "'") and len(seg) > 1:
            continue  # a bare possessor ("Japan 's ( ANA"): the head is elsewhere
        # possessive inside: keep what the possessor qualifies ("Singapore 's Changi International Airport")
        for j in range(len(seg) - 2, -1, -1):
            if seg[j][1] in ("'s", "'") and not (j > 0 and seg[j - 1][1] == "People"):
                seg = seg[j + 1:]
                break
        r = core_name(seg, kind)
        if not r or (len(r) == 1 and r[0][1] in PRONOUNS):
            continue
        if not runs or group or kind == "place":
            runs.append(r)  # main name; or "Mobile , Alabama"; or every member of a list
        elif len(r) == 1 and r[0][1].isalpha() and r[0][1].isupper() and len(r[0][1]) > 1:
            runs.append(r)  # "General Motors ( GM": the acronym of the same entity
    return runs


def core_name(seg, kind):
    seg = list(seg)
    while seg and seg[0][1] in DETERMINERS:
        seg = seg[1:]
    if kind == "person" and any(t == "of" for _, t in seg):
        # "Prime Minister of Canada", "Chief Executive Officer of General Motors": a role, not a name; but
        # "President of the United States Barack Obama" ends with one (its place prefix is cut later)
        last_of = max(j for j, (_, t) in enumerate(seg) if t == "of")
        tail = seg[last_of + 1:]
        while tail and tail[0][1] in DETERMINERS:
            tail = tail[1:]
        if len(tail) < 3 or not all(name_like(t) for _, t in tail):
            return []
        seg = tail
    # trailing generic words ("Heathrow airport", "US government", "RTS exchanges")
    n_before = len(seg)
    while seg and not name_like(seg[-1][1]):
        seg = seg[:-1]
    if seg and len(seg) < n_before and is_demonym(" ".join(t for _, t in seg)):
        return []  # "Irish low cost airline", "its European division"
    # a leading descriptor ("automaker Chrysler", "United States airframer Boeing"): keep what follows the
    # last lower-case word that is not a connector inside the name ("Bank of America")
    cut = -1
    for j, (_, t) in enumerate(seg):
        if name_like(t):
            continue
        inside = ((t in CONNECTORS or t == "-") and 0 < j < len(seg) - 1
                  and name_like(seg[j - 1][1]) and name_like(seg[j + 1][1]))
        if not inside:
            cut = j
    seg = seg[cut + 1:]
    if kind == "person":
        if seg and seg[-1][1] in TITLES:
            return []  # "U.S. President", "Ryanair CEO": a role, not a name
        last_title = -1
        for j, (_, t) in enumerate(seg):
            if t in TITLES:
                last_title = j
        seg = seg[last_title + 1:]
    if kind == "place":
        while seg and seg[-1][1] in ("Government", "government", "governments", "Governments"):
            seg = seg[:-1]
    while seg and seg[-1][1] in CONNECTORS:
        seg = seg[:-1]
    if not seg or not name_like(seg[0][1]):
        return []
    return seg


def ner_doc(doc_id, dct, text, entities):
    """One line of ner-*.jsonl: id, the document creation date when the source gives one (else no "dct"),
    text, entities."""
    doc = {"id": doc_id}
    if dct:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", dct) and datetime.date.fromisoformat(dct), (doc_id, dct)
        doc["dct"] = dct
    doc["text"] = text
    doc["entities"] = entities
    return doc


def meantime_dct(root, dateline_tokens, dateline, doc_id, notes):
    """The article's creation date from MEANTIME's own annotation: the value of the TIMEX3 marked
    functionInDocument="CREATION_TIME", which the annotators anchored on the Wikinews date line (sentence 1, e.g.
    "June 13 , 2005"); in 2 files no TIMEX3 is marked so and the date line's own TIMEX3 (anchored on exactly its
    tokens) gives the value. The value is checked against the date line it is anchored on: one value is written
    DD-MM-YYYY ("03-02-2009" on "February 03 , 2009") and one contradicts its own extent and the timex anchored
    to it ("2008-10-20" on "October 10 , 2008", whose "the start of the day" is 2008-10-10); both take the date
    of the annotated extent. None when nothing is annotated on the date line."""
    line_ids = {t.get("t_id") for t in dateline_tokens}
    timexes = list(root.iter("TIMEX3"))
    dct_el = [t for t in timexes if t.get("functionInDocument") == "CREATION_TIME"]
    assert len(dct_el) <= 1, doc_id
    if not dct_el:
        dct_el = [t for t in timexes if t.get("type") == "DATE"
                  and {a.get("t_id") for a in t.findall("token_anchor")} == line_ids]
        if not dct_el:
            notes["meantime_dct_missing"][doc_id] += 1
            return None
        notes["meantime_dct_from_dateline_timex_not_marked_creation_time"][doc_id] += 1
    el = dct_el[0]
    assert {a.get("t_id") for a in el.findall("token_anchor")} == line_ids, doc_id
    on_line = datetime.datetime.strptime(dateline, "%B %d , %Y").date().isoformat()
    value = el.get("value") or ""
    if value != on_line:
        why = "not_iso" if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else "contradicts_its_extent"
        notes[f"meantime_dct_value_{why}_extent_used"][f"{doc_id}: {value} -> {on_line}"] += 1
    return on_line


def convert_meantime(mirror, stats, notes):
    docs = []
    paths = [p for p in mirror.ls(MEANTIME_DIR) if p.endswith(".xml")]
    assert len(paths) == 120, len(paths)
    for path in paths:
        root = ET.fromstring(mirror.read(path))
        corpus = path.split("/")[-2]
        doc_id = f"meantime_en/{corpus}/{root.get('doc_id')}"
        tokens = list(root.iter("token"))
        tok_by_id = {t.get("t_id"): t for t in tokens}
        markables = root.find("Markables")
        anchored = [int(tok_by_id[a.get("t_id")].get("sentence")) for m in markables for a in m.findall("token_anchor")]
        # MEANTIME annotates only the title and the first sentences of each article; keep exactly that part
        last_sentence = max(5, max(anchored))
        by_sentence = defaultdict(list)
        for t in tokens:
            s = int(t.get("sentence"))
            if s <= last_sentence:
                by_sentence[s].append(t)
        order = sorted(by_sentence)
        assert order[0] == 0
        # paragraphs: title, dateline (sentence 1, a date in every file), then the body sentences as one paragraph
        dateline = " ".join(t.text for t in by_sentence[1])
        assert re.match(r"^[A-Z][a-z]+ \d{1,2} , \d{4}$", dateline), (path, dateline)
        dct = meantime_dct(root, by_sentence[1], dateline, doc_id, notes)
        paras = [by_sentence[0], by_sentence[1], [t for s in order[2:] for t in by_sentence[s]]]
        text, spans = detokenise([[t.text for t in p] for p in paras])
        where = {}
        for p_idx, p in enumerate(paras):
            for i, t in enumerate(p):
                where[t.get("t_id")] = spans[p_idx][i]
        ents = {e.get("m_id"): e for e in markables.iter("ENTITY")}
        refers = {}
        for rel in root.find("Relations").iter("REFERS_TO"):
            target = rel.find("target").get("m_id")
            for s in rel.findall("source"):
                refers[s.get("m_id")] = target
        sentence_initial = {int(by_sentence[s][0].get("t_id")) for s in order}
        cands = []
        for m in markables.iter("ENTITY_MENTION"):
            syn = m.get("syntactic_type") or ""
            ent = ents.get(refers.get(m.get("m_id")))
            etype = ent.get("ent_type") if ent is not None else None
            stats["meantime_mentions_seen"][f"{syn or '-'}:{etype}"] += 1
            if syn not in ("NAM", "PRE.NAM", "") or etype not in KIND:
                continue
            kind = KIND[etype]
            ids = [a.get("t_id") for a in m.findall("token_anchor")]
            toks = [(int(i), tok_by_id[i].text) for i in ids]
            raw = " ".join(t for _, t in toks)
            group = syn == ""
            if group:
                # syntactic type left unset by the annotators: accept only extents made of names alone
                body = [t for _, t in toks]
                while body and body[0] in DETERMINERS:
                    body = body[1:]
                pure = body and all(name_like(t) or t in CONNECTORS or t in SEPARATORS or t in ("'s", "'", "or")
                                    for t in body)
                if not pure:
                    continue
            runs = trim_mention(toks, kind, group)
            if not runs:
                notes["dropped_not_a_name"][f"{kind} [{syn or '-'}]: {raw}"] += 1
                continue
            for run in runs:
                initial = group and len(run) == 1 and run[0][0] in sentence_initial
                start = where[str(run[0][0])][0]
                end = where[str(run[-1][0])][1]
                # "New York City-based" -> "New York City"; "Apple Inc.," -> "Apple Inc."
                msuf = SUFFIX_RE.search(text[start:end])
                if msuf:
                    end -= len(msuf.group(0))
                while end > start and text[end - 1] in ",;:\"'":
                    end -= 1
                while end > start and text[start] in "\"'":
                    start += 1
                surface = text[start:end]
                if not surface:
                    continue
                following = text[end:end + 40].split()
                if is_demonym(surface) and following and following[0][:1].isalpha():
                    # used attributively ("Romanian auto plant", "the Canadian Government"): not a name
                    notes["dropped_demonym"][f"{kind}: {surface} [{syn or '-'}]"] += 1
                    continue
                if surface != raw:
                    notes["trimmed"][f"{kind} [{syn or '-'}]: {raw}  ->  {surface}"] += 1
                cands.append((start, end, kind, syn, initial))
        # a one-word name with unset syntactic type at the start of a sentence may be a capitalised common
        # noun ("Automaker"): keep it only if it is an acronym or also annotated as a proper name in the article
        proper = {text[c[0]:c[1]] for c in cands if c[3] in ("NAM", "PRE.NAM")}
        kept_cands = []
        for start, end, kind, syn, initial in cands:
            if initial and not (text[start:end] in proper or text[start:end].isupper()):
                notes["dropped_sentence_initial_unset_type"][f"{kind}: {text[start:end]}"] += 1
                continue
            kept_cands.append((start, end, kind, syn))
        cands = kept_cands
        # flat annotation: identical spans merged (NAM, then PRE.NAM, then unset wins), a person span that
        # starts with another kind's name loses that prefix ("United States Barack Obama"), and spans nested
        # in a longer one are dropped
        rank = {"NAM": 0, "PRE.NAM": 1, "": 2}
        uniq = {}
        for start, end, kind, syn in sorted(cands, key=lambda c: rank[c[3]]):
            uniq.setdefault((start, end), (kind, syn))
        for (start, end), (kind, syn) in list(uniq.items()):
            if kind != "person":
                continue
            inner = [(s, e) for (s, e), (k, _) in uniq.items() if s == start and e < end and k != "person"]
            if inner:
                e_in = max(e for _, e in inner)
                rest = text[e_in:end].lstrip()
                if rest and name_like(rest.split()[0]):
                    del uniq[(start, end)]
                    uniq.setdefault((end - len(rest), end), (kind, syn))
                    notes["person_prefix_cut"][f"{text[start:end]}  ->  {rest}"] += 1
        # "Boeing and Lockheed Martin" (one NAM mention) when both names are annotated on their own: keep those
        for (start, end), (kind, syn) in list(uniq.items()):
            inner = [(s, e) for (s, e) in uniq if start <= s and e <= end and (s, e) != (start, end)]
            if len(inner) >= 2 and re.search(r" (and|&) ", text[start:end]):
                del uniq[(start, end)]
                notes["dropped_list_kept_members"][f"{kind}: {text[start:end]}"] += 1
        spans_sorted = sorted(uniq, key=lambda se: (se[0], -(se[1] - se[0])))
        kept = []
        for start, end in spans_sorted:
            if any(s <= start and end <= e for s, e, _ in kept):
                notes["dropped_nested"][f"{uniq[(start, end)][0]}: {text[start:end]}"] += 1
                continue
            if any(start < e and s < end for s, e, _ in kept):
                notes["dropped_crossing"][f"{uniq[(start, end)][0]}: {text[start:end]}"] += 1
                continue
            kept.append((start, end, uniq[(start, end)][0]))
        entities = []
        for start, end, kind in sorted(kept):
            surface = text[start:end]
            assert surface == surface.strip() and surface, (doc_id, surface)
            entities.append({"start": start, "end": end, "text": surface, "kind": kind})
        for e in entities:
            assert text[e["start"]:e["end"]] == e["text"]
        docs.append(ner_doc(doc_id, dct, text, entities))
        ATTRIBUTION.append((doc_id, root.get("url")))
    return docs


# ---------------------------------------------------------------- TBAQ (TimeBank + AQUAINT)

def tml_text(text_el):
    """Flattens <TEXT> into normalised plain text; returns (text, timexes) with offsets into it."""
    pieces = []  # (string, timex element or None)

    def walk(el, cur_timex):
        if el.tag == "TIMEX3":
            cur_timex = el
        if el.text:
            pieces.append((el.text, cur_timex))
        for child in el:
            walk(child, cur_timex)
            if child.tail:
                pieces.append((child.tail, cur_timex))

    walk(text_el, None)
    out = []
    pos = 0
    bounds = {}
    pending_ws = ""
    for s, tx in pieces:
        s = s.replace("``", '"').replace("''", '"')
        for ch in s:
            if ch.isspace():
                pending_ws += ch
                continue
            if pending_ws:
                if pos:  # collapse: a blank line separates paragraphs, any other whitespace run is one space
                    sep = "\n\n" if pending_ws.count("\n") >= 2 else " "
                    out.append(sep)
                    pos += len(sep)
                pending_ws = ""
            if tx is not None:
                b = bounds.setdefault(id(tx), [pos, pos + 1, tx])
                b[1] = pos + 1
            out.append(ch)
            pos += 1
    return "".join(out), list(bounds.values())


def convert_tbaq(mirror, stats, notes):
    docs = []
    paths = [p for p in mirror.ls(TBAQ_DIR) if p.endswith(".tml") and p.split("/")[-2] in ("TimeBank", "AQUAINT")]
    assert len(paths) == 256, len(paths)
    for path in paths:
        sub, name = path.split("/")[-2], path.split("/")[-1][:-4]
        assert name not in PLATINUM
        doc_id = f"tbaq/{sub}/{name}"
        if int(hashlib.sha1(doc_id.encode()).hexdigest()[:8], 16) % 1000 >= TIMEX_KEEP_PER_MILLE:
            continue
        root = ET.fromstring(mirror.read(path))
        dct_el = root.find("DCT/TIMEX3")
        assert dct_el.get("functionInDocument") == "CREATION_TIME"
        dct = dct_el.get("value")[:10]
        assert re.match(r"^\d{4}-\d{2}-\d{2}$", dct), (path, dct)
        text, bounds = tml_text(root.find("TEXT"))
        timexes = []
        for start, end, el in sorted(bounds, key=lambda b: b[0]):
            if el.get("functionInDocument") == "CREATION_TIME":
                notes["dropped_dct_timex_in_text"][doc_id] += 1
                continue
            ttype = el.get("type")
            assert ttype in ("DATE", "TIME", "DURATION", "SET"), ttype
            timexes.append({"start": start, "end": end, "text": text[start:end], "type": ttype,
                            "value": el.get("value") or ""})
        for t in timexes:
            assert text[t["start"]:t["end"]] == t["text"] and t["text"].strip() == t["text"]
        n_in_xml = sum(1 for e in root.find("TEXT").iter("TIMEX3") if e.get("functionInDocument") != "CREATION_TIME")
        assert n_in_xml == len(timexes), (doc_id, n_in_xml, len(timexes))
        docs.append({"id": doc_id, "dct": dct, "text": text, "timexes": timexes})
    return docs


# ---------------------------------------------------------------- GUM (Georgetown University Multilayer corpus)

GUM_KIND = {"person": "person", "organization": "organisation", "place": "place"}
NAME_POS = {"NNP", "NNPS"}
# function words allowed between two name tokens of an organisation or place name ("Bank of America",
# "Make-A-Wish Foundation"); person names only take particles ("Carlo De Benedetti") and hyphens
GUM_CONNECT = {"of", "for", "the", "and", "&", "de", "du", "des", "la", "le", "del", "da", "di", "von", "van",
               "der", "den", "on", "upon", "a", "y", "al", "el"}
GUM_PERSON_CONNECT = {"de", "du", "des", "la", "le", "del", "da", "di", "von", "van", "der", "den", "bin", "al", "y"}
GUM_TITLES = TITLES | {
    "Pope", "King", "Queen", "Prince", "Princess", "Sheikh", "Sir", "Dame", "Rev.", "Reverend", "Coach", "Sergeant",
    "Sgt.", "Capt.", "Lt.", "Col.", "Congressman", "Congresswoman", "Councillor", "Councilor", "Emperor", "Sheriff",
    "Administrator", "Undersecretary", "Spokesperson", "MP", "Manager", "Nominee", "Major"}
# a one-word "name" that is a capitalised generic word ("the Court", "the State", "the Administration")
GUM_GENERIC = {"Court", "State", "Crown", "Church", "Academy", "Party", "Department", "Ministry", "University",
               "Museum", "Government", "Building", "Station", "Centre", "Center", "Poet", "Administration"}
# a one-word person "name" that is a party affiliation ("John Cornyn, Republican from Texas")
GUM_PARTY_MEMBER = {"Republican", "Democrat", "Libertarian", "Conservative", "Liberal", "Socialist", "Independent"}


def gum_parse_conllu(data):
    """Returns (meta, sentences); a sentence is a dict with newpar (starts a paragraph), text (# text), words (the
    10 columns of each word line) and units (surface tokens: [form, space after, word indices]; a multi-word token
    such as "don't" is one unit over two words)."""
    meta, sents, cur = {}, [], None
    for line in data.decode("utf-8").split("\n"):
        if not line:
            if cur is not None and cur["rows"]:
                sents.append(cur)
            cur = None
            continue
        if cur is None:
            cur = {"newpar": False, "text": None, "rows": []}
        if line.startswith("# "):
            key, _, val = line[2:].partition(" = ")
            if key.startswith("meta::") or key == "newdoc id":
                meta[key] = val
            elif key == "newpar":
                cur["newpar"] = True
            elif key == "text":
                cur["text"] = val
            continue
        cur["rows"].append(line.split("\t"))
    if cur is not None and cur["rows"]:
        sents.append(cur)
    for s in sents:
        words, units, mwt_end = [], [], 0
        for f in s["rows"]:
            assert len(f) == 10, f
            if "." in f[0]:
                continue  # empty node (enhanced dependencies)
            if "-" in f[0]:
                a, b = map(int, f[0].split("-"))
                units.append([f[1], "SpaceAfter=No" not in f[9].split("|"), list(range(a - 1, b))])
                mwt_end = b
                continue
            words.append(f)
            assert int(f[0]) == len(words), f
            if int(f[0]) > mwt_end:
                units.append([f[1], "SpaceAfter=No" not in f[9].split("|"), [len(words) - 1]])
        s["words"], s["units"] = words, units
    return meta, sents


def gum_text(sents):
    """Plain text of a GUM document: one paragraph per `# newpar` block (the first is the title), sentences of a
    paragraph joined by a space, tokens by SpaceAfter; a PTB quote token `` -> ". Returns (text, where) with
    where[(sentence, word)] = (start, end). Asserts that every sentence reads exactly as its `# text`."""
    out, pos, where = [], 0, {}
    for si, s in enumerate(sents):
        if si:
            sep = "\n\n" if s["newpar"] else " "
            out.append(sep)
            pos += len(sep)
        sent_start = pos
        for ui, (form, space, widx) in enumerate(s["units"]):
            form = {"``": '"', "''": '"'}.get(form, form)
            start = pos
            out.append(form)
            pos += len(form)
            if len(widx) == 1:
                where[(si, widx[0])] = (start, pos)
            else:
                subs = [s["words"][w][1] for w in widx]
                assert "".join(subs) == form, (form, subs)
                p = start
                for w, sub in zip(widx, subs):
                    where[(si, w)] = (p, p + len(sub))
                    p += len(sub)
            if space and ui + 1 < len(s["units"]):
                out.append(" ")
                pos += 1
        assert "".join(out)[sent_start:] == s["text"].replace("``", '"'), s["text"]
    return "".join(out), where


def gum_mentions(sents):
    """Entity mentions from the MISC `Entity=` brackets: (sentence, first word, last word, fields) with fields =
    [eid, etype, infstat, salience, centering, minspan, link(, identity)] (the document's global.Entity)."""
    out = []
    for si, s in enumerate(sents):
        open_ = defaultdict(list)
        for wi, f in enumerate(s["words"]):
            ent = next((kv[7:] for kv in f[9].split("|") if kv.startswith("Entity=")), "")
            for m in re.finditer(r"\(([^()]+)\)?|([^()]+)\)", ent):
                if m.group(1) is not None:
                    fields = m.group(1).split("-", 7)
                    if m.group(0).endswith(")"):
                        out.append((si, wi, wi, fields))
                    else:
                        open_[fields[0]].append((wi, fields))
                else:
                    start, fields = open_[m.group(2)].pop()
                    out.append((si, start, wi, fields))
        assert not any(open_.values()), open_
    return out


def is_title(word):
    return word in GUM_TITLES or word[:1].upper() + word[1:] in GUM_TITLES  # also "Major general Fuad Basya"


def gum_names(words, st, en, kind, fields, nested, notes, raw):
    """The names in one person / organisation / place mention words[st..en] (fields: its Entity= fields; nested:
    {word index: {(eid, etype)}} of the other entities' mentions inside it). Returns (runs, modifier): runs are
    lists of word indices, none when it is not a named mention; modifier is True when the name is a modifier of a
    common-noun head ("Yonhap news agency")."""
    idx = list(range(st, en + 1))
    ids = {int(words[i][0]) for i in idx}
    heads = [i for i in idx if int(words[i][6]) not in ids]

    def head_of(i):
        return int(words[i][6]) - 1

    def is_name(i):
        return words[i][4] in NAME_POS

    def connector(i):
        w = words[i]
        if w[4] == "HYPH":
            return True
        if kind == "person":
            return w[1] in GUM_PERSON_CONNECT
        if w[4] == "CD" or (w[4] in ("JJ", "NN") and w[1][:1].isupper()) or (w[4] == ":" and w[1] in "-–"):
            return True  # "Movimento 5 Stelle", "Council on American - Islamic Relations"
        if w[4] == "POS":
            # "Korean People's Army", "New People's Party"; not "Italy's la Repubblica" (the possessor is an entity
            # of its own) nor "Texas A&M's Aerospace Engineering Department" (the possessor is a name)
            return i > st and not nested.get(i - 1) and (words[i - 1][1] in ("People", "Women", "Men", "Children")
                                                         or words[i - 1][4] == "NNPS")
        return w[1].lower() in GUM_CONNECT and w[4] in ("IN", "DT", "CC")

    def crossable(k, h):
        if words[k][1].lower() in ("and", "&", "or"):
            # "Boeing and Airbus": the next conjunct hangs on the mention head and is an entity of its own -> a list
            c = head_of(k)
            return not (words[c][7] == "conj" and head_of(c) == h and nested.get(c))
        return True

    def closed(lo, hi):
        # one attachment point outside the run ("Biologist Nick Bos": both name tokens hang on "Biologist")
        return len({head_of(i) for i in range(lo, hi + 1) if not lo <= head_of(i) <= hi}) == 1

    def run_around(h, subtree=True):
        """The longest run of name tokens around h (function words only between two name tokens) that is a
        subtree of its own ("Taikoo" of "Taikoo of the Hong Kong Island constituency"); subtree=False: the
        longest run (for mentions made of names alone, whose parse may hang them on words outside)."""
        los, his = [h], [h]
        j = h
        while True:
            k = j - 1
            while k >= st and connector(k) and not is_name(k) and crossable(k, h):
                k -= 1
            if k >= st and is_name(k) and all(crossable(x, h) for x in range(k + 1, j)):
                j = k
                los.append(j)
            else:
                break
        j = h
        while True:
            k = j + 1
            while k <= en and connector(k) and not is_name(k) and crossable(k, h):
                k += 1
            # not "University of Sheffield of the UK": "of the" + a country is where, not part of the name
            of_the_place = ([words[x][1].lower() for x in range(j + 1, k)] == ["of", "the"]
                            and {t for _, t in nested.get(k, ())} == {"place"})
            if k <= en and is_name(k) and all(crossable(x, h) for x in range(j + 1, k)) and not of_the_place:
                j = k
                his.append(j)
            else:
                break
        # a trailing number belongs to the name ("Building 31", "Orbiter Processing Facility-1")
        last = his[-1]
        if kind != "person" and last + 2 <= en and words[last + 1][4] == "HYPH" and words[last + 2][4] == "CD":
            his.append(last + 2)
        elif kind != "person" and last + 1 <= en and words[last + 1][4] == "CD":
            his.append(last + 1)
        # a leading capitalised adjective of an organisation or place name ("Greek Ministry of Culture"; not
        # "Pro-Beijing DAB")
        first = min(los)
        if kind != "person" and first > st and words[first - 1][4] == "JJ" and words[first - 1][1].isalpha() \
                and words[first - 1][1][:1].isupper() and first <= head_of(first - 1) <= max(his):
            los.append(first - 1)
        for hi in sorted(his, reverse=True):
            for lo in sorted(los):
                if closed(lo, hi) or not subtree:
                    return list(range(lo, hi + 1))
        return list(range(min(los), max(his) + 1))  # parse quirk ("New York" with two heads): all the names

    def after_head(h):
        """A common-noun head followed by the name ("actor Jason Beghe", "news agency Korean Central News
        Agency"): the first run of names after the head that is not another entity's mention and follows the
        head, a noun, an adjective, another entity's mention or "named"/"called"."""
        for i in range(h + 1, en + 1):
            if is_name(i) and not nested.get(i) and not is_name(i - 1):
                prev = words[i - 1]
                if i - 1 == h or prev[4] in ("NN", "NNS", "JJ") or nested.get(i - 1) or prev[1] in ("named", "called"):
                    r = run_around(i)
                    if r[0] >= i and words[i][1][:1].isupper():
                        notes["gum_descriptor_head"][f"{kind}: {raw}  ->  " + " ".join(words[k][1] for k in r)] += 1
                        return [r]
        return []

    def before_head(h):
        """An organisation or place named by a modifier of a common-noun head ("Yonhap news agency", "the NATO
        military alliance", "the Hells Angels biker gang"): the run of names right before the head and its
        lower-case modifiers, when it is not another entity's mention and no list ("the Architectural, Surveying,
        Planning and Landscape constituency")."""
        j = h - 1
        while j >= st and words[j][4] in ("NN", "NNS", "JJ") and words[j][1][:1].islower():
            j -= 1
        if kind == "person" or j < st or not is_name(j) or nested.get(j) or any(words[i][4] == "," for i in idx):
            return []
        r = run_around(j)
        if (r[-1] != j or any(nested.get(i) for i in r)
                or not all(words[i][1][:1].isupper() or words[i][4] == "HYPH" for i in r)):
            return []
        notes["gum_modifier_name"][f"{kind}: {raw}  ->  " + " ".join(words[k][1] for k in r)] += 1
        return [r]

    def last_run():
        """A title head ("Undersecretary for Education Mr. Toccafondi"): the names that end the mention, when
        they hold a title or follow another entity's name; not "State" of "the Secretary of State"."""
        e = en - 1 if words[en][4] == "POS" else en
        if e > st and is_name(e):
            r = run_around(e)
            if (r[-1] == e and not all(nested.get(i) for i in r)
                    and (any(is_title(words[i][1]) for i in r) or nested.get(r[0]) or nested.get(r[0] - 1))):
                notes["gum_title_head"][f"{kind}: {raw}  ->  " + " ".join(words[k][1] for k in r)] += 1
                return r
        return []

    def names_only(toks):
        return all(is_name(i) or connector(i) or words[i][4] in (",", "DT", "POS", "CC") for i in toks)

    if kind == "person" and words[st][1].lower() in ("a", "an"):
        notes["gum_dropped_indefinite"][f"{kind}: {raw}"] += 1  # "a Republican", "A Connecticut Yankee"
        return [], False
    body = [i for i in idx if words[i][4] not in ("DT", "``", "''")]
    single_name_head = len(heads) == 1 and is_name(heads[0])
    runs, modifier = [], False
    if single_name_head and not (kind == "place" and names_only(body) and any(words[i][4] == "," for i in body)):
        r = run_around(heads[0])
        runs = [r]
        if (kind == "person" and r[0] == body[0] and r[-1] + 2 <= en and words[r[-1] + 1][1] == ","
                and all(is_name(i) for i in range(r[-1] + 2, en + 1))
                and words[en][1] not in ("QC", "SC", "Jr.", "Sr.", "Jr", "Sr")):
            runs = [list(range(r[0], en + 1))]  # "Austen, Jane" (a reading list)
        elif (kind == "person" and r[-1] + 2 <= en and words[r[-1] + 1][1] == "]" and is_name(r[-1] + 2)
              and st < r[0] and words[r[0] - 1][1] == "["):
            runs = [list(range(r[0] - 1, en + 1))]  # "[George W.] Bush" (editorial brackets in an interview)
    elif len(heads) == 1 and not single_name_head:
        runs = after_head(heads[0])
        if not runs:
            runs = before_head(heads[0])
            modifier = bool(runs)
    elif body and names_only(body):
        # several heads, or a place list ("Victoria, Australia"): made of names alone, every run of names
        seen = set()
        for i in idx:
            if is_name(i) and i not in seen:
                r = run_around(i, subtree=False)
                seen.update(r)
                if kind == "person" and r[0] > st and words[r[0] - 1][4] == "-LRB-":
                    continue  # "U.S. Senator (R-Texas)"
                runs.append(r)
    if kind == "person" and len(runs) == 1 and all(is_title(words[i][1]) for i in runs[0]):
        runs = [last_run() or runs[0]]
    # the entity's Wikipedia title (GUM's Wikification), when it is written out inside the mention, settles
    # what the rules could not: no name found ("overseas minister Gérald Darmanin", "journal Nature Climate
    # Change"), a name cut short by the parse ("Hebrew University" of "Hebrew University of Jerusalem's"), a
    # descriptor before a person's name ("Scientologist Tom Cruise"). Not "City, State" titles (places are split
    # at commas) and not one-word person titles ("Doctor" of "Doctor Who").
    identity = urllib.parse.unquote(fields[7]).replace("_", " ") if len(fields) > 7 else ""
    identity = re.sub(r"^The ", "", re.sub(r" \(.*\)$", "", identity))
    id_run = None
    if identity and "," not in identity:
        for a in idx:
            for b in range(a, en + 1):
                if (is_name(a) and is_name(b) and names_only(range(a, b + 1))
                        and "".join(words[i][1] + ("" if "SpaceAfter=No" in words[i][9] else " ")
                                    for i in range(a, b + 1)).strip() == identity):
                    id_run = list(range(a, b + 1))
    identity_used = False
    if id_run:
        inside = [r for r in runs if id_run[0] <= r[0] and r[-1] <= id_run[-1]]
        if not runs or (inside and inside != [id_run]):
            runs = [id_run] + [r for r in runs if r not in inside]
            identity_used = True
        elif (kind == "person" and len(runs) == 1 and len(id_run) > 1 and runs[0][0] <= id_run[0]
              and id_run[-1] <= runs[0][-1] and runs[0] != id_run):
            runs = [id_run]
            identity_used = True
        if identity_used:
            modifier = False
            notes["gum_identity_name"][f"{kind}: {raw}  ->  {identity}"] += 1
    out = []
    for r in runs:
        if kind == "person" and identity != " ".join(words[i][1] for i in r) and not (identity_used and r == id_run):
            # "US President Donald Trump", "Environment Minister John Baird": drop a leading name of another
            # entity and everything up to the last title ("Captain America" stays: that is its identity)
            changed = True
            while changed and r:
                changed = False
                t = [k for k, i in enumerate(r) if is_title(words[i][1])]
                if t:
                    r = r[t[-1] + 1:]
                    changed = True
                if r and nested.get(r[0]):
                    other, k = nested[r[0]], 0
                    while k < len(r) and nested.get(r[k], set()) & other:
                        k += 1
                    if k < len(r):
                        r = r[k:]
                        changed = True
            while r and connector(r[0]) and not is_name(r[0]):
                r = r[1:]
        if not r:
            notes["gum_dropped_title_only"][f"{kind}: {raw}"] += 1
            continue
        if set.intersection(*(nested.get(i, set()) for i in r)):
            # the run is another entity's name ("State Department" in "the State Department Spokesperson",
            # "Australia" in "Victoria, Australia"): that mention gives it
            notes["gum_dropped_other_entity_name"][f"{kind}: {raw}  ->  " + " ".join(words[i][1] for i in r)] += 1
            continue
        out.append(r)
    return out, modifier


def gum_not_a_name(r, words, kind, st, en, mention_head):
    """Why a name run is not a name a reader would tag (or None)."""
    first, last = words[r[0]], words[r[-1]]
    if len(r) == 1 and first[7] == "amod" and (DEMONYM_RE.match(first[1]) or first[1] in DEMONYM_EXTRA):
        return "demonym"  # "English captain Harry Kane" (where "English" is a mention of England)
    if kind == "person" and last[4] == "NNPS":
        return "group_noun"  # "Americans", "the Palestinians", "Senate Democrats"
    if len(r) == 1 and first[4] == "NNPS" and first[1].endswith("s") and is_demonym(first[1][:-1]):
        return "group_noun"  # "the Belgians" (a football team)
    if kind == "person" and len(r) == 1 and first[1] in GUM_PARTY_MEMBER:
        return "group_noun"
    if kind == "person" and len(r) == 3 and words[r[1]][4] == "HYPH" and last[1][:1].islower():
        return "compound_word"  # "Scientology-critic" (not "Kim Jong-un", "Lee Cheuk-yan": more than one word)
    if len(r) == 1 and first[1] in GUM_GENERIC:
        return "generic_word"
    if mention_head is not None:
        up = int(words[mention_head][6]) - 1
        # the mention modifies a longer proper name that is no person / organisation / place mention ("World" in
        # "FIFA World Cup", "Pilot" in "Joint Jet Pilot Training"), or sits beside another name modifying the same
        # noun ("Man of the Match" in "the Budweiser Man of the Match award"); titles do not count ("US President")
        sibling = st > 0 and words[st - 1][4] in NAME_POS and int(words[st - 1][6]) - 1 == up
        between = range(en + 1, up) if up > en else range(up + 1, st)
        if words[mention_head][7] == "compound" and not st <= up <= en and (
                (words[up][4] in NAME_POS and not is_title(words[up][1])
                 and all(words[i][4] in NAME_POS for i in between))  # not "Sochi, Russia", "Newsmax / Zogby"
                or (sibling and words[up][4] not in NAME_POS)):
            return "inside_longer_name"
    return None


def convert_gum_doc(data, stats, notes):
    """One GUM document (dep/*.conllu) -> (meta, text, entities)."""
    meta, sents = gum_parse_conllu(data)
    text, where = gum_text(sents)
    mentions = gum_mentions(sents)
    by_sent = defaultdict(list)
    for m in mentions:
        by_sent[m[0]].append(m)
    cands = []
    group_nouns = set()
    for si, st, en, fields in mentions:
        stats["gum_mentions_seen"][fields[1]] += 1
        if fields[1] not in GUM_KIND:
            continue
        kind = GUM_KIND[fields[1]]
        words = sents[si]["words"]
        raw = " ".join(words[i][1] for i in range(st, en + 1))
        nested = defaultdict(set)
        for _, st2, en2, f2 in by_sent[si]:
            if st <= st2 and en2 <= en and (st2, en2) != (st, en) and f2[0] != fields[0]:
                for i in range(st2, en2 + 1):
                    nested[i].add((f2[0], f2[1]))
        ids = {int(words[i][0]) for i in range(st, en + 1)}
        heads = [i for i in range(st, en + 1) if int(words[i][6]) not in ids]
        runs, modifier = gum_names(words, st, en, kind, fields, nested, notes, raw)
        for r in runs:
            start, end = where[(si, r[0])][0], where[(si, r[-1])][1]
            surface = text[start:end]
            why = gum_not_a_name(r, words, kind, st, en, heads[0] if len(heads) == 1 else None)
            if why:
                notes["gum_dropped_" + why][f"{kind}: {raw}  ->  {surface}"] += 1
                if why == "group_noun":
                    group_nouns.add(surface)
                continue
            if surface != raw:
                notes["gum_trimmed"][f"{kind}: {raw}  ->  {surface}"] += 1
            cands.append((start, end, kind, en - st, modifier))
    # "One Rohingya" when "the Rohingya" is a group noun in the same article
    for c in [c for c in cands if c[2] == "person" and text[c[0]:c[1]] in group_nouns]:
        notes["gum_dropped_group_noun"][f"person: {text[c[0]:c[1]]} (a group noun in this article)"] += 1
        cands.remove(c)
    # a modifier name that is another kind's name in the same article: "Bush" of "the Bush administration" (a
    # person), "US" of "the US team" (a place)
    kinds_of = defaultdict(set)
    for c in cands:
        if not c[4]:
            kinds_of[text[c[0]:c[1]]].add(c[2])
    for c in [c for c in cands if c[4] and kinds_of[text[c[0]:c[1]]] - {c[2]}]:
        notes["gum_dropped_modifier_of_other_kind"][f"{c[2]}: {text[c[0]:c[1]]}"] += 1
        cands.remove(c)
    # flat annotation: identical spans merged (the shortest original mention gives the kind), names nested in a
    # longer kept name dropped ("New York" in "New York Press"), crossing spans dropped
    uniq = {}
    for start, end, kind, _, _ in sorted(cands, key=lambda c: c[3]):
        if (start, end) in uniq and uniq[(start, end)] != kind:
            notes["gum_kind_conflict"][f"{text[start:end]}: {uniq[(start, end)]} over {kind}"] += 1
        uniq.setdefault((start, end), kind)
    kept = []
    for start, end in sorted(uniq, key=lambda se: (se[0], -(se[1] - se[0]))):
        if any(s <= start and end <= e for s, e, _ in kept):
            notes["gum_dropped_nested"][f"{uniq[(start, end)]}: {text[start:end]}"] += 1
            continue
        if any(start < e and s < end for s, e, _ in kept):
            notes["gum_dropped_crossing"][f"{uniq[(start, end)]}: {text[start:end]}"] += 1
            continue
        kept.append((start, end, uniq[(start, end)]))
    entities = []
    for start, end, kind in sorted(kept):
        surface = text[start:end]
        assert surface and surface == surface.strip(), surface
        entities.append({"start": start, "end": end, "text": surface, "kind": kind})
    return meta, text, entities


GUM_DATE_LINE_RE = re.compile(r"(?:[A-Z][a-z]+day, )?([A-Z][a-z]+ \d{1,2}, \d{4})")


def gum_dct(meta, text, doc_id, notes):
    """The article's creation date from GUM's document metadata (`# meta::dateCreated = YYYY-MM-DD`, the
    Wikinews page's creation date); None when absent. The Wikinews date line of the text ("Tuesday, September 1,
    2015", looked for in the first three paragraphs) is only compared with it, in the notes: 4 texts have none,
    13 have it in one paragraph with the headline (11 interviews) or with the first sentence (2: GUM marks no
    paragraph break there), and 3 give another date than the metadata, which is kept."""
    dct = meta.get("meta::dateCreated")
    if not dct:
        notes["gum_dct_missing"][doc_id] += 1
        return None
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", dct), (doc_id, dct)
    for para in text.split("\n\n")[:3]:
        m = GUM_DATE_LINE_RE.search(para)
        if m:
            break
    if not m:
        notes["gum_dct_no_date_line_in_text"][doc_id] += 1
        return dct
    if m.group(0) != para:
        notes["gum_dct_date_line_not_a_paragraph_of_its_own"][doc_id] += 1
    on_line = datetime.datetime.strptime(m.group(1), "%B %d, %Y").date().isoformat()
    if on_line != dct:
        notes["gum_dct_date_line_differs_metadata_kept"][f"{doc_id}: {dct} (date line {m.group(0)})"] += 1
    return dct


def convert_gum(mirror, stats, notes):
    docs = []
    pattern = r"dep/GUM_(%s)_[a-z0-9]+\.conllu" % "|".join(GUM_GENRES)
    paths = [p for p in mirror.ls("dep") if re.fullmatch(pattern, p)]
    assert len(paths) == 43, len(paths)
    for path in paths:
        meta, text, entities = convert_gum_doc(mirror.read(path), stats, notes)
        name = path.split("/")[-1][: -len(".conllu")]
        assert meta["newdoc id"] == name and meta["meta::author"] == "Wikinews", (path, meta.get("meta::author"))
        assert meta["meta::genre"] in GUM_GENRES and meta["meta::sourceURL"].startswith("https://en.wikinews.org/")
        doc_id = name.lower()  # "gum_news_afghan"
        for e in entities:
            assert text[e["start"]:e["end"]] == e["text"]
        docs.append(ner_doc(doc_id, gum_dct(meta, text, doc_id, notes), text, entities))
        ATTRIBUTION.append((doc_id, meta["meta::sourceURL"]))
    return docs


# ---------------------------------------------------------------- main

def write_split(sources, out_dir, stem):
    """sources: one list of documents per corpus; each is sorted by id and written after the previous one, so
    adding a corpus appends lines and leaves the earlier ones byte-for-byte as they were."""
    parts = {"dev": [], "test": []}
    for docs in sources:
        for d in sorted(docs, key=lambda d: d["id"]):
            parts[split_of(d["id"])].append(d)
    for split, items in parts.items():
        with open(os.path.join(out_dir, f"{stem}-{split}.jsonl"), "w", encoding="utf-8") as f:
            for d in items:
                f.write(json.dumps(d, ensure_ascii=False) + "\n")
    return parts


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mirror", default=DEFAULT_MIRROR, help="bare git dir of %s" % REPO)
    ap.add_argument("--gum-mirror", default=GUM_DEFAULT_MIRROR, help="bare git dir of %s" % GUM_REPO)
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "data"))
    ap.add_argument("--notes", action="store_true", help="print every trimmed / dropped mention")
    ap.add_argument("--attribution", action="store_true", help="print the Markdown list of Wikinews sources")
    args = ap.parse_args()
    mirror = Mirror(args.mirror, COMMIT)
    gum_mirror = Mirror(args.gum_mirror, GUM_COMMIT)
    os.makedirs(args.out, exist_ok=True)
    stats = defaultdict(Counter)
    notes = defaultdict(Counter)
    ner_sources = [convert_meantime(mirror, stats, notes), convert_gum(gum_mirror, stats, notes)]
    ner = write_split(ner_sources, args.out, "ner")
    timex = write_split([convert_tbaq(mirror, stats, notes)], args.out, "timex")
    for split in ("dev", "test"):
        for label, prefix in (("all", ""), ("meantime", "meantime_en/"), ("gum", "gum_")):
            part = [d for d in ner[split] if d["id"].startswith(prefix)]
            ents = Counter(e["kind"] for d in part for e in d["entities"])
            chars = sum(len(d["text"]) for d in part)
            dated = sum(1 for d in part if d.get("dct"))
            print(f"ner-{split} [{label}]: {len(part)} articles ({dated} with a dct, {len(part) - dated} without), "
                  f"{chars} characters, {sum(ents.values())} entities {dict(sorted(ents.items()))}")
    for split in ("dev", "test"):
        tys = Counter(t["type"] for d in timex[split] for t in d["timexes"])
        src = Counter(d["id"].split("/")[1] for d in timex[split])
        print(f"timex-{split}: {len(timex[split])} articles {dict(src)}, {sum(tys.values())} timexes "
              f"{dict(sorted(tys.items()))}")
    if args.attribution:
        for doc_id, url in sorted(ATTRIBUTION):
            print(f"- `{doc_id}` ({split_of(doc_id)}): <{url}>")
    for k, c in notes.items():
        print(f"{k}: {sum(c.values())}")
        if args.notes:
            for item, n in sorted(c.items()):
                print(f"    {n} x {item}")


if __name__ == "__main__":
    sys.exit(main())
