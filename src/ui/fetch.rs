//! The page's only network code: files of the site's own served corpus (`ui::large`), by
//! relative URL, so nothing is requested from anywhere but the site (the CSP's
//! `connect-src 'self'` says the same).
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::store::GZIP_MAGIC;

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
    // The corpus's files are written gzip-compressed (`store`), since many hosts send `.bin`
    // files as they are; a host that sends them with `Content-Encoding: gzip` has the browser
    // inflate them, and they arrive starting with their format's magic instead.
    let bytes = js_sys::Uint8Array::new(&buffer);
    if bytes.length() >= 2 && bytes.get_index(0) == GZIP_MAGIC[0] && bytes.get_index(1) == GZIP_MAGIC[1] {
        return inflate(url, &buffer).await;
    }
    Ok(bytes.to_vec())
}

/// `gzip` (an ArrayBuffer) inflated by the browser's own `DecompressionStream`: no inflater in
/// the wasm, and the gzip trailer's checksum catches a damaged file.
async fn inflate(url: &str, gzip: &wasm_bindgen::JsValue) -> Result<Vec<u8>, String> {
    let damaged =
        || format!("{url} is damaged: it does not decompress (reload the page; if it stays, rebuild the site)");
    // Not web-sys's binding: it is behind `web_sys_unstable_apis`. The stream is the
    // {readable, writable} pair `pipeThrough` takes.
    let unsupported = || {
        format!(
            "{url} could not be read: this browser cannot decompress files (it has no DecompressionStream); update it"
        )
    };
    let class = js_sys::Reflect::get(&js_sys::global(), &"DecompressionStream".into()).map_err(|_| unsupported())?;
    let class: js_sys::Function = class.dyn_into().map_err(|_| unsupported())?;
    let inflater =
        js_sys::Reflect::construct(&class, &js_sys::Array::of1(&"gzip".into())).map_err(|_| unsupported())?;
    let source = web_sys::Response::new_with_opt_buffer_source(Some(gzip.unchecked_ref())).map_err(|_| damaged())?;
    let body = source.body().ok_or_else(damaged)?;
    let inflated = body.pipe_through(inflater.unchecked_ref());
    let out = web_sys::Response::new_with_opt_readable_stream(Some(&inflated)).map_err(|_| damaged())?;
    let buffer = JsFuture::from(out.array_buffer().map_err(|_| damaged())?).await.map_err(|_| damaged())?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}
