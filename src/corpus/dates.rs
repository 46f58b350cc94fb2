//! Date expressions → events. (Stub: helper C owns this file.)
use super::{Document, Event};

pub fn extract(_documents: &mut [Document]) -> Vec<Event> {
    Vec::new()
}
