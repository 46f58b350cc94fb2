//! Entity extraction and alias merging. (Stub: helper B owns this file.)
use super::overrides::Overrides;
use super::{Document, Entity};

pub fn extract(_documents: &mut [Document], _overrides: &Overrides, _warnings: &mut Vec<String>) -> Vec<Entity> {
    Vec::new()
}
