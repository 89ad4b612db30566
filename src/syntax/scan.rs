//! A first pass over the raw text, before the grammar sees it.
//!
//! It finds what a PEG parser explains badly: strings without a closing
//! quote, braces that do not pair up, and full-width punctuation typed with a
//! Chinese input method where ASCII was meant (`，` `“` `”` `：`). Each is a
//! finding with a fix. Full-width punctuation is also replaced, byte for byte,
//! by its ASCII twin padded with spaces, so the parse can go on and report
//! everything else in the file with unchanged offsets.

use std::borrow::Cow;

use super::fields::Place;
use crate::diagnostic::codes::SYNTAX;
use crate::diagnostic::Finding;
use crate::source::Span;
use crate::t;

/// What the first pass learned.
pub struct Scan<'a> {
    /// The text to parse: the source with full-width punctuation outside
    /// strings replaced by ASCII of the same byte length; the source itself
    /// (borrowed, not copied) when nothing was replaced, as in most files.
    pub text: Cow<'a, str>,
    pub comments: Vec<Span>,
    pub findings: Vec<Finding>,
    /// A string or a block is never closed (or closed twice): the parser
    /// could only add noise, so it is not run.
    pub structural: bool,
    /// Each block one level inside a top-level block (a creator in the
    /// campaign), from the first byte of its head to its `}`: pieces the
    /// parser may read on their own.
    pub inner_blocks: Vec<std::ops::Range<usize>>,
}

/// Blocks nest two deep (campaign, then brand, goal, creator...). Deeper
/// nesting is reported up to this depth; past it the parse is not attempted,
/// so no input can recurse the parser without bound.
const DEEPEST_NESTING: usize = 8;

/// The bytes the scan stops at: `#`, `"`, `{`, `}`, and the first byte of
/// any character beyond ASCII (full-width punctuation, curly quotes).
static STOPS: [bool; 256] = {
    let mut stops = [false; 256];
    let mut byte = 0x80;
    while byte < 256 {
        stops[byte] = true;
        byte += 1;
    }
    stops[b'#' as usize] = true;
    stops[b'"' as usize] = true;
    stops[b'{' as usize] = true;
    stops[b'}' as usize] = true;
    stops
};

/// Block heads are quoted in messages up to this many characters.
const HEAD_SHOWN: usize = 60;

/// A full-width character typed where ASCII was meant and its ASCII twin
/// (`what` says it in words). Every one of these is three bytes in UTF-8, so the twin is
/// padded to three bytes (quotes keep the padding outside the string).
struct FullWidth {
    ch: char,
    ascii: &'static str,
}

impl FullWidth {
    /// What the character is and what to write instead, in the user's
    /// language.
    fn what(&self) -> String {
        match self.ch {
            '，' => t!("a full-width comma `，`: lists use an ASCII comma `,`"),
            '：' => {
                t!("a full-width colon `：`: no colon is needed between a field and its value")
            }
            '；' => t!("a full-width semicolon `；`: write one statement per line instead"),
            '＠' => t!("a full-width at sign `＠`: handles start with an ASCII `@`"),
            '　' => t!("a full-width space: use an ordinary space"),
            '（' => t!("a full-width parenthesis `（`: parentheses belong inside a quoted text"),
            '）' => t!("a full-width parenthesis `）`: parentheses belong inside a quoted text"),
            // '\u{FEFF}', the only other one.
            _ => t!(
                "an invisible byte-order mark (U+FEFF), often left behind when files are joined"
            ),
        }
    }
}

const FULL_WIDTH: &[FullWidth] = &[
    FullWidth {
        ch: '，',
        ascii: ",  ",
    },
    FullWidth {
        ch: '：',
        ascii: "   ",
    },
    FullWidth {
        ch: '；',
        ascii: "   ",
    },
    FullWidth {
        ch: '＠',
        ascii: "  @",
    },
    FullWidth {
        ch: '　',
        ascii: "   ",
    },
    FullWidth {
        ch: '（',
        ascii: "   ",
    },
    FullWidth {
        ch: '）',
        ascii: "   ",
    },
    // A byte-order mark anywhere but the very start (the grammar takes that
    // one), usually left behind when two files are joined.
    FullWidth {
        ch: '\u{FEFF}',
        ascii: "   ",
    },
];

/// Curly and full-width quotes that open or close a text outside a string.
fn is_fancy_quote(ch: char) -> bool {
    matches!(ch, '“' | '”' | '＂')
}

/// A block opened inside another block whose keyword says it belongs at
/// campaign level: either the outer block lacks its `}`, or the user really
/// nested it. Which one is known only at the end of the file.
struct Suspect {
    unclosed_offset: usize,
    unclosed_head: String,
    unclosed_span: Span,
    next_head: String,
    next_span: Span,
}

struct OpenBrace<'a> {
    offset: usize,
    /// The text before `{` on its line, e.g. `kol @lina.glow`: a slice of
    /// the source, shortened (`shown`) only for a message.
    head: &'a str,
    head_span: Span,
}

/// A block's head as messages quote it.
fn shown(head: &str) -> String {
    crate::source::shorten(head, HEAD_SHOWN)
}

pub fn scan(source: &str) -> Scan<'_> {
    let mut scanner = Scanner {
        source,
        bytes: None,
        comments: Vec::new(),
        findings: Vec::new(),
        structural: false,
        open: Vec::new(),
        suspects: Vec::new(),
        line_start: 0,
        lines_from: 0,
        head_start: 0,
        inner_blocks: Vec::new(),
    };
    scanner.run();
    let Scanner {
        bytes,
        comments,
        mut findings,
        structural,
        inner_blocks,
        ..
    } = scanner;
    crate::diagnostic::sort(&mut findings);
    Scan {
        // Replacements swap whole characters for ASCII, so this cannot fail;
        // fall back to the source rather than panic if it ever did.
        text: match bytes.map(String::from_utf8) {
            Some(Ok(replaced)) => Cow::Owned(replaced),
            _ => Cow::Borrowed(source),
        },
        comments,
        findings,
        structural,
        inner_blocks,
    }
}

struct Scanner<'a> {
    source: &'a str,
    /// The source's bytes with replacements, copied at the first one.
    bytes: Option<Vec<u8>>,
    comments: Vec<Span>,
    findings: Vec<Finding>,
    structural: bool,
    open: Vec<OpenBrace<'a>>,
    suspects: Vec<Suspect>,
    /// Where the line of the last `{` or `"""` starts (`line_start`).
    line_start: usize,
    /// Where `line_start` was last worked out: a line starting after it
    /// has not been seen yet.
    lines_from: usize,
    /// Where the text before the next `{` starts: after the last brace.
    head_start: usize,
    inner_blocks: Vec<std::ops::Range<usize>>,
}

impl<'a> Scanner<'a> {
    fn run(&mut self) {
        let source = self.source;
        let mut i = 0;
        while i < source.len() {
            // Most of a spec is plain ASCII, which means nothing here but
            // for the four bytes `STOPS` lists: a run of it is passed over
            // at once, not a character at a time.
            i += source.as_bytes()[i..]
                .iter()
                .position(|&b| STOPS[usize::from(b)])
                .unwrap_or(source.len() - i);
            let Some(rest) = source.get(i..).filter(|rest| !rest.is_empty()) else {
                break;
            };
            let Some(ch) = rest.chars().next() else { break };
            match ch {
                '#' => {
                    let end = i + rest.find('\n').unwrap_or(rest.len());
                    let end = if source[..end].ends_with('\r') {
                        end - 1
                    } else {
                        end
                    };
                    self.comments.push(Span::new(i, end));
                    i = end.max(i + 1);
                }
                '"' if rest.starts_with("\"\"\"") => match rest[3..].find("\"\"\"") {
                    Some(close) => {
                        // Line breaks inside the text do not start a line
                        // a block's head could stand on.
                        self.line_start = self.line_start(i);
                        i += 3 + close + 3;
                        self.lines_from = i;
                    }
                    None => {
                        self.unclosed_multiline(i);
                        return;
                    }
                },
                '"' => i = self.string(i),
                '{' => {
                    self.open_brace(i);
                    i += 1;
                }
                '}' => {
                    self.close_brace(i);
                    i += 1;
                }
                ch if is_fancy_quote(ch) => i = self.fancy_string(i, ch),
                ch => {
                    let leading_bom = i == 0 && ch == '\u{FEFF}';
                    if let Some(full) = FULL_WIDTH.iter().find(|f| f.ch == ch && !leading_bom) {
                        self.full_width(i, full);
                    }
                    i += ch.len_utf8();
                }
            }
        }
        self.unclosed_blocks();
    }

    /// Where the line holding `offset` starts, line breaks inside a
    /// `"""` text aside: the scan does not stop at line breaks, so it is
    /// looked for backwards, and no further back than `lines_from`.
    fn line_start(&self, offset: usize) -> usize {
        let searched = self
            .source
            .as_bytes()
            .get(self.lines_from..offset)
            .unwrap_or_default();
        memchr::memrchr(b'\n', searched).map_or(self.line_start, |at| self.lines_from + at + 1)
    }

    /// The end of the line holding `offset`, before any `\r\n`.
    fn line_end(&self, offset: usize) -> usize {
        let end = offset
            + self.source[offset..]
                .find('\n')
                .unwrap_or(self.source.len() - offset);
        if self.source[..end].ends_with('\r') {
            end - 1
        } else {
            end
        }
    }

    /// A `"..."` string from its opening quote; returns the offset after it.
    fn string(&mut self, open: usize) -> usize {
        let bytes = self.source.as_bytes();
        let mut j = open + 1;
        loop {
            let rest = bytes.get(j..).unwrap_or_default();
            let Some(at) = memchr::memchr3(b'"', b'\\', b'\n', rest) else {
                j = bytes.len();
                break;
            };
            j += at;
            match bytes.get(j..j + 2).unwrap_or(&bytes[j..]) {
                [b'"', ..] => return j + 1,
                [b'\\', b'\n' | b'\r'] | [b'\\'] => j += 1,
                [b'\\', _] => j += 2,
                // A line break: the string ends before it (and its `\r`).
                _ => {
                    if bytes.get(j - 1) == Some(&b'\r') {
                        j -= 1;
                    }
                    break;
                }
            }
        }
        let end = self.line_end(open);
        self.structural = true;
        self.findings.push(
            Finding::new(&SYNTAX, Span::new(open, end), t!("this text has no closing `\"`"))
                .label(t!("the text starts here and runs to the end of the line"))
                .help(t!("end the text with `\"` on the same line; for text over several lines, use `\"\"\"` to open and close it")),
        );
        j
    }

    /// A text opened with a curly or full-width quote outside any string.
    fn fancy_string(&mut self, open: usize, quote: char) -> usize {
        self.replace(open, "  \"");
        let mut j = open + quote.len_utf8();
        let source = self.source;
        while j < source.len() {
            let Some(ch) = source[j..].chars().next() else {
                break;
            };
            match ch {
                '\n' => break,
                '"' => {
                    self.fancy_quote_finding(open, quote, j + 1, None);
                    return j + 1;
                }
                ch if is_fancy_quote(ch) => {
                    self.replace(j, "\"  ");
                    self.fancy_quote_finding(open, quote, j + ch.len_utf8(), Some(ch));
                    return j + ch.len_utf8();
                }
                ch => j += ch.len_utf8(),
            }
        }
        let end = self.line_end(open);
        self.fancy_quote_finding(open, quote, end, None);
        self.structural = true;
        self.findings.push(
            Finding::new(
                &SYNTAX,
                Span::new(open, end),
                t!("this text has no closing quote"),
            )
            .label(t!("the text starts here and runs to the end of the line"))
            .help(t!("end the text with a straight `\"` on the same line")),
        );
        j
    }

    fn fancy_quote_finding(&mut self, open: usize, quote: char, end: usize, close: Option<char>) {
        let message = match close {
            Some(close) => t!(
                "text quoted with full-width or curly quotes `{open}` and `{close}`",
                open = quote,
                close = close
            ),
            None => t!(
                "text quoted with full-width or curly quotes `{open}`",
                open = quote
            ),
        };
        let span = Span::new(open, end);
        let finding = Finding::new(&SYNTAX, span, message)
            .label(t!("curly quotes"))
            .help(t!(
                "use straight ASCII quotes `\"...\"` around text (curly quotes inside a text are fine)"
            ));
        // A text that is closed (by a curly or a straight quote) gets
        // straight quotes around the same words; an unclosed one has no
        // exact fix.
        let closer = close.map_or(1, char::len_utf8);
        let closed = close.is_some() || self.source[..end].ends_with('"');
        let inner = self.source.get(open + quote.len_utf8()..end - closer);
        self.findings.push(match inner {
            Some(inner) if closed && end >= open + quote.len_utf8() + closer => {
                finding.fix(span, format!("\"{inner}\""))
            }
            _ => finding,
        });
    }

    fn full_width(&mut self, at: usize, full: &FullWidth) {
        self.replace(at, full.ascii);
        let span = Span::new(at, at + full.ch.len_utf8());
        // What goes in its place: the ASCII twin, or nothing, or a space
        // where deleting would join two words.
        let replacement = match full.ascii.trim() {
            "" => {
                let before = self.source[..at].chars().next_back();
                let after = self.source[span.end..].chars().next();
                let joins = |c: Option<char>| c.is_some_and(|c| !c.is_whitespace());
                if full.ch != '\u{FEFF}' && joins(before) && joins(after) {
                    " "
                } else {
                    ""
                }
            }
            ascii => ascii,
        };
        self.findings.push(
            Finding::new(&SYNTAX, span, full.what())
                .label(if full.ch == '\u{FEFF}' {
                    t!("invisible character here")
                } else {
                    t!("full-width character")
                })
                .help(match full.ascii.trim() {
                    "" if full.ch == '\u{FEFF}' => t!("delete it: place the cursor at the start of this line and delete one invisible character"),
                    "" => t!("delete `{ch}`, or replace it with a space", ch = full.ch),
                    ascii => t!("replace `{ch}` with `{ascii}`", ch = full.ch, ascii = ascii),
                })
                .fix(span, replacement),
        );
    }

    /// Replaces the character at `at` with `ascii`, which has its byte length.
    fn replace(&mut self, at: usize, ascii: &str) {
        let len = self.source[at..].chars().next().map_or(0, char::len_utf8);
        let source = self.source;
        let bytes = self.bytes.get_or_insert_with(|| source.as_bytes().to_vec());
        if let (true, Some(written)) = (len == ascii.len(), bytes.get_mut(at..at + len)) {
            written.copy_from_slice(ascii.as_bytes());
        }
    }

    fn open_brace(&mut self, at: usize) {
        // A head starts after an earlier brace on the same line, so a line
        // of ten thousand `{` is read once, not once per brace.
        self.line_start = self.line_start(at);
        self.lines_from = at;
        let from = self.head_start.max(self.line_start);
        self.head_start = at + 1;
        let source: &'a str = self.source;
        let head_text = &source[from..at];
        let head = head_text.trim().trim_start_matches('\u{FEFF}');
        let lead = head_text.len() - head_text.trim_start().len();
        let head_span = Span::new(from + lead, from + lead + head.len());
        if head.is_empty() {
            self.structural = true;
            let finding = if from > self.line_start {
                Finding::new(&SYNTAX, Span::new(at, at + 1), t!("a `{{` right after another `{{`"))
                    .label(t!("this `{{` opens a block with no name"))
                    .help(t!("open one block a line: `kol @lina.glow {{`, its fields on the lines below, then `}}`"))
            } else {
                Finding::new(
                    &SYNTAX,
                    Span::new(at, at + 1),
                    t!("a `{{` on a line of its own"),
                )
                .label(t!("this `{{` opens a block with no name"))
                .help(t!(
                    "put `{{` at the end of the line that names the block: `kol @lina.glow {{`"
                ))
            };
            self.findings.push(finding);
        }
        let keyword = head.split_whitespace().next().unwrap_or("");
        // A block keyword inside a block it cannot stand in: most likely the
        // block before it was never closed.
        let misplaced = super::fields::block(keyword).is_some_and(|block| {
            self.open.last().is_some_and(|outer| {
                let outer = outer.head.split_whitespace().next().unwrap_or("");
                !Place::of_block(outer).is_some_and(|place| block.inside.contains(&place))
            })
        });
        if misplaced {
            if let Some(outer) = self.open.last() {
                let known = self
                    .suspects
                    .iter()
                    .any(|s| s.unclosed_offset == outer.offset);
                if !known {
                    self.suspects.push(Suspect {
                        unclosed_offset: outer.offset,
                        unclosed_head: shown(outer.head),
                        unclosed_span: outer.head_span,
                        next_head: shown(head),
                        next_span: head_span,
                    });
                }
            }
        }
        if self.open.len() == DEEPEST_NESTING {
            self.structural = true;
            self.findings.push(
                Finding::new(
                    &SYNTAX,
                    Span::new(at, at + 1),
                    t!("blocks nest more than {depth} deep here", depth = DEEPEST_NESTING),
                )
                .label(t!("too deep"))
                .help(t!("a campaign holds blocks one level deep: close each block with `}}` before opening the next")),
            );
        }
        self.open.push(OpenBrace {
            offset: at,
            head,
            head_span,
        });
    }

    fn close_brace(&mut self, at: usize) {
        if let [_, inner] = self.open.as_slice() {
            self.inner_blocks.push(inner.head_span.start..at + 1);
        }
        if self.open.pop().is_none() {
            self.structural = true;
            self.findings.push(
                Finding::new(
                    &SYNTAX,
                    Span::new(at, at + 1),
                    t!("this `}}` closes no block"),
                )
                .label(t!("no block is open here"))
                .help(t!(
                    "delete this `}}`, or check the block above for a `}}` too many"
                )),
            );
        }
    }

    fn unclosed_multiline(&mut self, open: usize) {
        self.structural = true;
        self.findings.push(
            Finding::new(
                &SYNTAX,
                Span::new(open, open + 3),
                t!("this multi-line text has no closing `\"\"\"`"),
            )
            .label(t!("opened here"))
            .help(t!("end the text with `\"\"\"`")),
        );
    }

    fn unclosed_blocks(&mut self) {
        if self.open.is_empty() {
            // Balanced: any block inside a block was really nested, which
            // the model reports in words of its own.
            return;
        }
        if !self.suspects.is_empty() {
            // A `}` is missing, and a block keyword inside another block
            // shows where: report that rather than the file's end.
            self.structural = true;
            for suspect in std::mem::take(&mut self.suspects) {
                let head = &suspect.unclosed_head;
                let next = &suspect.next_head;
                let (message, help) = if head.is_empty() {
                    (
                        t!("this block has no closing `}}` before the next block starts"),
                        t!(
                            "add a line with `}}` to close this block before `{next}`",
                            next = next
                        ),
                    )
                } else {
                    (
                        t!(
                            "the `{head}` block has no closing `}}` before the next block starts",
                            head = head
                        ),
                        t!(
                            "add a line with `}}` to close the `{head}` block before `{next}`",
                            head = head,
                            next = next
                        ),
                    )
                };
                self.findings.push(
                    Finding::new(&SYNTAX, suspect.unclosed_span, message)
                        .label(t!("this block is not closed"))
                        .related(suspect.next_span, t!("the next block starts here"))
                        .help(help),
                );
            }
            return;
        }
        while let Some(unclosed) = self.open.pop() {
            self.structural = true;
            let span = if unclosed.head.is_empty() {
                Span::new(unclosed.offset, unclosed.offset + 1)
            } else {
                unclosed.head_span
            };
            let head = shown(unclosed.head);
            let (message, help) = if head.is_empty() {
                (
                    t!("this block is never closed: the file ends first"),
                    t!("add a line with `}}` where this block ends"),
                )
            } else {
                (
                    t!(
                        "the `{head}` block is never closed: the file ends first",
                        head = head
                    ),
                    t!(
                        "add a line with `}}` where the `{head}` block ends",
                        head = head
                    ),
                )
            };
            self.findings.push(
                Finding::new(&SYNTAX, span, message)
                    .label(t!("opened here"))
                    .help(help),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_comma_is_reported_and_replaced_in_place() {
        let source = "niche beauty，lifestyle";
        let scan = scan(source);
        assert_eq!(scan.text.len(), source.len());
        assert_eq!(scan.text, "niche beauty,  lifestyle");
        assert_eq!(scan.findings.len(), 1);
        assert!(!scan.structural);
    }

    #[test]
    fn curly_quotes_become_straight_quotes() {
        let scan = scan("angle “Hello”\nvoice \"she said “hi”\"");
        assert!(scan.text.starts_with("angle   \"Hello\"  \n"));
        assert!(
            scan.text.ends_with("\"she said “hi”\""),
            "curly quotes inside a string stay"
        );
        assert_eq!(scan.findings.len(), 1);
    }

    #[test]
    fn braces_in_strings_and_comments_do_not_count() {
        let scan = scan("a {\n  note \"{\" # }\n}\n");
        assert!(scan.findings.is_empty());
        assert_eq!(scan.comments.len(), 1);
    }

    #[test]
    fn deep_nesting_is_refused_before_the_parser_recurses() {
        let deep = "a {\n".repeat(100_000) + &"}\n".repeat(100_000);
        let scan = scan(&deep);
        assert!(scan.structural);
        assert_eq!(scan.findings.len(), 1);
    }

    #[test]
    fn a_string_ends_at_its_quote_or_before_its_line_break() {
        // Escaped quotes and backslashes stay inside.
        let scan_ok = scan("note \"a \\\" b \\\\\" # }\n");
        assert!(!scan_ok.structural);
        assert_eq!(scan_ok.comments.len(), 1);
        // Unclosed: the finding runs to the line's end, before its `\r\n`.
        for (source, end) in [
            ("note \"abc\r\nfee 1\n", 9),
            ("note \"ab\\\r\n", 9),
            ("x \"a", 4),
        ] {
            let scan = scan(source);
            assert!(scan.structural, "{source:?}");
            assert_eq!(
                scan.findings[0].span,
                Span::new(source.find('"').unwrap_or(0), end),
                "{source:?}"
            );
        }
    }

    #[test]
    fn a_head_starts_its_line_unless_a_multiline_text_ends_on_it() {
        // The head of an unclosed block is quoted in the finding.
        let heads = |source: &str| -> Vec<String> {
            scan(source)
                .findings
                .iter()
                .map(|f| f.message.clone())
                .collect()
        };
        let plain = heads("# note\n  kol @a {\n");
        assert!(plain[0].contains("`kol @a`"), "{plain:?}");
        // Line breaks inside `\"\"\"` do not start a line: the head is
        // read from the line where the text opened.
        let after_text = heads("x \"\"\"one\ntwo\"\"\" kol @b {\n");
        assert!(
            after_text[0].contains("`x \"\"\"one\ntwo\"\"\" kol @b`"),
            "{after_text:?}"
        );
        // After an earlier brace on the same line, the head starts there.
        let second = heads("a { b {\n}\n");
        assert!(second[0].contains("`a`"), "{second:?}");
    }

    #[test]
    fn structure_errors_stop_the_parse() {
        assert!(scan("a {\n").structural);
        assert!(scan("}\n").structural);
        assert!(scan("note \"abc\n").structural);
        assert!(scan("campaign \"x\" {\n kol @a {\n koc @b {\n }\n}\n").structural);
        // Balanced braces around a nested block: the model explains that.
        assert!(!scan("campaign \"x\" {\n kol @a {\n goal g {\n }\n }\n}\n").structural);
    }
}
