//! Everything that touches the browser outside Leptos: the panic banner, the URL fragment,
//! history, clipboard and the theme attribute. Kept in one place so components stay pure views.

use wasm_bindgen::JsValue;

/// Replaces a frozen page with a visible, escaped error banner when Rust panics. The banner's
/// buttons are wired by `loader.js` (plain JS), because after a panic the wasm instance is dead.
pub fn install_panic_banner() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_fatal_error(&info.to_string());
    }));
}

/// Shows the fatal-error banner with `message` as text (never markup).
pub fn show_fatal_error(message: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = document.body() else { return };
    if document.get_element_by_id("fatal-error").is_some() {
        return;
    }
    let Ok(banner) = document.create_element("div") else {
        return;
    };
    banner.set_id("fatal-error");
    banner.set_class_name("fatal-error");
    let _ = banner.set_attribute("role", "alert");
    let parts: [(&str, &str, Option<&str>); 4] = [
        ("strong", "Something went wrong and the explorer stopped.", None),
        ("pre", message, None),
        ("button", "Reload", Some("reload")),
        ("button", "Copy error message", Some("copy-error")),
    ];
    for (tag, text, action) in parts {
        if let Ok(el) = document.create_element(tag) {
            el.set_text_content(Some(text));
            if let Some(action) = action {
                let _ = el.set_attribute("type", "button");
                let _ = el.set_attribute("data-action", action);
            }
            let _ = banner.append_child(&el);
        }
    }
    let _ = body.prepend_with_node_1(&banner);
}

/// The current URL fragment without `#`.
pub fn read_fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .map(|h| h.trim_start_matches('#').to_string())
        .unwrap_or_default()
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum History {
    /// A new entry: back returns to the previous view.
    Push,
    /// Same entry (typing): back does not replay every keystroke.
    Replace,
}

/// Writes the fragment. Only the fragment changes, which browsers allow even on `file://`.
pub fn write_fragment(fragment: &str, history: History) {
    let Some(window) = web_sys::window() else {
        return;
    };
    if read_fragment() == fragment {
        return;
    }
    let url = format!("#{fragment}");
    let Ok(h) = window.history() else { return };
    let result = match history {
        History::Push => h.push_state_with_url(&JsValue::NULL, "", Some(&url)),
        History::Replace => h.replace_state_with_url(&JsValue::NULL, "", Some(&url)),
    };
    if result.is_err() {
        let _ = window.location().set_hash(fragment);
    }
}

pub fn current_href() -> String {
    web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default()
}

/// Copies `text` to the clipboard, then calls `done(true)` once the browser confirms, or
/// `done(false)` when it refuses (no permission, no secure context, no clipboard API).
pub fn copy_to_clipboard(text: &str, done: impl FnOnce(bool) + 'static) {
    let Some(window) = web_sys::window() else {
        return done(false);
    };
    // Pages served over plain http (not localhost) have no `navigator.clipboard` at all.
    let navigator = window.navigator();
    if !js_sys::Reflect::get(&navigator, &"clipboard".into()).is_ok_and(|c| c.is_object()) {
        return done(false);
    }
    let promise = navigator.clipboard().write_text(text);
    js_sys::futures::spawn_local(async move {
        done(js_sys::futures::JsFuture::from(promise).await.is_ok());
    });
}

/// Copies the page's link (the whole view is in it) and says whether the clipboard took it.
#[leptos::component]
pub fn CopyLink() -> impl leptos::IntoView {
    use leptos::prelude::*;
    // None: not tried yet; Some(ok): what the clipboard said.
    let copied: RwSignal<Option<bool>> = RwSignal::new(None);
    view! {
        <button type="button" id="copy-link" on:click=move |_| copy_to_clipboard(&current_href(), move |ok| copied.set(Some(ok)))>
            {move || match copied.get() {
                None => "Copy link",
                Some(true) => "Link copied",
                Some(false) => "Copy failed: use the address bar",
            }}
        </button>
    }
}

/// System → dark → light → system: one button, kept in local storage.
#[leptos::component]
pub fn ThemeToggle() -> impl leptos::IntoView {
    use leptos::prelude::*;
    let theme = RwSignal::new(saved_theme());
    let label = |theme: &str| match theme {
        "dark" => "dark",
        "light" => "light",
        _ => "system",
    };
    view! {
        <button
            type="button"
            id="theme-toggle"
            aria-label=move || format!("Colour theme: {}", label(&theme.get()))
            on:click=move |_| {
                let next = match theme.get_untracked().as_str() {
                    "" => "dark",
                    "dark" => "light",
                    _ => "",
                };
                set_theme(next);
                theme.set(next.to_string());
            }
        >
            {move || format!("Theme: {}", label(&theme.get()))}
        </button>
    }
}

/// `light`, `dark`, or empty for "follow the system".
pub fn set_theme(theme: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(root) = document.document_element() else {
        return;
    };
    if theme.is_empty() {
        let _ = root.remove_attribute("data-theme");
    } else {
        let _ = root.set_attribute("data-theme", theme);
    }
    store("explorer-theme", theme);
}

pub fn saved_theme() -> String {
    stored("explorer-theme")
}

/// Keeps `value` in the browser's local storage under `key` (an empty value removes it). A
/// browser that refuses storage (a private window, a file page) keeps nothing, silently.
pub fn store(key: &str, value: &str) {
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = if value.is_empty() { storage.remove_item(key) } else { storage.set_item(key, value) };
    }
}

/// What [`store`] kept under `key`, or nothing.
pub fn stored(key: &str) -> String {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item(key).ok().flatten())
        .unwrap_or_default()
}

/// Removes the static "Loading…" placeholder once the app has mounted.
pub fn remove_boot_placeholder() {
    if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("boot")) {
        el.remove();
    }
}

/// Scrolls an element into view (centred), honouring reduced motion through CSS `scroll-behavior`.
pub fn scroll_into_view(id: &str) {
    let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id)) else {
        return;
    };
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Center);
    el.scroll_into_view_with_scroll_into_view_options(&options);
}

/// Focuses an element by id, if present.
pub fn focus(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}
