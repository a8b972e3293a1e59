//! caiju's policy engine: the policy, the profile, the evaluation and the reports, with no files and no terminal.

pub mod ask;
pub mod catalog;
pub mod describe;
pub mod diagnostic;
pub mod diff;
pub mod engine;
pub mod error;
pub mod explain;
pub mod i18n;
pub mod lang;
pub mod lint;
pub mod messages;
pub mod places;
pub mod policy;
pub mod profile;
pub mod reach;
pub mod render;
pub mod report;
