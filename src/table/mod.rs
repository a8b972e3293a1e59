//! The terminal tables, drawn with comfy-table: the report of a check and the catalog of measures.

pub mod catalog;
pub mod report;
