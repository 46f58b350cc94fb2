//! The floor: what any Leptos CSR page costs before it does anything.
use leptos::prelude::*;

fn main() {
    leptos::mount::mount_to_body(|| {
        let count = RwSignal::new(0);
        view! {
            <main>
                <h1 class="bare">"Bare Leptos"</h1>
                <button id="bump" on:click=move |_| count.update(|n| *n += 1)>{move || count.get()}</button>
            </main>
        }
    });
}
