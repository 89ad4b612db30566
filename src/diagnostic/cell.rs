//! Where a finding about a roster points: a cell of a spreadsheet, a file
//! other than the spec. A finding carries one beside its span (which then
//! marks the `roster` statement that read the file), and every emitter names
//! the cell instead of the spec.

use std::fmt;

/// A cell of a roster spreadsheet, and the row it stands in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// The spreadsheet's path as the spec names it, joined to the spec's
    /// folder (`campaigns/kocs.csv`).
    pub file: String,
    /// 1-based: the text line for CSV, the sheet row for a workbook.
    pub row: usize,
    /// 1-based column (field number for CSV, `A` = 1 for a workbook).
    pub column: usize,
    /// A workbook's cell is named `kocs.xlsx!C14`; a CSV cell `kocs.csv:14:3`.
    pub workbook: bool,
    /// The row's cells as read, to show under the location.
    pub cells: Vec<String>,
}

impl Cell {
    /// `C`, `AB`: a workbook's column letters.
    pub fn column_letters(column: usize) -> String {
        let mut n = column.max(1);
        let mut letters = Vec::new();
        while n > 0 {
            let rest = (n - 1) % 26;
            letters.push(char::from(b'A' + rest as u8));
            n = (n - 1) / 26;
        }
        letters.iter().rev().collect()
    }
}

impl fmt::Display for Cell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.workbook {
            write!(
                f,
                "{}!{}{}",
                self.file,
                Cell::column_letters(self.column),
                self.row
            )
        } else {
            write!(f, "{}:{}:{}", self.file, self.row, self.column)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_named_as_spreadsheets_name_them() {
        let mut cell = Cell {
            file: "kocs.xlsx".into(),
            row: 14,
            column: 3,
            workbook: true,
            cells: vec![],
        };
        assert_eq!(cell.to_string(), "kocs.xlsx!C14");
        cell.column = 28;
        assert_eq!(cell.to_string(), "kocs.xlsx!AB14");
        cell.workbook = false;
        cell.file = "kocs.csv".into();
        cell.column = 3;
        assert_eq!(cell.to_string(), "kocs.csv:14:3");
    }
}
