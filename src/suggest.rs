//! "Did you mean": the closest known name to a mistyped one.

/// The candidate closest to `typed` by edit distance, if it is close enough
/// to be a plausible typo (about one edit in three characters).
pub fn closest<'a>(typed: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let typed_lower = typed.to_lowercase();
    let limit = (typed.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|candidate| {
            let distance = strsim::damerau_levenshtein(&typed_lower, &candidate.to_lowercase());
            (distance, candidate)
        })
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, candidate)| (*distance, *candidate))
        .map(|(_, candidate)| candidate)
}

/// `did you mean `x`?` or a list of what is allowed, for a help line.
pub fn help_for(typed: &str, candidates: &[&str], what: &str) -> String {
    match closest(typed, candidates.iter().copied()) {
        Some(best) => format!("did you mean `{best}`?"),
        None => format!("{what}: {}", quote_list(candidates)),
    }
}

/// `` `a`, `b` or `c` ``, or `` `a`、`b` 或 `c` `` in Chinese.
pub fn quote_list(items: &[&str]) -> String {
    let (comma, or) = match crate::i18n::current() {
        crate::i18n::Lang::En => (", ", " or "),
        crate::i18n::Lang::Zh => ("、", " 或 "),
    };
    let quoted: Vec<String> = items.iter().map(|i| format!("`{i}`")).collect();
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{}{or}{last}", rest.join(comma)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_a_near_name_and_nothing_for_a_far_one() {
        let fields = ["followers", "serves", "deliver"];
        assert_eq!(closest("folowers", fields), Some("followers"));
        assert_eq!(closest("Serves", fields), Some("serves"));
        assert_eq!(closest("budget", fields), None);
    }

    #[test]
    fn lists_read_as_a_sentence() {
        assert_eq!(quote_list(&["a", "b", "c"]), "`a`, `b` or `c`");
        assert_eq!(quote_list(&["a"]), "`a`");
    }
}
