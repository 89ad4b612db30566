//! The one table of the language: every block and every field, where it may
//! stand, whether it takes one value or many, what kind of value, and a line
//! of description in English and Chinese.
//!
//! The scanner (which words open blocks), the tree builder (which value a
//! keyword takes), the resolver (E002 unknown or misplaced, E003 given twice,
//! E007 the other role's field), the formatter, `docs/language.md` (its
//! tables are generated from here; a test fails when they drift) and the
//! language server's completion and hover all read it.
//!
//! Adding a field: a row in `FIELDS` and a variant of `Key`, then its own
//! reading code where the resolver matches on `Key` (the compiler points at
//! every match that must learn it).

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

/// Where a statement stands: the block it is written in. The roles are two
/// places, so a field can belong to one role only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Place {
    Campaign,
    Brand,
    Product,
    Goal,
    Kol,
    Koc,
    Policy,
    /// `terms { ... }`, in the campaign (defaults) or in a creator (overrides).
    Terms,
    /// `contact "NAME" { ... }`
    Contact,
    /// `roster "FILE" as kol|koc { ... }`: its fields are every row's defaults.
    Roster,
}

impl Place {
    /// The place a block keyword opens.
    pub fn of_block(keyword: &str) -> Option<Place> {
        Some(match keyword {
            "campaign" => Place::Campaign,
            "brand" => Place::Brand,
            "product" => Place::Product,
            "goal" => Place::Goal,
            "kol" => Place::Kol,
            "koc" => Place::Koc,
            "policy" => Place::Policy,
            "terms" => Place::Terms,
            "contact" => Place::Contact,
            "roster" => Place::Roster,
            _ => return None,
        })
    }

    /// "a creator", "the brand": the kind of block, for messages.
    pub fn kind(self) -> &'static str {
        match self {
            Place::Campaign => "the campaign",
            Place::Brand => "the brand",
            Place::Product => "a product",
            Place::Goal => "a goal",
            Place::Kol | Place::Koc => "a creator",
            Place::Policy => "the policy",
            Place::Terms => "the terms",
            Place::Contact => "the contact",
            Place::Roster => "a roster",
        }
    }

    /// The keyword of the block this place is, as written in the spec.
    pub fn keyword(self) -> &'static str {
        match self {
            Place::Campaign => "campaign",
            Place::Brand => "brand",
            Place::Product => "product",
            Place::Goal => "goal",
            Place::Kol => "kol",
            Place::Koc => "koc",
            Place::Policy => "policy",
            Place::Terms => "terms",
            Place::Contact => "contact",
            Place::Roster => "roster",
        }
    }

    /// The fields that may stand here, in table order.
    pub fn fields(self) -> impl Iterator<Item = &'static FieldSpec> {
        FIELDS.iter().filter(move |f| f.places.contains(&self))
    }

    /// The blocks that may stand directly inside this place.
    pub fn blocks(self) -> impl Iterator<Item = &'static BlockSpec> {
        BLOCKS.iter().filter(move |b| b.inside.contains(&self))
    }
}

/// How many values a field takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Repeat {
    /// One value; a second line is E003.
    Once,
    /// A list separated by commas; a second line adds to the list.
    List,
    /// One item a line; every line adds one (`kpi`, `deliver`, `allow`).
    Each,
}

/// The form of a field's value, as the grammar reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `"..."`
    Text,
    /// `"...", "..."`
    Texts,
    /// `launch`
    Name,
    /// `beauty, lifestyle`
    Names,
    /// `3200`, `3.2k`, `32万`
    Count,
    /// `4.1%`
    Percent,
    /// `600 MYR`
    Money,
    /// `14d`, `2w`
    Duration,
    /// `7d, 14d`
    Durations,
    /// `2026-11-25`
    Date,
    /// `MY`
    Market,
    /// `2026-12-01 to 2027-01-31`
    Window,
    /// `saves >= 6k`
    Kpi,
    /// `video x1 on 2026-12-03`
    Deliver,
    /// `thin-trust "reason"`
    Allow,
    /// `repost, boost for 90d`
    Rights,
    /// `"双12" 2026-12-12`
    Peak,
    /// `"Samples, 40 units" 7.5k MYR`
    Cost,
}

impl Kind {
    /// What the value looks like, for the language reference.
    pub fn example(self) -> &'static str {
        match self {
            Kind::Text => "`\"text\"`",
            Kind::Texts => "`\"text\", ...`",
            Kind::Name => "`name`",
            Kind::Names => "`name, ...`",
            Kind::Count => "count: `3200`, `3.2k`, `32万`",
            Kind::Percent => "percent: `4.1%`",
            Kind::Money => "money: `600 MYR`",
            Kind::Duration => "duration: `14d`, `2w`",
            Kind::Market => "market code: `MY`",
            Kind::Window => "`DATE to DATE`",
            Kind::Kpi => "`METRIC >= VALUE` or `METRIC <= VALUE`",
            Kind::Deliver => "`FORMAT xN [on DATE | from DATE to DATE]`",
            Kind::Allow => "`RULE \"REASON\"`",
            Kind::Durations => "durations: `7d, 14d`",
            Kind::Date => "date: `2026-11-25`",
            Kind::Rights => "`repost`, `boost`, `ads` `for DURATION`",
            Kind::Peak => "`\"NAME\" DATE`",
            Kind::Cost => "`\"NAME\" MONEY`",
        }
    }
}

/// Which field a statement is: what the resolver matches on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Key {
    Window,
    Budget,
    Languages,
    Allow,
    Category,
    Market,
    Voice,
    Avoid,
    Hashtags,
    Price,
    Claims,
    Link,
    Stage,
    Kpi,
    Followers,
    Serves,
    Products,
    Deliver,
    Niche,
    Engagement,
    Audience,
    Fee,
    Angle,
    Keywords,
    Title,
    Script,
    Note,
    Visual,
    Trial,
    Prompts,
    Followup,
    MinKocs,
    MaxCreatorShare,
    KocMaxFollowers,
    KolMinFollowers,
    MinTrial,
    Contact,
    Wechat,
    Email,
    Phone,
    Sheet,
    Samples,
    Draft,
    Review,
    Revisions,
    KeepLive,
    Rights,
    Exclusivity,
    Report,
    Payment,
    FeeIncludes,
    Peak,
    Cost,
    XhsId,
    Nickname,
}

/// One row of the table: a field.
#[derive(Debug)]
pub struct FieldSpec {
    pub key: Key,
    /// As written in the spec.
    pub keyword: &'static str,
    pub places: &'static [Place],
    pub repeat: Repeat,
    pub kind: Kind,
    /// Whether a block at its place is incomplete without it (E006).
    pub required: bool,
    /// Whether its text may run over several lines (`"""..."""`); every
    /// other text stays on one line, as the briefs show it.
    pub multiline: bool,
    /// Whether its text is free text, which may be given in several
    /// languages (`angle "..." zh "..."`). Names, links, handles, `avoid`
    /// words and what the creator posts word for word (`title`, `script`,
    /// `keywords`, `hashtags`) are not: they read the same in every brief.
    pub translatable: bool,
    pub en: &'static str,
    pub zh: &'static str,
}

impl FieldSpec {
    /// The field's role when only one role may use it.
    pub fn only_role(&self) -> Option<Place> {
        match self.places {
            [Place::Kol] => Some(Place::Kol),
            [Place::Koc] => Some(Place::Koc),
            _ => None,
        }
    }
}

/// One row of the table: a block.
#[derive(Debug)]
pub struct BlockSpec {
    pub keyword: &'static str,
    /// The blocks it may stand in; none: at the top of the file.
    pub inside: &'static [Place],
    /// What follows the keyword before `{`.
    pub head: &'static str,
    pub en: &'static str,
    pub zh: &'static str,
}

const CREATOR: &[Place] = &[Place::Kol, Place::Koc];
const TERMS: &[Place] = &[Place::Terms];
const CONTACT: &[Place] = &[Place::Contact];

macro_rules! field {
    ($key:ident, $keyword:literal, $places:expr, $repeat:ident, $kind:ident, $required:literal, free, $($rest:tt)*) => {
        FieldSpec {
            translatable: true,
            ..field!($key, $keyword, $places, $repeat, $kind, $required, $($rest)*)
        }
    };
    ($key:ident, $keyword:literal, $places:expr, $repeat:ident, $kind:ident, $required:literal, multiline, $en:literal, $zh:literal) => {
        FieldSpec {
            multiline: true,
            ..field!($key, $keyword, $places, $repeat, $kind, $required, $en, $zh)
        }
    };
    ($key:ident, $keyword:literal, $places:expr, $repeat:ident, $kind:ident, $required:literal, $en:literal, $zh:literal) => {
        FieldSpec {
            key: Key::$key,
            keyword: $keyword,
            places: $places,
            repeat: Repeat::$repeat,
            kind: Kind::$kind,
            required: $required,
            multiline: false,
            translatable: false,
            en: $en,
            zh: $zh,
        }
    };
}

/// Every field, grouped by where it stands, in the order the reference
/// lists them.
#[rustfmt::skip]
pub static FIELDS: &[FieldSpec] = &[
    field!(Window, "window", &[Place::Campaign], Once, Window, true,
        "when the campaign runs", "活动周期"),
    field!(Budget, "budget", &[Place::Campaign], Once, Money, false,
        "the total creator budget; fees may not exceed it", "达人总预算，费用合计不得超出"),
    field!(Languages, "languages", &[Place::Campaign], List, Names, false,
        "brief languages: `en` English, `zh` Simplified Chinese (default `en`)", "Brief 语言：`en` 英文，`zh` 简体中文（默认 `en`）"),
    field!(Allow, "allow", &[Place::Campaign], Each, Allow, false,
        "accepts one rule's warnings for this campaign; the reason appears in the overview", "本次活动接受某条规则的提醒；理由写入活动总览"),
    field!(Category, "category", &[Place::Brand], Once, Name, false,
        "the brand's category, e.g. `skincare`", "品牌品类，如 `skincare`"),
    field!(Market, "market", &[Place::Brand], Once, Market, false,
        "the market, as an ISO 3166 code: `MY`, `CN`, `SG`", "投放市场，ISO 3166 代码：`MY`、`CN`、`SG`"),
    field!(Voice, "voice", &[Place::Brand], Once, Text, false, free,
        "how the brand speaks", "品牌调性"),
    field!(Avoid, "avoid", &[Place::Brand], List, Texts, false,
        "words no creator may be asked to say", "禁用词：不得要求达人使用的词"),
    field!(Hashtags, "hashtags", &[Place::Brand], List, Texts, false,
        "the brand's topic tags (at most 10 on a note)", "品牌话题标签（每篇笔记最多 10 个）"),
    field!(Price, "price", &[Place::Product], Once, Money, false,
        "the product's price", "产品价格"),
    field!(Claims, "claims", &[Place::Product], List, Texts, false, free,
        "the only claims creators may repeat", "达人可引用的产品卖点（仅限这些）"),
    field!(Link, "link", &[Place::Product], Once, Text, false,
        "the landing or store page, for the creator's reference", "产品落地页或店铺链接，仅供达人参考"),
    field!(Stage, "stage", &[Place::Goal], Once, Name, true,
        "the buyer-journey stage: `discovery`, `validation` or `conversion`", "所处决策阶段：`discovery`、`validation` 或 `conversion`"),
    field!(Kpi, "kpi", &[Place::Goal], Each, Kpi, true,
        "a target the goal is measured by", "衡量该目标的 KPI"),
    field!(Followers, "followers", CREATOR, Once, Count, true,
        "the account's follower count", "粉丝数"),
    field!(Serves, "serves", CREATOR, List, Names, true,
        "the goals this creator works toward", "该达人服务的目标"),
    field!(Products, "product", CREATOR, List, Texts, false,
        "the products they feature, by name (required when the campaign has several)", "该达人推广的产品名（活动有多个产品时必填）"),
    field!(Deliver, "deliver", CREATOR, Each, Deliver, true,
        "what they post and when: `image`, `video` or `live`, how many, on or between dates", "发布内容与时间：`image`、`video` 或 `live`，篇数，日期或日期区间"),
    field!(Niche, "niche", CREATOR, List, Names, false,
        "what the account is about, e.g. `beauty, lifestyle`", "账号领域，如 `beauty, lifestyle`"),
    field!(Engagement, "engagement", CREATOR, Once, Percent, false,
        "the account's engagement rate", "互动率"),
    field!(Audience, "audience", CREATOR, Once, Text, false, free,
        "who follows them, and why they were picked", "粉丝画像，以及选择该达人的理由"),
    field!(Fee, "fee", CREATOR, Once, Money, false,
        "what they are paid; leave it out for a gifted collaboration", "合作费用；产品置换合作可不填"),
    field!(Angle, "angle", CREATOR, Once, Text, false, free,
        "the story of their post", "切入点"),
    field!(Keywords, "keywords", CREATOR, List, Texts, false,
        "search keywords to use naturally in title and caption", "在标题和正文中自然使用的搜索关键词"),
    field!(Title, "title", CREATOR, Once, Text, false,
        "a suggested note title (at most 20 by the platform's count)", "建议的笔记标题（按平台计数不超过 20 字）"),
    field!(Script, "script", CREATOR, List, Texts, false,
        "lines the creator must say", "达人必须说的口播内容"),
    field!(Note, "note", CREATOR, Once, Text, false, free, multiline,
        "anything else the creator should know", "其他需要达人知道的事项"),
    field!(Visual, "visual", &[Place::Kol], Once, Text, false, free,
        "KOL only: the art direction for a polished, aspirational post", "仅 KOL：精致、种草向内容的视觉方向"),
    field!(Trial, "trial", &[Place::Koc], Once, Duration, false,
        "KOC only: how long they use the product before posting", "仅 KOC：发布前的试用时长"),
    field!(Prompts, "prompts", &[Place::Koc], List, Texts, false, free,
        "KOC only: questions to answer honestly, not lines to say", "仅 KOC：需如实回答的问题，而非台词"),
    field!(Followup, "followup", &[Place::Koc], Once, Duration, false,
        "KOC only: how long they keep answering comments (default 7d)", "仅 KOC：评论区维护时长（默认 7d）"),
    field!(Peak, "peak", &[Place::Campaign], Each, Peak, false,
        "a sales moment (双11, 双12, 618, a launch day), marked on the timeline", "大促或上新节点（双11、双12、618、上新日），标在时间轴上"),
    field!(Cost, "cost", &[Place::Campaign], Each, Cost, false,
        "money spent besides fees (samples, shipping, boosting); counts toward the budget", "达人费用以外的支出（样品、寄送、投流），计入预算"),
    field!(XhsId, "xhs_id", CREATOR, Once, Text, false,
        "the account's Xiaohongshu number, shown in the brief header and the order text", "小红书号，显示在 Brief 抬头和下单要求中"),
    field!(Nickname, "nickname", CREATOR, Once, Text, false,
        "the creator's name as written (a roster's 昵称 column fills it in); the brief greets them by it", "达人昵称（名单的“昵称”列会自动填入），Brief 以此称呼达人"),
    field!(Wechat, "wechat", CONTACT, Once, Text, false,
        "the contact's WeChat ID, for creators to reach them", "对接人微信号"),
    field!(Email, "email", CONTACT, Once, Text, false,
        "the contact's e-mail address", "对接人邮箱"),
    field!(Phone, "phone", CONTACT, Once, Text, false,
        "the contact's phone number", "对接人电话"),
    field!(Sheet, "sheet", &[Place::Roster], Once, Text, false,
        "the workbook sheet a roster reads (default: the first)", "名单读取的工作表（默认第一个）"),
    field!(Samples, "samples", TERMS, Once, Date, false,
        "the date the product reaches creators", "样品到货日期"),
    field!(Draft, "draft", TERMS, Once, Duration, false,
        "the draft is due this long before the first post (default 3d)", "首次发布前多久交稿（默认 3d）"),
    field!(Review, "review", TERMS, Once, Duration, false,
        "we answer a draft within this long (default 2d)", "品牌方审稿反馈时长（默认 2d）"),
    field!(Revisions, "revisions", TERMS, Once, Count, false,
        "rounds of changes we may ask for (default 2)", "可要求修改的轮数（默认 2）"),
    field!(KeepLive, "keep_live", TERMS, Once, Duration, false,
        "the note stays up, unedited, this long (Pugongying note protection: 30 to 365 days)", "笔记保留且不得修改的时长（蒲公英笔记保护：30 至 365 天）"),
    field!(Rights, "rights", TERMS, Once, Rights, false,
        "the brand may `repost` the note, `boost` it (薯条, 聚光) or use it in `ads`, for this long", "品牌方可转发（`repost`）、加热（`boost`：薯条、聚光）或用于广告（`ads`）的授权及时长"),
    field!(Exclusivity, "exclusivity", TERMS, Once, Duration, false,
        "no paid post for a competing brand in the category for this long", "竞品排他期：期间不接同品类竞品的商业合作"),
    field!(Report, "report", TERMS, List, Durations, false,
        "send the note's data screenshots this long after posting", "发布后多久提供笔记数据截图"),
    field!(Payment, "payment", TERMS, Once, Text, false, free,
        "when and how the fee is paid", "付款方式与节点"),
    field!(FeeIncludes, "fee_includes", TERMS, List, Names, false,
        "what the fee covers: `tax`, `platform_fee`", "费用包含：`tax`（税费）、`platform_fee`（平台服务费）"),
    field!(MinKocs, "min_kocs", &[Place::Policy], Once, Count, false,
        "RS006: KOCs needed on validation and conversion goals (default 3)", "RS006：口碑验证与转化目标所需的最少 KOC 数（默认 3）"),
    field!(MaxCreatorShare, "max_creator_share", &[Place::Policy], Once, Percent, false,
        "RS008: the largest share of all fees one creator may take (default 50%)", "RS008：单个达人费用占比上限（默认 50%）"),
    field!(KocMaxFollowers, "koc_max_followers", &[Place::Policy], Once, Count, false,
        "RS009: a KOC with more followers is not an everyday user (default 10k)", "RS009：KOC 粉丝数上限（默认 10k）"),
    field!(KolMinFollowers, "kol_min_followers", &[Place::Policy], Once, Count, false,
        "RS009: a KOL with fewer followers has little reach (default 50k)", "RS009：KOL 粉丝数下限（默认 50k）"),
    field!(MinTrial, "min_trial", &[Place::Policy], Once, Duration, false,
        "RS010: the shortest KOC trial (default 7d)", "RS010：KOC 最短试用期（默认 7d）"),
];

/// Every block.
#[rustfmt::skip]
pub static BLOCKS: &[BlockSpec] = &[
    BlockSpec { keyword: "campaign", inside: &[], head: "\"NAME\"",
        en: "the campaign: one per file", zh: "活动：每个文件一个" },
    BlockSpec { keyword: "brand", inside: &[Place::Campaign], head: "\"NAME\"",
        en: "who is advertising (once)", zh: "投放品牌（一个）" },
    BlockSpec { keyword: "product", inside: &[Place::Campaign], head: "\"NAME\"",
        en: "what is promoted (one or more)", zh: "推广产品（一个或多个）" },
    BlockSpec { keyword: "goal", inside: &[Place::Campaign], head: "NAME",
        en: "an objective at one stage of the buyer journey (one or more)", zh: "某一决策阶段的目标（一个或多个）" },
    BlockSpec { keyword: "kol", inside: &[Place::Campaign], head: "@HANDLE",
        en: "a KOL: high-profile, discovery and aspiration", zh: "KOL：头部达人，负责认知种草" },
    BlockSpec { keyword: "koc", inside: &[Place::Campaign], head: "@HANDLE",
        en: "a KOC: an everyday user, research and validation", zh: "KOC：素人用户，负责口碑验证" },
    BlockSpec { keyword: "policy", inside: &[Place::Campaign], head: "",
        en: "thresholds the rules use", zh: "规则使用的阈值" },
    BlockSpec { keyword: "contact", inside: &[Place::Campaign], head: "\"NAME\"",
        en: "who creators talk to, and how (once)", zh: "对接人及联系方式（一个）" },
    BlockSpec { keyword: "roster", inside: &[Place::Campaign], head: "\"FILE\" as ROLE",
        en: "creators read from a spreadsheet, one a row; its fields are every row's defaults", zh: "从表格读取的达人名单，每行一位；块内字段为各行默认值" },
    BlockSpec { keyword: "terms", inside: &[Place::Campaign, Place::Kol, Place::Koc], head: "",
        en: "what a creator agrees to; in the campaign for everyone, in a creator to override single terms", zh: "合作条款：写在活动中对所有达人生效，写在达人块中覆盖单项"},
];

/// The field `keyword` names at `place`, if it may stand there.
pub fn field_at(keyword: &str, place: Place) -> Option<&'static FieldSpec> {
    FIELDS
        .iter()
        .find(|f| f.keyword == keyword && f.places.contains(&place))
}

/// The first field `keyword` names anywhere.
pub fn field(keyword: &str) -> Option<&'static FieldSpec> {
    BY_KEYWORD.get(keyword).copied()
}

/// The rows by keyword, the first where two share one: `field` is asked
/// for every line of a spec, ten thousand creators' worth in a large one.
static BY_KEYWORD: LazyLock<FxHashMap<&'static str, &'static FieldSpec>> = LazyLock::new(|| {
    let mut rows = FxHashMap::default();
    for row in FIELDS {
        rows.entry(row.keyword).or_insert(row);
    }
    rows
});

/// The row of a key.
pub fn spec_of(key: Key) -> &'static FieldSpec {
    FIELDS.iter().find(|f| f.key == key).unwrap_or(&FIELDS[0])
}

/// A block by its keyword.
pub fn block(keyword: &str) -> Option<&'static BlockSpec> {
    BLOCKS.iter().find(|b| b.keyword == keyword)
}

/// Every keyword that can start a line, for suggestions.
pub fn keywords() -> impl Iterator<Item = &'static str> {
    FIELDS
        .iter()
        .map(|f| f.keyword)
        .chain(BLOCKS.iter().map(|b| b.keyword))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_keyword_names_one_field_at_each_place() {
        for field in FIELDS {
            for place in field.places {
                let same = FIELDS
                    .iter()
                    .filter(|f| f.keyword == field.keyword && f.places.contains(place))
                    .count();
                assert_eq!(same, 1, "`{}` at {place:?}", field.keyword);
            }
        }
    }

    #[test]
    fn every_key_has_one_row() {
        let mut seen = std::collections::HashSet::new();
        for field in FIELDS {
            assert!(seen.insert(field.key), "{:?} twice", field.key);
            assert_eq!(spec_of(field.key).keyword, field.keyword);
        }
    }

    #[test]
    fn lists_are_list_kinds() {
        for field in FIELDS {
            let list_kind = matches!(field.kind, Kind::Texts | Kind::Names | Kind::Durations);
            assert_eq!(
                list_kind,
                field.repeat == Repeat::List,
                "`{}`",
                field.keyword
            );
        }
    }

    #[test]
    fn only_texts_are_free_text() {
        for field in FIELDS.iter().filter(|f| f.translatable) {
            assert!(
                matches!(field.kind, Kind::Text | Kind::Texts),
                "`{}`",
                field.keyword
            );
        }
    }

    #[test]
    fn every_description_is_in_both_languages() {
        for field in FIELDS {
            assert!(
                !field.en.is_empty() && !field.zh.is_empty(),
                "{}",
                field.keyword
            );
        }
        for block in BLOCKS {
            assert!(
                !block.en.is_empty() && !block.zh.is_empty(),
                "{}",
                block.keyword
            );
        }
    }
}
