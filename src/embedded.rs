//! The corpus compiled into the binary: `build.rs` ran the pipeline over the corpus folder and
//! packed the result (`corpus::pack`); here it is decoded, and the search index rebuilt.
use crate::corpus::{pack, Corpus};

static PACKED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/corpus.bin"));

/// Names this build's corpus and pipeline: a saved workspace from another build is re-analysed.
pub const VERSION: &str = include_str!(concat!(env!("OUT_DIR"), "/version.txt"));

/// Whether this build serves its corpus as files beside the page (`corpus::shelf`, read by
/// `ui::large`) rather than embedded: set by `CORPUS_SHELF` at build time.
pub const SHELVED: bool = matches!(include_bytes!(concat!(env!("OUT_DIR"), "/shelved.txt")), b"1");

/// The embedded corpus. Bytes that cannot be decoded (which only a broken build could produce)
/// give an empty corpus whose warning says so, shown by the page, rather than a blank page.
pub fn corpus() -> Corpus {
    pack::decode(PACKED).unwrap_or_else(|err| {
        let warning = format!("the embedded corpus could not be read ({err}); rebuild the site");
        Corpus::from_parts(Vec::new(), Vec::new(), Vec::new(), vec![warning])
    })
}
