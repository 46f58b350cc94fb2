//! The page's only network code: files of the site's own served corpus (`ui::large`), by
//! relative URL, so nothing is requested from anywhere but the site (the CSP's
//! `connect-src 'self'` says the same).
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Fetches every URL at once and returns their bytes in the same order, or the first failure
/// as a sentence naming the file. All requests are started before any is awaited, so they
/// run in parallel.
pub async fn all(urls: &[String]) -> Result<Vec<Vec<u8>>, String> {
    let window = web_sys::window().ok_or("the page has no window")?;
    let started: Vec<JsFuture> = urls.iter().map(|url| JsFuture::from(window.fetch_with_str(url))).collect();
    let mut out = Vec::with_capacity(urls.len());
    for (url, request) in urls.iter().zip(started) {
        out.push(body(url, request.await).await?);
    }
    Ok(out)
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
