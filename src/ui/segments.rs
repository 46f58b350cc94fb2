//! Splits a piece of text into runs that share the same highlighting (entity mention, resolved
//! date, search hit), so the reader and snippets can render each run as one escaped text node.
//! Pure, so it is tested natively.

/// A marked byte range of the text; `tag` says what it is (index of an entity or event).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mark {
    pub start: u32,
    pub end: u32,
    pub tag: Tag,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tag {
    Entity(u32),
    Event(u32),
    /// A date expression that is not on the timeline.
    Unresolved,
    Hit,
}

/// A run of text and what applies to it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Segment {
    pub text: String,
    pub entity: Option<u32>,
    pub event: Option<u32>,
    pub unresolved: bool,
    pub hit: bool,
}

/// Cuts `text` at every mark boundary. Ranges that are out of bounds or not on char boundaries
/// are ignored rather than trusted: this never panics, whatever the marks say.
pub fn segments(text: &str, marks: &[Mark]) -> Vec<Segment> {
    let valid = |m: &&Mark| {
        let (s, e) = (m.start as usize, m.end as usize);
        s < e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e)
    };
    let marks: Vec<&Mark> = marks.iter().filter(valid).collect();
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for m in &marks {
        cuts.push(m.start as usize);
        cuts.push(m.end as usize);
    }
    crate::corpus::order::sort(&mut cuts);
    cuts.dedup();
    let mut out: Vec<Segment> = Vec::new();
    for pair in cuts.windows(2) {
        let (s, e) = (pair[0], pair[1]);
        if s == e {
            continue;
        }
        let mut seg = Segment { text: text[s..e].to_string(), ..Default::default() };
        for m in marks.iter().filter(|m| (m.start as usize) <= s && e <= (m.end as usize)) {
            match m.tag {
                Tag::Entity(i) => seg.entity = seg.entity.or(Some(i)),
                Tag::Event(i) => seg.event = seg.event.or(Some(i)),
                Tag::Unresolved => seg.unresolved = true,
                Tag::Hit => seg.hit = true,
            }
        }
        // Merge with the previous run when nothing changes, to keep the DOM small.
        match out.last_mut() {
            Some(prev)
                if prev.entity == seg.entity
                    && prev.event == seg.event
                    && prev.unresolved == seg.unresolved
                    && prev.hit == seg.hit =>
            {
                prev.text.push_str(&seg.text)
            }
            _ => out.push(seg),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_marks_split_into_runs() {
        let text = "Zentaro joined on May 14th.";
        let marks = [
            Mark { start: 0, end: 7, tag: Tag::Entity(3) },
            Mark { start: 18, end: 26, tag: Tag::Event(0) },
            Mark { start: 0, end: 4, tag: Tag::Hit },
        ];
        let segs = segments(text, &marks);
        let texts: Vec<&str> = segs.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts, ["Zent", "aro", " joined on ", "May 14th", "."]);
        assert!(segs[0].hit && segs[0].entity == Some(3));
        assert!(!segs[1].hit && segs[1].entity == Some(3));
        assert_eq!(segs[3].event, Some(0));
        assert_eq!(segs.iter().map(|s| s.text.as_str()).collect::<String>(), text);
    }

    #[test]
    fn bad_ranges_are_ignored() {
        let text = "héllo";
        let marks = [Mark { start: 2, end: 3, tag: Tag::Hit }, Mark { start: 4, end: 99, tag: Tag::Hit }];
        assert_eq!(segments(text, &marks), vec![Segment { text: text.into(), ..Default::default() }]);
        assert!(segments("", &marks).is_empty());
    }
}
