//! The thin Leptos UI over [`crate::corpus`]. One source of filter state ([`state::ViewState`] in
//! a signal), mirrored in the URL fragment; every view derives from it and the corpus.
//!
//! `state`, `segments`, `chart`, `dating` and `report` are pure and compile natively (unit-tested with `cargo test`); the
//! components are wasm-only.

pub mod chart;
pub mod dating;
pub mod report;
pub mod segments;
pub mod state;
pub mod table;

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
mod chips;
#[cfg(target_arch = "wasm32")]
mod context;
#[cfg(target_arch = "wasm32")]
mod cooccur;
#[cfg(target_arch = "wasm32")]
mod curation;
#[cfg(target_arch = "wasm32")]
mod download;
#[cfg(target_arch = "wasm32")]
mod fetch;
#[cfg(target_arch = "wasm32")]
mod large;
#[cfg(target_arch = "wasm32")]
mod reader;
#[cfg(target_arch = "wasm32")]
mod results;
#[cfg(target_arch = "wasm32")]
mod shell;
#[cfg(target_arch = "wasm32")]
mod stories;
#[cfg(target_arch = "wasm32")]
mod timeline;
#[cfg(target_arch = "wasm32")]
mod workspace;

#[cfg(target_arch = "wasm32")]
pub use app::mount;
#[cfg(target_arch = "wasm32")]
pub use shell::install_panic_banner;
