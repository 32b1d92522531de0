pub mod snapshot;
pub mod synth;
