//! The end-to-end harness: a small static server on a free loopback port (serving a built site
//! under a sub-path and instrumenting its pages), the two WebDriver servers, and a `Page` wrapper
//! with the waits and queries the tests share.
//!
//! Nothing here skips: a missing `dist/`, browser or driver is a test failure with a message that
//! says which command installs it.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

pub const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Served in front of every HTML page by the test server (not part of the product): records
/// console errors, uncaught errors and CSP violations so both browsers can report them.
const HOOK_JS: &str = r#"
window.__errors = [];
window.__csp = [];
const origError = console.error;
console.error = function (...args) { window.__errors.push(args.map(String).join(" ")); origError.apply(console, args); };
addEventListener("error", (e) => window.__errors.push("error: " + e.message));
addEventListener("unhandledrejection", (e) => window.__errors.push("rejection: " + e.reason));
document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(e.violatedDirective + " " + e.blockedURI));
"#;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Browser {
    Chromium,
    Firefox,
}

pub const BROWSERS: [Browser; 2] = [Browser::Chromium, Browser::Firefox];

/// A static file server for one directory, mounted under `prefix` (e.g. `/some/where/`).
pub struct Site {
    pub base: String,
    pub requests: Arc<Mutex<Vec<String>>>,
}

/// How a test's server behaves beyond serving files.
#[derive(Clone, Default)]
struct Host {
    /// Each answer waits this long (every third, three times as long).
    delay: Duration,
    /// A 404 for every path containing this.
    missing: Option<String>,
    /// Only the first half of every file whose path contains this: a download cut off.
    cut: Option<String>,
    /// Gzip files go out with `Content-Encoding: gzip`, as a host that compresses on the fly.
    encoded: bool,
}

impl Site {
    pub fn serve(dir: &Path, prefix: &str) -> Site {
        Site::serve_slowly(dir, prefix, Duration::ZERO, None)
    }

    /// [`Site::serve`], answering each request after `delay` (so responses arrive out of
    /// order, as over a real network), and with a 404 for every path containing `broken`.
    pub fn serve_slowly(dir: &Path, prefix: &str, delay: Duration, broken: Option<&str>) -> Site {
        Site::start(dir, prefix, Host { delay, missing: broken.map(str::to_string), ..Host::default() })
    }

    /// [`Site::serve`] as a host that compresses on the fly: every gzip file (the served
    /// corpus's, as written) goes out with `Content-Encoding: gzip`, so the browser inflates it
    /// and the page is handed its plain bytes.
    pub fn serve_encoded(dir: &Path, prefix: &str) -> Site {
        Site::start(dir, prefix, Host { encoded: true, ..Host::default() })
    }

    /// [`Site::serve`], sending only the first half of every file whose path contains `cut`.
    pub fn serve_cut(dir: &Path, prefix: &str, cut: &str) -> Site {
        Site::start(dir, prefix, Host { cut: Some(cut.to_string()), ..Host::default() })
    }

    fn start(dir: &Path, prefix: &str, host: Host) -> Site {
        assert!(
            dir.join("index.html").is_file(),
            "{} has no index.html: build the site first (bash scripts/test.sh does it)",
            dir.display()
        );
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        let addr: SocketAddr = listener.local_addr().unwrap();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let (dir, prefix_owned, log) = (dir.to_path_buf(), prefix.to_string(), requests.clone());
        std::thread::spawn(move || {
            for (k, stream) in listener.incoming().flatten().enumerate() {
                let (dir, prefix, log, host) = (dir.clone(), prefix_owned.clone(), log.clone(), host.clone());
                // Every third request waits three times as long: later requests overtake.
                let wait = host.delay * if k % 3 == 0 { 3 } else { 1 };
                std::thread::spawn(move || {
                    std::thread::sleep(wait);
                    handle(stream, &dir, &prefix, &log, &host)
                });
            }
        });
        Site { base: format!("http://{addr}{prefix}"), requests }
    }

    pub fn requested(&self) -> Vec<String> {
        self.requests.lock().unwrap().clone()
    }
}

fn handle(mut stream: TcpStream, dir: &Path, prefix: &str, log: &Mutex<Vec<String>>, host: &Host) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    // Drain headers.
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).unwrap_or(0) == 0 || h == "\r\n" {
            break;
        }
    }
    let path = line.split_whitespace().nth(1).unwrap_or("/").split(['?', '#']).next().unwrap_or("/").to_string();
    log.lock().unwrap().push(path.clone());
    let hit = |part: &Option<String>| part.as_deref().is_some_and(|p| path.contains(p));
    let (status, ctype, mut body) = if hit(&host.missing) {
        ("404 Not Found", "text/plain", b"not found".to_vec())
    } else {
        respond(dir, prefix, &path)
    };
    if hit(&host.cut) {
        body.truncate(body.len() / 2);
    }
    let encoding = if host.encoded && body.starts_with(&corpus_explorer::store::GZIP_MAGIC) {
        "Content-Encoding: gzip\r\n"
    } else {
        ""
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\n{encoding}Content-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
    let _ = stream.flush();
    let _ = reader.read(&mut [0u8; 0]);
}

fn respond(dir: &Path, prefix: &str, path: &str) -> (&'static str, &'static str, Vec<u8>) {
    if path == format!("{prefix}__test_hook.js") {
        return ("200 OK", "text/javascript", HOOK_JS.as_bytes().to_vec());
    }
    let Some(rel) = path.strip_prefix(prefix) else {
        return ("404 Not Found", "text/plain", b"outside the site".to_vec());
    };
    let rel = if rel.is_empty() { "index.html" } else { rel };
    if rel.contains("..") {
        return ("403 Forbidden", "text/plain", Vec::new());
    }
    let file = dir.join(rel);
    let Ok(mut bytes) = std::fs::read(&file) else {
        return ("404 Not Found", "text/plain", b"not found".to_vec());
    };
    let ctype = match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css",
        Some("png") => "image/png",
        _ => "application/octet-stream",
    };
    if ctype.starts_with("text/html") {
        // Instrument the page: an external same-origin script, which the CSP allows.
        let html =
            String::from_utf8_lossy(&bytes).replacen("<head>", "<head><script src=\"__test_hook.js\"></script>", 1);
        bytes = html.into_bytes();
    }
    ("200 OK", ctype, bytes)
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// A running WebDriver server; killed on drop.
struct Driver {
    child: Child,
    port: u16,
    _profile: Option<PathBuf>,
}

impl Drop for Driver {
    fn drop(&mut self) {
        // The driver runs in its own process group with the browser it started: end them all,
        // so a failed test leaves no browser behind.
        let _ = Command::new("kill").args(["-TERM", "--", &format!("-{}", self.child.id())]).status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn which(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    let home_cargo = std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo/bin"));
    let dirs: Vec<PathBuf> = std::env::split_paths(&path).chain(home_cargo).collect();
    names.iter().find_map(|n| dirs.iter().map(|d| d.join(n)).find(|p| p.is_file()))
}

fn start_driver(browser: Browser) -> Driver {
    let port = free_port();
    let (exe, args): (PathBuf, Vec<String>) = match browser {
        Browser::Chromium => (
            which(&["chromedriver"])
                .expect("chromedriver is missing: run `bash scripts/setup.sh` (apt-get install chromium-driver)"),
            vec![format!("--port={port}")],
        ),
        Browser::Firefox => (
            which(&["geckodriver"])
                .expect("geckodriver is missing: run `bash scripts/setup.sh` (cargo install geckodriver)"),
            vec!["--port".into(), port.to_string(), "--host".into(), "127.0.0.1".into()],
        ),
    };
    let child = Command::new(exe)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn()
        .expect("start the WebDriver server");
    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "{browser:?} driver did not start on port {port}");
        std::thread::sleep(Duration::from_millis(50));
    }
    Driver { child, port, _profile: None }
}

/// Ways to cripple a browser, to test the fallbacks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tweak {
    None,
    NoJavaScript,
    NoWebAssembly,
    /// The system setting "reduce motion".
    ReducedMotion,
}

fn capabilities(browser: Browser, profile: &Path, tweak: Tweak) -> serde_json::Map<String, Value> {
    let mut caps = match browser {
        Browser::Chromium => {
            let binary = which(&["chromium"]).expect("chromium is missing: run `bash scripts/setup.sh`");
            json!({
                "browserName": "chrome",
                "goog:chromeOptions": {
                    "binary": binary,
                    "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                             "--disable-background-networking", "--disable-component-update", "--disable-sync",
                             "--disable-dev-shm-usage", "--window-size=1280,900",
                             format!("--user-data-dir={}", profile.display())]
                }
            })
        }
        Browser::Firefox => {
            let binary = which(&["firefox-esr", "firefox"]).expect("firefox is missing: run `bash scripts/setup.sh`");
            json!({
                "browserName": "firefox",
                "moz:firefoxOptions": {
                    "binary": binary,
                    "args": ["-headless", "-profile", profile.display().to_string()],
                    "prefs": {
                        "app.update.enabled": false,
                        "browser.shell.checkDefaultBrowser": false,
                        "datareporting.policy.dataSubmissionEnabled": false,
                        "toolkit.telemetry.enabled": false,
                        "network.captive-portal-service.enabled": false,
                        "network.connectivity-service.enabled": false,
                        "browser.safebrowsing.malware.enabled": false,
                        "browser.safebrowsing.phishing.enabled": false,
                        "extensions.update.enabled": false,
                        "dom.events.asyncClipboard.clipboardItem": true
                    }
                }
            })
        }
    };
    match (browser, tweak) {
        (_, Tweak::None) => {}
        (Browser::Chromium, Tweak::NoJavaScript) => push_arg(&mut caps, "--blink-settings=scriptEnabled=false"),
        // V8 without a JIT exposes no WebAssembly.
        (Browser::Chromium, Tweak::NoWebAssembly) => push_arg(&mut caps, "--js-flags=--jitless"),
        (Browser::Firefox, Tweak::NoJavaScript) => {
            caps["moz:firefoxOptions"]["prefs"]["javascript.enabled"] = json!(false);
        }
        (Browser::Firefox, Tweak::NoWebAssembly) => {
            caps["moz:firefoxOptions"]["prefs"]["javascript.options.wasm"] = json!(false);
        }
        (Browser::Chromium, Tweak::ReducedMotion) => push_arg(&mut caps, "--force-prefers-reduced-motion"),
        (Browser::Firefox, Tweak::ReducedMotion) => {
            caps["moz:firefoxOptions"]["prefs"]["ui.prefersReducedMotion"] = json!(1);
        }
    }
    caps.as_object().cloned().unwrap()
}

fn push_arg(caps: &mut Value, arg: &str) {
    if let Some(args) = caps["goog:chromeOptions"]["args"].as_array_mut() {
        args.push(json!(arg));
    }
}

/// One browser session on one page, with the helpers tests need.
pub struct Page {
    pub client: Client,
    pub browser: Browser,
    _driver: Driver,
    _profile: TempDir,
}

struct TempDir(PathBuf);
impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

impl Page {
    pub async fn open(browser: Browser) -> Page {
        Page::open_with(browser, Tweak::None).await
    }

    pub async fn open_with(browser: Browser, tweak: Tweak) -> Page {
        let driver = start_driver(browser);
        let profile = std::env::temp_dir().join(format!("e2e-{browser:?}-{}-{}", std::process::id(), driver.port));
        std::fs::create_dir_all(&profile).unwrap();
        let mut builder = ClientBuilder::native();
        builder.capabilities(capabilities(browser, &profile, tweak));
        let client = builder
            .connect(&format!("http://127.0.0.1:{}", driver.port))
            .await
            .unwrap_or_else(|e| panic!("{browser:?}: cannot start a session: {e}"));
        let _ = client.set_window_size(1280, 900).await;
        Page { client, browser, _driver: driver, _profile: TempDir(profile) }
    }

    /// Navigates and waits until the app has mounted (the search box exists) or failed.
    pub async fn goto(&self, url: &str) {
        // A save the page still runs is finished first, as a reader waits for "Saving…" to go
        // (workspace.js shows an analysis at once and saves it after).
        self.js("window.__saved = false; (window.corpusWorkspace ? corpusWorkspace.idle() : Promise.resolve()).then(() => { window.__saved = true; }); return null;").await;
        self.wait_until("window.__saved", "the workspace to be saved").await;
        self.client.goto(url).await.unwrap_or_else(|e| panic!("{:?}: goto {url}: {e}", self.browser));
        self.wait_until("document.getElementById('search') || document.getElementById('fatal-error') || document.querySelector('.boot-error')", "the app to mount")
            .await;
    }

    pub async fn js(&self, script: &str) -> Value {
        self.client
            .execute(script, vec![])
            .await
            .unwrap_or_else(|e| panic!("{:?}: script failed: {e}\n{script}", self.browser))
    }

    /// Polls a JS expression until truthy (10 s), then returns its value.
    pub async fn wait_until(&self, expr: &str, what: &str) -> Value {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            // An element is reported as `true`, never returned: the app may be mounted again
            // (a restored workspace) between the check and the reply, and a returned element
            // would then be a stale reference that fails the whole script.
            let v = self.js(&format!("const v = ({expr}); return v instanceof Element ? true : v;")).await;
            if !(v.is_null() || v == json!(false) || v == json!(0) || v == json!("")) {
                return v;
            }
            assert!(Instant::now() < deadline, "{:?}: timed out waiting for {what} ({expr})", self.browser);
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub async fn texts(&self, css: &str) -> Vec<String> {
        let v =
            self.js(&format!("return [...document.querySelectorAll({css:?})].map(e => e.textContent.trim());")).await;
        serde_json::from_value(v).unwrap()
    }

    pub async fn attrs(&self, css: &str, attr: &str) -> Vec<String> {
        let v = self
            .js(&format!("return [...document.querySelectorAll({css:?})].map(e => e.getAttribute({attr:?}) || '');"))
            .await;
        serde_json::from_value(v).unwrap()
    }

    pub async fn count(&self, css: &str) -> usize {
        self.js(&format!("return document.querySelectorAll({css:?}).length;")).await.as_u64().unwrap() as usize
    }

    pub async fn click(&self, css: &str) {
        let el = self
            .client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{:?}: no element {css}: {e}", self.browser));
        // Scroll first so the click lands on the element in both browsers; instantly, since the
        // page scrolls smoothly and a click during the animation hits whatever is passing by.
        self.client
            .execute(
                "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});",
                vec![serde_json::to_value(&el).unwrap()],
            )
            .await
            .unwrap();
        el.click().await.unwrap_or_else(|e| panic!("{:?}: click {css}: {e}", self.browser));
    }

    pub async fn type_into(&self, css: &str, text: &str) {
        let el = self.client.find(Locator::Css(css)).await.unwrap();
        el.send_keys(text).await.unwrap();
    }

    /// Chooses files in an `<input type=file>` as a person would: WebDriver types their paths,
    /// one per line, into the real file input (no script sets `files`).
    pub async fn choose_files(&self, css: &str, paths: &[PathBuf]) {
        let el = self
            .client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{:?}: no file input {css}: {e}", self.browser));
        let lines: Vec<String> = paths
            .iter()
            .map(|p| p.canonicalize().unwrap_or_else(|e| panic!("{}: {e}", p.display())).display().to_string())
            .collect();
        el.send_keys(&lines.join("\n")).await.unwrap_or_else(|e| panic!("{:?}: choose files: {e}", self.browser));
    }

    /// From now on, a download is kept in `window.__saved` (file name → Blob) instead of being
    /// saved, and clipboard writes in `window.__copied`, so a test reads exactly what the
    /// browser would have written.
    pub async fn catch_downloads(&self) {
        self.js(
            "window.__saved = {};
             const create = URL.createObjectURL;
             URL.createObjectURL = (b) => { window.__lastBlob = b; return create(b); };
             const click = HTMLAnchorElement.prototype.click;
             HTMLAnchorElement.prototype.click = function () {
               if (this.download) window.__saved[this.download] = window.__lastBlob; else click.call(this);
             };
             if (navigator.clipboard) navigator.clipboard.writeText = (t) => { window.__copied = t; return Promise.resolve(); };",
        )
        .await;
    }

    /// The text of a download caught by [`Page::catch_downloads`], once it arrives.
    pub async fn downloaded_text(&self, name: &str) -> String {
        self.wait_until(&format!("window.__saved[{name:?}]"), name).await;
        let v = self
            .client
            .execute_async(&format!("const done = arguments[0]; window.__saved[{name:?}].text().then(done);"), vec![])
            .await
            .unwrap_or_else(|e| panic!("{:?}: read download {name}: {e}", self.browser));
        v.as_str().unwrap_or_default().to_string()
    }

    pub async fn press(&self, key: fantoccini::key::Key) {
        let el = self.client.active_element().await.unwrap();
        el.send_keys(&char::from(key).to_string()).await.unwrap();
    }

    pub async fn fragment(&self) -> String {
        self.client.current_url().await.unwrap().fragment().unwrap_or("").to_string()
    }

    /// Errors the instrumented page recorded (console.error, uncaught, rejections). A page
    /// where the recording hook never ran is itself an error: "no errors" must mean the hook
    /// looked and found none.
    pub async fn errors(&self) -> Vec<String> {
        match self.js("return window.__errors === undefined ? null : window.__errors;").await {
            serde_json::Value::Null => vec!["the error-recording hook did not run on this page".to_string()],
            value => serde_json::from_value(value).unwrap_or_else(|e| vec![format!("unreadable error list: {e}")]),
        }
    }

    /// CSP violations the instrumented page recorded; a missing hook is reported, as in
    /// [`Page::errors`].
    pub async fn csp_violations(&self) -> Vec<String> {
        match self.js("return window.__csp === undefined ? null : window.__csp;").await {
            serde_json::Value::Null => vec!["the CSP-recording hook did not run on this page".to_string()],
            value => serde_json::from_value(value).unwrap_or_else(|e| vec![format!("unreadable violation list: {e}")]),
        }
    }

    /// Narrows the window to a phone's width and checks nothing scrolls sideways.
    pub async fn assert_fits_a_phone(&self, browser: Browser) {
        self.client.set_window_size(375, 800).await.unwrap();
        // Headless Firefox will not make a window narrower than about 450 px.
        let narrow = if browser == Browser::Firefox { 520 } else { 400 };
        self.wait_until(&format!("window.innerWidth <= {narrow}"), "a phone-sized window").await;
        let overflow =
            self.js("return document.documentElement.scrollWidth - window.innerWidth;").await.as_i64().unwrap();
        assert!(overflow <= 1, "{browser:?}: {overflow}px horizontal overflow at 375 px");
    }

    pub async fn screenshot(&self, name: &str) {
        if let Ok(png) = self.client.screenshot().await {
            let dir = Path::new(ROOT).join("docs/screenshots");
            let _ = std::fs::create_dir_all(&dir);
            let _ = std::fs::write(dir.join(format!("{name}.png")), png);
        }
    }

    pub async fn close(self) {
        let _ = self.client.close().await;
    }
}

/// Runs the same scenario in Chromium, then Firefox.
pub fn in_both_browsers<F, Fut>(scenario: F)
where
    F: Fn(Browser) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    for browser in BROWSERS {
        rt.block_on(scenario(browser));
    }
}

pub fn dist() -> PathBuf {
    Path::new(ROOT).join("dist")
}

/// The test site built from `tests/fixtures/hostile/` (see scripts/test.sh).
pub fn hostile_dist() -> PathBuf {
    Path::new(ROOT).join("target/dist-hostile")
}

/// The test site built from 80 synthetic articles (`synth`; see scripts/test.sh): enough dated
/// events for the timeline's histogram.
pub fn many_dist() -> PathBuf {
    Path::new(ROOT).join("target/dist-many")
}

/// The served-corpus test site: 20 000 synthetic articles as files (see scripts/test.sh).
pub fn served_dist() -> PathBuf {
    Path::new(ROOT).join("target/dist-served")
}

/// Files a reader might bring: a text article, a saved news page, a CSV of three articles, a
/// Latin-1 file, a PDF and an empty file (`tests/fixtures/import/`).
pub fn import_fixture(name: &str) -> PathBuf {
    Path::new(ROOT).join("tests/fixtures/import").join(name)
}

/// `file://` URL of the single-file build.
pub fn single_file_url() -> String {
    let path = dist().join("explorer.html");
    assert!(path.is_file(), "{} is missing: build the site first", path.display());
    format!("file://{}", path.canonicalize().unwrap().display())
}

/// The seeds' titles (first non-empty line), read independently of the app.
pub fn seed_titles() -> Vec<(String, String)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(Path::new(ROOT).join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            let title = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("").to_string();
            (p.file_stem().unwrap().to_string_lossy().into_owned(), title)
        })
        .collect()
}
