//! Byte offsets to LSP positions and back.
//!
//! redbrief's spans are byte offsets into UTF-8 text; the protocol counts a
//! position as a line and a number of UTF-16 code units into it. A Chinese
//! character is three bytes and one unit, an emoji four bytes and two units
//! (a surrogate pair), so neither bytes nor characters will do.

use lsp_types::{Position, Range, TextDocumentContentChangeEvent};

use crate::source::{floor_char_boundary, SourceFile, Span};

/// The position of a byte offset (an offset inside a character counts as
/// that character's start).
pub fn position(file: &SourceFile, offset: usize) -> Position {
    let offset = floor_char_boundary(&file.text, offset.min(file.text.len()));
    let line = file.line_index(offset);
    let start = file.line_range(line).start;
    let units = file.text[start..offset].encode_utf16().count();
    Position::new(to_u32(line), to_u32(units))
}

/// The range a span covers.
pub fn range(file: &SourceFile, span: Span) -> Range {
    Range::new(position(file, span.start), position(file, span.end))
}

/// The byte offset of a position. As the protocol says, a character past
/// the end of its line means the line's end; a line past the end of the
/// text means the text's end. A position between the two halves of a
/// surrogate pair means the start of that character.
pub fn offset(file: &SourceFile, position: Position) -> usize {
    let line = position.line as usize;
    if line >= file.line_count() {
        return file.text.len();
    }
    let range = file.line_range(line);
    let wanted = position.character as usize;
    let mut units = 0;
    for (at, ch) in file.text[range.clone()].char_indices() {
        let next = units + ch.len_utf16();
        if next > wanted {
            return range.start + at;
        }
        units = next;
    }
    range.end
}

/// The byte span a range covers.
pub fn span(file: &SourceFile, range: Range) -> Span {
    let start = offset(file, range.start);
    let end = offset(file, range.end);
    Span::new(start.min(end), start.max(end))
}

/// The text after an editor's change: a range replaced, or the whole text
/// when the change has no range.
pub fn apply(file: &SourceFile, change: TextDocumentContentChangeEvent) -> String {
    match change.range {
        None => change.text,
        Some(range) => {
            let span = span(file, range);
            let mut text = String::with_capacity(file.text.len() + change.text.len());
            text.push_str(&file.text[..span.start]);
            text.push_str(&change.text);
            text.push_str(&file.text[span.end..]);
            text
        }
    }
}

/// Line and column numbers beyond u32 do not fit the protocol; a spec that
/// long is clamped rather than wrapped.
fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile::new("t", text)
    }

    #[test]
    fn ascii_counts_one_unit_a_byte() {
        let file = file("campaign \"C\" {\n  budget 1 MYR\n}\n");
        let budget = file.text.find("budget").unwrap();
        assert_eq!(position(&file, budget), Position::new(1, 2));
        assert_eq!(offset(&file, Position::new(1, 2)), budget);
    }

    #[test]
    fn chinese_is_one_unit_and_emoji_two() {
        // `小` and `雨` are 3 bytes and 1 unit each; `🌸` is 4 bytes and 2 units.
        let file = file("x\n  kol @小雨 🌸，fee\n");
        let comma = file.text.find('，').unwrap();
        // `  kol @` is 7 units, `小雨` 2, ` ` 1, `🌸` 2: the comma is at 12.
        assert_eq!(position(&file, comma), Position::new(1, 12));
        assert_eq!(offset(&file, Position::new(1, 12)), comma);
        let fee = file.text.find("fee").unwrap();
        assert_eq!(position(&file, fee), Position::new(1, 13));
        assert_eq!(
            range(&file, Span::new(comma, fee)),
            Range::new(Position::new(1, 12), Position::new(1, 13))
        );
    }

    #[test]
    fn every_character_boundary_round_trips() {
        let file = file("# 小鹿 🦌 notes\r\nkoc @阿哲的理性护肤 {\n  angle \"😀👍🏽 好\"\n}");
        for (at, _) in file.text.char_indices() {
            if file.text[at..].starts_with('\n') && file.text[..at].ends_with('\r') {
                // Between `\r` and `\n`: both positions are the line's end.
                continue;
            }
            assert_eq!(offset(&file, position(&file, at)), at, "offset {at}");
        }
        let end = file.text.len();
        assert_eq!(offset(&file, position(&file, end)), end);
    }

    #[test]
    fn the_middle_of_a_surrogate_pair_is_the_character_start() {
        let file = file("a🌸b");
        assert_eq!(offset(&file, Position::new(0, 2)), 1);
        assert_eq!(offset(&file, Position::new(0, 3)), 5);
    }

    #[test]
    fn past_the_end_is_clamped() {
        let file = file("ab\r\ncd");
        assert_eq!(offset(&file, Position::new(0, 99)), 2, "before the \\r");
        assert_eq!(offset(&file, Position::new(7, 0)), file.text.len());
        // An offset inside a character is that character's position.
        let file = self::file("小x");
        assert_eq!(position(&file, 1), Position::new(0, 0));
    }

    #[test]
    fn changes_apply_at_their_ranges() {
        let file = file("kol @小雨 {\n  fee：1 MYR\n}\n");
        let change = TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(1, 5), Position::new(1, 6))),
            range_length: None,
            text: " ".to_string(),
        };
        assert_eq!(apply(&file, change), "kol @小雨 {\n  fee 1 MYR\n}\n");
        let whole = TextDocumentContentChangeEvent {
            range: None,
            range_length: None,
            text: "new".to_string(),
        };
        assert_eq!(apply(&file, whole), "new");
    }
}
