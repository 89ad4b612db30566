//! A roster file to rows of text: CSV and TSV in UTF-8 (with or without a
//! byte-order mark), UTF-16 with a byte-order mark or GB18030/GBK, and the
//! first (or a named) sheet of an `.xlsx` workbook, formulas as their cached
//! values. Nothing here knows what the columns mean.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader, Xlsx};

/// The largest roster file read: past it, the file is refused before it is
/// read whole. A 100,000-row Pugongying export is about 20 MiB as CSV.
pub const LARGEST_ROSTER: u64 = 64 << 20;

/// At most this many rows are read; a longer sheet is E011.
pub const MOST_ROWS: usize = 200_000;

/// One row as read: its 1-based number (the text line for CSV, the sheet
/// row for a workbook) and its cells, trimmed.
#[derive(Debug, Clone)]
pub struct Row {
    pub number: usize,
    pub cells: Vec<Box<str>>,
}

impl Row {
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.is_empty())
    }
}

/// A spreadsheet's rows.
#[derive(Debug, Clone)]
pub struct Table {
    pub rows: Vec<Row>,
    pub workbook: bool,
    /// The bytes read, for the spec hash in the briefs' front matter.
    pub bytes: Vec<u8>,
}

/// Why a roster file gave no rows: errors as data, put into words by
/// `super::ReadError::words`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    Missing,
    Folder,
    Io(String),
    TooLarge,
    Empty,
    /// Neither `.csv`, `.tsv` nor `.xlsx`.
    Extension,
    /// An `.xlsx` whose bytes are plain text.
    TextNamedXlsx,
    /// An encrypted (password-protected) workbook, or an old `.xls`.
    Encrypted,
    Workbook(String),
    NoSheet {
        wanted: String,
        sheets: Vec<String>,
    },
    Csv(String),
    TooManyRows,
}

/// The kind of file, from its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Tsv,
    Xlsx,
}

impl Format {
    pub fn of(path: &Path) -> Option<Format> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match extension.as_str() {
            "csv" => Format::Csv,
            "tsv" | "tab" => Format::Tsv,
            "xlsx" | "xlsm" => Format::Xlsx,
            _ => return None,
        })
    }
}

/// Reads the file at `path` (already joined to the spec's folder).
pub fn read(path: &Path, sheet: Option<&str>) -> Result<Table, ReadError> {
    let format = Format::of(path).ok_or(ReadError::Extension)?;
    if path.is_dir() {
        return Err(ReadError::Folder);
    }
    let bytes = match crate::fs::read_at_most(path, LARGEST_ROSTER) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => return Err(ReadError::TooLarge),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Err(ReadError::Missing)
        }
        Err(error) => return Err(ReadError::Io(crate::fs::reason(&error))),
    };
    if bytes.is_empty() {
        return Err(ReadError::Empty);
    }
    let rows = match format {
        Format::Csv => delimited(&bytes, b','),
        Format::Tsv => delimited(&bytes, b'\t'),
        Format::Xlsx => workbook(&bytes, sheet),
    }?;
    Ok(Table {
        rows,
        workbook: format == Format::Xlsx,
        bytes,
    })
}

/// Text from a CSV file's bytes: a byte-order mark says the encoding; else
/// valid UTF-8 is UTF-8, and anything else is GB18030 (a superset of GBK,
/// what Excel on Chinese Windows saves).
pub fn decode(bytes: &[u8]) -> String {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return text.into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => encoding_rs::GB18030
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
    }
}

fn delimited(bytes: &[u8], delimiter: u8) -> Result<Vec<Row>, ReadError> {
    let text = decode(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    // Lines are counted here, from each record's first byte: a quoted cell
    // may hold line breaks, and the text line is what an editor shows.
    let (mut line, mut counted) = (1, 0);
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                if rows.len() == MOST_ROWS {
                    return Err(ReadError::TooManyRows);
                }
                let start = record.position().map_or(counted, |p| p.byte() as usize);
                let mut start = start.clamp(counted, text.len());
                // After a `\r\n`, a record is said to start at its `\n`.
                while matches!(text.as_bytes().get(start), Some(b'\r' | b'\n')) {
                    start += 1;
                }
                line += text.as_bytes()[counted..start]
                    .iter()
                    .filter(|b| **b == b'\n')
                    .count();
                counted = start;
                let number = line;
                rows.push(Row {
                    number,
                    cells: record.iter().map(|c| c.trim().into()).collect(),
                });
            }
            Err(error) => return Err(ReadError::Csv(error.to_string())),
        }
    }
    Ok(rows)
}

fn workbook(bytes: &[u8], sheet: Option<&str>) -> Result<Vec<Row>, ReadError> {
    // An encrypted workbook is an OLE compound file, as an old `.xls` is.
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(ReadError::Encrypted);
    }
    if !bytes.starts_with(b"PK") {
        let head = &bytes[..bytes.len().min(512)];
        let text = std::str::from_utf8(head).is_ok() || !head.contains(&0);
        return Err(if text {
            ReadError::TextNamedXlsx
        } else {
            ReadError::Workbook(crate::t!("it is not a zip archive"))
        });
    }
    let mut book = Xlsx::new(Cursor::new(bytes)).map_err(|e| ReadError::Workbook(e.to_string()))?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(wanted) => match names.iter().find(|n| n.as_str() == wanted) {
            Some(name) => name.clone(),
            None => {
                return Err(ReadError::NoSheet {
                    wanted: wanted.to_string(),
                    sheets: names,
                })
            }
        },
        None => match names.first() {
            Some(name) => name.clone(),
            None => return Err(ReadError::Workbook(crate::t!("it has no sheet"))),
        },
    };
    let range = book
        .worksheet_range(&name)
        .map_err(|e| ReadError::Workbook(e.to_string()))?;
    let (first_row, first_column) = range.start().unwrap_or((0, 0));
    if range.height() > MOST_ROWS {
        return Err(ReadError::TooManyRows);
    }
    let mut rows = Vec::with_capacity(range.height());
    for (index, cells) in range.rows().enumerate() {
        let mut row: Vec<Box<str>> = vec!["".into(); first_column as usize];
        row.extend(cells.iter().map(|c| text_of(c).into_boxed_str()));
        while row.last().is_some_and(|c| c.is_empty()) {
            row.pop();
        }
        rows.push(Row {
            number: first_row as usize + index + 1,
            cells: row,
        });
    }
    Ok(rows)
}

/// A workbook cell as the language would write it: whole numbers without
/// `.0`, dates as `2026-12-10`, errors (`#N/A`) as empty.
fn text_of(cell: &Data) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(date) => {
            if date.is_duration() {
                number_text(date.as_f64())
            } else {
                serial_date(date.as_f64()).unwrap_or_else(|| number_text(date.as_f64()))
            }
        }
        Data::DateTimeIso(s) => s.get(..10).unwrap_or(s).to_string(),
        Data::DurationIso(s) => s.clone(),
    }
}

/// `32000`, `3.2`: a float without a trailing `.0` or binary noise.
pub fn number_text(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        let rounded = (value * 1e9).round() / 1e9;
        format!("{rounded}")
    }
}

/// An Excel date serial number (days since 1899-12-30) as `2026-12-10`.
pub fn serial_date(serial: f64) -> Option<String> {
    if !(1.0..=2_958_465.0).contains(&serial) {
        return None;
    }
    let epoch = jiff::civil::date(1899, 12, 30);
    let date = epoch
        .checked_add(jiff::Span::new().days(serial.floor() as i64))
        .ok()?;
    Some(date.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_are_told_apart() {
        assert_eq!(decode("\u{FEFF}昵称,粉丝数".as_bytes()), "昵称,粉丝数");
        assert_eq!(decode("昵称".as_bytes()), "昵称");
        let (gbk, _, _) = encoding_rs::GB18030.encode("昵称,粉丝数");
        assert_eq!(decode(&gbk), "昵称,粉丝数");
        let mut utf16 = vec![0xFF, 0xFE];
        for unit in "昵称".encode_utf16() {
            utf16.extend(unit.to_le_bytes());
        }
        assert_eq!(decode(&utf16), "昵称");
    }

    #[test]
    fn numbers_and_dates_read_as_written() {
        assert_eq!(number_text(32000.0), "32000");
        assert_eq!(number_text(3.2), "3.2");
        assert_eq!(number_text(0.1 + 0.2), "0.3");
        assert_eq!(serial_date(46366.0).as_deref(), Some("2026-12-10"));
    }
}
