//! Integration tests: the real binary, run as a user would. One module per
//! command; snapshots live in `snapshots/` and are read before accepted.

// Shared by every command's tests; not each one uses every helper.
#[allow(dead_code)]
mod common;

mod check;
mod completions;
mod export;
mod fmt;
mod init;
mod layers;
mod malformed;
mod output;
mod render;
mod rules;
