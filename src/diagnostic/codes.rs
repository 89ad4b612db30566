//! E-codes: the spec itself is wrong, so redbrief cannot trust what it says.
//! They are always errors and cannot be silenced with `allow`.

use super::RuleInfo;

crate::rule_info! {
    /// # E001 syntax
    ///
    /// ## What it does
    /// Reports text that redbrief cannot read: a value in the wrong form, a
    /// string without its closing quote, a `}` that closes no block, a block
    /// that is never closed, full-width punctuation where ASCII was meant, a
    /// file that is not UTF-8.
    ///
    /// ## Why it matters
    /// Nothing else can be checked or briefed until the spec reads cleanly.
    ///
    /// ## Example
    /// ```
    /// kol @lina.glow {
    ///   followers  many        # not a count
    ///   niche      beauty，lifestyle
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```
    /// kol @lina.glow {
    ///   followers  320k
    ///   niche      beauty, lifestyle
    /// }
    /// ```
    pub static SYNTAX = {
        code: "E001",
        name: "syntax",
        severity: Error,
        summary: "the text does not parse",
    };
}

crate::rule_info! {
    /// # E002 unknown-name
    ///
    /// ## What it does
    /// Reports a name redbrief does not know: a field, a goal in `serves`, a
    /// KPI metric, a stage, a delivery format, a language or a product. It
    /// suggests the closest known name.
    ///
    /// ## Why it matters
    /// A misspelt field is silently meaningless in a spreadsheet; here it
    /// would be a brief with a missing line.
    ///
    /// ## Example
    /// ```
    /// koc @amy_tries {
    ///   folowers 3.2k
    ///   serves   trsut
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```
    /// koc @amy_tries {
    ///   followers 3.2k
    ///   serves    trust
    /// }
    /// ```
    pub static UNKNOWN_NAME = {
        code: "E002",
        name: "unknown-name",
        severity: Error,
        summary: "an unknown field, goal, metric, stage, format, language or product",
    };
}

crate::rule_info! {
    /// # E003 duplicate
    ///
    /// ## What it does
    /// Reports a creator handle declared twice (as a role clash when one is a
    /// `kol` and the other a `koc`), a goal declared twice, a second brand or
    /// campaign, or a single-valued field given twice in one block.
    ///
    /// ## Why it matters
    /// A creator is either a KOL or a KOC: one person cannot get both briefs.
    /// When a field is given twice, redbrief cannot know which one you meant.
    ///
    /// ## Example
    /// ```
    /// kol @lina.glow { ... }
    /// koc @lina.glow { ... }
    /// ```
    ///
    /// ## Use instead
    /// Keep one block per creator, with the role you mean.
    pub static DUPLICATE = {
        code: "E003",
        name: "duplicate",
        severity: Error,
        summary: "a handle, goal or single-valued field declared twice",
    };
}

crate::rule_info! {
    /// # E004 invalid-value
    ///
    /// ## What it does
    /// Reports a value that has the right form but cannot be true: a date
    /// that is not on the calendar, a percent over 100, a count of zero, a
    /// fraction where a whole number is needed, a KPI value of the wrong
    /// kind, a duration or amount out of range.
    ///
    /// ## Why it matters
    /// Briefs quote these numbers to creators and clients.
    ///
    /// ## Example
    /// ```
    /// engagement 141%
    /// deliver    video x1 on 2026-02-30
    /// ```
    ///
    /// ## Use instead
    /// ```
    /// engagement 4.1%
    /// deliver    video x1 on 2026-02-28
    /// ```
    pub static INVALID_VALUE = {
        code: "E004",
        name: "invalid-value",
        severity: Error,
        summary: "an impossible date, percent, count, amount or duration",
    };
}

crate::rule_info! {
    /// # E005 schedule
    ///
    /// ## What it does
    /// Reports a campaign window that ends before it starts, a delivery date
    /// outside the window, and a `from` date after its `to` date.
    ///
    /// ## Why it matters
    /// A creator told to post outside the campaign posts when nothing else
    /// of the campaign is live.
    ///
    /// ## Example
    /// ```
    /// window  2026-12-01 to 2027-01-31
    /// deliver video x1 on 2027-02-14
    /// ```
    ///
    /// ## Use instead
    /// Move the delivery into the window, or widen the window.
    pub static SCHEDULE = {
        code: "E005",
        name: "schedule",
        severity: Error,
        summary: "a window or delivery date that cannot be scheduled",
    };
}

crate::rule_info! {
    /// # E006 missing
    ///
    /// ## What it does
    /// Reports a required part that is not there: the campaign `window`, the
    /// brand, a product, a goal or a creator; a creator's `followers`,
    /// `serves` or `deliver`, or its `product` when the campaign has several;
    /// a goal's `stage` or `kpi`.
    ///
    /// ## Why it matters
    /// A brief without these cannot tell the creator what to make or why.
    ///
    /// ## Example
    /// ```
    /// goal launch {
    ///   kpi reach >= 800k
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```
    /// goal launch {
    ///   stage discovery
    ///   kpi   reach >= 800k
    /// }
    /// ```
    pub static MISSING = {
        code: "E006",
        name: "missing",
        severity: Error,
        summary: "a required brand, product, goal, creator or field is missing",
    };
}

crate::rule_info! {
    /// # E007 wrong-role-field
    ///
    /// ## What it does
    /// Reports a KOC-only field (`trial`, `prompts`, `followup`) on a KOL,
    /// or a KOL-only field (`visual`) on a KOC.
    ///
    /// ## Why it matters
    /// KOLs and KOCs play different parts: KOLs create awareness with
    /// polished, aspirational content; KOCs build trust by trying the
    /// product and answering honestly. "Using the same content brief for
    /// KOLs and KOCs" is one of the common mistakes, so the roles are kept
    /// apart by construction.
    ///
    /// ## Example
    /// ```
    /// kol @lina.glow {
    ///   trial 14d
    /// }
    /// ```
    ///
    /// ## Use instead
    /// Remove the field, or declare the creator with the other role.
    pub static WRONG_ROLE_FIELD = {
        code: "E007",
        name: "wrong-role-field",
        severity: Error,
        summary: "a KOC-only field on a KOL, or a KOL-only field on a KOC",
    };
}

crate::rule_info! {
    /// # E008 over-budget
    ///
    /// ## What it does
    /// Adds up every creator's `fee` and every `cost` (samples, shipping,
    /// boosting) and reports when the total is more than the campaign
    /// `budget`. Spending the budget exactly is fine.
    ///
    /// ## Why it matters
    /// A roster you cannot pay for is not a plan, and the samples and the
    /// boosting come out of the same money as the fees.
    ///
    /// ## Example
    /// ```
    /// budget 10k MYR
    /// cost   "Samples, 40 units" 2k MYR
    /// kol @lina.glow { fee 9k MYR ... }
    /// ```
    ///
    /// ## Use instead
    /// Raise the budget, lower fees or costs, or take a creator off the
    /// roster.
    pub static OVER_BUDGET = {
        code: "E008",
        name: "over-budget",
        severity: Error,
        summary: "the fees and other costs add up to more than the budget",
    };
}

crate::rule_info! {
    /// # E009 currency
    ///
    /// ## What it does
    /// Reports fees, budget and prices written in more than one currency.
    ///
    /// ## Why it matters
    /// redbrief does not convert currencies, so it cannot add up fees or
    /// compare them with the budget.
    ///
    /// ## Example
    /// ```
    /// budget 60k MYR
    /// fee    8000 CNY
    /// ```
    ///
    /// ## Use instead
    /// Write every amount in the campaign's one currency.
    pub static CURRENCY = {
        code: "E009",
        name: "currency",
        severity: Error,
        summary: "fees, budget and prices use more than one currency",
    };
}

crate::rule_info! {
    /// # E010 bad-allow
    ///
    /// ## What it does
    /// Reports an `allow` that names no known rule, names an E-code, or
    /// gives no reason.
    ///
    /// ## Why it matters
    /// An `allow` switches a strategy check off for the whole campaign, and
    /// its reason is printed in the overview the client reads. Errors in the
    /// spec itself cannot be switched off: they must be fixed.
    ///
    /// ## Example
    /// ```
    /// allow thin-trust
    /// ```
    ///
    /// ## Use instead
    /// ```
    /// allow thin-trust "Pilot wave: two KOCs before we scale"
    /// ```
    pub static BAD_ALLOW = {
        code: "E010",
        name: "bad-allow",
        severity: Error,
        summary: "an allow that names no rule, names an E-code, or has no reason",
    };
}

crate::rule_info! {
    /// # E011 roster
    ///
    /// ## What it does
    /// Reports a `roster` spreadsheet that cannot be read (missing, a
    /// folder, empty, password-protected, not the format its name says, a
    /// sheet that does not exist), that has no header row, or that has no
    /// data row below its header.
    ///
    /// ## Why it matters
    /// Every row of a roster is a creator with a brief. A roster that reads
    /// as nothing would silently drop a whole seeding wave from the
    /// campaign, its budget and its checks.
    ///
    /// The header row is the first row naming at least two known columns
    /// (`handle`, `followers`, 昵称, 粉丝数, 报价-图文, ...), so the merged
    /// title rows of a Pugongying or 千瓜 export above it are skipped.
    ///
    /// ## Example
    /// ```
    /// roster "kocs.xlsx" as koc {   # kocs.xlsx is a CSV renamed
    ///   serves trust
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```
    /// roster "kocs.csv" as koc {
    ///   serves trust
    /// }
    /// ```
    pub static ROSTER = {
        code: "E011",
        name: "roster",
        severity: Error,
        summary: "a roster spreadsheet cannot be read, has no header row, or no data row",
    };
}

pub static ALL: &[&RuleInfo] = &[
    &SYNTAX,
    &UNKNOWN_NAME,
    &DUPLICATE,
    &INVALID_VALUE,
    &SCHEDULE,
    &MISSING,
    &WRONG_ROLE_FIELD,
    &OVER_BUDGET,
    &CURRENCY,
    &BAD_ALLOW,
    &ROSTER,
];
