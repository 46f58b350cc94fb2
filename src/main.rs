//! The browser entry point: install the panic banner, then mount the app. Nothing else.
#[cfg(target_arch = "wasm32")]
fn main() {
    corpus_explorer::ui::install_panic_banner();
    corpus_explorer::ui::mount();
}

/// The explorer is a wasm app; natively use the `corpus` CLI instead.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "explorer is the browser app: build it with `trunk build --release`; natively, use `cargo run --bin corpus`."
    );
    std::process::exit(2);
}
