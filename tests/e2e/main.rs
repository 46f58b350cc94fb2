//! End-to-end tests: the built site in real headless Chromium and Firefox. Every test runs in
//! both browsers. Build the sites first (`bash scripts/test.sh` does): `dist/` from `seeds/`, and
//! `target/dist-hostile/` from `tests/fixtures/hostile/`, `target/dist-many/` from 80 synthetic articles, `target/dist-served/` from 20 000 (served as files). The workspace tests
//! add the files of `tests/fixtures/import/` through the page's file input.

mod curation;
mod dates;
mod explorer;
mod foundation;
mod hardening;
mod served;
mod stories;
mod support;
mod takeaway;
mod workspace;
