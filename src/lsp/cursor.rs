//! Where the cursor is, read from the raw text: which blocks are open around
//! it, whether it is in a text or a comment, and the line it is on.
//!
//! Completion runs while the user is typing, when the file rarely parses, so
//! this is a plain scan of quotes, comments and braces rather than a walk of
//! the tree.

use crate::source::Span;
use crate::syntax::fields::Place;

/// Every place a block can make, to map a block's keyword back to one.
const PLACES: &[Place] = &[
    Place::Campaign,
    Place::Brand,
    Place::Product,
    Place::Goal,
    Place::Kol,
    Place::Koc,
    Place::Policy,
];

/// What surrounds a byte offset.
#[derive(Debug)]
pub struct Cursor<'a> {
    /// The keyword of each block open around the offset, outermost first.
    pub blocks: Vec<String>,
    pub in_string: bool,
    pub in_comment: bool,
    /// The line's text before the offset.
    pub before: &'a str,
    /// The whole line, without its line ending.
    pub line: &'a str,
}

impl Cursor<'_> {
    /// The block the cursor is directly in; `None` at the top of the file
    /// or in a block no keyword names.
    pub fn place(&self) -> Option<Place> {
        let keyword = self.blocks.last()?;
        PLACES.iter().copied().find(|p| p.keyword() == keyword)
    }

    /// The first word of the line: the field or block keyword.
    pub fn keyword(&self) -> &str {
        first_word(self.line.trim_start())
    }

    /// Whether the cursor is still on the line's first word (or before it).
    pub fn at_keyword(&self) -> bool {
        !self.before.trim_start().contains(char::is_whitespace)
    }
}

/// What surrounds `offset` in `text`.
pub fn at(text: &str, offset: usize) -> Cursor<'_> {
    let offset = crate::source::floor_char_boundary(text, offset.min(text.len()));
    let bytes = text.as_bytes();
    let mut blocks: Vec<String> = Vec::new();
    let mut in_string = false;
    let mut in_comment = false;
    let mut i = 0;
    while i < offset {
        match bytes[i] {
            b'#' => {
                let end = line_end(text, i);
                if offset <= end {
                    in_comment = true;
                }
                i = end;
            }
            b'"' if text[i..].starts_with("\"\"\"") => {
                let close = text[i + 3..]
                    .find("\"\"\"")
                    .map_or(text.len(), |at| i + 3 + at + 3);
                if offset < close {
                    in_string = true;
                }
                i = close;
            }
            b'"' => {
                let (close, closed) = string_end(text, i);
                if offset < close || (offset == close && !closed) {
                    in_string = true;
                }
                i = close;
            }
            b'{' => {
                let head = text[line_begin(text, i)..i].trim();
                blocks.push(first_word(head).to_string());
                i += 1;
            }
            b'}' => {
                blocks.pop();
                i += 1;
            }
            _ => i += 1,
        }
    }
    let line_start = line_begin(text, offset);
    let line_end = line_end(text, offset);
    Cursor {
        blocks,
        in_string,
        in_comment,
        before: &text[line_start..offset],
        line: &text[line_start..line_end],
    }
}

/// The word under (or just before) the cursor: a name, a keyword, a rule
/// code or an `@handle`, with its span.
pub fn word(text: &str, offset: usize) -> Option<(Span, &str)> {
    let offset = crate::source::floor_char_boundary(text, offset.min(text.len()));
    let is_word = |c: char| c.is_alphanumeric() || matches!(c, '_' | '-' | '.');
    let start = text[..offset]
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word(*c))
        .last()
        .map_or(offset, |(at, _)| at);
    let end = offset
        + text[offset..]
            .char_indices()
            .find(|(_, c)| !is_word(*c))
            .map_or(text.len() - offset, |(at, _)| at);
    let start = if text[..start].ends_with('@') {
        start - 1
    } else {
        start
    };
    let word = text[start..end].trim_end_matches('.');
    (!word.is_empty()).then(|| (Span::new(start, start + word.len()), word))
}

/// The part of a name typed before the cursor, which a completion replaces.
pub fn typed(before: &str) -> &str {
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_alphanumeric() || matches!(c, '_' | '-'))
        .last()
        .map_or(before.len(), |(at, _)| at);
    &before[start..]
}

/// Up to a space, a quote, a brace or a comma.
pub fn first_word(line: &str) -> &str {
    let end = line
        .find(|c: char| c.is_whitespace() || matches!(c, '"' | '{' | '}' | ','))
        .unwrap_or(line.len());
    &line[..end]
}

fn line_end(text: &str, offset: usize) -> usize {
    let end = offset + text[offset..].find('\n').unwrap_or(text.len() - offset);
    if text[..end].ends_with('\r') {
        end - 1
    } else {
        end
    }
}

fn line_begin(text: &str, offset: usize) -> usize {
    text[..offset].rfind('\n').map_or(0, |at| at + 1)
}

/// The offset after a `"..."` text opened at `open`: after its closing
/// quote, or at the end of its line when it has none (then `false`).
fn string_end(text: &str, open: usize) -> (usize, bool) {
    let bytes = text.as_bytes();
    let mut j = open + 1;
    while j < bytes.len() {
        match bytes[j] {
            b'"' => return (j + 1, true),
            b'\n' => return (j, false),
            b'\\' if bytes.get(j + 1).is_some_and(|b| *b != b'\n') => j += 2,
            _ => j += 1,
        }
    }
    (bytes.len(), false)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: &str = "campaign \"C\" {\n  koc @小雨 {\n    angle \"a { b\" # }\n    fo\n  }\n  goal launch {\n    stage \n  }\n}\n";

    #[test]
    fn blocks_open_around_the_cursor() {
        let fo = SPEC.find("fo\n").unwrap() + 2;
        let cursor = at(SPEC, fo);
        assert_eq!(cursor.blocks, ["campaign", "koc"]);
        assert_eq!(cursor.place(), Some(Place::Koc));
        assert_eq!(cursor.before, "    fo");
        assert!(cursor.at_keyword());
        assert!(!cursor.in_string && !cursor.in_comment);

        let stage = SPEC.find("stage ").unwrap() + 6;
        let cursor = at(SPEC, stage);
        assert_eq!(cursor.place(), Some(Place::Goal));
        assert_eq!(cursor.keyword(), "stage");
        assert!(!cursor.at_keyword());
    }

    #[test]
    fn strings_and_comments_are_seen() {
        let inside = SPEC.find("a { b").unwrap() + 2;
        assert!(at(SPEC, inside).in_string);
        let comment = SPEC.find("# }").unwrap() + 2;
        assert!(at(SPEC, comment).in_comment);
        let after = SPEC.find("\" # }").unwrap() + 1;
        assert!(!at(SPEC, after).in_string);
    }

    #[test]
    fn words_take_handles_and_names() {
        let text = "serves word-of-mouth, launch\nkoc @小雨.护肤 {";
        let at = text.find("of").unwrap();
        assert_eq!(word(text, at).map(|w| w.1), Some("word-of-mouth"));
        let at = text.find("雨").unwrap();
        assert_eq!(word(text, at).map(|w| w.1), Some("@小雨.护肤"));
        let end = text.find(',').unwrap();
        assert_eq!(word(text, end).map(|w| w.1), Some("word-of-mouth"));
        assert_eq!(typed("  serves wo"), "wo");
        assert_eq!(typed("  serves "), "");
    }
}
