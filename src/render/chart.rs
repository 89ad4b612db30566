//! The overview's timeline drawn to scale: one row per creator (the KOL wave,
//! then the KOC wave, each in date order) with the trial as a bar, the day
//! the product arrives as a mark, and each post as a point (one day) or a
//! bar (a range); each sales peak and each Monday as a line across all rows.
//! Positions are percentages of the scale's width, worked out here so a
//! template only places them. The dates are the model's (`Creator::dates`).

use std::sync::Arc;

use jiff::civil::{Date, Weekday};
use minijinja::Value;
use serde::Serialize;

use super::lazy::LazyRows;

use super::words::{decimal, Words};
use crate::model::{Campaign, Creator, Role, Schedule};

#[derive(Debug, Serialize)]
pub(crate) struct ChartView {
    /// The first and last day of the scale: `20 Nov 2026`.
    start: String,
    end: String,
    /// One row per creator, as `LazyRows`.
    rows: Value,
    /// The first of each month inside the scale.
    ticks: Vec<ChartMark>,
    /// Each Monday inside the scale; empty on a scale too long to draw them.
    weeks: Vec<String>,
    peaks: Vec<ChartMark>,
    /// What the legend needs to explain.
    has_trials: bool,
    has_samples: bool,
}

#[derive(Debug, Serialize)]
pub(crate) struct ChartRow {
    role: &'static str,
    creator: String,
    /// The post dates under the creator's name: `5 Dec – 19 Dec 2026`.
    when: String,
    trial: Option<ChartSpan>,
    samples: Option<ChartMark>,
    posts: Vec<ChartPost>,
}

/// A stretch of days: where it starts and how wide it is, in percent.
#[derive(Debug, Serialize)]
pub(crate) struct ChartSpan {
    left: String,
    width: String,
    /// For the hover text: `21 Nov – 5 Dec 2026`.
    label: String,
    /// Its first day: `21 Nov 2026`.
    start: String,
}

/// One day on the scale, at the middle of its day.
#[derive(Debug, Serialize)]
pub(crate) struct ChartMark {
    left: String,
    /// `双12`, `Jan`, or the date.
    label: String,
    /// The date in words, for a peak: `12 Dec 2026`.
    date: String,
}

#[derive(Debug, Serialize)]
pub(crate) struct ChartPost {
    /// `point` for a single day, `bar` for a range.
    shape: &'static str,
    left: String,
    /// For a bar only.
    width: String,
    /// `2 image notes, 5 Dec – 19 Dec 2026`.
    label: String,
}

/// More month marks than this would crowd the scale (a window of years).
const TICKS_MAX: usize = 24;
/// More week lines than this would grey the chart out.
const WEEKS_MAX: usize = 60;

/// The scale in days, and the position of a day on it.
#[derive(Clone)]
struct Scale {
    start: Date,
    end: Date,
    length: f64,
}

impl Scale {
    fn days(from: Date, to: Date) -> f64 {
        from.until(to)
            .map_or(0.0, |span| f64::from(span.get_days()))
    }

    fn percent(&self, days: f64) -> String {
        decimal((days / self.length * 100.0).clamp(0.0, 100.0))
    }

    /// Where a day starts.
    fn left(&self, date: Date) -> String {
        self.percent(Self::days(self.start, date.clamp(self.start, self.end)))
    }

    /// The middle of a day, for a point or a line.
    fn middle(&self, date: Date) -> String {
        self.percent(Self::days(self.start, date.clamp(self.start, self.end)) + 0.5)
    }

    /// From the start of `from` to the start of `to`; with `inclusive`, to
    /// the end of `to`.
    fn width(&self, from: Date, to: Date, inclusive: bool) -> String {
        let (from, to) = (
            from.clamp(self.start, self.end),
            to.clamp(self.start, self.end),
        );
        let extra = if inclusive { 1.0 } else { 0.0 };
        self.percent(Self::days(from, to) + extra)
    }
}

impl ChartView {
    /// The chart, when any delivery is dated.
    pub(crate) fn new(campaign: &Arc<Campaign>, words: Words) -> Option<ChartView> {
        let mut picks: Vec<usize> = [Role::Kol, Role::Koc]
            .into_iter()
            .flat_map(|role| {
                let mut wave: Vec<usize> = (0..campaign.creators.len())
                    .filter(|&i| {
                        let c = &campaign.creators[i];
                        c.role == role && c.dates.first_post.is_some()
                    })
                    .collect();
                wave.sort_by_key(|&i| campaign.creators[i].dates.first_post);
                wave
            })
            .collect();
        picks.retain(|&i| {
            campaign.creators[i]
                .deliveries
                .iter()
                .any(|d| d.schedule.is_some())
        });
        let creators: Vec<&Creator> = picks.iter().map(|&i| &campaign.creators[i]).collect();
        if creators.is_empty() {
            return None;
        }
        let mut days: Vec<Date> = Vec::new();
        for creator in &creators {
            days.extend(creator.dates.samples_arrive);
            days.extend(creator.dates.trial_start);
            for schedule in creator.deliveries.iter().filter_map(|d| d.schedule) {
                days.push(schedule.first());
                days.push(schedule.last());
            }
        }
        days.extend(campaign.peaks.iter().map(|p| p.date.value));
        if let Some(window) = campaign.window {
            days.push(window.start);
            days.push(window.end);
        }
        let (start, end) = (*days.iter().min()?, *days.iter().max()?);
        let scale = Scale {
            start,
            end,
            length: Scale::days(start, end) + 1.0,
        };

        // Each row is made once here for what the legend needs, and again
        // when the template reads it: the rows are not held.
        let rows = || {
            creators
                .iter()
                .map(|creator| ChartRow::new(creator, &scale, words))
        };
        let has_trials = rows().any(|r| r.trial.is_some());
        let has_samples = rows().any(|r| r.samples.is_some());
        let row_scale = scale.clone();
        Some(ChartView {
            start: words.date(start),
            end: words.date(end),
            has_trials,
            has_samples,
            rows: LazyRows::of_creators(campaign, picks, move |creator| {
                ChartRow::new(creator, &row_scale, words)
            }),
            ticks: ticks(&scale, words),
            weeks: weeks(&scale),
            peaks: campaign
                .peaks
                .iter()
                .map(|peak| ChartMark {
                    left: scale.middle(peak.date.value),
                    label: peak.name.value.clone(),
                    date: words.date(peak.date.value),
                })
                .collect(),
        })
    }
}

impl ChartRow {
    fn new(creator: &Creator, scale: &Scale, words: Words) -> Self {
        let dates = &creator.dates;
        let mut when: Vec<String> = Vec::new();
        let mut posts = Vec::new();
        for delivery in &creator.deliveries {
            let Some(schedule) = &delivery.schedule else {
                continue;
            };
            let shown = words.when(schedule);
            let label = words.posts_when(delivery.format, delivery.count, &shown);
            posts.push(match schedule {
                Schedule::Between(from, to) if from.value < to.value => ChartPost {
                    shape: "bar",
                    left: scale.left(from.value),
                    width: scale.width(from.value, to.value, true),
                    label,
                },
                _ => ChartPost {
                    shape: "point",
                    left: scale.middle(schedule.first()),
                    width: String::new(),
                    label,
                },
            });
            if !when.contains(&shown) {
                when.push(shown);
            }
        }
        ChartRow {
            role: creator.role.keyword(),
            creator: creator.handle.value.clone(),
            when: when.join("; "),
            trial: match (dates.trial_start, dates.first_post) {
                (Some(from), Some(to)) if from < to => Some(ChartSpan {
                    left: scale.left(from),
                    width: scale.width(from, to, false),
                    label: words.date_range(from, to),
                    start: words.date(from),
                }),
                _ => None,
            },
            samples: dates.samples_arrive.map(|day| ChartMark {
                left: scale.middle(day),
                label: words.date(day),
                date: words.date(day),
            }),
            posts,
        }
    }
}

fn ticks(scale: &Scale, words: Words) -> Vec<ChartMark> {
    let mut ticks = Vec::new();
    let mut month = scale.start.first_of_month();
    while ticks.len() < TICKS_MAX && month <= scale.end {
        if month >= scale.start {
            ticks.push(ChartMark {
                left: scale.left(month),
                label: words.month(month),
                date: words.date(month),
            });
        }
        match month.last_of_month().tomorrow() {
            Ok(next) => month = next,
            Err(_) => break,
        }
    }
    if ticks.len() == TICKS_MAX {
        ticks.clear();
    }
    ticks
}

fn weeks(scale: &Scale) -> Vec<String> {
    let mut weeks = Vec::new();
    let offset = scale.start.weekday().until(Weekday::Monday);
    let mut monday = scale
        .start
        .checked_add(jiff::Span::new().days(i64::from(offset)))
        .ok();
    while let Some(day) = monday.filter(|d| *d <= scale.end) {
        if weeks.len() == WEEKS_MAX {
            return Vec::new();
        }
        weeks.push(scale.left(day));
        monday = day.checked_add(jiff::Span::new().days(7)).ok();
    }
    weeks
}
