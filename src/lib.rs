//! redbrief: campaign specs for Xiaohongshu influencer campaigns, checked
//! against the KOL/KOC strategy and rendered as creator briefs.
//!
//! The pipeline, one module a stage, each importing only from those before
//! it (tests/integration/layers.rs holds the line):
//!
//! `source` (files, spans) → `diagnostic` (findings, rule metadata, E-codes)
//! → `syntax` (text to AST, the field table) → `roster` (spreadsheet rows to
//! creator blocks) → `model` (AST to a resolved
//! `Campaign`) → `rules` (strategy and platform checks) → `check` (the three
//! together) → `export`, `format` (the AST back in canonical layout),
//! `render` (briefs) → `diff` (which briefs change between two versions),
//! `lsp` (the language server), `preview` (the briefs served locally) →
//! `cli`. `fs`, `i18n`, `memory`, `platform` and
//! `suggest` are leaves any stage may use.

// No `unsafe` here; the program's allocator settings are in `main.rs`.
#![forbid(unsafe_code)]

pub mod check;
pub mod cli;
pub mod diagnostic;
pub mod diff;
pub mod export;
pub mod format;
pub mod fs;
pub mod i18n;
pub mod lsp;
pub mod memory;
pub mod model;
pub mod platform;
pub mod preview;
pub mod render;
pub mod roster;
pub mod rules;
pub mod source;
pub mod suggest;
pub mod syntax;

pub use check::{check, Checked, Omitted};
