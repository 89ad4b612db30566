//! A spec file as the user gave it: its path, its text, and the byte offsets
//! where its lines start, so a byte span becomes a line and a column.
//!
//! Spans are byte offsets (what pest gives); columns shown to people are
//! counted in characters, and carets are placed by display width (see
//! `diagnostic::human`), because a Chinese character is three bytes, one
//! character and two columns.

use std::ops::Range;

/// A byte range in a source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// An empty span at one offset (for "something is missing here").
    pub fn at(offset: usize) -> Self {
        Span {
            start: offset,
            end: offset,
        }
    }

    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }

    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

impl From<pest::Span<'_>> for Span {
    fn from(span: pest::Span<'_>) -> Self {
        Span::new(span.start(), span.end())
    }
}

/// A value with the span it was written at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Spanned<T> {
    pub fn new(value: T, span: Span) -> Self {
        Spanned { value, span }
    }
}

/// A 1-based line and character column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// Where each line of a text starts (`SourceFile`'s line index).
pub struct LineStarts(Vec<u32>);

impl LineStarts {
    pub fn of(text: &str) -> Self {
        // Counted first, so the list is made at its size, not grown.
        let ends = || memchr::memchr_iter(b'\n', text.as_bytes());
        let mut line_starts = Vec::with_capacity(1 + ends().count());
        line_starts.push(0);
        line_starts.extend(ends().map_while(|end| u32::try_from(end + 1).ok()));
        LineStarts(line_starts)
    }
}

/// One spec file's text, named as the user named it.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: String,
    pub text: String,
    /// Where each line starts, as `u32`: half the memory of `usize`, and
    /// held as long as the text (a 10,000-creator spec has 110,000 lines).
    /// A spec is at most 64 MiB (`fs::LARGEST_SPEC`); in a text past
    /// 4 GiB, which no reader gives, the lines after it count as its last.
    line_starts: Vec<u32>,
}

impl SourceFile {
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let line_starts = LineStarts::of(&text);
        Self::with_lines(path, text, line_starts)
    }

    /// The file, with `lines` worked out from `text` beforehand (for a
    /// large spec, on another core while this one reads it).
    pub fn with_lines(path: impl Into<String>, text: String, lines: LineStarts) -> Self {
        SourceFile {
            path: path.into(),
            text,
            line_starts: lines.0,
        }
    }

    /// The 0-based index of the line holding `offset`.
    pub fn line_index(&self, offset: usize) -> usize {
        let offset = u32::try_from(offset.min(self.text.len())).unwrap_or(u32::MAX);
        match self.line_starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// The byte range of a 0-based line, without its line ending.
    pub fn line_range(&self, line: usize) -> Range<usize> {
        let start = self.line_starts[line] as usize;
        let mut end = self
            .line_starts
            .get(line + 1)
            .map_or(self.text.len(), |&next| next as usize - 1);
        if end > start && self.text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        start..end
    }

    /// The text of a 0-based line, without its line ending.
    pub fn line_text(&self, line: usize) -> &str {
        &self.text[self.line_range(line)]
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Line and character column (both 1-based) of a byte offset. A byte
    /// order mark at the start of the file is not counted as a column.
    pub fn position(&self, offset: usize) -> Position {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let line = self.line_index(offset);
        let start = self.line_starts[line] as usize;
        let before = &self.text[start..offset];
        let before = before.strip_prefix('\u{FEFF}').unwrap_or(before);
        Position {
            line: line + 1,
            column: before.chars().count() + 1,
        }
    }

    /// The text a span covers (empty if the span is out of range).
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.range()).unwrap_or("")
    }
}

/// The largest char boundary at or before `offset`.
pub fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// `text` cut to at most `most` characters, with `...` when cut: how a
/// message quotes something the user wrote, so a finding about a 50 MB
/// line is not itself 50 MB.
pub fn shorten(text: &str, most: usize) -> String {
    match text.char_indices().nth(most) {
        None => text.to_string(),
        Some((cut, _)) => format!("{}...", &text[..cut]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let file = SourceFile::new("t", "kol @小鹿 {\n  fee 1 MYR\n");
        let brace = file.text.find('{').unwrap();
        assert_eq!(file.position(brace), Position { line: 1, column: 9 });
        let fee = file.text.find("fee").unwrap();
        assert_eq!(file.position(fee), Position { line: 2, column: 3 });
    }

    #[test]
    fn crlf_is_not_part_of_the_line() {
        let file = SourceFile::new("t", "a\r\nb\r\n");
        assert_eq!(file.line_text(0), "a");
        assert_eq!(file.line_text(1), "b");
        assert_eq!(file.line_count(), 3);
    }

    #[test]
    fn bom_is_not_a_column() {
        let file = SourceFile::new("t", "\u{FEFF}campaign");
        assert_eq!(file.position(3), Position { line: 1, column: 1 });
    }
}
