//! Contact details found by their shape rather than by a word: phone
//! numbers, e-mail addresses, web addresses and bare domains, and WeChat or
//! QQ IDs glued to their prefix. XHS004 reads these beside its word list;
//! the prefixes and domain endings are lists in `words.rs`.
//!
//! Each scanner is a small hand-written pass over the bytes of the text,
//! linear in its length, that starts only where its shape can start (an
//! `@`, a `.`, a digit, a `+`, a `v`, `w` or `q`). Full-width forms are
//! folded first (`１３８` is `138`, `ＶＸ` is `VX`); letters are compared
//! without regard to case. They err towards silence: a number is a phone
//! number only when it has a phone's shape (a Chinese mobile, a `+` country
//! code, an area code starting with 0, a 400/800 service line), never for
//! its length alone, so dates, prices, counts and registration numbers stay
//! quiet.

use std::borrow::Cow;
use std::cmp::Reverse;
use std::ops::Range;

use super::text::{is_unspaced, Hit};
use super::words::{ID_PREFIXES, TOP_LEVEL_DOMAINS};

/// The text with full-width forms made half-width, and where each of its
/// bytes came from when that changed anything.
struct Folded<'t> {
    text: Cow<'t, str>,
    /// For each byte of `text`, the first byte of the character of the
    /// original it came from; None when `text` is the original.
    origin: Option<Vec<usize>>,
}

fn is_full_width(ch: char) -> bool {
    matches!(ch, '\u{3000}' | '\u{FF01}'..='\u{FF5E}')
}

impl<'t> Folded<'t> {
    fn new(text: &'t str) -> Self {
        // Both forms are encoded with a lead byte of 0xE3 or 0xEF.
        let may_fold = text.bytes().any(|b| b == 0xE3 || b == 0xEF);
        if !may_fold || !text.chars().any(is_full_width) {
            return Folded {
                text: Cow::Borrowed(text),
                origin: None,
            };
        }
        let mut folded = String::with_capacity(text.len());
        let mut origin = Vec::with_capacity(text.len());
        for (at, written) in text.char_indices() {
            let half = match written {
                '\u{3000}' => ' ',
                '\u{FF01}'..='\u{FF5E}' => {
                    char::from_u32(written as u32 - 0xFEE0).unwrap_or(written)
                }
                _ => written,
            };
            folded.push(half);
            origin.extend(std::iter::repeat_n(at, half.len_utf8()));
        }
        Folded {
            text: Cow::Owned(folded),
            origin: Some(origin),
        }
    }

    /// The bytes of the original that `range` of folded bytes came from.
    fn original(&self, original: &str, range: &Range<usize>) -> Range<usize> {
        let Some(origin) = &self.origin else {
            return range.clone();
        };
        match (
            origin.get(range.start),
            origin.get(range.end.wrapping_sub(1)),
        ) {
            (Some(&start), Some(&last)) => {
                let last_len = original
                    .get(last..)
                    .and_then(|rest| rest.chars().next())
                    .map_or(1, char::len_utf8);
                start..last + last_len
            }
            _ => 0..0,
        }
    }
}

/// Every contact detail in `text`, leftmost first; where two overlap, the
/// longer one (an e-mail address rather than its domain). A hit's `term` is
/// the detail as written.
pub fn find(text: &str) -> Vec<Hit<'_>> {
    let folded = Folded::new(text);
    let s = folded.text.as_ref();
    let mut found: Vec<Range<usize>> = Vec::new();
    // Each scanner starts only at its own first bytes: one pass finds
    // which of them the text has, and the others are not run at all.
    let starts = s
        .bytes()
        .fold(0, |starts, b| starts | STARTS[usize::from(b)]);
    if starts & AT != 0 {
        emails(s, &mut found);
    }
    if starts & DOT != 0 {
        domains(s, &mut found);
    }
    if starts & NUMBER != 0 {
        phones(s, &mut found);
    }
    if starts & ID_PREFIX != 0 {
        glued_ids(s, &mut found);
    }
    if starts & PLUS != 0 {
        plus_v(s, &mut found);
    }
    if found.is_empty() {
        return Vec::new();
    }
    found.sort_unstable_by_key(|range| (range.start, Reverse(range.end)));
    let mut hits = Vec::new();
    let mut free_from = 0;
    for range in found {
        if range.start < free_from {
            continue;
        }
        free_from = range.end;
        let bytes = folded.original(text, &range);
        if let Some(term) = text.get(bytes.clone()) {
            hits.push(Hit { term, bytes });
        }
    }
    hits
}

/// The scanners a byte can start, as bits of `STARTS`: `emails` starts at
/// an `@`, `domains` at a `.`, `phones` at a digit, `+` or `(`,
/// `glued_ids` at the first letter of an ID prefix, `plus_v` at a `+`.
const AT: u8 = 1;
const DOT: u8 = 2;
const NUMBER: u8 = 4;
const ID_PREFIX: u8 = 8;
const PLUS: u8 = 16;
/// The first letters of `ID_PREFIXES`, in either case.
const ID_PREFIX_STARTS: &[u8] = b"vVwWqQ";
static STARTS: [u8; 256] = {
    let mut starts = [0; 256];
    starts[b'@' as usize] = AT;
    starts[b'.' as usize] = DOT;
    starts[b'(' as usize] = NUMBER;
    starts[b'+' as usize] = NUMBER | PLUS;
    let mut digit = b'0';
    while digit <= b'9' {
        starts[digit as usize] = NUMBER;
        digit += 1;
    }
    let mut i = 0;
    while i < ID_PREFIX_STARTS.len() {
        starts[ID_PREFIX_STARTS[i] as usize] = ID_PREFIX;
        i += 1;
    }
    starts
};

fn byte(s: &str, at: usize) -> Option<u8> {
    s.as_bytes().get(at).copied()
}

fn is_byte(s: &str, at: usize, wanted: impl Fn(u8) -> bool) -> bool {
    byte(s, at).is_some_and(wanted)
}

/// The first byte at or after `at` that is `wanted`.
fn next_of(s: &str, at: usize, wanted: impl Fn(u8) -> bool) -> Option<usize> {
    let rest = s.as_bytes().get(at..)?;
    rest.iter()
        .position(|&b| wanted(b))
        .map(|offset| at + offset)
}

/// Positions of `wanted` in `s`.
fn positions(s: &str, wanted: u8) -> impl Iterator<Item = usize> + '_ {
    s.bytes()
        .enumerate()
        .filter(move |&(_, b)| b == wanted)
        .map(|(at, _)| at)
}

/// The length of the domain-label character at byte `at`: ASCII letters
/// and digits, `-`, and the accented letters of an internationalised name
/// (`lumière.com`), but not Han characters, which end a name.
fn label_char_at(s: &str, at: usize) -> Option<usize> {
    let b = byte(s, at)?;
    if b.is_ascii() {
        return (b.is_ascii_alphanumeric() || b == b'-').then_some(1);
    }
    let ch = s.get(at..)?.chars().next()?;
    (ch.is_alphabetic() && !is_unspaced(ch)).then(|| ch.len_utf8())
}

/// Where the domain-label character that ends at byte `at` starts.
fn label_char_before(s: &str, at: usize) -> Option<usize> {
    let mut start = at.checked_sub(1)?;
    while start > 0 && !s.is_char_boundary(start) {
        start -= 1;
    }
    label_char_at(s, start).map(|_| start)
}

/// The end of a domain name whose first label starts at `at`: labels joined
/// by single dots, the last one a listed ending, at least two labels. The
/// longest such name wins (`shop.lumiere.com.my`); a run that never reaches
/// an ending gives None (`e.g`, `No.1`, `photo.jpg`).
fn domain_end(s: &str, at: usize) -> Option<usize> {
    let mut end = None;
    let mut label_start = at;
    let mut labels = 0;
    loop {
        let mut i = label_start;
        while let Some(len) = label_char_at(s, i) {
            i += len;
        }
        if i == label_start {
            break;
        }
        labels += 1;
        let label = s.get(label_start..i).unwrap_or_default();
        if labels >= 2
            && TOP_LEVEL_DOMAINS
                .iter()
                .any(|ending| ending.eq_ignore_ascii_case(label))
        {
            end = Some(i);
        }
        // Another label follows a single dot.
        if byte(s, i) == Some(b'.') && label_char_at(s, i + 1).is_some() {
            label_start = i + 1;
        } else {
            break;
        }
    }
    end
}

/// `name@domain.ending`: a local part of letters, digits and `._%+-`.
fn emails(s: &str, found: &mut Vec<Range<usize>>) {
    let is_local = |b: u8| b.is_ascii_alphanumeric() || b"._%+-".contains(&b);
    for at in positions(s, b'@') {
        let mut start = at;
        while start > 0 && is_byte(s, start - 1, is_local) {
            start -= 1;
        }
        // The address starts at its first letter or digit.
        while start < at && !is_byte(s, start, |b| b.is_ascii_alphanumeric()) {
            start += 1;
        }
        if start == at {
            continue;
        }
        if let Some(end) = domain_end(s, at + 1) {
            found.push(start..end);
        }
    }
}

/// Web addresses: a domain with a listed ending, with its scheme and its
/// path when written (`https://lumiere.com/my`, `lumiere.com`).
fn domains(s: &str, found: &mut Vec<Range<usize>>) {
    let mut done = 0;
    for dot in positions(s, b'.') {
        if dot < done {
            continue;
        }
        // The start of the dotted run this dot is in.
        let mut start = dot;
        loop {
            if let Some(before) = label_char_before(s, start) {
                start = before;
            } else if start > 0 && byte(s, start - 1) == Some(b'.') {
                start -= 1;
            } else {
                break;
            }
        }
        // And its end.
        let mut run_end = dot;
        loop {
            if let Some(len) = label_char_at(s, run_end) {
                run_end += len;
            } else if byte(s, run_end) == Some(b'.') {
                run_end += 1;
            } else {
                break;
            }
        }
        done = run_end;
        // The domain of an e-mail address is the address's.
        if start > 0 && byte(s, start - 1) == Some(b'@') {
            continue;
        }
        while start < dot && is_byte(s, start, |b| b == b'.' || b == b'-') {
            start += 1;
        }
        let Some(end) = domain_end(s, start) else {
            continue;
        };
        let mut stop = end;
        if byte(s, stop) == Some(b'/') {
            while is_byte(s, stop, is_path_byte) {
                stop += 1;
            }
            // A sentence's full stop is not part of the path.
            while stop > end && is_byte(s, stop - 1, |b| b".,;:!?".contains(&b)) {
                stop -= 1;
            }
        }
        found.push(scheme_start(s, start)..stop);
        done = done.max(stop);
    }
}

/// Where `https://` or `http://` before a domain starting at `at` begins.
fn scheme_start(s: &str, at: usize) -> usize {
    let before = s.get(..at).unwrap_or_default();
    for scheme in ["https://", "http://"] {
        let tail = before.len().saturating_sub(scheme.len());
        if before
            .get(tail..)
            .is_some_and(|written| written.eq_ignore_ascii_case(scheme))
        {
            return tail;
        }
    }
    at
}

fn is_path_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"/-._~%?=&#+".contains(&b)
}

/// Separators written inside a phone number: `138 1234 5678`,
/// `138-1234-5678`, `(021) 1234 5678`.
fn is_phone_separator(b: u8) -> bool {
    matches!(b, b' ' | b'-' | b'(' | b')')
}

/// Phone numbers: runs of digits with at most two separators between them,
/// judged by shape.
fn phones(s: &str, found: &mut Vec<Range<usize>>) {
    let digit = |b: u8| b.is_ascii_digit();
    let mut at = 0;
    while let Some(next) = next_of(s, at, |b| b.is_ascii_digit() || b == b'+' || b == b'(') {
        at = next;
        let opens = is_byte(s, at, |b| b == b'+' || b == b'(') && is_byte(s, at + 1, digit);
        // A run starts at a digit that does not continue a number or word.
        let continues = at > 0 && is_byte(s, at - 1, |b| b.is_ascii_alphanumeric());
        if !(opens || is_byte(s, at, digit)) || continues {
            at += 1;
            continue;
        }
        let plus = byte(s, at) == Some(b'+');
        let first = if opens { at + 1 } else { at };
        // The run's digits, as far as a phone number can go.
        let mut digits = Digits::default();
        let mut i = first;
        let mut last_digit = i;
        loop {
            let group_start = i;
            while let Some(d) = byte(s, i).filter(u8::is_ascii_digit) {
                digits.push(d);
                i += 1;
            }
            if i == group_start {
                break;
            }
            last_digit = i;
            let mut gap = 0;
            while gap < 2 && is_byte(s, i + gap, is_phone_separator) {
                gap += 1;
            }
            if gap > 0 && is_byte(s, i + gap, digit) {
                i += gap;
            } else {
                break;
            }
        }
        // A number glued to letters after it is a code, not a phone.
        let glued = is_byte(s, last_digit, |b| b.is_ascii_alphabetic());
        if !glued {
            if digits.is_phone(plus) {
                found.push(at..last_digit);
            } else {
                mobiles_in(s, first..last_digit, found);
            }
        }
        at = last_digit.max(at + 1);
    }
}

/// A mobile number may sit in a run with other numbers (`10 13812345678`):
/// each group of digits on its own.
fn mobiles_in(s: &str, run: Range<usize>, found: &mut Vec<Range<usize>>) {
    let mut at = run.start;
    while at < run.end {
        let mut end = at;
        while end < run.end && is_byte(s, end, |b| b.is_ascii_digit()) {
            end += 1;
        }
        if s.get(at..end).is_some_and(is_mobile) {
            found.push(at..end);
        }
        at = end + 1;
    }
}

/// The digits of a run: how many, and the first 16 (no phone number has
/// more than 15).
#[derive(Default)]
struct Digits {
    first: [u8; 16],
    count: usize,
}

impl Digits {
    fn push(&mut self, digit: u8) {
        if let Some(slot) = self.first.get_mut(self.count) {
            *slot = digit;
        }
        self.count += 1;
    }

    fn as_str(&self) -> &str {
        self.first
            .get(..self.count)
            .and_then(|digits| std::str::from_utf8(digits).ok())
            .unwrap_or_default()
    }

    fn is_phone(&self, plus: bool) -> bool {
        if plus {
            // An international number: country code and subscriber.
            return (8..=15).contains(&self.count);
        }
        let digits = self.as_str();
        let national = ["0086", "86"]
            .iter()
            .any(|code| digits.strip_prefix(code).is_some_and(is_mobile));
        is_mobile(digits)
            || national
            // A landline with its area code (010, 021, 0755 ...).
            || (digits.starts_with('0') && (10..=12).contains(&digits.len()))
            // Service lines: 400-123-4567, 800-123-4567.
            || ((digits.starts_with("400") || digits.starts_with("800")) && digits.len() == 10)
    }
}

/// A Chinese mobile number: 11 digits, 1 then 3 to 9.
fn is_mobile(digits: &str) -> bool {
    let bytes = digits.as_bytes();
    bytes.len() == 11
        && bytes.first() == Some(&b'1')
        && bytes.get(1).is_some_and(|b| (b'3'..=b'9').contains(b))
}

/// A WeChat or QQ ID glued to its prefix: `vx123456`, `加VX12345`, `wx_abc`,
/// `QQ12345678`, `加V12345`. The prefix starts a word; the ID after it has
/// a digit or starts with `_` or `-`, and is 3 or more characters (5 digits
/// or more after a bare "v").
fn glued_ids(s: &str, found: &mut Vec<Range<usize>>) {
    let bytes = s.as_bytes();
    let is_id = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'-';
    let mut at = 0;
    while let Some(next) = next_of(s, at, |b| ID_PREFIX_STARTS.contains(&b)) {
        at = next;
        let starts = !(at > 0 && is_byte(s, at - 1, |b| b.is_ascii_alphanumeric() || b == b'_'));
        let prefix = if starts {
            ID_PREFIXES.iter().find(|prefix| {
                bytes
                    .get(at..at + prefix.len())
                    .is_some_and(|written| written.eq_ignore_ascii_case(prefix.as_bytes()))
            })
        } else {
            None
        };
        let Some(prefix) = prefix else {
            at += 1;
            continue;
        };
        let id_start = at + prefix.len();
        let mut id_end = id_start;
        while is_byte(s, id_end, is_id) {
            id_end += 1;
        }
        let id = bytes.get(id_start..id_end).unwrap_or_default();
        let glued = if *prefix == "v" {
            id.len() >= 5 && id.iter().all(u8::is_ascii_digit)
        } else {
            id.len() >= 3
                && (id.iter().any(u8::is_ascii_digit)
                    || id.first().is_some_and(|b| *b == b'_' || *b == b'-'))
        };
        if glued {
            found.push(at..id_end);
        }
        at = id_end.max(at + 1);
    }
}

/// `+V`, `+vx`, `+wx`: "add me on WeChat", with or without an ID after it.
fn plus_v(s: &str, found: &mut Vec<Range<usize>>) {
    for at in positions(s, b'+') {
        for prefix in ["vx", "wx", "v"] {
            let end = at + 1 + prefix.len();
            let written = s.get(at + 1..end);
            if written.is_some_and(|w| w.eq_ignore_ascii_case(prefix))
                && !is_byte(s, end, |b| b.is_ascii_alphabetic())
            {
                found.push(at..end);
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_id_prefix_starts_its_scanner() {
        for prefix in ID_PREFIXES {
            for first in [
                prefix.as_bytes()[0].to_ascii_lowercase(),
                prefix.as_bytes()[0].to_ascii_uppercase(),
            ] {
                assert_ne!(STARTS[usize::from(first)] & ID_PREFIX, 0, "{prefix}");
            }
        }
    }

    fn found(text: &str) -> Vec<&str> {
        find(text).into_iter().map(|hit| hit.term).collect()
    }

    #[test]
    fn phone_numbers_by_shape() {
        assert_eq!(found("电话13812345678"), ["13812345678"]);
        assert_eq!(found("call 138 1234 5678 now"), ["138 1234 5678"]);
        assert_eq!(found("138-1234-5678"), ["138-1234-5678"]);
        assert_eq!(found("+86 138 1234 5678"), ["+86 138 1234 5678"]);
        assert_eq!(found("86-13812345678"), ["86-13812345678"]);
        assert_eq!(found("+60 12-345 6789"), ["+60 12-345 6789"]);
        assert_eq!(found("(021) 1234 5678"), ["(021) 1234 5678"]);
        assert_eq!(found("021-12345678"), ["021-12345678"]);
        assert_eq!(found("400-123-4567"), ["400-123-4567"]);
        assert_eq!(
            found("全角１３８１２３４５６７８"),
            ["１３８１２３４５６７８"]
        );
        assert_eq!(found("第10天 13812345678"), ["13812345678"]);
    }

    #[test]
    fn numbers_that_are_not_phones_stay_quiet() {
        for quiet in [
            "2026-12-03 to 2027-01-31",
            "189 MYR",
            "n=32, 85% in 28 days",
            "1,500 comments",
            "粤G妆网备字2020123456",
            "国妆特字G20210001",
            "+100% more",
            "10000000 reach",
            "Angle number 9999: a routine in 96",
            "12812345678",
            "SKU13812345678X",
        ] {
            assert!(found(quiet).is_empty(), "{quiet}: {:?}", found(quiet));
        }
    }

    #[test]
    fn emails_and_domains() {
        assert_eq!(found("mail hello@lumiere.com."), ["hello@lumiere.com"]);
        assert_eq!(found("搜lumiere.com看看"), ["lumiere.com"]);
        assert_eq!(found("xx.cn"), ["xx.cn"]);
        assert_eq!(found("Lumière.com/my-serum."), ["Lumière.com/my-serum"]);
        assert_eq!(found("shop.lumiere.com.my"), ["shop.lumiere.com.my"]);
        assert_eq!(
            found("see https://lumiere.com/my?ref=1"),
            ["https://lumiere.com/my?ref=1"]
        );
        for quiet in [
            "e.g. a toner",
            "No.1",
            "photo.jpg",
            "v1.2.3",
            "3.5ml",
            "ask @amy_tries",
            "a@b",
            "Lumière Co.,Ltd",
            "i.e. twice",
            "x.example",
        ] {
            assert!(found(quiet).is_empty(), "{quiet}: {:?}", found(quiet));
        }
    }

    #[test]
    fn ids_glued_to_their_prefix() {
        assert_eq!(found("vx123456"), ["vx123456"]);
        assert_eq!(found("加VX12345"), ["VX12345"]);
        assert_eq!(found("wx_abc"), ["wx_abc"]);
        assert_eq!(found("QQ12345678"), ["QQ12345678"]);
        assert_eq!(found("加V12345"), ["V12345"]);
        assert_eq!(found("ｖｘ１２３４５６"), ["ｖｘ１２３４５６"]);
        assert_eq!(found("wechat_lumiere"), ["wechat_lumiere"]);
        for quiet in [
            "vxabc",
            "qqmusic",
            "V60 dripper",
            "dev12345",
            "wxyz",
            "QQ弹",
            "review 12345",
        ] {
            assert!(found(quiet).is_empty(), "{quiet}: {:?}", found(quiet));
        }
    }

    #[test]
    fn plus_v() {
        assert_eq!(found("+V了解"), ["+V"]);
        assert_eq!(found("私信+vx"), ["+vx"]);
        assert!(found("+vitamin C").is_empty());
    }

    #[test]
    fn long_hostile_runs_finish() {
        let dots = "a.".repeat(200_000);
        assert!(found(&dots).is_empty());
        let digits = "1 ".repeat(200_000);
        assert!(found(&digits).is_empty());
        let ats = "a@".repeat(200_000);
        assert!(found(&ats).is_empty());
    }
}
