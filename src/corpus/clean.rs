//! Normalisation of machine-translation and web-copy noise. (Stub: helper A owns this file.)
pub fn normalise(text: &str) -> String {
    text.to_string()
}
