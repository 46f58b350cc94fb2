"""Builds the quality-benchmark gold data in bench/quality/data/ from public annotated news corpora.

    python3 bench/quality/convert_data.py [--mirror DIR] [--out DIR]

Source (nothing is downloaded here): a bare git mirror of the public GitHub repository
qiangning/StructTempRel-EMNLP17, obtained with the search tool's `fetch github:qiangning/StructTempRel-EMNLP17`
(it lands in /work/.mirror/qiangning+StructTempRel-EMNLP17/repo, the default for --mirror). Files are read
with `git cat-file` at the pinned COMMIT below, so a newer snapshot cannot silently change the output.

  * names  <- data/meantime_newsreader_english_oct15/intra-doc_annotation/corpus_*/*.xml
              NewsReader MEANTIME corpus, English section (120 Wikinews articles, CC BY 4.0)
  * dates  <- data/TempEval3/Training/TBAQ-cleaned/{TimeBank,AQUAINT}/*.tml
              TempEval-3 training data (TimeBank 1.2 + AQUAINT TimeML, "TBAQ-cleaned").
              The TempEval-3 platinum test set (data/TempEval3/Evaluation/) is never read, and the
              converter asserts that none of its 20 document ids is in the output.

Outputs ner-{dev,test}.jsonl and timex-{dev,test}.jsonl (one article per line), split by document with
sha1(id): even first byte -> dev, odd -> test. See SOURCES.md for the conventions; the `stats` printed at the
end are the counts recorded there.
"""
import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
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


ATTRIBUTION = []  # (id, Wikinews URL) of every MEANTIME article, for the CC BY attribution in SOURCES.md

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
        docs.append({"id": doc_id, "text": text, "entities": entities})
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


# ---------------------------------------------------------------- main

def write_split(docs, out_dir, stem):
    parts = {"dev": [], "test": []}
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
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "data"))
    ap.add_argument("--notes", action="store_true", help="print every trimmed / dropped mention")
    ap.add_argument("--attribution", action="store_true", help="print the Markdown list of Wikinews sources")
    args = ap.parse_args()
    mirror = Mirror(args.mirror, COMMIT)
    os.makedirs(args.out, exist_ok=True)
    stats = defaultdict(Counter)
    notes = defaultdict(Counter)
    ner = write_split(convert_meantime(mirror, stats, notes), args.out, "ner")
    timex = write_split(convert_tbaq(mirror, stats, notes), args.out, "timex")
    for split in ("dev", "test"):
        ents = Counter(e["kind"] for d in ner[split] for e in d["entities"])
        print(f"ner-{split}: {len(ner[split])} articles, {sum(ents.values())} entities {dict(sorted(ents.items()))}")
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
