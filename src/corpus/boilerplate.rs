//! Boilerplate detection. (Stub: helper A owns this file.)
