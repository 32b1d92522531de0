pub mod agents;
pub mod audit;
pub mod cli;
pub mod domain;
pub mod gws;
pub mod model;
pub mod snapshot;
pub mod source;
