//! What a roster's columns mean: a header named like a field (`followers`),
//! or as Pugongying, 千瓜 and other exports name it (粉丝数, 报价-图文), with
//! a unit in the header (`（万）`, `(w)`, `(k)`) that scales the column.

use crate::syntax::fields::{self, FieldSpec, Key, Kind, Place};

/// A column's meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Meaning {
    /// `handle`: written as a handle (`@` added when missing).
    Handle,
    /// 昵称: a nickname made into a handle (spaces and emoji dropped).
    Nickname,
    /// A creator field.
    Field(Key),
    /// The fee for image notes (图文).
    ImageFee,
    /// The fee for video notes (视频).
    VideoFee,
}

/// A column the roster reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// 0-based index in the row.
    pub index: usize,
    pub meaning: Meaning,
    /// The header's unit: 10,000 for `（万）`/`(w)`, 1,000 for `(k)`.
    pub scale: Option<&'static str>,
}

/// Export names of columns, after `normalize`.
const EXPORT_NAMES: &[(&str, &str)] = &[
    ("昵称", "nickname"),
    ("博主昵称", "nickname"),
    ("达人昵称", "nickname"),
    ("小红书号", "xhs_id"),
    ("小红书id", "xhs_id"),
    ("粉丝数", "followers"),
    ("粉丝量", "followers"),
    ("互动率", "engagement"),
    ("类目", "niche"),
    ("博主类目", "niche"),
    ("内容类型", "niche"),
    ("图文笔记一口价", "image_fee"),
    ("报价-图文", "image_fee"),
    ("实时报价-图文", "image_fee"),
    ("视频笔记一口价", "video_fee"),
    ("报价-视频", "video_fee"),
    ("实时报价-视频", "video_fee"),
];

/// The kinds of value a cell can hold; `deliver` lines and blocks stay in
/// the spec.
fn cell_kind(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Text
            | Kind::Texts
            | Kind::Name
            | Kind::Names
            | Kind::Count
            | Kind::Percent
            | Kind::Money
            | Kind::Duration
    )
}

/// A creator field of either role that a cell may hold.
fn creator_field(keyword: &str) -> Option<&'static FieldSpec> {
    fields::field_at(keyword, Place::Kol)
        .or_else(|| fields::field_at(keyword, Place::Koc))
        .filter(|f| cell_kind(f.kind))
}

/// The field names a column may have, for did-you-mean.
pub fn field_names() -> impl Iterator<Item = &'static str> {
    fields::FIELDS
        .iter()
        .filter(|f| {
            (f.places.contains(&Place::Kol) || f.places.contains(&Place::Koc)) && cell_kind(f.kind)
        })
        .map(|f| f.keyword)
        .chain(["handle"])
}

/// A header with spacing, case and notes such as `(含平台服务费)` taken
/// off, and the unit it names, if any.
pub fn normalize(header: &str) -> (String, Option<&'static str>) {
    let mut name: String = header
        .trim()
        .trim_start_matches('\u{FEFF}')
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            c => c.to_ascii_lowercase(),
        })
        .collect();
    let mut scale = None;
    // Trailing notes in brackets: a unit, or words like 含平台服务费.
    while name.ends_with(')') {
        let Some(open) = name.rfind('(') else { break };
        let note = name[open + 1..name.len() - 1].to_string();
        match note.as_str() {
            "万" | "w" | "万元" => scale = Some("万"),
            "k" | "千" => scale = Some("k"),
            _ => {}
        }
        name.truncate(open);
    }
    (name, scale)
}

/// The meaning of a header, if it names a known column.
pub fn meaning(header: &str) -> Option<(Meaning, Option<&'static str>)> {
    let (name, scale) = normalize(header);
    let keyword = EXPORT_NAMES
        .iter()
        .find(|(export, _)| *export == name)
        .map_or(name.as_str(), |(_, keyword)| keyword);
    let meaning = match keyword {
        "handle" => Meaning::Handle,
        "nickname" => Meaning::Nickname,
        "image_fee" => Meaning::ImageFee,
        "video_fee" => Meaning::VideoFee,
        keyword => Meaning::Field(creator_field(keyword)?.key),
    };
    Some((meaning, scale))
}

/// The columns a header row names; a row naming fewer than two is no
/// header.
pub fn columns(header: &[Box<str>]) -> Vec<Column> {
    header
        .iter()
        .enumerate()
        .filter_map(|(index, cell)| {
            meaning(cell).map(|(meaning, scale)| Column {
                index,
                meaning,
                scale,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn export_headers_are_known() {
        assert_eq!(meaning("粉丝数（万）").map(|m| m.1), Some(Some("万")));
        assert_eq!(
            meaning("图文笔记一口价(含平台服务费)").map(|m| m.0),
            Some(Meaning::ImageFee)
        );
        assert_eq!(meaning(" 报价-视频 ").map(|m| m.0), Some(Meaning::VideoFee));
        assert_eq!(meaning("达人昵称").map(|m| m.0), Some(Meaning::Nickname));
        assert!(matches!(
            meaning("Followers (k)"),
            Some((Meaning::Field(Key::Followers), Some("k")))
        ));
        assert!(meaning("主页链接").is_none());
        assert!(meaning("deliver").is_none());
    }
}
