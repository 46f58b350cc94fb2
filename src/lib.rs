//! Corpus explorer: a pure text pipeline ([`corpus`]) and a thin Leptos UI over it (`ui`, wasm only).
pub mod corpus;
pub mod embedded;
pub mod folder;
pub mod import;
pub mod store;
pub mod ui;
