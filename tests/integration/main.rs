//! Integration tests: the real binary, run as a user would. One module per
//! command; snapshots live in `snapshots/` and are read before accepted.
//! The many rule and malformed fixtures are checked by the library in this
//! process (`common::check_in_process`); one binary run over all of them
//! (`check::fixtures_print_the_same_through_the_binary`) keeps the two
//! printing the same.

// Shared by every command's tests; not each one uses every helper.
#[allow(dead_code)]
mod common;

mod check;
mod ci;
mod completions;
mod diff;
mod docs;
mod export;
mod fmt;
mod hostile;
mod i18n;
mod init;
mod layers;
mod lsp;
mod malformed;
mod output;
mod preview;
mod render;
mod roster;
mod rules;
mod sheet;
