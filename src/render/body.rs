//! A page's body on its way into the page's one string, tidied as it
//! arrives. Briefs hand it the text their macro returned; the overview is
//! written into it by the template as it renders, so an overview of
//! thousands of creators (megabytes) is never held twice.

use std::io;

/// How a body is tidied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tidying {
    /// Markdown and plain text: templates are written for people to read,
    /// with `{% if %}` around every optional line; the blank lines and
    /// trailing spaces those leave are dropped, so an absent field leaves
    /// no gap. Runs of blank lines become one; none is left at the end.
    Lines,
    /// HTML: only the whitespace around the page, then one newline.
    Ends,
}

/// Appends a body to a page, tidying it line by line. Written to as an
/// `io::Write` (by `Template::render_captured_to`) or with `push`; `finish`
/// completes it. A line may come in any number of pieces; minijinja writes
/// whole strings, so a piece never ends inside a character.
pub(super) struct Body<'a> {
    out: &'a mut String,
    tidying: Tidying,
    /// Where the body starts in `out`, after any front matter.
    start: usize,
    /// The end of a line whose start came in an earlier piece.
    partial: Vec<u8>,
    /// Whether the last line written was blank (true at the start, so
    /// leading blank lines are dropped).
    blank: bool,
    /// `Ends`: whether text other than whitespace has been written.
    begun: bool,
}

impl<'a> Body<'a> {
    pub(super) fn new(out: &'a mut String, tidying: Tidying) -> Self {
        let start = out.len();
        Body {
            out,
            tidying,
            start,
            partial: Vec::new(),
            blank: true,
            begun: false,
        }
    }

    /// The next piece of the body, as the template wrote it.
    pub(super) fn push(&mut self, piece: &[u8]) {
        if self.tidying == Tidying::Ends {
            self.push_unlined(piece);
            return;
        }
        let mut rest = piece;
        while let Some(at) = memchr::memchr(b'\n', rest) {
            let (line, after) = (&rest[..at], &rest[at + 1..]);
            if self.partial.is_empty() {
                self.line(line);
            } else {
                let mut whole = std::mem::take(&mut self.partial);
                whole.extend_from_slice(line);
                self.line(&whole);
                // Keep the buffer's room for the next split line.
                whole.clear();
                self.partial = whole;
            }
            rest = after;
        }
        self.partial.extend_from_slice(rest);
    }

    /// `Ends`: everything but the whitespace before the page's first text.
    fn push_unlined(&mut self, piece: &[u8]) {
        let text = String::from_utf8_lossy(piece);
        let text = if self.begun {
            &text[..]
        } else {
            text.trim_start()
        };
        self.begun |= !text.is_empty();
        self.out.push_str(text);
    }

    /// One line of a `Lines` body, without its `\n`.
    fn line(&mut self, line: &[u8]) {
        let line = String::from_utf8_lossy(line);
        let line = line.trim_end();
        if line.is_empty() {
            if !self.blank {
                self.out.push('\n');
            }
            self.blank = true;
        } else {
            self.out.push_str(line);
            self.out.push('\n');
            self.blank = false;
        }
    }

    /// The body's last line, and its end tidied.
    pub(super) fn finish(mut self) {
        match self.tidying {
            Tidying::Lines => {
                if !self.partial.is_empty() {
                    let last = std::mem::take(&mut self.partial);
                    self.line(&last);
                }
                while self.out.len() > self.start && self.out[self.start..].ends_with("\n\n") {
                    self.out.pop();
                }
            }
            Tidying::Ends => {
                let kept = self.out[self.start..].trim_end().len();
                self.out.truncate(self.start + kept);
                self.out.push('\n');
            }
        }
    }
}

impl io::Write for Body<'_> {
    fn write(&mut self, piece: &[u8]) -> io::Result<usize> {
        self.push(piece);
        Ok(piece.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::{Body, Tidying};

    /// `text` tidied, given to the body in pieces of `size` bytes (split
    /// only between characters, as a template writes).
    fn tidied(text: &str, tidying: Tidying, size: usize) -> String {
        let mut out = String::from("front\n");
        let mut body = Body::new(&mut out, tidying);
        let mut rest = text;
        while !rest.is_empty() {
            let mut at = size.min(rest.len());
            while !rest.is_char_boundary(at) {
                at += 1;
            }
            body.push(&rest.as_bytes()[..at]);
            rest = &rest[at..];
        }
        body.finish();
        out.strip_prefix("front\n").unwrap().to_string()
    }

    /// The tidying as it was written before bodies came in pieces: the
    /// whole text at once.
    fn tidied_whole(text: &str, tidying: Tidying) -> String {
        match tidying {
            Tidying::Ends => format!("{}\n", text.trim()),
            Tidying::Lines => {
                let mut out = String::new();
                let mut blank = true;
                for line in text.lines() {
                    let line = line.trim_end();
                    if line.is_empty() {
                        if !blank {
                            out.push('\n');
                        }
                        blank = true;
                    } else {
                        out.push_str(line);
                        out.push('\n');
                        blank = false;
                    }
                }
                while out.ends_with("\n\n") {
                    out.pop();
                }
                out
            }
        }
    }

    #[test]
    fn lines_leave_one_blank_line_between_blocks() {
        assert_eq!(
            tidied("\n# A  \n\n\n\nb\n\n", Tidying::Lines, 100),
            "# A\n\nb\n"
        );
    }

    #[test]
    fn ends_trim_only_around_the_page() {
        assert_eq!(
            tidied("\n\u{3000} <p>a</p>\n\n<p>b</p> \n\n", Tidying::Ends, 100),
            "<p>a</p>\n\n<p>b</p>\n"
        );
    }

    #[test]
    fn any_split_into_pieces_tidies_as_the_whole() {
        let texts = [
            "",
            "\n",
            "a",
            "a\n",
            "a\n\n",
            "  \n\t\n",
            "# 合作 Brief  \r\n\r\n\r\n- 种草\u{3000}\n\n\n评论区维护\n",
            "last line without newline  ",
            "\n\n\n<p>\u{3000}曝光</p>\n \n",
            "a\n \nb\n\n\nc\u{3000}\n\n",
        ];
        for text in texts {
            for tidying in [Tidying::Lines, Tidying::Ends] {
                let whole = tidied_whole(text, tidying);
                for size in 1..=text.len().max(1) {
                    assert_eq!(
                        tidied(text, tidying, size),
                        whole,
                        "{text:?} in pieces of {size}, {tidying:?}"
                    );
                }
            }
        }
    }
}
