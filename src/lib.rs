//! Corpus explorer: a pure text pipeline ([`corpus`]) and a thin Leptos UI over it (`ui`, wasm only).
pub mod corpus;
pub mod embedded;
#[cfg(not(target_arch = "wasm32"))]
pub mod folder;
pub mod ui;
