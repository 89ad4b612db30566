//! How the rules read words: folded so that `Cure`, `ＣＵＲＥ` and `cure`
//! are one word, `立即 购买` is `立即购买`, and `buy-now` is `buy now`.
//!
//! - Case is folded and full-width forms become half-width (U+FF01 to
//!   U+FF5E move down by 0xFEE0; the ideographic space U+3000 is a space).
//! - Letters and digits of any script are kept, and so are `%` and `#`
//!   (they carry meaning in "100%" and "#1"). Everything else, spacing and
//!   punctuation alike, only separates words.
//! - English (and other spaced scripts) match whole words: `cure` does not
//!   fire on `secure`. Chinese and Japanese are written without spaces, so
//!   their terms match anywhere: `限时` fires on `限时折扣`.

use std::collections::HashMap;
use std::ops::Range;

use crate::model::Text;
use crate::source::Span;

/// One character as written: case and width folded.
fn fold_char(ch: char) -> impl Iterator<Item = char> {
    let half = match ch {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(ch as u32 - 0xFEE0).unwrap_or(ch),
        _ => ch,
    };
    half.to_lowercase()
}

/// Scripts written without spaces between words, where terms match as
/// substrings: Han ideographs, kana, and their extensions.
fn is_unspaced(ch: char) -> bool {
    matches!(ch,
        '\u{3040}'..='\u{30FF}'   // hiragana, katakana
        | '\u{3400}'..='\u{4DBF}' // CJK extension A
        | '\u{4E00}'..='\u{9FFF}' // CJK unified ideographs
        | '\u{F900}'..='\u{FAFF}' // CJK compatibility ideographs
        | '\u{20000}'..='\u{2FA1F}')
}

/// A character that is part of a spaced-script word, whose edges are
/// word boundaries.
fn is_word_char(ch: char) -> bool {
    ch.is_alphanumeric() && !is_unspaced(ch)
}

fn is_kept(ch: char) -> bool {
    ch.is_alphanumeric() || ch == '%' || ch == '#'
}

/// Text folded for matching. When asked, each character remembers the
/// bytes of the original it came from, so a finding can point at the very
/// word; most texts have no hit, so that map is only made for those that do.
#[derive(Debug, Default)]
pub struct Folded {
    chars: Vec<char>,
    origin: Option<Vec<Range<usize>>>,
}

impl Folded {
    pub fn new(text: &str) -> Self {
        Self::fold(text, false)
    }

    fn with_origin(text: &str) -> Self {
        Self::fold(text, true)
    }

    fn fold(text: &str, keep_origin: bool) -> Self {
        let mut folded = Folded {
            chars: Vec::with_capacity(text.len()),
            origin: keep_origin.then(|| Vec::with_capacity(text.len())),
        };
        let mut gap: Option<Range<usize>> = None;
        for (at, written) in text.char_indices() {
            let bytes = at..at + written.len_utf8();
            // Most text is ASCII: fold it without the Unicode tables.
            if written.is_ascii() {
                folded.push(written.to_ascii_lowercase(), &bytes, &mut gap);
            } else {
                for ch in fold_char(written) {
                    folded.push(ch, &bytes, &mut gap);
                }
            }
        }
        folded
    }

    fn push(&mut self, ch: char, bytes: &Range<usize>, gap: &mut Option<Range<usize>>) {
        if !is_kept(ch) {
            gap.get_or_insert(bytes.clone());
            return;
        }
        // A gap only matters between two words of a spaced script:
        // `buy now` is two words, `立即 购买` is one phrase.
        if let Some(space) = gap.take() {
            if self.chars.last().is_some_and(|&last| !is_unspaced(last)) && !is_unspaced(ch) {
                self.chars.push(' ');
                if let Some(origin) = &mut self.origin {
                    origin.push(space);
                }
            }
        }
        self.chars.push(ch);
        if let Some(origin) = &mut self.origin {
            origin.push(bytes.clone());
        }
    }

    fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// Whether `term` sits at `at` with word boundaries where it starts or
    /// ends with a spaced-script word.
    fn matches_at(&self, term: &[char], at: usize) -> bool {
        let end = at + term.len();
        if end > self.chars.len() || self.chars[at..end] != *term {
            return false;
        }
        let starts_word = term.first().is_some_and(|&c| is_word_char(c));
        let ends_word = term.last().is_some_and(|&c| is_word_char(c));
        let before = at.checked_sub(1).map(|i| self.chars[i]);
        let after = self.chars.get(end).copied();
        let joined_before = starts_word && before.is_some_and(is_word_char);
        let joined_after = ends_word && after.is_some_and(is_word_char);
        !joined_before && !joined_after
    }

    /// The bytes of the original text that `range` of folded characters
    /// came from.
    fn bytes(&self, range: Range<usize>) -> Range<usize> {
        let origin = self.origin.as_deref().unwrap_or_default();
        match (
            origin.get(range.start),
            origin.get(range.end.wrapping_sub(1)),
        ) {
            (Some(first), Some(last)) => first.start..last.end,
            _ => 0..0,
        }
    }
}

/// The comparison key for "the same text": folded, with all spacing and
/// punctuation gone, so "Oily skin, tested!" and "oily-skin tested" agree.
pub fn key(text: &str) -> String {
    Folded::new(text)
        .chars
        .into_iter()
        .filter(|&c| c != ' ')
        .collect()
}

/// A term to look for, with everyday phrases in which it means no harm
/// ("treat yourself" is not a medical treatment).
#[derive(Debug, Clone, Copy)]
pub struct Word {
    pub term: &'static str,
    pub except: &'static [&'static str],
}

impl Word {
    pub const fn new(term: &'static str) -> Self {
        Word { term, except: &[] }
    }

    pub const fn except(term: &'static str, except: &'static [&'static str]) -> Self {
        Word { term, except }
    }
}

struct Entry {
    /// As the list writes it, for messages.
    term: String,
    folded: Vec<char>,
    except: Vec<Vec<char>>,
}

/// A word list made ready for matching: terms indexed by their first folded
/// character, so a text is read once whatever the length of the list.
pub struct Terms {
    entries: Vec<Entry>,
    /// First characters, sorted, each with the entries starting with it.
    by_first: Vec<(char, Vec<usize>)>,
}

/// Where a term was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit<'t> {
    /// The term as the list writes it.
    pub term: &'t str,
    /// Bytes of the text it was found in.
    pub bytes: Range<usize>,
}

impl Terms {
    pub fn new<'w>(words: impl IntoIterator<Item = &'w Word>) -> Self {
        Self::from_pairs(
            words
                .into_iter()
                .map(|word| (word.term.to_string(), word.except)),
        )
    }

    /// A list the user wrote (the brand's `avoid`), with no exceptions.
    pub fn from_written<'a>(terms: impl IntoIterator<Item = &'a str>) -> Self {
        Self::from_pairs(terms.into_iter().map(|term| (term.to_string(), &[][..])))
    }

    fn from_pairs(pairs: impl Iterator<Item = (String, &'static [&'static str])>) -> Self {
        let mut entries = Vec::new();
        let mut by_first: HashMap<char, Vec<usize>> = HashMap::new();
        for (term, except) in pairs {
            let folded: Vec<char> = Folded::new(&term).chars;
            let Some(&first) = folded.first() else {
                continue;
            };
            by_first.entry(first).or_default().push(entries.len());
            entries.push(Entry {
                term,
                folded,
                except: except.iter().map(|e| Folded::new(e).chars).collect(),
            });
        }
        let mut by_first: Vec<(char, Vec<usize>)> = by_first.into_iter().collect();
        by_first.sort_unstable_by_key(|(first, _)| *first);
        Terms { entries, by_first }
    }

    /// Every term in `text`, leftmost first; where terms overlap, the
    /// longest wins ("全网第一" rather than "第一").
    pub fn find(&self, text: &str) -> Vec<Hit<'_>> {
        let mut folded = Folded::new(text);
        let mut hits = Vec::new();
        if folded.is_empty() {
            return hits;
        }
        let mut at = 0;
        while at < folded.chars.len() {
            // Inside an English word no term can start: a term starting with
            // a letter needs a word boundary before it.
            let inside_word = is_word_char(folded.chars[at])
                && at
                    .checked_sub(1)
                    .is_some_and(|before| is_word_char(folded.chars[before]));
            if inside_word {
                at += 1;
                continue;
            }
            let starting = self
                .by_first
                .binary_search_by_key(&folded.chars[at], |(first, _)| *first)
                .ok()
                .and_then(|i| self.by_first.get(i));
            let best = starting
                .into_iter()
                .flat_map(|(_, entries)| entries)
                .filter_map(|&i| self.entries.get(i))
                .filter(|entry| folded.matches_at(&entry.folded, at))
                .filter(|entry| !excepted(&folded, entry, at))
                .max_by_key(|entry| entry.folded.len());
            match best {
                Some(entry) => {
                    if folded.origin.is_none() {
                        folded = Folded::with_origin(text);
                    }
                    let end = at + entry.folded.len();
                    hits.push(Hit {
                        term: &entry.term,
                        bytes: folded.bytes(at..end),
                    });
                    at = end;
                }
                None => at += 1,
            }
        }
        hits
    }
}

/// Whether the term found at `at` lies inside one of its everyday phrases.
fn excepted(folded: &Folded, entry: &Entry, at: usize) -> bool {
    let end = at + entry.folded.len();
    entry.except.iter().any(|phrase| {
        let earliest = end.saturating_sub(phrase.len());
        (earliest..=at).any(|start| start + phrase.len() >= end && folded.matches_at(phrase, start))
    })
}

/// The source span of `bytes` inside a string literal, or the whole literal
/// when its value is not a plain copy of the source (escapes, `"""`).
pub fn span_in(text: &Text, bytes: &Range<usize>) -> Span {
    let written = text.span.end.saturating_sub(text.span.start);
    if !text.multiline && written == text.value.len() + 2 && bytes.end <= text.value.len() {
        let start = text.span.start + 1;
        Span::new(start + bytes.start, start + bytes.end)
    } else {
        text.span
    }
}

/// `"a"`, `"a" and "b"`, `"a", "b" and "c"`: the terms a finding names.
pub fn quoted(terms: &[&str]) -> String {
    let quoted: Vec<String> = terms.iter().map(|t| format!("\"{t}\"")).collect();
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(words: &[Word], text: &str) -> Vec<String> {
        let terms = Terms::new(words);
        terms
            .find(text)
            .into_iter()
            .map(|hit| text[hit.bytes].to_string())
            .collect()
    }

    #[test]
    fn english_matches_whole_words_only() {
        let words = [Word::new("cure")];
        assert!(found(&words, "A secure, curated routine").is_empty());
        assert_eq!(found(&words, "It will cure acne"), ["cure"]);
        assert_eq!(found(&words, "CURE."), ["CURE"]);
        assert_eq!(found(&words, "pimple-cure"), ["cure"]);
    }

    #[test]
    fn full_width_and_case_fold() {
        let words = [Word::new("best"), Word::new("No.1")];
        assert_eq!(found(&words, "ＢＥＳＴ　serum"), ["ＢＥＳＴ"]);
        assert_eq!(found(&words, "the no. 1 pick"), ["no. 1"]);
        assert!(found(&words, "bestseller").is_empty());
        assert!(found(&words, "no 10").is_empty());
    }

    #[test]
    fn chinese_matches_inside_phrases_and_across_spaces() {
        let words = [Word::new("限时"), Word::new("立即购买")];
        assert_eq!(found(&words, "双十二限时折扣"), ["限时"]);
        assert_eq!(found(&words, "快来立即 购买！"), ["立即 购买"]);
        assert_eq!(found(&words, "ok限时ok"), ["限时"]);
    }

    #[test]
    fn longest_term_wins_and_exceptions_hold() {
        let words = [
            Word::new("第一"),
            Word::new("全网第一"),
            Word::except("最", &["最近"]),
            Word::except("treat", &["treat yourself"]),
        ];
        assert_eq!(found(&words, "全网第一的面霜"), ["全网第一"]);
        assert!(found(&words, "最近在用").is_empty());
        assert_eq!(found(&words, "最近最火"), ["最"]);
        assert!(found(&words, "Treat yourself tonight").is_empty());
        assert_eq!(found(&words, "It can treat acne"), ["treat"]);
    }

    #[test]
    fn symbols_that_carry_meaning_are_kept() {
        let words = [Word::new("100%"), Word::new("#1")];
        assert_eq!(found(&words, "100% natural"), ["100%"]);
        assert!(found(&words, "1100% more").is_empty());
        assert!(found(&words, "in 100 days").is_empty());
        assert_eq!(found(&words, "the #1 serum"), ["#1"]);
        assert!(found(&words, "#10 on the list").is_empty());
    }

    #[test]
    fn keys_ignore_spacing_punctuation_case_and_width() {
        assert_eq!(key("Oily skin, tested!"), key("oily-skin   TESTED"));
        assert_eq!(key("真实感受，两周"), key("真实感受 两周"));
        assert_eq!(key("ＡＢＣ"), key("abc"));
        assert_ne!(key("a cure"), key("secure"));
    }

    #[test]
    fn spans_point_into_plain_literals_only() {
        let plain = Text {
            value: "buy now".to_string(),
            span: Span::new(10, 19),
            multiline: false,
        };
        assert_eq!(span_in(&plain, &(4..7)), Span::new(15, 18));
        let escaped = Text {
            value: "say \"now\"".to_string(),
            span: Span::new(0, 13),
            multiline: false,
        };
        assert_eq!(span_in(&escaped, &(5..8)), escaped.span);
    }
}
