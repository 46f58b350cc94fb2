//! The page's only network code: files of the site's own served corpus (`ui::large`), by
//! relative URL, so nothing is requested from anywhere but the site (the CSP's
//! `connect-src 'self'` says the same).
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// A file requested: its bytes, or a sentence naming it, once it arrives.
pub struct Pending {
    url: String,
    request: Result<JsFuture, String>,
}

impl Pending {
    pub async fn bytes(self) -> Result<Vec<u8>, String> {
        body(&self.url, self.request?.await).await
    }
}

/// Requests `url` now, so that several requests started one after another run in parallel
/// (with whatever the caller does meanwhile) before any is awaited.
pub fn start(url: &str) -> Pending {
    let request = match web_sys::window() {
        Some(w) => Ok(JsFuture::from(w.fetch_with_str(url))),
        None => Err("the page has no window".to_string()),
    };
    Pending { url: url.to_string(), request }
}

/// One file that changes between builds (the entry point naming the version): revalidated
/// with the server rather than taken from the browser's cache.
pub async fn fresh(url: &str) -> Result<Vec<u8>, String> {
    let window = web_sys::window().ok_or("the page has no window")?;
    let init = web_sys::RequestInit::new();
    init.set_cache(web_sys::RequestCache::NoCache);
    let response = JsFuture::from(window.fetch_with_str_and_init(url, &init)).await;
    body(url, response).await
}

async fn body(url: &str, response: Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue>) -> Result<Vec<u8>, String> {
    let unreachable = || {
        if web_sys::window().is_some_and(|w| w.location().protocol().is_ok_and(|p| p == "file:")) {
            format!("{url} could not be read: a page opened from disk cannot read the corpus files beside it; serve the folder (for example `python3 -m http.server`) and open it over http")
        } else {
            format!("{url} could not be fetched: the site did not answer (offline, or the file is blocked)")
        }
    };
    let response: web_sys::Response = response.map_err(|_| unreachable())?.dyn_into().map_err(|_| unreachable())?;
    if !response.ok() {
        return Err(format!(
            "{url} could not be fetched: the server answered {} {}",
            response.status(),
            response.status_text()
        ));
    }
    let buffer = response.array_buffer().map_err(|_| unreachable())?;
    let buffer = JsFuture::from(buffer).await.map_err(|_| format!("{url} was cut off while downloading"))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}
