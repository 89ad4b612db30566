//! XHS004 off-platform: readers stay on Xiaohongshu.

use std::sync::LazyLock;

use super::given::{texts, word_finding};
use super::text::Terms;
use super::{words, Rule, RuleInfo};
use crate::diagnostic::Finding;
use crate::model::Campaign;

crate::rule_info! {
    /// # XHS004 off-platform
    ///
    /// ## What it does
    /// Reports text given to creators (see XHS001) that sends readers off
    /// the platform: WeChat (微信, 加V, 加VX, 加微, VX, "WeChat", 公众号), QR
    /// codes (二维码, 扫码, "QR code") or a web address written into the
    /// note (anything with `http://`, `https://` or `www.`).
    ///
    /// Decided cases:
    ///
    /// - The product's `link` is not checked: it is for the overview and
    ///   tracking, not text a creator posts.
    /// - A bare domain without `www.` or a scheme ("lumiere.com") is not
    ///   recognised.
    /// - "link in bio" is a hard-sell phrase for KOCs (RS011), not listed
    ///   here.
    ///
    /// ## Why it matters
    /// Xiaohongshu's community rules restrict diverting traffic off the
    /// platform (站外导流): notes with WeChat IDs, QR codes or outside links
    /// are limited or removed, and the creator's account can be penalised.
    /// Sales should go through the platform's own shop and the
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

impl Rule for OffPlatform {
    fn info(&self) -> &'static RuleInfo {
        &OFF_PLATFORM
    }

    fn check(&self, campaign: &Campaign, findings: &mut Vec<Finding>) {
        for given in texts(campaign) {
            let hits = OFF.find(&given.text.value);
            if let Some(finding) = word_finding(
                &OFF_PLATFORM,
                &given,
                &hits,
                "sends readers off the platform",
            ) {
                findings.push(finding.label("off-platform").help(
                    "keep readers on Xiaohongshu: invite questions in the comments, and sell \
                     through the platform's shop and the bound collaboration",
                ));
            }
        }
    }
}
