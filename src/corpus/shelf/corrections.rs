//! A reader's name corrections ([`Edit`]) over a served corpus, applied without rebuilding or
//! refetching anything: a merge, a rename, a change of kind or a hide only re-maps name
//! numbers, so the shelf's files stay as they were written and every count stays exact.
//!
//! The edits are read in order, as `curate::apply_names` reads them over a corpus in memory,
//! and name entities the same way (by their current canonical name, so a name renamed earlier
//! in the list is found by its new name, and a name merged away or hidden is not found at all).
//! Where the corpus in memory renumbers its entities after a merge or a hide, the shelf keeps
//! its numbers and remembers, per name an edit touched, the name it now counts under: the kept
//! name of a merge ("the representative"), or none when hidden. Since the in-memory renumbering
//! keeps the order of the names that stay, "sorted by representative" is the in-memory order,
//! and the tables come out row for row the same (`tests/shelf_exact.rs`).
//!
//! Splitting a spelling out and setting an article's date need what the files do not keep per
//! mention (which spelling each article wrote) or a new run of the date stage; they are counted
//! as not applied here ([`Corrections::not_applied`]) and stay with the embedded explorer.
use std::collections::{BTreeMap, BTreeSet};

use super::Name;
use crate::corpus::curate::Edit;

/// The name edits resolved to name numbers.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Corrections {
    /// For each name merged into another: the name it now counts under.
    into: BTreeMap<u32, u32>,
    /// For each kept name of a merge: every name it stands for, itself first, ascending after.
    groups: BTreeMap<u32, Vec<u32>>,
    /// Hidden names (kept names: a hidden merge hides every name in it).
    hidden: BTreeSet<u32>,
    /// Kept names whose name or kind an edit changed, as they now read.
    shown: BTreeMap<u32, Name>,
    /// Edits that name nothing here or that a served corpus cannot apply (split, date).
    pub not_applied: usize,
}

impl Corrections {
    /// Resolves `edits` in order. `number_of` finds a name as built (its canonical form, any
    /// case); `name` reads a name the lookup found.
    pub fn resolve(
        edits: &[Edit],
        number_of: impl Fn(&str) -> Option<u32>,
        name: impl Fn(u32) -> Option<Name>,
    ) -> Corrections {
        let mut c = Corrections::default();
        for edit in edits {
            if !c.apply(edit, &number_of, &name) {
                c.not_applied += 1;
            }
        }
        for members in c.groups.values_mut() {
            members[1..].sort_unstable();
        }
        c
    }

    pub fn is_empty(&self) -> bool {
        self.into.is_empty() && self.hidden.is_empty() && self.shown.is_empty()
    }

    /// Whether a merge is in effect (pair counts then come from remapped pairs, see
    /// [`super::Shelf::cooccurrence`]).
    pub fn merges(&self) -> bool {
        !self.groups.is_empty()
    }

    /// The name `e` now counts under, or `None` when it is hidden.
    pub fn kept(&self, e: u32) -> Option<u32> {
        let k = self.into.get(&e).copied().unwrap_or(e);
        (!self.hidden.contains(&k)).then_some(k)
    }

    /// Every name kept name `k` stands for (itself alone unless something was merged into it).
    pub fn members(&self, k: u32) -> Vec<u32> {
        self.groups.get(&k).cloned().unwrap_or_else(|| vec![k])
    }

    /// The kept names of merges, with what each stands for.
    pub fn groups(&self) -> impl Iterator<Item = (u32, &[u32])> + '_ {
        self.groups.iter().map(|(&k, m)| (k, m.as_slice()))
    }

    /// Every name that counts for nothing on its own: merged into another, or hidden.
    pub fn silenced(&self) -> impl Iterator<Item = u32> + '_ {
        self.into.keys().copied().chain(self.hidden.iter().flat_map(|&k| self.members(k)))
    }

    /// Name `e` as an edit changed it, if one did.
    pub fn shown(&self, e: u32) -> Option<&Name> {
        self.shown.get(&e)
    }

    /// Whether the name spelled `name` (as built) is no longer called that: renamed, merged
    /// away or hidden.
    fn gone(&self, e: u32, name: &str) -> bool {
        self.into.contains_key(&e)
            || self.hidden.contains(&e)
            || self.shown.get(&e).is_some_and(|n| !n.name.eq_ignore_ascii_case(name))
    }

    /// The kept name now called `name`: one renamed to it, else the name built with it.
    pub fn find(&self, name: &str, number_of: impl Fn(&str) -> Option<u32>) -> Option<u32> {
        let renamed = self
            .shown
            .iter()
            .find(|(k, n)| n.name.eq_ignore_ascii_case(name) && !self.hidden.contains(k))
            .map(|(&k, _)| k);
        renamed.or_else(|| number_of(name).filter(|&e| !self.gone(e, name)))
    }

    /// Applies one edit; false when it does not apply (a name that is not here, or an edit a
    /// served corpus cannot make).
    fn apply(
        &mut self,
        edit: &Edit,
        number_of: &impl Fn(&str) -> Option<u32>,
        name: &impl Fn(u32) -> Option<Name>,
    ) -> bool {
        let shown = |c: &mut Corrections, k: u32| -> Option<()> {
            if let std::collections::btree_map::Entry::Vacant(slot) = c.shown.entry(k) {
                slot.insert(name(k)?);
            }
            Some(())
        };
        match edit {
            Edit::Rename { from, to } => {
                let Some(i) = self.find(from, number_of) else { return false };
                let to = to.trim();
                if to.is_empty() || self.find(to, number_of).is_some_and(|j| j != i) || shown(self, i).is_none() {
                    return false;
                }
                if let Some(n) = self.shown.get_mut(&i) {
                    n.name = to.to_string();
                }
                true
            }
            Edit::Kind { name: n, kind } => {
                let Some(i) = self.find(n, number_of) else { return false };
                if shown(self, i).is_none() {
                    return false;
                }
                if let Some(n) = self.shown.get_mut(&i) {
                    n.kind = *kind;
                }
                true
            }
            Edit::Hide { name: n } => self.find(n, number_of).map(|i| self.hidden.insert(i)).is_some(),
            Edit::Merge { into, from } => {
                let Some(t) = self.find(into, number_of) else { return false };
                let sources: Vec<u32> =
                    from.iter().filter_map(|f| self.find(f, number_of)).filter(|&j| j != t).collect();
                if sources.is_empty() {
                    return false;
                }
                let mut members = self.members(t);
                for j in sources {
                    for m in self.members(j) {
                        self.into.insert(m, t);
                        members.push(m);
                    }
                    self.groups.remove(&j);
                    self.shown.remove(&j);
                }
                self.groups.insert(t, members);
                true
            }
            Edit::Split { .. } | Edit::Date { .. } => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::EntityKind;

    fn table() -> Vec<Name> {
        ["Ana Costa", "Zentaro Corp", "Zentaro", "Brooklyn", "Orvel Labs"]
            .iter()
            .map(|n| Name { name: n.to_string(), kind: EntityKind::Other, total: 1 })
            .collect()
    }

    fn resolve(edits: &[Edit]) -> Corrections {
        let names = table();
        Corrections::resolve(
            edits,
            |n| names.iter().position(|x| x.name.eq_ignore_ascii_case(n)).map(|e| e as u32),
            |e| names.get(e as usize).cloned(),
        )
    }

    fn merge(into: &str, from: &[&str]) -> Edit {
        Edit::Merge { into: into.into(), from: from.iter().map(|s| s.to_string()).collect() }
    }

    #[test]
    fn a_merge_counts_its_names_under_the_kept_one() {
        let c = resolve(&[merge("Zentaro Corp", &["Zentaro", "Orvel Labs"])]);
        assert_eq!(c.kept(2), Some(1));
        assert_eq!(c.kept(4), Some(1));
        assert_eq!(c.kept(0), Some(0));
        assert_eq!(c.members(1), vec![1, 2, 4]);
        assert_eq!(c.silenced().collect::<Vec<_>>(), vec![2, 4]);
        // A merged name is gone: merging it again, or into it, applies nothing.
        let c = resolve(&[merge("Zentaro Corp", &["Zentaro"]), merge("Zentaro", &["Brooklyn"])]);
        assert_eq!(c.not_applied, 1);
    }

    #[test]
    fn edits_follow_a_rename_and_a_hide_hides_the_whole_merge() {
        let c = resolve(&[
            Edit::Rename { from: "Zentaro Corp".into(), to: "Zentaro Group".into() },
            Edit::Kind { name: "zentaro group".into(), kind: EntityKind::Organisation },
            merge("Zentaro Group", &["Zentaro"]),
            // The old name is gone, and a rename onto a name in use changes nothing.
            Edit::Kind { name: "Zentaro Corp".into(), kind: EntityKind::Place },
            Edit::Rename { from: "Brooklyn".into(), to: "Ana Costa".into() },
        ]);
        assert_eq!(c.not_applied, 2);
        let shown = c.shown(1).unwrap();
        assert_eq!((shown.name.as_str(), shown.kind), ("Zentaro Group", EntityKind::Organisation));
        assert_eq!(c.find("ZENTARO GROUP", |_| None), Some(1));
        assert_eq!(c.shown(3), None);
        let hidden = resolve(&[merge("Zentaro Corp", &["Zentaro"]), Edit::Hide { name: "Zentaro Corp".into() }]);
        assert_eq!((hidden.kept(1), hidden.kept(2)), (None, None));
        assert_eq!(hidden.silenced().collect::<BTreeSet<_>>(), BTreeSet::from([1, 2]));
    }

    #[test]
    fn what_a_served_corpus_cannot_apply_is_counted() {
        let c = resolve(&[
            Edit::Split { name: "Zentaro Corp".into(), spelling: "Zentaro".into() },
            Edit::Hide { name: "Nobody".into() },
        ]);
        assert_eq!(c.not_applied, 2);
        assert!(c.is_empty());
    }
}
