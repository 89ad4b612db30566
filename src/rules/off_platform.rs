//! XHS004 off-platform: readers stay on Xiaohongshu.

use std::cmp::Reverse;
use std::sync::LazyLock;

use super::given::word_finding;
use super::text::{Fold, Hit, Terms};
use super::{patterns, words, Rule, RuleInfo};
use crate::diagnostic::Findings;
use crate::model::Text;
use crate::t;

crate::rule_info! {
    /// # XHS004 off-platform
    ///
    /// ## What it does
    /// Reports text given to creators (see XHS001) that sends readers off
    /// the platform:
    ///
    /// - WeChat in every spelling: 微信, V信, 薇信, VX, WX, 加V, 加VX, 加微,
    ///   +V, V我, 绿泡泡, "WeChat", "Weixin", 公众号, 视频号; QQ; WhatsApp and
    ///   Telegram.
    /// - An ID glued to its prefix (`vx123456`, `加VX12345`, `wx_abc`,
    ///   `QQ12345678`, `加V12345`).
    /// - Phone numbers: a Chinese mobile (`138 1234 5678`, with or without
    ///   `+86`, spaces or dashes), a number with a `+` country code, a
    ///   landline with its area code (`021-12345678`), a 400/800 line.
    /// - E-mail addresses, web addresses (`https://...`, `www.`) and bare
    ///   domains (`lumiere.com`, `xx.cn`).
    /// - Other shops and apps: 淘宝, 天猫, 京东, 拼多多, 抖音, 快手, 微博, 闲鱼,
    ///   "Taobao", "Tmall", "Shopee", "Lazada"; 口令 and 淘口令; 小程序.
    /// - Groups and private channels: 进群, 加群, 私域; QR codes (二维码, 扫码,
    ///   "QR code").
    ///
    /// Decided cases:
    ///
    /// - The product's `link` and the campaign's `contact` (its WeChat,
    ///   e-mail and phone) are not checked: they are for the team and the
    ///   creators, not text a creator posts.
    /// - 加微 does not fire in 添加微量 ("add a trace of"), 加微小 or 加微调;
    ///   微博 not in 参加微博 or 微博之夜 (an event the creator took part in);
    ///   QQ not in QQ弹 (bouncy) or QQ糖; 京东 not in 北京东 (北京东路); 快手 not
    ///   when it means "quick to make" (快手早餐, 快手菜, 快手妆 ...); 进群 not
    ///   in 先进群体.
    /// - A number is a phone number by its shape, never by length alone:
    ///   dates, prices, counts and registration numbers (粤G妆网备字2020123456)
    ///   do not fire, and a QQ number written without "QQ" is not found.
    /// - A domain needs a known ending (com, cn, net, my, sg ...); "e.g.",
    ///   "No.1" and "photo.jpg" are not addresses, and endings that are
    ///   everyday words ("in", "to") are left out.
    /// - "link in bio" is a hard-sell phrase for KOCs (RS011), not listed
    ///   here.
    ///
    /// ## Why it matters
    /// Xiaohongshu's 《交易导流违规管理细则》 (in force since 2025-03-12) bars
    /// leading readers to private channels or other platforms: contact
    /// details, other platforms' names and IDs, QR codes, links, 口令 and
    /// mini-programs. Notes are limited or removed, and the creator's account
    /// can lose its sharing, live or posting rights, up to a ban. Sales go
    /// through the platform's own shop, live cart and lead forms, and the
    /// collaboration the note is bound to.
    ///
    /// ## Example
    /// ```
    /// kol @lina.glow {
    ///   note "End with: 加V领取试用装"
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```
    /// kol @lina.glow {
    ///   note "End by inviting questions in the comments"
    /// }
    /// ```
    pub static OFF_PLATFORM = {
        code: "XHS004",
        name: "off-platform",
        severity: Warning,
        summary: "text for creators sends readers off the platform",
    };
}

pub struct OffPlatform;

static OFF: LazyLock<Terms> = LazyLock::new(|| Terms::new(words::OFF_PLATFORM));

/// The listed words and the contact details found by shape, leftmost first;
/// where two overlap, the longer one (`vx123456` rather than `vx`).
/// `folded` is `text` folded and screened (`text::Fold`).
fn find<'t>(folded: Fold<'_>, text: &'t Text) -> Vec<Hit<'t>> {
    let mut found = OFF.find_folded(folded, text);
    found.extend(patterns::find(&text.value));
    found.sort_by_key(|hit| (hit.bytes.start, Reverse(hit.bytes.end)));
    let mut hits: Vec<Hit<'_>> = Vec::with_capacity(found.len());
    for hit in found {
        if hits
            .last()
            .is_some_and(|last| hit.bytes.start < last.bytes.end)
        {
            continue;
        }
        hits.push(hit);
    }
    hits
}

impl Rule for OffPlatform {
    fn info(&self) -> &'static RuleInfo {
        &OFF_PLATFORM
    }

    fn check(&self, campaign: &super::Context<'_>, findings: &mut Findings) {
        for (given, folded) in campaign.given() {
            let hits = find(folded, given.text);
            if let Some(finding) = word_finding(&OFF_PLATFORM, &given, &hits, |text, terms| {
                t!(
                    "{text} sends readers off the platform: {terms}",
                    text = text,
                    terms = terms
                )
            }) {
                findings.push(finding.label(t!("off-platform")).help(t!(
                    "keep readers on Xiaohongshu: no contact details, other apps or links; \
                     invite questions in the comments, and sell through the platform's shop \
                     and the bound collaboration"
                )));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::find;
    use crate::model::Text;
    use crate::rules::text::{fold, Fold};
    use crate::source::Span;

    fn found(text: &str) -> Vec<String> {
        let given = Text::plain(text.to_string(), Span::new(0, text.len()), false);
        find(Fold::screened(&fold(text)), &given)
            .into_iter()
            .map(|hit| hit.term.to_string())
            .collect()
    }

    #[test]
    fn words_and_shapes_together() {
        assert_eq!(found("加VX12345"), ["VX12345"]);
        assert_eq!(found("vx: lumiere_official"), ["VX"]);
        assert_eq!(found("wx_abc"), ["wx_abc"]);
        assert_eq!(
            found("see https://lumiere.com/my"),
            ["https://lumiere.com/my"]
        );
        assert_eq!(
            found("微信13812345678 or hello@lumiere.com"),
            ["微信", "13812345678", "hello@lumiere.com"]
        );
        assert!(found("添加微量元素，参加微博之夜").is_empty());
    }
}
