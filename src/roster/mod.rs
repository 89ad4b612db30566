//! `roster "kocs.csv" as koc { ... }`: creators read from a spreadsheet,
//! one a row, between the syntax and the model.
//!
//! Each row becomes a creator block as if it had been typed: the roster
//! block's fields are its defaults, and a non-empty cell overrides one.
//! Every cell is given a span of its own past the end of the spec (a range
//! no spec byte uses), so the model and the rules treat roster creators
//! exactly like typed ones; `Rosters::place` then turns a finding at such a
//! span into a finding at its cell (`kocs.csv:14:3`, `kocs.xlsx!C14`).

mod cells;
mod columns;
mod read;

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use crate::diagnostic::codes::{INVALID_VALUE, MISSING, ROSTER, UNKNOWN_NAME};
use crate::diagnostic::{Cell, Finding};
use crate::source::{SourceFile, Span, Spanned};
use crate::syntax::ast::{Block, BlockHead, Node, Role, Spec, Statement, Text, Value};
use crate::syntax::fields::{self, Key, Place, Repeat};
use crate::t;

use columns::Meaning;
pub use read::{ReadError, LARGEST_ROSTER, MOST_ROWS};

/// The rosters a spec read, and where their cells stand in the span range.
#[derive(Debug, Default)]
pub struct Rosters {
    files: Vec<RosterFile>,
    /// Every cell given a span, in span order.
    cells: Vec<CellSpan>,
    /// The first span offset past the spec.
    base: usize,
    /// E011 and column findings, at their place already.
    pub findings: Vec<Finding>,
}

#[derive(Debug)]
struct RosterFile {
    /// As shown: the spec's folder joined with the path written.
    shown: String,
    /// The roster block in the spec.
    block: Span,
    head: Span,
    workbook: bool,
    rows: Vec<read::Row>,
    bytes: Vec<u8>,
}

#[derive(Debug, Clone, Copy)]
struct CellSpan {
    start: usize,
    file: u32,
    row: u32,
    column: u32,
}

impl Rosters {
    /// Each roster's path as shown and its bytes, in spec order: what the
    /// briefs' spec hash covers beside the spec.
    pub fn inputs(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files
            .iter()
            .map(|file| (file.shown.as_str(), file.bytes.as_slice()))
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Where a creator read from a roster came from, as a finding names a
    /// cell (`kocs.csv:14:3`, `kocs.xlsx!C14`): `None` for a spec offset.
    pub fn cell_name(&self, offset: usize) -> Option<String> {
        self.cell_at(offset).map(|(_, cell)| cell.to_string())
    }

    /// The cell a roster span stands for.
    fn cell_at(&self, offset: usize) -> Option<(&RosterFile, Cell)> {
        if offset < self.base {
            return None;
        }
        let at = self
            .cells
            .partition_point(|c| c.start <= offset)
            .checked_sub(1)?;
        let span = self.cells[at];
        let file = &self.files[span.file as usize];
        let row = &file.rows[span.row as usize];
        let cells = row
            .cells
            .iter()
            .take(40)
            .map(|c| crate::source::shorten(c, 60))
            .collect();
        Some((
            file,
            Cell {
                file: file.shown.clone(),
                row: row.number,
                column: span.column as usize + 1,
                workbook: file.workbook,
                cells,
            },
        ))
    }

    /// Puts findings at roster spans at their cells, and folds the findings
    /// a default line of a roster block got once per row into one.
    pub fn place(&self, spec: &SourceFile, findings: Vec<Finding>) -> Vec<Finding> {
        if self.files.is_empty() {
            return findings;
        }
        let mut placed: Vec<Finding> = Vec::with_capacity(findings.len());
        let mut folded: HashMap<(&'static str, Span), (usize, usize)> = HashMap::new();
        for mut finding in findings {
            if let Some((file, cell)) = self.cell_at(finding.span.start) {
                finding.span = file.head;
                finding.fix = None;
                finding = finding.at_cell(cell);
            } else if self
                .files
                .iter()
                .any(|f| f.block.start <= finding.span.start && finding.span.end <= f.block.end)
            {
                let key = (finding.rule.code, finding.span);
                if let Some((_, more)) = folded.get_mut(&key) {
                    *more += 1;
                    continue;
                }
                folded.insert(key, (placed.len(), 0));
                // Rows sharing a default line point back at that one line.
                finding
                    .related
                    .dedup_by(|a, b| a.span == b.span && a.label == b.label);
            }
            let at_cell = finding.cell.is_some();
            for related in &mut finding.related {
                if let Some((file, cell)) = self.cell_at(related.span.start) {
                    related.span = file.head;
                    related.label = t!("{label} ({place})", label = related.label, place = cell);
                } else if at_cell {
                    // Shown as a note under the cell: name its place.
                    let at = spec.position(related.span.start);
                    let place = format!("{}:{}:{}", spec.path, at.line, at.column);
                    related.label = t!("{label} ({place})", label = related.label, place = place);
                }
            }
            placed.push(finding);
        }
        for (first, more) in folded.into_values() {
            if more > 0 {
                let finding = &mut placed[first];
                finding.message = if more == 1 {
                    t!(
                        "{message} (and 1 more row of the roster)",
                        message = finding.message
                    )
                } else {
                    t!(
                        "{message} (and {more} more rows of the roster)",
                        message = finding.message,
                        more = more
                    )
                };
            }
        }
        placed
    }
}

/// Reads every roster of the spec at `spec_path` (whose text is `spec_len`
/// bytes) and puts a creator block for each row into the campaign, after
/// the roster block.
pub fn expand(spec: &mut Spec, spec_path: &str, spec_len: usize) -> Rosters {
    let mut rosters = Rosters {
        base: spec_len + 1,
        ..Rosters::default()
    };
    let mut next = rosters.base;
    let folder = spec_folder(spec_path);
    for node in &mut spec.nodes {
        let Node::Block(campaign) = node else {
            continue;
        };
        if !matches!(campaign.head, BlockHead::Campaign { .. }) {
            continue;
        }
        if !campaign
            .body
            .iter()
            .any(|n| matches!(n, Node::Block(b) if matches!(b.head, BlockHead::Roster { .. })))
        {
            continue;
        }
        let currency = budget_currency(&campaign.body);
        let body = std::mem::take(&mut campaign.body);
        let mut expanded = Vec::with_capacity(body.len());
        for node in body {
            let rows = match &node {
                Node::Block(block) => match &block.head {
                    BlockHead::Roster { path, role } => {
                        let reading = Reading {
                            block,
                            path,
                            role: role.value,
                            currency: &currency,
                            folder: &folder,
                        };
                        reading.rows(&mut rosters, &mut next)
                    }
                    _ => Vec::new(),
                },
                _ => Vec::new(),
            };
            expanded.push(node);
            expanded.extend(rows.into_iter().map(Node::Block));
        }
        campaign.body = expanded;
    }
    rosters
}

/// The folder roster paths are relative to.
fn spec_folder(spec_path: &str) -> PathBuf {
    let path = spec_path.strip_prefix("file://").unwrap_or(spec_path);
    if path.is_empty() || path.starts_with('<') {
        return PathBuf::new();
    }
    match Path::new(path).parent() {
        Some(parent) => parent.to_path_buf(),
        None => PathBuf::new(),
    }
}

/// The budget's currency, which a bare fee takes; CNY without a budget.
fn budget_currency(body: &[Node]) -> String {
    body.iter()
        .find_map(|node| match node {
            Node::Statement(statement) if statement.key() == Key::Budget => {
                match &statement.value {
                    Value::Money(money) => Some(money.currency.value.clone()),
                    _ => None,
                }
            }
            _ => None,
        })
        .unwrap_or_else(|| "CNY".to_string())
}

/// One roster block being read.
struct Reading<'a> {
    block: &'a Block,
    path: &'a Text,
    role: Role,
    currency: &'a str,
    folder: &'a Path,
}

impl Reading<'_> {
    fn place(&self) -> Place {
        match self.role {
            Role::Kol => Place::Kol,
            Role::Koc => Place::Koc,
        }
    }

    fn sheet(&self) -> Option<&str> {
        self.block.body.iter().find_map(|node| match node {
            Node::Statement(s) if s.key() == Key::Sheet => match &s.value {
                Value::Text(text) => Some(text.value.as_str()),
                _ => None,
            },
            _ => None,
        })
    }

    /// The block's statements every row starts from: those valid in a
    /// creator of the role (the model reports the others once, at the
    /// roster), a single-valued field once.
    fn defaults(&self) -> Vec<&Statement> {
        let place = self.place();
        let mut seen = Vec::new();
        let mut defaults = Vec::new();
        for node in &self.block.body {
            let Node::Statement(statement) = node else {
                continue;
            };
            let Some(field) = fields::field_at(statement.key.value, place) else {
                continue;
            };
            if field.repeat == Repeat::Once {
                if seen.contains(&field.key) {
                    continue;
                }
                seen.push(field.key);
            }
            defaults.push(statement);
        }
        defaults
    }

    fn error(&self, message: String, help: &str) -> Finding {
        Finding::new(&ROSTER, self.path.span, message)
            .label(t!("cannot read this roster"))
            .help(help)
    }

    fn rows(&self, rosters: &mut Rosters, next: &mut usize) -> Vec<Block> {
        let written = Path::new(&self.path.value);
        let path = self.folder.join(written);
        let shown = path.display().to_string();
        let outside =
            written.is_absolute() || written.components().any(|c| c == Component::ParentDir);
        let named = if outside {
            t!("`{path}` (outside the spec's folder)", path = shown)
        } else {
            format!("`{shown}`")
        };
        let table = match read::read(&path, self.sheet()) {
            Ok(table) => table,
            Err(error) => {
                let (message, help) = words(&error, &named);
                rosters.findings.push(self.error(message, &help));
                return Vec::new();
            }
        };
        let Some(header_at) = table
            .rows
            .iter()
            .position(|row| columns::columns(&row.cells).len() >= 2)
        else {
            rosters.findings.push(self.error(
                t!("the roster {named} has no header row", named = named),
                &t!("name the columns in one row, e.g. `昵称,粉丝数,类目` or `handle,followers,niche`; title rows above it are skipped"),
            ));
            return Vec::new();
        };
        let file = rosters.files.len() as u32;
        let columns = columns::columns(&table.rows[header_at].cells);
        rosters.files.push(RosterFile {
            shown,
            block: self.block.span,
            head: self.path.span,
            workbook: table.workbook,
            rows: table.rows,
            bytes: table.bytes,
        });
        let mut alloc = |rosters: &mut Rosters, row: usize, column: usize, len: usize| {
            let len = len.max(1);
            let span = Span::new(*next, *next + len);
            rosters.cells.push(CellSpan {
                start: *next,
                file,
                row: row as u32,
                column: column as u32,
            });
            *next += len + 1;
            span
        };

        // Columns within two edits of a field's name.
        let header = rosters.files[file as usize].rows[header_at].cells.clone();
        for (index, name) in header.iter().enumerate() {
            if columns.iter().any(|c| c.index == index) || name.chars().count() < 4 {
                continue;
            }
            let lower = name.to_lowercase();
            let best = columns::field_names()
                .map(|field| (strsim::damerau_levenshtein(&lower, field), field))
                .filter(|(distance, _)| *distance <= 2)
                .min();
            if let Some((_, best)) = best {
                let span = alloc(rosters, header_at, index, name.len());
                rosters.findings.push(
                    Finding::new(
                        &UNKNOWN_NAME,
                        span,
                        t!("unknown column `{column}`", column = name),
                    )
                    .label(t!("not read"))
                    .help(t!(
                        "did you mean `{meant}`? rename the column, or this column is ignored",
                        meant = best
                    )),
                );
            }
        }
        let handle_column = columns
            .iter()
            .find(|c| matches!(c.meaning, Meaning::Handle | Meaning::Nickname))
            .copied();
        let Some(handle_column) = handle_column else {
            let span = alloc(rosters, header_at, 0, 1);
            rosters.findings.push(
                Finding::new(
                    &ROSTER,
                    span,
                    t!("the roster {named} has no handle column", named = named),
                )
                .label(t!("header row"))
                .help(t!(
                    "add a column `handle` (e.g. `@amy_tries`) or `昵称` naming each creator"
                )),
            );
            return Vec::new();
        };

        let defaults = self.defaults();
        let video = defaults
            .iter()
            .any(|s| matches!(&s.value, Value::Deliver { format, .. } if format.value == "video"));
        let fee_meaning = if video {
            Meaning::VideoFee
        } else {
            Meaning::ImageFee
        };
        let mut blocks = Vec::new();
        let mut data_rows = 0;
        let rows_total = rosters.files[file as usize].rows.len();
        for row_index in header_at + 1..rows_total {
            let row = &rosters.files[file as usize].rows[row_index];
            if row.is_blank() {
                continue;
            }
            data_rows += 1;
            // More cells than the header names, in a text file: a comma
            // inside a value (`1,800`) split it, and every cell after it
            // moved one column. Reading the row would put the fee in the
            // wrong field, so it is reported and left out.
            let extra = row
                .cells
                .iter()
                .enumerate()
                .skip(header.len())
                .find(|(_, c)| !c.is_empty())
                .map(|(at, c)| (at, c.len()));
            if let (Some((at, len)), false) = (extra, rosters.files[file as usize].workbook) {
                let (cells, columns) = (row.cells.len(), header.len());
                let span = alloc(rosters, row_index, at, len);
                rosters.findings.push(
                    Finding::new(
                        &ROSTER,
                        span,
                        t!(
                            "this row has {cells} cells, but the header names {columns} columns",
                            cells = cells,
                            columns = columns
                        ),
                    )
                    .label(t!("one cell too many"))
                    .help(t!("a comma inside a value splits its cell: write numbers without thousands commas (1800), or put the value in quotes (\"1,800\"); this row is not read until then")),
                );
                continue;
            }
            let row_cells = row.cells.clone();
            let cell = |column: usize| -> &str { row_cells.get(column).map_or("", |c| c) };
            let written = cell(handle_column.index);
            let handle = match handle_column.meaning {
                Meaning::Handle if written.starts_with('@') => written.to_string(),
                _ => cells::handle_of(written),
            };
            let handle_span = alloc(rosters, row_index, handle_column.index, written.len());
            if handle.is_empty() {
                let finding = if written.is_empty() {
                    Finding::new(&MISSING, handle_span, t!("a roster row names no creator"))
                        .label(t!("empty"))
                        .help(t!("write the creator's handle or nickname in this cell, or delete the row"))
                } else {
                    Finding::new(
                        &INVALID_VALUE,
                        handle_span,
                        t!("`{written}` leaves nothing a handle can hold", written = written),
                    )
                    .label(t!("no letters or digits"))
                    .help(t!("a handle keeps letters, digits, `.`, `_` and `-`; write the creator's handle in a `handle` column"))
                };
                rosters.findings.push(finding);
                continue;
            }
            let mut statements: Vec<Statement> = Vec::new();
            // A nickname column (昵称) keeps the name as written for the
            // brief's greeting; the handle is what is left of it.
            if handle_column.meaning == Meaning::Nickname
                && written.trim() != handle.trim_start_matches('@')
            {
                statements.push(Statement {
                    key: Spanned::new("nickname", handle_span),
                    field: fields::spec_of(Key::Nickname),
                    value: Value::Text(Text {
                        value: written.trim().to_string(),
                        span: handle_span,
                        multiline: false,
                        translations: Vec::new(),
                    }),
                    span: handle_span,
                });
            }
            for column in &columns {
                let text = cell(column.index);
                if text.is_empty() {
                    continue;
                }
                let field = match column.meaning {
                    Meaning::Field(key) => fields::spec_of(key),
                    Meaning::ImageFee | Meaning::VideoFee if column.meaning == fee_meaning => {
                        fields::spec_of(Key::Fee)
                    }
                    _ => continue,
                };
                // A plain `fee` column outranks the per-format ones.
                if field.key == Key::Fee
                    && column.meaning != Meaning::Field(Key::Fee)
                    && columns
                        .iter()
                        .any(|c| c.meaning == Meaning::Field(Key::Fee) && !cell(c.index).is_empty())
                {
                    continue;
                }
                if field.key == Key::Fee && statements.iter().any(|s| s.key() == Key::Fee) {
                    continue;
                }
                let span = alloc(rosters, row_index, column.index, text.len());
                let Some(value) = cells::value(field.kind, text, column.scale, self.currency, span)
                else {
                    continue;
                };
                statements.push(Statement {
                    key: Spanned::new(field.keyword, span),
                    field,
                    value,
                    span,
                });
            }
            let mut body: Vec<Node> = defaults
                .iter()
                .filter(|d| !statements.iter().any(|s| s.key() == d.key()))
                .map(|d| Node::Statement((*d).clone()))
                .collect();
            let end = statements.last().map_or(handle_span, |s| s.span);
            body.extend(statements.into_iter().map(Node::Statement));
            blocks.push(Block {
                head: BlockHead::Creator {
                    role: self.role,
                    handle: Spanned::new(handle, handle_span),
                },
                head_span: handle_span,
                body,
                span: handle_span.to(end),
            });
        }
        if data_rows == 0 {
            let span = alloc(rosters, header_at, handle_column.index, 1);
            rosters.findings.push(
                Finding::new(
                    &ROSTER,
                    span,
                    t!("the roster {named} has no data row", named = named),
                )
                .label(t!("header row, and nothing below it"))
                .help(t!("add one row per creator below the header")),
            );
        }
        blocks
    }
}

/// A read error in words: the message and the help.
fn words(error: &ReadError, named: &str) -> (String, String) {
    match error {
        ReadError::Missing => (
            t!("the roster {named} does not exist", named = named),
            t!("the path is relative to the spec file's folder; check its spelling"),
        ),
        ReadError::Folder => (
            t!("the roster {named} is a folder", named = named),
            t!("name the spreadsheet inside it, e.g. `rosters/kocs.csv`"),
        ),
        ReadError::Io(reason) => (
            t!(
                "the roster {named} cannot be read: {reason}",
                named = named,
                reason = reason
            ),
            t!("check that the file is readable"),
        ),
        ReadError::TooLarge => (
            t!(
                "the roster {named} is larger than {mib} MiB",
                named = named,
                mib = LARGEST_ROSTER >> 20
            ),
            t!("split the roster into several files, one `roster` statement each"),
        ),
        ReadError::Empty => (
            t!("the roster {named} is empty (0 bytes)", named = named),
            t!("save the spreadsheet again, with a header row and one row per creator"),
        ),
        ReadError::Extension => (
            t!(
                "the roster {named} is not a `.csv`, `.tsv` or `.xlsx` file",
                named = named
            ),
            t!("save the roster as CSV (UTF-8) or as an Excel workbook (.xlsx)"),
        ),
        ReadError::TextNamedXlsx => (
            t!(
                "the roster {named} is named `.xlsx` but holds text, not a workbook",
                named = named
            ),
            t!("it looks like CSV saved under an `.xlsx` name: rename it to `.csv`, or save it from Excel as a workbook"),
        ),
        ReadError::Encrypted => (
            t!(
                "the roster {named} is password-protected or an old `.xls` workbook",
                named = named
            ),
            t!("open it in Excel, remove the password (File > Info > Protect Workbook), and save it as `.xlsx`"),
        ),
        ReadError::Workbook(reason) => (
            t!(
                "the roster {named} is not a readable workbook: {reason}",
                named = named,
                reason = reason
            ),
            t!("open it in Excel and save it again as `.xlsx`, or export it as CSV"),
        ),
        ReadError::NoSheet { wanted, sheets } => (
            t!(
                "the roster {named} has no sheet \"{wanted}\"",
                named = named,
                wanted = wanted
            ),
            t!(
                "its sheets are {sheets}",
                sheets = sheets
                    .iter()
                    .map(|s| format!("\"{s}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ),
        ReadError::Csv(reason) => (
            t!(
                "the roster {named} is not readable CSV: {reason}",
                named = named,
                reason = reason
            ),
            t!("save it again as CSV from the spreadsheet program"),
        ),
        ReadError::TooManyRows => (
            t!(
                "the roster {named} has more than {rows} rows",
                named = named,
                rows = MOST_ROWS
            ),
            t!("split the roster into several files, one `roster` statement each"),
        ),
    }
}
