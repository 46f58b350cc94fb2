//! The corpus compiled into the binary by `build.rs`. Raw bytes are decoded here, lossily, so a
//! file that is not valid UTF-8 still shows (with U+FFFD where bytes were bad) instead of failing
//! the build or the page.
use crate::corpus::{Corpus, Source};

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// `(id, text)` of every embedded article, in file-name order.
pub fn sources() -> Vec<(String, String)> {
    RAW_SOURCES.iter().map(|(id, bytes)| (id.to_string(), String::from_utf8_lossy(bytes).into_owned())).collect()
}

/// Builds the corpus from what was embedded.
pub fn corpus() -> Corpus {
    let owned = sources();
    let refs: Vec<Source<'_>> = owned.iter().map(|(id, text)| Source { id, text }).collect();
    let toml = ENTITIES_TOML.map(|bytes| String::from_utf8_lossy(bytes).into_owned());
    Corpus::build(&refs, toml.as_deref())
}
