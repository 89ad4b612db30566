//! Speed of the pipeline on a large roster: `cargo bench`.
//!
//! Targets: a spec of 10,000 creators (about 4 MB) checks, all rules on, in
//! well under a second in a release build, with cost linear in the file
//! (issues 2 and 3); its briefs in two languages render in a few seconds at
//! most (issue 4; rendering in memory, as writing depends on the disk). The figures are printed, not asserted: a timed
//! assertion would fail on a busy machine and prove nothing on a fast one.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use redbrief::render::{Briefs, RenderOptions};

/// A realistic campaign with `creators` creators: one KOL in five, the rest
/// KOCs, each with the fields a strategist fills in.
fn spec(creators: usize) -> String {
    let mut text = String::with_capacity(creators * 450);
    text.push_str(
        "campaign \"Mega seeding wave\" {\n  window    2026-12-01 to 2027-03-31\n  budget    100m MYR\n  languages en, zh\n\n  brand \"Lumière Skin\" {\n    category skincare\n    market   MY\n    voice    \"Warm, science-backed, never exaggerated\"\n    avoid    \"miracle\", \"cure\"\n  }\n\n  product \"Glow Serum 30ml\" {\n    price  189 MYR\n    claims \"Fragrance-free\"\n  }\n\n  goal launch {\n    stage discovery\n    kpi   reach >= 80m\n  }\n\n  goal trust {\n    stage validation\n    kpi   saves >= 400k\n    kpi   comments >= 150k\n  }\n",
    );
    for i in 0..creators {
        let kol = i % 5 == 0;
        let day = 2 + (i % 27);
        let _ = write!(
            text,
            "\n  {role} @creator_{i}.{tag} {{\n    followers  {followers}\n    niche      skincare, lifestyle\n    engagement {engagement}.{decimal}%\n    audience   \"Women 22-35, city {city}\"\n    serves     {goal}\n    deliver    {format} x1 on 2027-01-{day:02}\n    fee        {fee} MYR\n    angle      \"Angle number {i}: a routine in {city}\"\n    keywords   \"serum review {i}\", \"routine {city}\"\n",
            role = if kol { "kol" } else { "koc" },
            tag = if i % 7 == 0 { "小鹿" } else { "glow" },
            followers = if kol { 120_000 + i } else { 1_000 + i % 9_000 },
            engagement = 2 + i % 9,
            decimal = i % 10,
            city = i % 97,
            goal = if kol { "launch" } else { "trust" },
            format = if kol { "video" } else { "image" },
            day = if kol { 2 } else { day.max(3) },
            fee = if kol { 3000 } else { 400 + i % 300 },
        );
        if kol {
            let _ = writeln!(text, "    visual     \"Soft evening light, frame {i}\"");
        } else {
            let _ = writeln!(
                text,
                "    trial      14d\n    prompts    \"Would you repurchase it, {i}?\", \"What changed by day 14?\""
            );
        }
        text.push_str("  }\n");
    }
    text.push_str("}\n");
    text
}

/// The median of `runs` timings of `work`.
fn median(runs: usize, mut work: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            work();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

fn main() {
    for creators in [1_000, 10_000] {
        let text = spec(creators);
        let megabytes = text.len() as f64 / 1_000_000.0;
        let mut errors = 0;
        let took = median(7, || {
            let checked = redbrief::check("bench.campaign", text.clone().into_bytes());
            errors = checked.findings.iter().filter(|f| f.is_error()).count();
        });
        println!(
            "check  {creators:>6} creators  {megabytes:5.2} MB  {:>8.1} ms  ({:.0} MB/s, {errors} errors)",
            took.as_secs_f64() * 1000.0,
            megabytes / took.as_secs_f64()
        );

        let checked = redbrief::check("bench.campaign", text.clone().into_bytes());
        let briefs = match Briefs::new(&RenderOptions::default()) {
            Ok(briefs) => briefs,
            Err(error) => return eprintln!("templates: {error}"),
        };
        let mut files = 0;
        let took = median(3, || match briefs.render(&checked) {
            Ok(rendered) => files = rendered.len(),
            Err(error) => eprintln!("render: {error}"),
        });
        println!(
            "render {creators:>6} creators  {files:>6} files (en, zh)  {:>8.1} ms",
            took.as_secs_f64() * 1000.0
        );
    }
}
