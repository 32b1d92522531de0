//! Command handlers that are more than a call into a module.

pub mod redact;
