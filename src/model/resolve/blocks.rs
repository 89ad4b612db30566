//! The campaign's smaller blocks (brand, product, goal and its KPIs,
//! policy) and `allow` lines.

use super::read::What;
use super::Resolver;
use crate::diagnostic::codes::{BAD_ALLOW, MISSING};
use crate::diagnostic::Finding;
use crate::model::values;
use crate::model::vocabulary::{Unit, Vocabulary};
use crate::model::*;
use crate::source::{Span, Spanned};
use crate::syntax::ast::{Block, Literal, QuantityLiteral, Value};
use crate::syntax::fields::{Key, Place};
use crate::t;

impl Resolver<'_> {
    pub(super) fn allow(
        &mut self,
        span: Span,
        rule: &Literal,
        reason: Option<&Text>,
    ) -> Option<Allow> {
        let Some(info) = self.rules.find(&rule.value) else {
            let best = self.rules.closest(&rule.value);
            let help = match best {
                Some(best) => t!(
                    "did you mean `{meant}`? `redbrief rules` lists every rule",
                    meant = best
                ),
                None => t!("`redbrief rules` lists every rule's code and name"),
            };
            let finding = Finding::new(
                &BAD_ALLOW,
                rule.span,
                t!(
                    "`allow` names `{rule}`, which is no rule",
                    rule = rule.value
                ),
            )
            .label(t!("unknown rule"))
            .help(help);
            self.report(match best {
                Some(best) => finding.fix(rule.span, best),
                None => finding,
            });
            return None;
        };
        if info.is_spec_error() {
            self.report(
                Finding::new(
                    &BAD_ALLOW,
                    rule.span,
                    t!(
                        "{code} ({name}) cannot be allowed: it means the spec itself is wrong",
                        code = info.code,
                        name = info.name
                    ),
                )
                .label(t!("E-codes cannot be silenced"))
                .help(t!("fix what the error points at and delete this `allow`")),
            );
            return None;
        }
        match reason.map(|r| r.value.trim()).filter(|r| !r.is_empty()) {
            Some(reason) => Some(Allow {
                rule: info,
                reason: reason.to_string(),
                span,
            }),
            None => {
                self.report(
                    Finding::new(&BAD_ALLOW, span, t!("`allow {rule}` gives no reason", rule = rule.value))
                        .label(t!("no reason"))
                        .help(t!("say why in quotes, e.g. `allow {rule} \"Pilot wave before we scale\"`; the reason is printed in the overview", rule = rule.value)),
                );
                None
            }
        }
    }

    pub(super) fn brand(&mut self, block: &Block, name: Text) -> Brand {
        let owner = t!("the brand \"{name}\"", name = name.value);
        let mut brand = Brand {
            name,
            span: block.head_span,
            category: None,
            market: None,
            voice: None,
            avoid: Vec::new(),
            hashtags: Vec::new(),
        };
        for statement in self.statements(block, Place::Brand, &owner).statements {
            match (statement.key(), &statement.value) {
                (Key::Category, Value::Name(category)) => brand.category = Some(category.clone()),
                (Key::Market, Value::Market(market)) => brand.market = Some(market.clone()),
                (Key::Voice, Value::Text(voice)) => brand.voice = Some(voice.clone()),
                (Key::Avoid, Value::Texts(words)) => brand.avoid.extend(words.iter().cloned()),
                (Key::Hashtags, Value::Texts(tags)) => brand.hashtags.extend(tags.iter().cloned()),
                _ => {}
            }
        }
        brand
    }

    pub(super) fn product(&mut self, block: &Block, name: Text) -> Product {
        let owner = t!("the product \"{name}\"", name = name.value);
        let mut product = Product {
            name,
            span: block.head_span,
            price: None,
            claims: Vec::new(),
            link: None,
        };
        for statement in self.statements(block, Place::Product, &owner).statements {
            match (statement.key(), &statement.value) {
                (Key::Price, Value::Money(price)) => {
                    product.price = self.money(price, &|| t!("the price"), true)
                }
                (Key::Claims, Value::Texts(claims)) => {
                    product.claims.extend(claims.iter().cloned())
                }
                (Key::Link, Value::Text(link)) => product.link = Some(link.clone()),
                _ => {}
            }
        }
        product
    }

    pub(super) fn goal(&mut self, block: &Block, name: &Spanned<String>) -> Option<Goal> {
        let owner = t!("goal `{name}`", name = name.value);
        let mut stage = None;
        let mut kpis = Vec::new();
        let given = self.statements(block, Place::Goal, &owner);
        let stage_given = given.keys.contains("stage");
        let kpi_given = given.keys.contains("kpi");
        for statement in given.statements {
            match (statement.key(), &statement.value) {
                (Key::Stage, Value::Name(word)) => {
                    stage = self
                        .vocabulary::<Stage>(word, &owner)
                        .map(|s| Spanned::new(s, word.span));
                }
                (
                    Key::Kpi,
                    Value::Kpi {
                        metric,
                        comparator,
                        target,
                    },
                ) => {
                    if let Some(kpi) =
                        self.kpi(statement.span, metric, comparator.value, target, &owner)
                    {
                        kpis.push(kpi);
                    }
                }
                _ => {}
            }
        }
        if !stage_given {
            self.report(
                Finding::new(&MISSING, block.head_span, t!("{owner} has no `stage`", owner = owner))
                    .label(t!("no stage"))
                    .help(t!("add `stage discovery`, `stage validation` or `stage conversion`: the part of the buyer journey this goal is about")),
            );
        }
        if !kpi_given {
            self.report(
                Finding::new(
                    &MISSING,
                    block.head_span,
                    t!("{owner} has no `kpi`", owner = owner),
                )
                .label(t!("no KPI"))
                .help(t!("add how the goal is measured, e.g. `kpi saves >= 4k`")),
            );
        }
        Some(Goal {
            name: name.clone(),
            span: block.head_span,
            stage: stage?,
            kpis,
        })
    }

    pub(super) fn kpi(
        &mut self,
        span: Span,
        metric: &Spanned<String>,
        comparator: Comparator,
        target: &QuantityLiteral,
        owner: &str,
    ) -> Option<Kpi> {
        let metric_value = self.vocabulary::<Metric>(metric, owner)?;
        let name = metric_value.name();
        let example = match metric_value.unit() {
            Unit::Count => format!("kpi {name} >= 6k"),
            Unit::Percent => format!("kpi {name} >= 5%"),
            Unit::Money => format!("kpi {name} <= 2 MYR"),
            Unit::Number => format!("kpi {name} >= 2.5"),
        };
        let target = match (metric_value.unit(), target) {
            (Unit::Count, QuantityLiteral::Count(count)) => {
                Quantity::Count(self.count(count, &|| t!("the `{metric}` target", metric = name))?)
            }
            (Unit::Number, QuantityLiteral::Count(number)) => match values::number(&number.value) {
                Ok(n) => Quantity::Number(n),
                Err(e) => {
                    self.invalid(
                        number.span,
                        t!(
                            "{what}: {error}",
                            what = t!("the `{metric}` target", metric = name),
                            error = e
                        ),
                        &t!("write a number above zero, like 2.5"),
                    );
                    return None;
                }
            },
            (Unit::Number | Unit::Percent, QuantityLiteral::Percent(percent)) => Quantity::Percent(
                self.percent(percent, &|| t!("the `{metric}` target", metric = name))?,
            ),
            (Unit::Money, QuantityLiteral::Money(money)) => Quantity::Money(
                self.money(money, &|| t!("the `{metric}` target", metric = name), true)?
                    .value,
            ),
            (_, other) => {
                let kind = match metric_value.unit() {
                    Unit::Count => t!("a count"),
                    Unit::Percent => t!("a percent"),
                    Unit::Money => t!("an amount of money"),
                    Unit::Number => t!("a number"),
                };
                self.invalid(
                    other.span(),
                    t!(
                        "`{metric}` is measured as {kind}",
                        metric = name,
                        kind = kind
                    ),
                    &t!(
                        "write the target as {kind}, like `{example}`",
                        kind = kind,
                        example = example
                    ),
                );
                return None;
            }
        };
        Some(Kpi {
            metric: metric_value,
            comparator,
            target,
            span,
        })
    }

    pub(super) fn policy(&mut self, block: &Block) -> Policy {
        let mut policy = Policy::default();
        for statement in self
            .statements(block, Place::Policy, &t!("the policy"))
            .statements
        {
            match (statement.key(), &statement.value) {
                (Key::MinKocs, Value::Count(n)) => {
                    if let Some(n) = self.count(n, &|| "`min_kocs`".to_string()) {
                        policy.min_kocs = n;
                    }
                }
                (Key::MaxCreatorShare, Value::Percent(p)) => {
                    match self.percent(p, &|| "`max_creator_share`".to_string()) {
                        Some(share) if share > 0.0 => policy.max_creator_share = share,
                        Some(_) => self.invalid(
                            p.span,
                            t!("`max_creator_share` is 0%: no creator could be paid"),
                            &t!("write a share above 0%, like 50%"),
                        ),
                        None => {}
                    }
                }
                (Key::KocMaxFollowers, Value::Count(n)) => {
                    if let Some(n) = self.count(n, &|| "`koc_max_followers`".to_string()) {
                        policy.koc_max_followers = n;
                    }
                }
                (Key::KolMinFollowers, Value::Count(n)) => {
                    if let Some(n) = self.count(n, &|| "`kol_min_followers`".to_string()) {
                        policy.kol_min_followers = n;
                    }
                }
                (Key::MinTrial, Value::Duration(d)) => {
                    if let Some(days) = self.duration(d, &|| "`min_trial`".to_string()) {
                        policy.min_trial_days = days;
                    }
                }
                _ => {}
            }
        }
        policy
    }

    /// `terms { ... }`, the campaign's or a creator's own.
    pub(super) fn terms(&mut self, block: &Block, owner: &str) -> Terms {
        let mut terms = Terms::default();
        for statement in self.statements(block, Place::Terms, owner).statements {
            match (statement.key(), &statement.value) {
                (Key::Samples, Value::Date(date)) => terms.samples = self.date(date),
                (Key::Draft, Value::Duration(d)) => {
                    terms.draft = self.days(d, &|| t!("the draft lead time"))
                }
                (Key::Review, Value::Duration(d)) => {
                    terms.review = self.days(d, &|| t!("the review time"))
                }
                (Key::Revisions, Value::Count(n)) => {
                    terms.revisions = self
                        .value(n, &|| "`revisions`".to_string(), values::whole, || {
                            t!("write how many rounds of changes, like 2 (0 for none)")
                        })
                        .map(|v| Spanned::new(v, n.span));
                }
                (Key::KeepLive, Value::Duration(d)) => {
                    // Longer than a year is read, so XHS006 can say what
                    // the platform offers instead of E004 refusing it.
                    terms.keep_live = self
                        .value(
                            d,
                            &|| "`keep_live`".to_string(),
                            values::long_duration,
                            || t!("write how long the note stays up, like 180d"),
                        )
                        .map(|v| Spanned::new(v, d.span));
                }
                (Key::Rights, Value::Rights { uses, duration }) => {
                    let uses: Vec<RightUse> = uses
                        .iter()
                        .filter_map(|u| self.vocabulary::<RightUse>(u, owner))
                        .collect();
                    if let Some(days) = self.days(duration, &|| t!("the usage rights")) {
                        terms.rights = Some(Rights {
                            uses,
                            days: days.value,
                            span: statement.span,
                        });
                    }
                }
                (Key::Exclusivity, Value::Duration(d)) => {
                    terms.exclusivity = self.days(d, &|| t!("the exclusivity"))
                }
                (Key::Report, Value::Durations(list)) => {
                    for d in list {
                        if let Some(days) = self.days(d, &|| t!("the data report")) {
                            terms.report.push(days);
                        }
                    }
                }
                (Key::Payment, Value::Text(text)) => terms.payment = Some(text.clone()),
                (Key::FeeIncludes, Value::Names(words)) => {
                    for word in words {
                        if let Some(include) = self.vocabulary::<FeeInclude>(word, owner) {
                            if !terms.fee_includes.contains(&include) {
                                terms.fee_includes.push(include);
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        terms
    }

    /// `contact "NAME" { wechat, email, phone }`
    pub(super) fn contact(&mut self, block: &Block, name: Text) -> Contact {
        let owner = t!("the contact \"{name}\"", name = name.value);
        let mut contact = Contact {
            name,
            wechat: None,
            email: None,
            phone: None,
            span: block.head_span,
        };
        for statement in self.statements(block, Place::Contact, &owner).statements {
            match (statement.key(), &statement.value) {
                (Key::Wechat, Value::Text(t)) => contact.wechat = Some(t.clone()),
                (Key::Email, Value::Text(t)) => contact.email = Some(t.clone()),
                (Key::Phone, Value::Text(t)) => contact.phone = Some(t.clone()),
                _ => {}
            }
        }
        contact
    }

    /// A duration with its span.
    fn days(&mut self, literal: &Literal, what: What<'_>) -> Option<Spanned<u32>> {
        self.duration(literal, what)
            .map(|days| Spanned::new(days, literal.span))
    }
}
