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
//! - A list is matched in one pass over the folded text (aho-corasick, all
//!   overlapping occurrences); word boundaries and a term's exceptions then
//!   filter what was found, so a longer term that fails them ("qr code" in
//!   "QR codes") never hides a shorter one that holds ("qr").
//! - Before any list reads a roster's texts, one automaton over every fixed
//!   list (`screen`) reads them all once and notes which lists have a term
//!   in each; a list then skips the texts that hold none of its terms,
//!   which is most texts.

use std::cmp::Reverse;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use super::words;
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
pub(super) fn is_unspaced(ch: char) -> bool {
    matches!(ch,
        '\u{3040}'..='\u{30FF}'   // hiragana, katakana
        | '\u{3400}'..='\u{4DBF}' // CJK extension A
        | '\u{4E00}'..='\u{9FFF}' // CJK unified ideographs
        | '\u{F900}'..='\u{FAFF}' // CJK compatibility ideographs
        | '\u{20000}'..='\u{2FA1F}')
}

/// Whether a text holds a Han character: Chinese, for the language rules.
pub fn has_han(text: &str) -> bool {
    // Most texts in a large roster are ASCII, checked in one pass.
    !text.is_ascii()
        && text
            .chars()
            .any(|ch| is_unspaced(ch) && !matches!(ch, '\u{3040}'..='\u{30FF}'))
}

/// Whether a text holds a Latin letter.
pub fn has_latin(text: &str) -> bool {
    text.chars().any(|ch| {
        ch.is_ascii_alphabetic()
            || matches!(ch, '\u{00C0}'..='\u{024F}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}')
                && ch.is_alphabetic()
    })
}

/// A character that is part of a spaced-script word, whose edges are
/// word boundaries.
fn is_word_char(ch: char) -> bool {
    ch.is_alphanumeric() && !is_unspaced(ch)
}

fn is_kept(ch: char) -> bool {
    ch.is_alphanumeric() || ch == '%' || ch == '#'
}

/// Text folded for matching. When asked, each byte remembers the bytes of
/// the original it came from, so a finding can point at the very word; most
/// texts have no hit, so that map is only made for those that do.
#[derive(Debug, Default)]
pub struct Folded {
    text: String,
    /// One entry per byte of `text`.
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
        if !keep_origin && text.is_ascii() {
            return Self::fold_ascii(text);
        }
        let mut folded = Folded {
            text: String::with_capacity(text.len()),
            origin: keep_origin.then(|| Vec::with_capacity(text.len())),
        };
        let mut gap: Option<Range<usize>> = None;
        let mut at = 0;
        while let Some(rest) = text.get(at..).filter(|rest| !rest.is_empty()) {
            // Most text is ASCII words: copy a run of letters and digits in
            // one go, without the Unicode tables.
            let run = rest.bytes().take_while(u8::is_ascii_alphanumeric).count();
            if let Some(word) = rest.get(..run).filter(|word| !word.is_empty()) {
                folded.push_ascii_word(word, at, &mut gap);
                at += run;
                continue;
            }
            let Some(written) = rest.chars().next() else {
                break;
            };
            let bytes = at..at + written.len_utf8();
            if written.is_ascii() {
                folded.push(written.to_ascii_lowercase(), &bytes, &mut gap);
            } else {
                for ch in fold_char(written) {
                    folded.push(ch, &bytes, &mut gap);
                }
            }
            at = bytes.end;
        }
        folded
    }

    /// `fold` for ASCII text, without byte origins: most texts, folded by
    /// every word rule. The same result in one pass over the bytes: letters
    /// lowercased, `%` and `#` kept, and any run of other bytes one space
    /// between two kept ones (ASCII is a spaced script throughout).
    fn fold_ascii(text: &str) -> Self {
        let mut folded = String::with_capacity(text.len());
        fold_ascii_into(text, &mut folded);
        Folded {
            text: folded,
            origin: None,
        }
    }

    fn push(&mut self, ch: char, bytes: &Range<usize>, gap: &mut Option<Range<usize>>) {
        if !is_kept(ch) {
            gap.get_or_insert(bytes.clone());
            return;
        }
        self.close_gap(ch, gap);
        self.text.push(ch);
        if let Some(origin) = &mut self.origin {
            origin.extend((0..ch.len_utf8()).map(|_| bytes.clone()));
        }
    }

    /// `word`, ASCII letters and digits only, found at byte `at`.
    fn push_ascii_word(&mut self, word: &str, at: usize, gap: &mut Option<Range<usize>>) {
        // Any ASCII letter stands for the word: a spaced script.
        self.close_gap('a', gap);
        let start = self.text.len();
        self.text.push_str(word);
        if let Some(added) = self.text.get_mut(start..) {
            added.make_ascii_lowercase();
        }
        if let Some(origin) = &mut self.origin {
            origin.extend((at..at + word.len()).map(|byte| byte..byte + 1));
        }
    }

    /// Before a kept `next` character: a gap only matters between two
    /// words of a spaced script: `buy now` is two words, `立即 购买` is one
    /// phrase.
    fn close_gap(&mut self, next: char, gap: &mut Option<Range<usize>>) {
        if let Some(space) = gap.take() {
            if self
                .text
                .chars()
                .next_back()
                .is_some_and(|last| !is_unspaced(last))
                && !is_unspaced(next)
            {
                self.text.push(' ');
                if let Some(origin) = &mut self.origin {
                    origin.push(space);
                }
            }
        }
    }

    /// The bytes of the original text that `range` of folded bytes came
    /// from.
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

/// Whether `range` of the folded text `folded` has word boundaries where it
/// starts or ends with a spaced-script word.
fn has_boundaries(folded: &str, range: Range<usize>) -> bool {
    let (Some(before), Some(term), Some(after)) = (
        folded.get(..range.start),
        folded.get(range.clone()),
        folded.get(range.end..),
    ) else {
        return false;
    };
    let starts_word = term.chars().next().is_some_and(is_word_char);
    let ends_word = term.chars().next_back().is_some_and(is_word_char);
    let joined_before = starts_word && before.chars().next_back().is_some_and(is_word_char);
    let joined_after = ends_word && after.chars().next().is_some_and(is_word_char);
    !joined_before && !joined_after
}

/// Whether the folded `phrase` sits at byte `at` of `folded`, with word
/// boundaries.
fn has_at(folded: &str, phrase: &str, at: usize) -> bool {
    folded
        .get(at..)
        .is_some_and(|rest| rest.starts_with(phrase))
        && has_boundaries(folded, at..at + phrase.len())
}

/// A text folded for matching (see the module's comment): what
/// `Terms::find_folded` reads, so that a text read by several lists is
/// folded once.
pub fn fold(text: &str) -> String {
    Folded::new(text).text
}

/// `fold(text)` added to the end of `out`, without a string of its own
/// for the most common case, ASCII text.
pub fn fold_into(text: &str, out: &mut String) {
    if text.is_ascii() {
        fold_ascii_into(text, out);
    } else {
        out.push_str(&fold(text));
    }
}

/// `Folded::fold_ascii`'s pass, adding to the end of `out`.
fn fold_ascii_into(text: &str, out: &mut String) {
    let start = out.len();
    let mut gap = false;
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || byte == b'%' || byte == b'#' {
            if gap && out.len() > start {
                out.push(' ');
            }
            gap = false;
            out.push(char::from(byte.to_ascii_lowercase()));
        } else {
            gap = true;
        }
    }
}

/// The comparison key for "the same text": folded, with all spacing and
/// punctuation gone, so "Oily skin, tested!" and "oily-skin tested" agree.
pub fn key(text: &str) -> String {
    let mut key = fold(text);
    key.retain(|c| c != ' ');
    key
}

/// A folded text compared as `text::key` compares: its spaces left out
/// ("oily skin" is "oilyskin"), without making the spaceless copy.
#[derive(Clone, Copy)]
pub struct Key<'t>(pub &'t str);

impl Key<'_> {
    /// Whether nothing is left once spaces are: no text, or punctuation only.
    pub fn is_empty(&self) -> bool {
        self.bytes().next().is_none()
    }

    fn bytes(&self) -> impl Iterator<Item = u8> + '_ {
        self.0.bytes().filter(|&b| b != b' ')
    }
}

impl PartialEq for Key<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.bytes().eq(other.bytes())
    }
}

impl Eq for Key<'_> {}

impl Hash for Key<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        for byte in self.bytes() {
            state.write_u8(byte);
        }
    }
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

/// The fixed word lists (`words::KNOWN`, by their place there) that have
/// a term somewhere in a text: what `screen` found.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Lists(u16);

// One bit per fixed list.
const _: () = assert!(words::KNOWN.len() <= 16);

impl Lists {
    fn intersects(self, other: Lists) -> bool {
        self.0 & other.0 != 0
    }
}

/// A text folded for matching (`fold`), and the fixed lists `screen`
/// found a term of in it.
#[derive(Debug, Clone, Copy)]
pub struct Fold<'f> {
    pub text: &'f str,
    pub lists: Lists,
}

impl<'f> Fold<'f> {
    /// One folded text, screened on its own.
    pub fn screened(text: &'f str) -> Self {
        let lists = screen(text, &[u32::try_from(text.len()).unwrap_or(u32::MAX)])
            .first()
            .copied()
            .unwrap_or_default();
        Fold { text, lists }
    }
}

/// Every term of every fixed list in one automaton.
struct Screen {
    automaton: Option<AhoCorasick>,
    /// For each pattern (a distinct folded term), the lists holding it.
    lists: Vec<Lists>,
    pattern_of: HashMap<String, usize>,
}

static SCREEN: LazyLock<Screen> = LazyLock::new(|| {
    let mut lists: Vec<Lists> = Vec::new();
    let mut pattern_of: HashMap<String, usize> = HashMap::new();
    let mut patterns: Vec<String> = Vec::new();
    for (list, words) in words::KNOWN.iter().enumerate() {
        for word in words.iter() {
            let folded = fold(word.term);
            if folded.is_empty() {
                continue;
            }
            let pattern = *pattern_of.entry(folded.clone()).or_insert_with(|| {
                patterns.push(folded);
                lists.push(Lists::default());
                lists.len() - 1
            });
            if let Some(of_pattern) = lists.get_mut(pattern) {
                of_pattern.0 |= 1 << list;
            }
        }
    }
    Screen {
        automaton: AhoCorasick::new(&patterns).ok(),
        lists,
        pattern_of,
    }
});

/// The fixed lists with a term in each of several folded texts, written
/// end to end in `folded`, text i ending at `ends[i]`: one pass for them
/// all. A term that runs across two texts marks one of them, which then
/// is only read for nothing; a term inside a text is never missed.
pub fn screen(folded: &str, ends: &[u32]) -> Vec<Lists> {
    let mut found = vec![Lists::default(); ends.len()];
    let Some(automaton) = &SCREEN.automaton else {
        return found;
    };
    let mut text = 0;
    for occurrence in automaton.find_overlapping_iter(folded) {
        // Occurrences come by where they end: the text holding the last
        // byte is at or after the one before.
        let last = occurrence.end().saturating_sub(1);
        while ends.get(text).is_some_and(|&end| end as usize <= last) {
            text += 1;
        }
        if let (Some(of_text), Some(of_pattern)) = (
            found.get_mut(text),
            SCREEN.lists.get(occurrence.pattern().as_usize()),
        ) {
            of_text.0 |= of_pattern.0;
        }
    }
    found
}

struct Entry {
    /// As the list writes it, for messages.
    term: String,
    /// Folded.
    except: Vec<String>,
}

/// A word list made ready for matching: one automaton over every folded
/// term, so a text is read once whatever the length of the list. Build it
/// once per list (a `LazyLock` for the fixed lists), not per text.
pub struct Terms {
    entries: Vec<Entry>,
    /// For each pattern of the automaton (a distinct folded term), the
    /// entries that fold to it, in list order.
    patterns: Vec<Vec<usize>>,
    /// None only for an empty list, or one too large to build (more than
    /// billions of states), which no spec can hold.
    automaton: Option<AhoCorasick>,
    /// The fixed lists holding every term of this one, so that a text
    /// `screen` found none of them in is not read; None when a term is in
    /// none of them (a brand's own `avoid` word).
    screened_by: Option<Lists>,
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

    /// A list the user wrote (the brand's `avoid`). A term that is also a
    /// word of `known` takes that word's exceptions: a brand that avoids
    /// `第一` means the claim, not `第一次` ("the first time"); a brand that
    /// avoids `第一次` writes that.
    pub fn from_written<'a>(
        terms: impl IntoIterator<Item = &'a str>,
        known: &[&'static [Word]],
    ) -> Self {
        Self::from_pairs(terms.into_iter().map(|term| {
            let except = known
                .iter()
                .flat_map(|list| list.iter())
                .find(|word| word.term == term)
                .map_or(&[][..], |word| word.except);
            (term.to_string(), except)
        }))
    }

    fn from_pairs(pairs: impl Iterator<Item = (String, &'static [&'static str])>) -> Self {
        let mut entries = Vec::new();
        let mut folded_terms: Vec<String> = Vec::new();
        let mut patterns: Vec<Vec<usize>> = Vec::new();
        let mut pattern_of: HashMap<String, usize> = HashMap::new();
        let mut screened_by = Some(Lists::default());
        for (term, except) in pairs {
            let folded = fold(&term);
            if folded.is_empty() {
                continue;
            }
            screened_by = screened_by.and_then(|lists| {
                let pattern = *SCREEN.pattern_of.get(&folded)?;
                Some(Lists(lists.0 | SCREEN.lists.get(pattern)?.0))
            });
            let pattern = match pattern_of.get(&folded) {
                Some(&pattern) => pattern,
                None => {
                    pattern_of.insert(folded.clone(), patterns.len());
                    folded_terms.push(folded);
                    patterns.push(Vec::new());
                    patterns.len() - 1
                }
            };
            if let Some(entries_of) = patterns.get_mut(pattern) {
                entries_of.push(entries.len());
            }
            entries.push(Entry {
                term,
                except: except.iter().map(|e| fold(e)).collect(),
            });
        }
        let automaton = if folded_terms.is_empty() {
            None
        } else {
            AhoCorasick::new(&folded_terms).ok()
        };
        Terms {
            entries,
            patterns,
            automaton,
            screened_by,
        }
    }

    /// Every term in `text`, leftmost first; where terms overlap, the
    /// longest wins ("全网第一" rather than "第一").
    pub fn find(&self, text: &str) -> Vec<Hit<'_>> {
        if self.automaton.is_none() {
            return Vec::new();
        }
        let found = self.occurrences(&fold(text));
        self.hits(found, text)
    }

    /// `find` in `text`, given folded and screened too. The text as written
    /// is read only when a term is found: most texts have none, and on a
    /// large roster reading each again is a cache miss per text per rule.
    pub fn find_folded(&self, folded: Fold<'_>, text: &Text) -> Vec<Hit<'_>> {
        if self
            .screened_by
            .is_some_and(|lists| !lists.intersects(folded.lists))
        {
            return Vec::new();
        }
        let found = self.occurrences(folded.text);
        if found.is_empty() {
            return Vec::new();
        }
        self.hits(found, &text.value)
    }

    /// Every occurrence of every term in `folded`, overlapping ones
    /// included, that holds its word boundaries and is not inside one of
    /// its exceptions.
    fn occurrences(&self, folded: &str) -> Vec<(Range<usize>, &Entry)> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let mut found: Vec<(Range<usize>, &Entry)> = Vec::new();
        for occurrence in automaton.find_overlapping_iter(folded) {
            let range = occurrence.range();
            if !has_boundaries(folded, range.clone()) {
                continue;
            }
            // Terms that fold alike: the last one listed speaks for them.
            let entry = self
                .patterns
                .get(occurrence.pattern().as_usize())
                .into_iter()
                .flatten()
                .rev()
                .filter_map(|&i| self.entries.get(i))
                .find(|entry| !excepted(folded, entry, &range));
            if let Some(entry) = entry {
                found.push((range, entry));
            }
        }
        found
    }

    /// The hits among `found` in `text` (which folds to where they were
    /// found): leftmost first, then longest; a hit hides those that start
    /// inside it.
    fn hits<'s>(&'s self, mut found: Vec<(Range<usize>, &'s Entry)>, text: &str) -> Vec<Hit<'s>> {
        if found.is_empty() {
            return Vec::new();
        }
        found.sort_unstable_by_key(|(range, _)| (range.start, Reverse(range.end)));
        let folded = Folded::with_origin(text);
        let mut hits: Vec<Hit<'_>> = Vec::new();
        let mut free_from = 0;
        for (range, entry) in found {
            if range.start < free_from {
                continue;
            }
            free_from = range.end;
            hits.push(Hit {
                term: &entry.term,
                bytes: folded.bytes(range),
            });
        }
        hits
    }
}

/// Whether the term found at `range` lies inside one of its everyday phrases.
fn excepted(folded: &str, entry: &Entry, range: &Range<usize>) -> bool {
    entry.except.iter().any(|phrase| {
        let earliest = range.end.saturating_sub(phrase.len());
        (earliest..=range.start)
            .any(|start| start + phrase.len() >= range.end && has_at(folded, phrase, start))
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
    crate::i18n::and_list(&quoted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::BuildHasher;

    #[test]
    fn the_screen_finds_every_term_of_every_fixed_list() {
        // The screen may only ever let a list skip a text that holds none
        // of its terms: every term, written as the list writes it and with
        // its exceptions around it, is found through it as without it.
        for (list, words) in words::KNOWN.iter().enumerate() {
            let terms = Terms::new(words.iter());
            assert!(terms.screened_by.is_some(), "list {list}");
            let texts = words
                .iter()
                .flat_map(|word| std::iter::once(word.term).chain(word.except.iter().copied()))
                .map(|text| format!("Try {text} today"));
            for text in texts {
                let given = Text::plain(text.clone(), Span::new(0, text.len()), false);
                let folded = fold(&text);
                let screened = terms.find_folded(Fold::screened(&folded), &given);
                assert_eq!(screened, terms.find(&text), "list {list}: {text}");
            }
        }
    }

    #[test]
    fn the_screen_marks_each_text_by_itself() {
        let texts = [
            "a quiet evening",
            "加v领取",
            "",
            "全网第一",
            "the best serum",
        ];
        let mut folded = String::new();
        let mut ends = Vec::new();
        for text in texts {
            folded.push_str(&fold(text));
            ends.push(u32::try_from(folded.len()).unwrap_or(u32::MAX));
        }
        let screened = screen(&folded, &ends);
        let off = Terms::new(words::OFF_PLATFORM)
            .screened_by
            .unwrap_or_default();
        let absolute = Terms::new(words::ABSOLUTE_TERMS)
            .screened_by
            .unwrap_or_default();
        let marked: Vec<(bool, bool)> = screened
            .iter()
            .map(|lists| (lists.intersects(off), lists.intersects(absolute)))
            .collect();
        assert_eq!(
            marked,
            [
                (false, false),
                (true, false),
                (false, false),
                (false, true),
                (false, false)
            ]
        );
        // A term read across two texts (加V over `加` and `vx`) marks the
        // one holding its last byte; the text before is not marked.
        let across = screen(&fold("加vx"), &[3, 5]);
        assert!(!across[0].intersects(off));
        assert!(across[1].intersects(off));
    }

    #[test]
    fn a_brands_own_word_is_never_screened_out() {
        let own = Terms::from_written(["glowy"], words::KNOWN);
        assert_eq!(own.screened_by, None);
        let text = "So glowy";
        let given = Text::plain(text.to_string(), Span::new(0, text.len()), false);
        let folded = fold(text);
        assert_eq!(own.find_folded(Fold::screened(&folded), &given).len(), 1);
        // One of the fixed lists' words, written by the brand: screened.
        let known = Terms::from_written(["第一"], words::KNOWN);
        assert!(known.screened_by.is_some());
    }

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
    fn the_existing_foldings_hold() {
        let words = [Word::new("cure"), Word::new("限时"), Word::new("buy now")];
        assert!(found(&words, "secure").is_empty());
        assert_eq!(found(&words, "ＣＵＲＥ"), ["ＣＵＲＥ"]);
        assert_eq!(found(&words, "限时折扣"), ["限时"]);
        assert_eq!(found(&words, "Buy-now!"), ["Buy-now"]);
        assert_eq!(found(&words, "buy now"), ["buy now"]);
    }

    #[test]
    fn spans_point_at_the_original_bytes() {
        let terms = Terms::new(&[Word::new("cure"), Word::new("立即购买")]);
        // Full-width letters are three bytes each; the ideographic space
        // between 立即 and 购买 is three more.
        let text = "ＣＵＲＥ，立即\u{3000}购买 and cure";
        let hits = terms.find(text);
        let spans: Vec<(&str, Range<usize>)> =
            hits.iter().map(|h| (h.term, h.bytes.clone())).collect();
        assert_eq!(
            spans,
            [("cure", 0..12), ("立即购买", 15..30), ("cure", 35..39)]
        );
        assert_eq!(&text[15..30], "立即\u{3000}购买");
    }

    #[test]
    fn a_long_match_that_fails_its_boundary_hides_no_shorter_one() {
        // "qr code" runs into "codes"; "qr" alone is a whole word.
        let words = [Word::new("QR code"), Word::new("QR")];
        assert_eq!(found(&words, "scan the QR codes"), ["QR"]);
        assert_eq!(found(&words, "scan the QR code"), ["QR code"]);
        let words = [Word::new("buy now"), Word::new("buy")];
        assert_eq!(found(&words, "buy nowhere else"), ["buy"]);
        // A longer term starting earlier, inside a word, hides no later one.
        let words = [Word::new("sure cure"), Word::new("cure")];
        assert_eq!(found(&words, "unsure cure"), ["cure"]);
        assert_eq!(found(&words, "a sure cure"), ["sure cure"]);
    }

    #[test]
    fn a_long_match_inside_its_exception_hides_no_shorter_one() {
        let words = [Word::except("全网第一", &["全网第一次"]), Word::new("第一")];
        assert_eq!(found(&words, "全网第一次发售"), ["第一"]);
        assert_eq!(found(&words, "全网第一的面霜"), ["全网第一"]);
    }

    #[test]
    fn terms_that_fold_alike_are_one_pattern() {
        let terms = Terms::from_written(["Cure", "cure", "ＣＵＲＥ"], &[]);
        let hits = terms.find("a cure");
        assert_eq!(hits.len(), 1);
        // As before: the last one listed names the hit.
        assert_eq!(hits[0].term, "ＣＵＲＥ");
        assert!(Terms::from_written(["", "!!"], &[])
            .find("anything")
            .is_empty());
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
    fn ascii_text_folds_as_the_general_path_does() {
        for text in [
            "",
            "  Buy-now!! 100% #1  ",
            "a\tb\n\rc--d",
            "No. 1, the BEST; (really)",
            "%#%",
            "  ",
            "x",
        ] {
            assert_eq!(Folded::fold_ascii(text).text, Folded::fold(text, true).text);
        }
    }

    proptest::proptest! {
        #[test]
        fn any_ascii_folds_as_the_general_path_does(text in "[\\x00-\\x7f]{0,60}") {
            proptest::prop_assert_eq!(Folded::fold_ascii(&text).text, Folded::fold(&text, true).text);
        }
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
        let plain = Text::plain("buy now".to_string(), Span::new(10, 19), false);
        assert_eq!(span_in(&plain, &(4..7)), Span::new(15, 18));
        let escaped = Text::plain("say \"now\"".to_string(), Span::new(0, 13), false);
        assert_eq!(span_in(&escaped, &(5..8)), escaped.span);
    }

    /// `Key` is `text::key` without the copy: equal, and hashed alike,
    /// exactly when the keys are equal.
    #[test]
    fn keys_compare_as_text_key_does() {
        let texts = [
            "Oily skin, tested!",
            "oily-skin tested",
            "oilyskin tested",
            "Oily skin tested?",
            "oily skins tested",
            "睡前 护肤",
            "睡前护肤！",
            "ＢＥＳＴ serum",
            "best-serum",
            "!!!",
            "",
        ];
        let hasher = rustc_hash::FxBuildHasher;
        for a in texts {
            for b in texts {
                let (folded_a, folded_b) = (fold(a), fold(b));
                let same = key(a) == key(b);
                assert_eq!(Key(&folded_a) == Key(&folded_b), same, "{a:?} {b:?}");
                assert_eq!(Key(&folded_a).is_empty(), key(a).is_empty(), "{a:?}");
                if same {
                    assert_eq!(
                        hasher.hash_one(Key(&folded_a)),
                        hasher.hash_one(Key(&folded_b)),
                        "{a:?} {b:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn folding_into_a_string_adds_the_fold() {
        for text in [
            "  Buy-NOW, 100%!",
            "#1 serum",
            "",
            "!!",
            "立即 购买",
            "ＢＥＳＴ serum",
        ] {
            let mut out = String::from("before");
            fold_into(text, &mut out);
            assert_eq!(out, format!("before{}", fold(text)), "{text:?}");
        }
    }
}
