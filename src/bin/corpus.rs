//! Native CLI over the pipeline. (Stub: helper A owns this file.)
fn main() {}
