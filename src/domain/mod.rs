//! The inventory: joins, computed login IDs and effective WWE options (RULES.md §0–3).
//! Pure and indexed; no I/O below this line.

pub mod dbid;
mod fact;
mod inventory;
mod login;
mod options;
mod route;

pub use fact::Fact;
pub use inventory::{Agent, Inventory, VoiceEnv, app_param, person_id, person_id_dbid};
pub use login::{LoginId, LoginSource};
pub use options::{
    AgentOptions, ChainOption, Effective, OptionChains, OptionSource, SoftphoneGroup,
    softphone_group,
};
pub use route::Route;

/// Option keys the rules and views read.
pub mod options_keys {
    pub use super::options::{CAN_USE, PROMPT_PLACE, SECTION, URI};
}
