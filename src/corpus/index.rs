//! Inverted index and facets. (Stub: helper A owns this file.)
use super::{Document, Entity, Event};

#[derive(Clone, Debug, Default)]
pub struct Index {}

impl Index {
    pub fn build(_documents: &[Document], _entities: &[Entity], _events: &[Event]) -> Index {
        Index {}
    }
}
