//! The optional owner-edited `entities.toml`. (Stub: helper B owns this file.)
#[derive(Clone, Debug, Default)]
pub struct Overrides {}

pub fn parse(_text: &str) -> (Overrides, Vec<String>) {
    (Overrides::default(), Vec::new())
}
