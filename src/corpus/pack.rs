//! A compact binary form of a built corpus, so the browser does not run the pipeline.
//!
//! `build.rs` runs [`Corpus::build`] natively and embeds [`encode`]'s bytes; the page calls
//! [`decode`], which reads documents, entities and events back and rebuilds only the search
//! index (cheap, and derived, so it is not stored). Measured in BENCHMARKS.md: start-up indexing
//! in the browser was most of the cold load at 1 000 articles and more.
//!
//! Format: the magic `CXP` + a version byte, the length of the structure stream, the structure
//! stream, then the text stream. The structure stream holds the fields of each type in
//! declaration order: integers as LEB128 varints (signed ones zigzagged), lists and strings
//! length-prefixed. The bytes of every string go to the text stream instead, back to back, so
//! the article text stays contiguous and compresses as well as the raw files (interleaving the
//! numbers made the brotli-compressed wasm ~40 % bigger at 1 000 articles). Decoding checks every
//! length against the bytes left, so damaged input is an `Err`, never a panic or a huge
//! allocation.

use super::{
    Alias, Corpus, DateBasis, DateValue, Day, Document, Entity, EntityKind, Event, Mention, Paragraph, Precision,
    Sentence, Unresolved,
};

const MAGIC: &[u8; 4] = b"CXP\x05";
const DOCUMENTS_MAGIC: &[u8; 4] = b"CXD\x01";

/// Why packed bytes could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error(pub String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

type Result<T> = std::result::Result<T, Error>;

/// The corpus as bytes (everything but the index, which [`decode`] rebuilds).
pub fn encode(corpus: &Corpus) -> Vec<u8> {
    let mut w = Writer::default();
    corpus.documents.put(&mut w);
    corpus.entities.put(&mut w);
    corpus.events.put(&mut w);
    corpus.warnings.put(&mut w);
    w.frame(MAGIC)
}

/// Reads what [`encode`] wrote.
pub fn decode(bytes: &[u8]) -> Result<Corpus> {
    let mut r = Reader::unframe(bytes, MAGIC, "a packed corpus")?;
    let documents = Vec::<Document>::take(&mut r)?;
    let mut entities = Vec::<Entity>::take(&mut r)?;
    let mut events = Vec::<Event>::take(&mut r)?;
    let warnings = Vec::<String>::take(&mut r)?;
    r.finish()?;
    check_references(&documents, &entities, &events)?;
    // Derived from the mentions, so not stored (they compress poorly: ~10 % of the packed
    // structure at 1 000 articles).
    super::link_entity_docs(&documents, &mut entities);
    super::link_events(&documents, &mut events);
    Ok(Corpus::from_parts(documents, entities, events, warnings))
}

/// Some articles alone, in the same form (the static corpus's text chunks, `shelf`).
pub fn encode_documents(documents: Vec<Document>) -> Vec<u8> {
    let mut w = Writer::default();
    documents.put(&mut w);
    w.frame(DOCUMENTS_MAGIC)
}

/// Reads what [`encode_documents`] wrote, checking its references against a collection of
/// `doc_count` articles and `entity_count` names.
pub fn decode_documents(bytes: &[u8], doc_count: usize, entity_count: usize) -> Result<Vec<Document>> {
    let mut r = Reader::unframe(bytes, DOCUMENTS_MAGIC, "a chunk of articles")?;
    let documents = Vec::<Document>::take(&mut r)?;
    r.finish()?;
    check_documents(&documents, doc_count, entity_count)?;
    Ok(documents)
}

/// Every index and span points inside what it refers to, as the pipeline guarantees: the UI
/// indexes with them directly, so damaged bytes must be refused here.
fn check_references(documents: &[Document], entities: &[Entity], events: &[Event]) -> Result<()> {
    check_documents(documents, documents.len(), entities.len())?;
    for e in events {
        let Some(sentence) = documents.get(e.doc as usize).and_then(|d| d.sentences.get(e.sentence as usize)) else {
            return bad("event");
        };
        if !span_ok(&sentence.text, e.start, e.end) {
            return bad("event");
        }
    }
    Ok(())
}

/// [`check_references`] for articles of a collection of `doc_count` articles and
/// `entity_count` names.
pub(super) fn check_documents(documents: &[Document], doc_count: usize, entity_count: usize) -> Result<()> {
    for doc in documents {
        if doc.date_from.iter().any(|&d| d as usize >= doc_count) {
            return bad("article date source");
        }
        for p in &doc.paragraphs {
            if p.first > p.end || p.end as usize > doc.sentences.len() {
                return bad("paragraph");
            }
        }
        for m in &doc.title_mentions {
            if m.entity as usize >= entity_count || !span_ok(&doc.title, m.start, m.end) {
                return bad("title mention");
            }
        }
        for u in &doc.unresolved {
            if !doc.sentences.get(u.sentence as usize).is_some_and(|s| span_ok(&s.text, u.start, u.end)) {
                return bad("unresolved date");
            }
        }
        for s in &doc.sentences {
            if s.paragraph as usize >= doc.paragraphs.len() {
                return bad("sentence");
            }
            for m in &s.mentions {
                if m.entity as usize >= entity_count || !span_ok(&s.text, m.start, m.end) {
                    return bad("mention");
                }
            }
        }
    }
    Ok(())
}

fn bad<T>(what: &str) -> Result<T> {
    Err(Error(format!("the packed corpus has a dangling {what}")))
}

fn span_ok(text: &str, start: u32, end: u32) -> bool {
    start <= end && text.is_char_boundary(start as usize) && text.is_char_boundary(end as usize)
}

/// The two streams being written: structure (`meta`) and string bytes (`text`).
#[derive(Default)]
pub(super) struct Writer {
    meta: Vec<u8>,
    text: Vec<u8>,
}

impl Writer {
    /// `magic`, the length of the structure stream, the structure stream, the text stream.
    pub(super) fn frame(self, magic: &[u8; 4]) -> Vec<u8> {
        let mut out = Writer { meta: magic.to_vec(), text: Vec::new() };
        out.varint(self.meta.len() as u64);
        let mut bytes = out.meta;
        bytes.extend_from_slice(&self.meta);
        bytes.extend_from_slice(&self.text);
        bytes
    }

    pub(super) fn varint(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.meta.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.meta.push(v as u8);
    }
}

pub(super) struct Reader<'a> {
    meta: &'a [u8],
    at: usize,
    text: &'a [u8],
    text_at: usize,
}

impl<'a> Reader<'a> {
    /// Reads what [`Writer::frame`] wrote; `what` names the kind of file in the message.
    pub(super) fn unframe(bytes: &'a [u8], magic: &[u8; 4], what: &str) -> Result<Reader<'a>> {
        let rest = bytes.strip_prefix(magic).ok_or_else(|| Error(format!("not {what} (wrong header)")))?;
        let mut header = Reader { meta: rest, at: 0, text: &[], text_at: 0 };
        let meta_len = header.len()?;
        let (meta, text) = rest[header.at..].split_at(meta_len);
        Ok(Reader { meta, at: 0, text, text_at: 0 })
    }

    /// Everything was read: trailing bytes mean the file is not what it says.
    pub(super) fn finish(&self) -> Result<()> {
        let extra = (self.meta.len() - self.at) + (self.text.len() - self.text_at);
        if extra > 0 {
            return Err(Error(format!("{extra} unexpected bytes after the corpus")));
        }
        Ok(())
    }

    fn byte(&mut self) -> Result<u8> {
        let b = *self.meta.get(self.at).ok_or_else(|| Error("the packed corpus ends early".into()))?;
        self.at += 1;
        Ok(b)
    }

    pub(super) fn varint(&mut self) -> Result<u64> {
        // Most numbers are deltas under 128, one byte: read those without the loop.
        if let Some(&b) = self.meta.get(self.at).filter(|&&b| b < 0x80) {
            self.at += 1;
            return Ok(u64::from(b));
        }
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(Error("a number in the packed corpus is too long".into()))
    }

    /// A list length, which cannot exceed the structure bytes left (every element writes at
    /// least one).
    pub(super) fn len(&mut self) -> Result<usize> {
        let n = self.varint()?;
        let left = (self.meta.len() - self.at) as u64;
        if n > left {
            return Err(Error(format!("a list of {n} items in {left} bytes")));
        }
        Ok(n as usize)
    }
}

/// `n` items read by `take`, in order; the first error stops it. A loop rather than
/// `collect::<Result<Vec<_>, _>>()`, which instantiates an iterator adapter of its own at every
/// call: the served page's decoders call this instead (its wasm, BENCHMARKS.md). `n` may come
/// from a damaged file, so at most 65 536 items are reserved ahead of reading them.
pub(super) fn take_n<T>(n: usize, mut take: impl FnMut() -> Result<T>) -> Result<Vec<T>> {
    let mut out = Vec::with_capacity(n.min(1 << 16));
    for _ in 0..n {
        out.push(take()?);
    }
    Ok(out)
}

pub(super) trait Pack: Sized {
    fn put(&self, w: &mut Writer);
    fn take(r: &mut Reader<'_>) -> Result<Self>;
}

impl Pack for u32 {
    fn put(&self, w: &mut Writer) {
        w.varint(u64::from(*self));
    }
    fn take(r: &mut Reader<'_>) -> Result<Self> {
        u32::try_from(r.varint()?).map_err(|_| Error("a number in the packed corpus is out of range".into()))
    }
}

impl Pack for i32 {
    fn put(&self, w: &mut Writer) {
        w.varint(u64::from(((*self << 1) ^ (*self >> 31)) as u32));
    }
    fn take(r: &mut Reader<'_>) -> Result<Self> {
        let z = u32::take(r)?;
        Ok(((z >> 1) as i32) ^ -((z & 1) as i32))
    }
}

impl Pack for u8 {
    fn put(&self, w: &mut Writer) {
        w.meta.push(*self);
    }
    fn take(r: &mut Reader<'_>) -> Result<Self> {
        r.byte()
    }
}

impl Pack for bool {
    fn put(&self, w: &mut Writer) {
        w.meta.push(u8::from(*self));
    }
    fn take(r: &mut Reader<'_>) -> Result<Self> {
        match r.byte()? {
            0 => Ok(false),
            1 => Ok(true),
            b => Err(Error(format!("{b} is not a boolean"))),
        }
    }
}

impl Pack for String {
    fn put(&self, w: &mut Writer) {
        w.varint(self.len() as u64);
        w.text.extend_from_slice(self.as_bytes());
    }
    fn take(r: &mut Reader<'_>) -> Result<Self> {
        let n = r.varint()?;
        let left = r.text.len() - r.text_at;
        if n > left as u64 {
            return Err(Error(format!("a string of {n} bytes in {left}")));
        }
        let bytes = &r.text[r.text_at..r.text_at + n as usize];
        r.text_at += n as usize;
        String::from_utf8(bytes.to_vec()).map_err(|_| Error("a string in the packed corpus is not UTF-8".into()))
    }
}

impl<T: Pack> Pack for Vec<T> {
    fn put(&self, w: &mut Writer) {
        w.varint(self.len() as u64);
        for item in self {
            item.put(w);
        }
    }
    fn take(r: &mut Reader<'_>) -> Result<Self> {
        let n = r.len()?;
        take_n(n, || T::take(r))
    }
}

// Tuples field by field: the static corpus's directories are lists of them (`shelf`).
impl<A: Pack, B: Pack> Pack for (A, B) {
    fn put(&self, w: &mut Writer) {
        self.0.put(w);
        self.1.put(w);
    }
    fn take(r: &mut Reader<'_>) -> Result<Self> {
        Ok((A::take(r)?, B::take(r)?))
    }
}

impl<A: Pack, B: Pack, C: Pack> Pack for (A, B, C) {
    fn put(&self, w: &mut Writer) {
        self.0.put(w);
        self.1.put(w);
        self.2.put(w);
    }
    fn take(r: &mut Reader<'_>) -> Result<Self> {
        Ok((A::take(r)?, B::take(r)?, C::take(r)?))
    }
}

impl<T: Pack> Pack for Option<T> {
    fn put(&self, w: &mut Writer) {
        match self {
            None => w.meta.push(0),
            Some(v) => {
                w.meta.push(1);
                v.put(w);
            }
        }
    }
    fn take(r: &mut Reader<'_>) -> Result<Self> {
        Ok(if bool::take(r)? { Some(T::take(r)?) } else { None })
    }
}

/// Fieldwise `Pack` for a struct: each field in declaration order, through its own `Pack` impl
/// or, written `field: Codec`, through a [`Codec`] that knows more about its values. Paths are
/// spelled out so the other file formats (`shelf`) use it too.
macro_rules! pack_struct {
    ($ty:ident { $($field:ident $(: $codec:ident)?),* $(,)? }) => {
        impl crate::corpus::pack::Pack for $ty {
            fn put(&self, w: &mut crate::corpus::pack::Writer) {
                $(pack_struct!(@put w, self.$field $(, $codec)?);)*
            }
            fn take(
                r: &mut crate::corpus::pack::Reader<'_>,
            ) -> std::result::Result<Self, crate::corpus::pack::Error> {
                Ok($ty { $($field: pack_struct!(@take r $(, $codec)?)),* })
            }
        }
    };
    (@put $w:ident, $value:expr) => { crate::corpus::pack::Pack::put(&$value, $w) };
    (@put $w:ident, $value:expr, $codec:ident) => { $codec::put(&$value, $w) };
    (@take $r:ident) => { crate::corpus::pack::Pack::take($r)? };
    (@take $r:ident, $codec:ident) => { $codec::take($r)? };
}
pub(crate) use pack_struct;

/// A way to write one field's value that uses what is known about it (order, spans), so the
/// numbers are small and the structure stream compresses.
trait Codec {
    type Value;
    fn put(value: &Self::Value, w: &mut Writer);
    fn take(r: &mut Reader<'_>) -> Result<Self::Value>;
}

/// A list `decode` recomputes from the mentions (`Entity::docs`, `Event::entities`): not stored.
struct Derived;

impl Codec for Derived {
    type Value = Vec<u32>;
    fn put(_: &Vec<u32>, _: &mut Writer) {}
    fn take(_: &mut Reader<'_>) -> Result<Vec<u32>> {
        Ok(Vec::new())
    }
}

/// A sentence's mentions (sorted, non-overlapping): gap from the previous one's end, length,
/// entity.
struct Mentions;

impl Codec for Mentions {
    type Value = Vec<Mention>;
    fn put(value: &Vec<Mention>, w: &mut Writer) {
        w.varint(value.len() as u64);
        let mut previous_end = 0;
        for m in value {
            w.varint(u64::from(m.start.wrapping_sub(previous_end)));
            w.varint(u64::from(m.end.wrapping_sub(m.start)));
            w.varint(u64::from(m.entity));
            previous_end = m.end;
        }
    }
    fn take(r: &mut Reader<'_>) -> Result<Vec<Mention>> {
        let n = r.len()?;
        let mut previous_end = 0u32;
        (0..n)
            .map(|_| {
                let start = previous_end.wrapping_add(u32::take(r)?);
                let end = start.wrapping_add(u32::take(r)?);
                previous_end = end;
                Ok(Mention { start, end, entity: u32::take(r)? })
            })
            .collect()
    }
}

/// `Pack` for a field-less enum, as its variant's position in the list.
macro_rules! pack_enum {
    ($ty:ident [$($variant:ident),* $(,)?]) => {
        impl Pack for $ty {
            fn put(&self, w: &mut Writer) {
                let all = [$($ty::$variant),*];
                w.meta.push(all.iter().position(|v| v == self).unwrap_or(0) as u8);
            }
            fn take(r: &mut Reader<'_>) -> Result<Self> {
                let all = [$($ty::$variant),*];
                let b = r.byte()?;
                all.get(b as usize).copied().ok_or_else(|| Error(format!("{b} is not a {}", stringify!($ty))))
            }
        }
    };
}

pack_enum!(Precision[Day, Month, Season, Year, Range, Week, Quarter, Half, Decade]);
pack_enum!(EntityKind[Person, Organisation, Place, Other]);
pack_enum!(DateBasis[Given, Printed, Text, Collection, Unknown]);
// Days and date spans are validated as calendar values, not only as bytes: a `Day` with month 13
// would otherwise reach `DateValue::label`, which indexes the month names with it.
impl Pack for Day {
    fn put(&self, w: &mut Writer) {
        self.year.put(w);
        self.month.put(w);
        self.day.put(w);
    }
    fn take(r: &mut Reader<'_>) -> Result<Self> {
        let (year, month, day) = (i32::take(r)?, u8::take(r)?, u8::take(r)?);
        Day::new(year, month, day).ok_or_else(|| Error(format!("{year}-{month}-{day} is not a calendar day")))
    }
}

impl Pack for DateValue {
    fn put(&self, w: &mut Writer) {
        self.start.put(w);
        self.end.put(w);
        self.precision.put(w);
    }
    fn take(r: &mut Reader<'_>) -> Result<Self> {
        let (start, end, precision) = (Day::take(r)?, Day::take(r)?, Precision::take(r)?);
        if end < start {
            return Err(Error(format!("date span ends ({}) before it starts ({})", end.iso(), start.iso())));
        }
        Ok(DateValue { start, end, precision })
    }
}
pack_struct!(Mention { start, end, entity });
pack_struct!(Sentence { text, paragraph, boilerplate, mentions: Mentions });
pack_struct!(Paragraph { first, end, boilerplate });
pack_struct!(Unresolved { sentence, start, end, note });
pack_struct!(Document {
    id,
    title,
    date,
    date_inferred,
    date_reason,
    date_basis,
    date_likely,
    date_earliest,
    date_latest,
    date_evidence,
    date_from,
    source,
    url,
    paragraphs,
    sentences,
    title_mentions: Mentions,
    unresolved
});
pack_struct!(Alias { text, count });
pack_struct!(Entity { name, kind, aliases, docs: Derived, mentions });
pack_struct!(Event { date, doc, sentence, start, end, expression, resolution, inferred, entities: Derived });

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Source;

    fn sample() -> Corpus {
        let texts = [
            ("a", "---\ntitle: Harbour deal\ndate: 2016-05-14\n---\nThe Harbour Trust (HT) signed on 13 May 2016, Ana Costa said. HT hired Bo Lind.\n\nRelated reading:\nOther story"),
            ("b", "Ana Costa left the Harbour Trust last month.\n\nÜber café naïve – «quotes» 😀."),
            ("c", ""),
        ];
        let sources: Vec<Source<'_>> = texts.iter().map(|(id, text)| Source { id, text }).collect();
        let toml = "[[entity]]\nname = \"Harbour Trust\"\naliases = [\"HT\"]\nkind = \"organisation\"\nbroken line";
        Corpus::build(&sources, Some(toml))
    }

    #[test]
    fn decoding_gives_back_the_same_corpus_index_included() {
        let corpus = sample();
        assert!(!corpus.events.is_empty() && !corpus.entities.is_empty() && !corpus.warnings.is_empty());
        let back = decode(&encode(&corpus)).unwrap();
        assert_eq!(format!("{back:?}"), format!("{corpus:?}"));
    }

    #[test]
    fn the_packed_form_is_deterministic_and_smaller_than_debug_text() {
        let bytes = encode(&sample());
        assert_eq!(bytes, encode(&sample()));
        assert!(bytes.len() < format!("{:?}", sample()).len() / 2);
    }

    #[test]
    fn damaged_bytes_are_an_error_not_a_panic() {
        let bytes = encode(&sample());
        assert!(decode(b"").is_err());
        assert!(decode(b"not a corpus at all").unwrap_err().0.contains("header"));
        // Every truncation fails cleanly.
        for cut in 0..bytes.len() {
            assert!(decode(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        let mut extra = bytes.clone();
        extra.push(0);
        assert!(decode(&extra).unwrap_err().0.contains("unexpected bytes"));
        // A huge length does not allocate; it is refused.
        let mut huge = MAGIC.to_vec();
        huge.extend_from_slice(&[5, 0xff, 0xff, 0xff, 0xff, 0x0f]);
        assert!(decode(&huge).unwrap_err().0.contains("items in"));
    }

    #[test]
    fn impossible_calendar_values_are_refused() {
        let valid = Day::new(2016, 5, 14).unwrap();
        for (year, month, day) in [(2016, 0, 1), (2016, 13, 1), (2016, 2, 30), (2016, 5, 0)] {
            let mut w = Writer::default();
            Day { year, month, day }.put(&mut w);
            let mut r = Reader { meta: &w.meta, at: 0, text: &[], text_at: 0 };
            assert!(Day::take(&mut r).unwrap_err().0.contains("not a calendar day"), "{year}-{month}-{day}");
        }
        let backwards = DateValue { start: valid, end: valid.add_days(-1), precision: Precision::Range };
        let mut w = Writer::default();
        backwards.put(&mut w);
        let mut r = Reader { meta: &w.meta, at: 0, text: &[], text_at: 0 };
        assert!(DateValue::take(&mut r).unwrap_err().0.contains("before it starts"));
    }

    #[test]
    fn signed_years_survive() {
        for year in [-44, -1, 0, 1, 1970, 2016, i32::MAX, i32::MIN] {
            let mut w = Writer::default();
            year.put(&mut w);
            let mut r = Reader { meta: &w.meta, at: 0, text: &[], text_at: 0 };
            assert_eq!(i32::take(&mut r).unwrap(), year);
        }
    }
}
