//! Name corrections on a served corpus: the embedded page's edit bar and editor rows
//! (`ui::curation`) over the reader's own edit list, which the shelf applies by re-mapping name
//! numbers (`shelf::Corrections`): a merge, rename, change of kind or hide shows at once, with
//! exact counts, and fetches nothing again. The list travels in the link (`ed=`, as in the
//! embedded page) and is kept in this browser for this corpus version, so a reload keeps it.
//! Splitting a spelling out is not offered: the files do not keep which article wrote which
//! spelling.
use leptos::prelude::*;

use super::Live;
use crate::corpus::curate::{self, Edit};
use crate::ui::curation::{kind_row, merge_form, rename_row, select_hint, EditActions};
use crate::ui::shell::{self, History};
use crate::ui::state::{self, ViewState};

/// Where this browser keeps the edits of the corpus version under `base`.
fn edits_key(base: &str) -> String {
    format!("explorer-edits:{base}")
}

impl Live {
    /// The edits to start with: the link's, else those kept for this corpus.
    pub(super) fn initial_edits(base: &str, fragment: &str) -> Vec<Edit> {
        let linked = state::edits_from_fragment(fragment);
        if !linked.is_empty() {
            return linked;
        }
        curate::from_lines(&shell::stored(&edits_key(base)))
    }

    pub(super) fn actions(self) -> EditActions {
        EditActions {
            edit: Callback::new(move |edit| self.edit(edit)),
            undo: Callback::new(move |()| self.shift(self.edits, self.undone, ViewState::unfollow)),
            redo: Callback::new(move |()| self.shift(self.undone, self.edits, ViewState::follow)),
            can_undo: Signal::derive(move || self.edits.with(|e| !e.is_empty())),
            can_redo: Signal::derive(move || self.undone.with(|u| !u.is_empty())),
            edits: self.edits.into(),
            import: None,
        }
    }

    fn edit(self, edit: Edit) {
        self.edits.update(|e| e.push(edit.clone()));
        self.undone.set(Vec::new());
        // The filter follows (a merged or renamed name is filtered by its new name).
        self.change(History::Replace, |s| s.follow(&edit));
        self.edits_changed();
    }

    /// Undo (edits → undone) or redo (undone → edits): one edit moves, and the filter with it.
    fn shift(self, from: RwSignal<Vec<Edit>>, to: RwSignal<Vec<Edit>>, filter: fn(&mut ViewState, &Edit)) {
        let Some(edit) = from.try_update(Vec::pop).flatten() else { return };
        to.update(|t| t.push(edit.clone()));
        self.change(History::Replace, |s| filter(s, &edit));
        self.edits_changed();
    }

    fn edits_changed(self) {
        let edits = self.edits.get_untracked();
        shell::write_fragment(&state::with_edits(&shell::read_fragment(), &edits), History::Replace);
        shell::store(&edits_key(&self.base.get_value()), &curate::to_lines(&edits));
    }
}

/// What can be done with the selected chips: one — rename, kind, hide; several — merge.
#[component]
pub(super) fn ChipEditor() -> impl IntoView {
    const SPELLINGS_SHOWN: usize = 30;
    let live = expect_context::<Live>();
    let mode = live.edit_mode;
    let actions = live.actions();
    // Drawn again when the selection changes or a new answer comes (a correction is applied
    // with the next answer), not on every fetch round, so a name being typed stays.
    let editor = move || {
        let selected = mode.selected.get();
        live.results.track();
        let found: Vec<(u32, String, crate::corpus::EntityKind)> = live.shelf.with_value(|shelf| {
            selected
                .iter()
                .filter_map(|n| {
                    let e = shelf.find(n)?;
                    let name = shelf.name(e).ok()?;
                    Some((e, name.name.clone(), name.kind))
                })
                .collect()
        });
        match found.as_slice() {
            [] => select_hint(false).into_any(),
            [(e, name, kind)] => {
                let e = *e;
                let count = move || {
                    live.results
                        .with(|r| r.as_ref().and_then(|r| r.entity_counts.get(e as usize).copied()).unwrap_or(0))
                };
                // Its spellings (merged names' too), once the fetch loop has brought their file.
                // The most used first, and how many more: a broad name merged with another has
                // thousands, and drawing them all made a merge take ~0.5 s at 100 000 articles.
                let spellings = move || {
                    live.added.track();
                    let list = live.shelf.with_value(|shelf| shelf.spellings(e).ok()).unwrap_or_default();
                    let more = list.len().saturating_sub(SPELLINGS_SHOWN);
                    let shown = list
                        .into_iter()
                        .take(SPELLINGS_SHOWN)
                        .map(|(text, n)| view! { <li>{format!("{text} ×{n}")}</li> })
                        .collect_view();
                    let rest = (more > 0).then(|| {
                        view! { <li class="more">{format!("…and {more} more (the names download lists them all)")}</li> }
                    });
                    (shown, rest)
                };
                view! {
                    <div class="chip-editor" id="chip-editor" data-entity=name.clone()>
                        <p class="editor-title">{name.clone()}</p>
                        <p class="hint">"Spellings"</p>
                        <ul class="spellings">{spellings}</ul>
                        <p class="hint">{move || format!("In {} of the matching articles", count())}</p>
                        {rename_row(mode, actions, name.clone())}
                        {kind_row(mode, actions, name.clone(), *kind)}
                        <p class="hint">
                            "Splitting a spelling out needs the explorer of a smaller corpus: these files do not keep which article wrote which spelling."
                        </p>
                    </div>
                }
                .into_any()
            }
            several => merge_form(mode, actions, several.iter().map(|x| x.1.clone()).collect()).into_any(),
        }
    };
    move || mode.on.get().then(&editor)
}

/// Says how many corrections (from a link or an older list) this corpus could not apply.
#[component]
pub(super) fn NotApplied() -> impl IntoView {
    let live = expect_context::<Live>();
    view! {
        <Show when=move || { live.not_applied.get() > 0 }>
            <p class="hint" id="not-applied">
                {move || {
                    let n = live.not_applied.get();
                    format!(
                        "{n} correction{} could not be applied here: {} a name that is not in this corpus, or split a spelling out or set a date, which need the explorer of a smaller corpus.",
                        if n == 1 { "" } else { "s" },
                        if n == 1 { "it names" } else { "they name" },
                    )
                }}
            </p>
        </Show>
    }
}
