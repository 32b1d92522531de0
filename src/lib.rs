pub mod agents;
pub mod audit;
pub mod cli;
pub mod domain;
pub mod model;
pub mod snapshot;
pub mod source;
pub mod tui;
