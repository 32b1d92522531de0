//! gwsx: explore and audit Genesys Web Services configuration in SIP Cluster deployments.
//! Source → Snapshot → Model → Inventory → Findings (see DESIGN.md).

pub mod agents;
pub mod allocator;
pub mod audit;
pub mod cli;
pub mod commands;
pub mod config;
pub mod diff;
pub mod domain;
pub mod envelope;
pub mod gws;
pub(crate) mod intern;
pub mod model;
pub(crate) mod packed;
pub mod par;
pub mod redact;
pub mod snapshot;
pub mod source;
pub mod text_safety;
pub mod tui;
