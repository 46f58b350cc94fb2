//! Paragraph and sentence splitting. (Stub: helper A owns this file.)
