//! The one filter state of the UI and its mirror in the URL fragment.
//!
//! Pure (no web-sys) so it is unit-tested natively. The fragment is used rather than the query
//! string because it works identically on any static host, under any sub-path and over `file://`,
//! and never reaches a server.

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use crate::corpus::curate::{self, Edit};
use crate::corpus::{Corpus, Day, Query};

/// Result ordering.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    #[default]
    Relevance,
    Date,
}

/// Everything a link can restore. Entities are kept by canonical name (stable across builds),
/// documents by id.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ViewState {
    pub text: String,
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    pub from: Option<Day>,
    pub to: Option<Day>,
    pub doc: Option<String>,
    /// The open article's number on a served corpus (`corpus::shelf`, where ids are not
    /// known before the text is fetched); the page checks the fetched article's id against
    /// `doc`, so a link from another build never opens the wrong article.
    pub number: Option<u32>,
    pub sentence: Option<u32>,
    pub sort: Sort,
}

/// What a link is checked against: the names and articles of the corpus it opens on.
pub trait Known {
    /// The canonical name for a spelling, if the corpus has it.
    fn canonical(&self, name: &str) -> Option<String>;
    /// How many sentences the article with this id has, if it is in the corpus.
    fn sentences(&self, id: &str) -> Option<u32>;
}

impl Known for Corpus {
    fn canonical(&self, name: &str) -> Option<String> {
        self.entity_by_name(name).map(|i| self.entities[i as usize].name.clone())
    }
    fn sentences(&self, id: &str) -> Option<u32> {
        self.document_by_id(id).map(|i| self.documents[i as usize].sentences.len() as u32)
    }
}

/// What a chip is doing to the filter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChipState {
    Neutral,
    Required,
    Excluded,
}

impl ChipState {
    /// The mark before the chip's name (beside its colour, so the state is not colour alone).
    pub fn mark(self) -> &'static str {
        match self {
            ChipState::Neutral => "",
            ChipState::Required => "✓ ",
            ChipState::Excluded => "⊘ ",
        }
    }

    /// `aria-pressed`: a three-state toggle button.
    pub fn pressed(self) -> &'static str {
        match self {
            ChipState::Neutral => "false",
            ChipState::Required => "true",
            ChipState::Excluded => "mixed",
        }
    }
}

impl ViewState {
    /// The query the corpus understands. Names that no longer exist are dropped here (and
    /// reported once, by [`ViewState::from_fragment`]).
    pub fn query(&self, corpus: &Corpus) -> Query {
        Query {
            text: self.text.clone(),
            include: self.include.iter().filter_map(|n| corpus.entity_by_name(n)).collect(),
            exclude: self.exclude.iter().filter_map(|n| corpus.entity_by_name(n)).collect(),
            from: self.from,
            to: self.to,
        }
    }

    pub fn chip_state(&self, name: &str) -> ChipState {
        if self.include.iter().any(|n| n == name) {
            ChipState::Required
        } else if self.exclude.iter().any(|n| n == name) {
            ChipState::Excluded
        } else {
            ChipState::Neutral
        }
    }

    /// Neutral → required → excluded → neutral: one control, three states.
    pub fn cycle_entity(&mut self, name: &str) {
        match self.chip_state(name) {
            ChipState::Neutral => self.include.push(name.to_string()),
            ChipState::Required => {
                self.include.retain(|n| n != name);
                self.exclude.push(name.to_string());
            }
            ChipState::Excluded => self.exclude.retain(|n| n != name),
        }
    }

    /// The filter after a name correction: a name merged away or renamed is filtered by the
    /// name it now has, a hidden one no longer (so the view keeps meaning what it meant).
    pub fn follow(&mut self, edit: &Edit) {
        let (gone, now): (Vec<&str>, Option<&str>) = match edit {
            Edit::Merge { into, from } => (from.iter().map(String::as_str).collect(), Some(into)),
            Edit::Rename { from, to } => (vec![from.as_str()], Some(to.trim())),
            Edit::Hide { name } => (vec![name.as_str()], None),
            Edit::Split { .. } | Edit::Kind { .. } | Edit::Date { .. } => return,
        };
        for list in [&mut self.include, &mut self.exclude] {
            let before = list.len();
            list.retain(|n| !gone.contains(&n.as_str()));
            if let Some(now) = now.filter(|now| list.len() < before && !list.iter().any(|n| n == now)) {
                list.push(now.to_string());
            }
        }
    }

    /// Undoing `edit`: a renamed name in the filter gets its old name back (the new one names
    /// nothing any more). A merge's kept name still names articles, and a hidden name left
    /// the filter, so those stay as they are.
    pub fn unfollow(&mut self, edit: &Edit) {
        if let Edit::Rename { from, to } = edit {
            self.follow(&Edit::Rename { from: to.trim().to_string(), to: from.clone() });
        }
    }

    /// Clicking a mention in the reader: require it, or drop it if already in the filter.
    pub fn toggle_entity(&mut self, name: &str) {
        match self.chip_state(name) {
            ChipState::Neutral => self.include.push(name.to_string()),
            _ => {
                self.include.retain(|n| n != name);
                self.exclude.retain(|n| n != name);
            }
        }
    }

    pub fn has_filters(&self) -> bool {
        !self.text.trim().is_empty()
            || !self.include.is_empty()
            || !self.exclude.is_empty()
            || self.from.is_some()
            || self.to.is_some()
    }

    /// Clears the filter but keeps the open article.
    pub fn clear_filters(&mut self) {
        self.text.clear();
        self.include.clear();
        self.exclude.clear();
        self.from = None;
        self.to = None;
    }

    /// `q=…&in=…&ex=…&from=…&to=…&doc=…&s=…&sort=date`, defaults omitted, names joined by `|`.
    pub fn to_fragment(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        if !self.text.is_empty() {
            parts.push(format!("q={}", encode(&self.text)));
        }
        if !self.include.is_empty() {
            parts.push(format!("in={}", encode_list(&self.include)));
        }
        if !self.exclude.is_empty() {
            parts.push(format!("ex={}", encode_list(&self.exclude)));
        }
        if let Some(from) = self.from {
            parts.push(format!("from={}", from.iso()));
        }
        if let Some(to) = self.to {
            parts.push(format!("to={}", to.iso()));
        }
        if let Some(doc) = &self.doc {
            parts.push(format!("doc={}", encode(doc)));
            if let Some(n) = self.number {
                parts.push(format!("n={n}"));
            }
            if let Some(s) = self.sentence {
                parts.push(format!("s={s}"));
            }
        }
        if self.sort == Sort::Date {
            parts.push("sort=date".to_string());
        }
        parts.join("&")
    }

    /// Reads a fragment (with or without the leading `#`). Anything unknown, stale or malformed
    /// falls back to the default for that part and yields a notice for the reader.
    pub fn from_fragment(fragment: &str, corpus: &impl Known) -> (ViewState, Vec<String>) {
        let mut state = ViewState::default();
        let mut notices = Vec::new();
        let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
        for pair in fragment.split('&').filter(|p| !p.is_empty()) {
            let (key, raw) = pair.split_once('=').unwrap_or((pair, ""));
            let value = decode(raw);
            match key {
                "q" => state.text = value,
                "in" | "ex" => {
                    for name in raw.split('|').map(decode).filter(|n| !n.is_empty()) {
                        match corpus.canonical(&name) {
                            Some(canonical) => {
                                let list = if key == "in" { &mut state.include } else { &mut state.exclude };
                                if !list.contains(&canonical) {
                                    list.push(canonical);
                                }
                            }
                            None => notices.push(format!(
                                "The link names an entity that is not in this corpus: “{name}”. It was ignored."
                            )),
                        }
                    }
                }
                "from" | "to" => match Day::parse_iso(&value) {
                    Some(day) if key == "from" => state.from = Some(day),
                    Some(day) => state.to = Some(day),
                    None => notices
                        .push(format!("The link has a date that could not be read: {key}=“{value}”. It was ignored.")),
                },
                "doc" => match corpus.sentences(&value) {
                    Some(_) => state.doc = Some(value),
                    None => notices.push(format!("The link opens an article that is not in this corpus: “{value}”.")),
                },
                "s" => state.sentence = value.parse().ok(),
                "n" => state.number = value.parse().ok(),
                "sort" => state.sort = if value == "date" { Sort::Date } else { Sort::Relevance },
                // A debugging flag handled by the app shell, not part of the view.
                "debug" => {}
                // Name corrections, taken by the workspace (see [`edits_from_fragment`]).
                "ed" => {}
                _ => notices
                    .push(format!("The link has a part this version does not understand: “{key}”. It was ignored.")),
            }
        }
        if let (Some(from), Some(to)) = (state.from, state.to) {
            if from > to {
                state.from = Some(to);
                state.to = Some(from);
                notices.push("The link's date range was reversed; it was put in order.".to_string());
            }
        }
        // A sentence only means something inside an open article that has it.
        let sentence_count = state.doc.as_deref().and_then(|id| corpus.sentences(id)).unwrap_or(0);
        if state.sentence.is_some_and(|s| s >= sentence_count) {
            state.sentence = None;
        }
        (state, notices)
    }
}

/// Name corrections travel in a link as `ed=…` (`curate`'s line form, percent-encoded) while that
/// part stays under this many characters; a longer list stays with the reader, since links of
/// many kilobytes break in mail and chat clients.
pub const MAX_LINK_EDITS: usize = 1500;

/// `fragment` with its `ed=` part replaced by `edits` (or dropped when there are none, or too
/// many for a link).
pub fn with_edits(fragment: &str, edits: &[Edit]) -> String {
    let mut parts: Vec<String> = fragment
        .strip_prefix('#')
        .unwrap_or(fragment)
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("ed="))
        .map(str::to_string)
        .collect();
    if !edits.is_empty() {
        let part = format!("ed={}", encode(&curate::to_lines(edits)));
        if part.len() <= MAX_LINK_EDITS {
            parts.push(part);
        }
    }
    parts.join("&")
}

/// The name corrections a link carries (none when it has no readable `ed=` part).
pub fn edits_from_fragment(fragment: &str) -> Vec<Edit> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    fragment
        .split('&')
        .find_map(|p| p.strip_prefix("ed="))
        .map(|raw| curate::from_lines(&decode(raw)))
        .unwrap_or_default()
}

fn encode_list(names: &[String]) -> String {
    names.iter().map(|n| encode(n)).collect::<Vec<_>>().join("|")
}

/// Everything but the unreserved characters of RFC 3986 is escaped, so `&`, `|`, `=`, `#` and
/// `+` inside names and queries survive the round trip.
const ESCAPED: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

/// Percent-encodes `text` for the URL fragment (the `percent-encoding` crate, UTF-8).
pub fn encode(text: &str) -> String {
    utf8_percent_encode(text, ESCAPED).to_string()
}

/// Inverse of [`encode`]: a `+` written by hand is a space, malformed escapes ("%zz", "%+1")
/// are kept literally, and bytes that are not UTF-8 are replaced.
pub fn decode(text: &str) -> String {
    percent_decode_str(&text.replace('+', " ")).decode_utf8_lossy().into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Source;

    fn corpus() -> Corpus {
        Corpus::build(
            &[Source { id: "a", text: "Title\n\nZentaro joined the coalition on May 14, 2016 in Lisbon." }],
            None,
        )
    }

    #[test]
    fn a_filter_follows_a_name_correction() {
        let mut s = ViewState {
            include: vec!["Orvel Labs".into(), "Ana Costa".into()],
            exclude: vec!["Zentaro".into()],
            ..ViewState::default()
        };
        s.follow(&Edit::Merge { into: "Orvel".into(), from: vec!["Orvel Labs".into()] });
        assert_eq!(s.include, ["Ana Costa", "Orvel"]);
        s.follow(&Edit::Rename { from: "Zentaro".into(), to: " Zentaro Corp ".into() });
        assert_eq!(s.exclude, ["Zentaro Corp"]);
        s.follow(&Edit::Hide { name: "Ana Costa".into() });
        assert_eq!(s.include, ["Orvel"]);
        // A merge of two required names keeps one; an edit of a name not filtered changes nothing.
        s.include.push("Orvel Group".into());
        s.follow(&Edit::Merge { into: "Orvel".into(), from: vec!["Orvel Group".into()] });
        assert_eq!(s.include, ["Orvel"]);
        s.follow(&Edit::Merge { into: "Brevik Trust".into(), from: vec!["the Brevik Trust".into()] });
        assert_eq!((s.include.len(), s.exclude.len()), (1, 1));
        // Undone: a rename gives the filter its old name back; a merge's kept name stays.
        s.unfollow(&Edit::Rename { from: "Zentaro".into(), to: " Zentaro Corp ".into() });
        assert_eq!(s.exclude, ["Zentaro"]);
        s.unfollow(&Edit::Merge { into: "Orvel".into(), from: vec!["Orvel Group".into()] });
        assert_eq!(s.include, ["Orvel"]);
    }

    #[test]
    fn encode_decode_round_trip_keeps_separators() {
        for text in ["a&b=c|d#e", "Mike · Lund", "\"phrase\" pre*", "ünïcode ✓", "100%", "a+b"] {
            assert_eq!(decode(&encode(text)), text);
        }
        assert_eq!(decode("%zz%4"), "%zz%4");
        // A sign is not a hex digit: "%+1" is three characters, not byte 0x01.
        assert_eq!(decode("%+1"), "% 1");
        assert_eq!(decode("%-1"), "%-1");
    }

    proptest::proptest! {
        /// Any text round-trips through the fragment encoding.
        #[test]
        fn any_text_round_trips(text in "\\PC*") {
            proptest::prop_assert_eq!(decode(&encode(&text)), text);
        }

        /// Every piece of view state survives `to_fragment` → `from_fragment`.
        #[test]
        fn view_state_round_trips(
            text in "\\PC{0,40}",
            include in proptest::bool::ANY,
            exclude in proptest::bool::ANY,
            from in proptest::option::of(0i64..20_000),
            span in 0i64..400,
            open in proptest::bool::ANY,
            sort_date in proptest::bool::ANY,
        ) {
            let c = corpus();
            let names: Vec<String> = c.entities.iter().map(|e| e.name.clone()).collect();
            let mut state = ViewState { text, ..ViewState::default() };
            if include { state.include = names.iter().take(1).cloned().collect(); }
            if exclude { state.exclude = names.iter().skip(1).take(1).cloned().collect(); }
            state.from = from.map(Day::from_ordinal);
            state.to = from.map(|f| Day::from_ordinal(f + span));
            if open { state.doc = Some("a".to_string()); state.sentence = Some(0); }
            state.sort = if sort_date { Sort::Date } else { Sort::Relevance };
            let (back, notices) = ViewState::from_fragment(&state.to_fragment(), &c);
            proptest::prop_assert!(notices.is_empty(), "{:?}", notices);
            proptest::prop_assert_eq!(back, state);
        }

        /// Name corrections with any text in their names survive the link.
        #[test]
        fn edits_round_trip_through_the_link(into in "[^\t\n\r]{1,20}", from in "[^\t\n\r]{1,20}", q in "\\PC{0,10}") {
            let edits = vec![Edit::Merge { into, from: vec![from] }];
            let fragment = with_edits(&ViewState { text: q, ..ViewState::default() }.to_fragment(), &edits);
            proptest::prop_assert_eq!(edits_from_fragment(&fragment), edits);
        }
    }

    #[test]
    fn name_corrections_ride_in_the_link_until_it_would_be_too_long() {
        let edits = vec![
            Edit::Merge { into: "Zentaro Corp".into(), from: vec!["Zentaro".into(), "Zen & Co".into()] },
            Edit::Hide { name: "Monday".into() },
        ];
        let link = with_edits("q=strike&ed=old", &edits);
        assert!(link.starts_with("q=strike&ed="), "{link}");
        assert_eq!(link.matches("ed=").count(), 1, "the old part is replaced: {link}");
        assert_eq!(edits_from_fragment(&format!("#{link}")), edits);
        // The view ignores the part (no notice), and dropping the edits drops it.
        let (_, notices) = ViewState::from_fragment(&link, &corpus());
        assert!(notices.is_empty(), "{notices:?}");
        assert_eq!(with_edits(&link, &[]), "q=strike");
        // Too many for a link: they stay out of it.
        let many: Vec<Edit> = (0..200).map(|i| Edit::Hide { name: format!("Name number {i}") }).collect();
        assert_eq!(with_edits("q=x", &many), "q=x");
        assert!(edits_from_fragment("q=x&ed=%zz").is_empty());
    }

    #[test]
    fn chip_cycles_through_three_states() {
        let mut s = ViewState::default();
        s.cycle_entity("X");
        assert_eq!(s.chip_state("X"), ChipState::Required);
        s.cycle_entity("X");
        assert_eq!(s.chip_state("X"), ChipState::Excluded);
        s.cycle_entity("X");
        assert_eq!(s.chip_state("X"), ChipState::Neutral);
        assert!(!s.has_filters());
    }

    #[test]
    fn fragment_round_trips_and_bad_parts_become_notices() {
        let c = corpus();
        let state = ViewState {
            text: "coal* \"joined the\"".into(),
            from: Day::new(2016, 4, 1),
            to: Day::new(2016, 5, 31),
            doc: Some("a".into()),
            sort: Sort::Date,
            ..Default::default()
        };
        let (back, notices) = ViewState::from_fragment(&state.to_fragment(), &c);
        assert_eq!(back, state);
        assert!(notices.is_empty());

        let (fallback, notices) = ViewState::from_fragment("#in=Nobody&from=2016-02-30&doc=zzz&x=1", &c);
        assert_eq!(fallback, ViewState::default());
        assert_eq!(notices.len(), 4, "{notices:?}");
        assert!(notices[0].contains("Nobody"));
    }

    #[test]
    fn reversed_range_is_put_in_order() {
        let (s, notices) = ViewState::from_fragment("from=2016-05-01&to=2016-04-01", &corpus());
        assert_eq!(s.from, Day::new(2016, 4, 1));
        assert_eq!(notices.len(), 1);
    }
}
