//! The execution sheet (执行表): one row per creator and delivery, ready to
//! import into a shared table, as CSV (UTF-8 with a byte-order mark, which
//! Excel needs to read Chinese) or an `.xlsx` workbook.
//!
//! Built from the same `CampaignView` as `export --to json`, so the two
//! cannot disagree. A creator's fee stands on their first row only, so a
//! sum over the column is the campaign's fees.

use crate::model::{Format, Language, Role};

use super::{Amount, CampaignView};

/// The columns, in order.
const COLUMNS: usize = 14;

/// Column headers in a language.
pub fn headers(language: Language) -> [&'static str; COLUMNS] {
    match language {
        Language::En => [
            "Handle",
            "Xiaohongshu ID",
            "Role",
            "Goals",
            "Format",
            "Count",
            "Samples arrive",
            "Trial starts",
            "Draft due",
            "Post from",
            "Post to",
            "Fee",
            "Currency",
            "Brief",
        ],
        Language::Zh => [
            "达人",
            "小红书号",
            "角色",
            "目标",
            "形式",
            "篇数",
            "样品到货",
            "开始试用",
            "交稿截止",
            "发布开始",
            "发布截止",
            "费用",
            "币种",
            "Brief 文件",
        ],
    }
}

fn format_word(format: Format, language: Language) -> &'static str {
    match (language, format) {
        (Language::En, Format::Image) => "image",
        (Language::En, Format::Video) => "video",
        (Language::En, Format::Live) => "live",
        (Language::Zh, Format::Image) => "图文",
        (Language::Zh, Format::Video) => "视频",
        (Language::Zh, Format::Live) => "直播",
    }
}

/// A cell: text, or a number a spreadsheet can add up.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Number(f64),
    Empty,
}

impl Value {
    fn text(text: Option<&String>) -> Value {
        text.map_or(Value::Empty, |t| Value::Text(t.clone()))
    }

    /// As a CSV cell.
    pub fn to_text(&self) -> String {
        match self {
            Value::Text(text) => text.clone(),
            Value::Number(n) if n.fract() == 0.0 => format!("{}", *n as i64),
            Value::Number(n) => format!("{n}"),
            Value::Empty => String::new(),
        }
    }
}

/// The sheet's rows, without the header. `brief_language` names the brief
/// path (`briefs/zh/koc/amy_tries.md`); briefs are written to `briefs` by
/// default.
pub fn rows(campaign: &CampaignView, language: Language) -> Vec<[Value; COLUMNS]> {
    let brief_language = if campaign.languages.contains(&language) {
        language
    } else {
        campaign.languages.first().copied().unwrap_or(Language::En)
    };
    let mut rows = Vec::new();
    for creator in &campaign.creators {
        let role = match creator.role {
            Role::Kol => "KOL",
            Role::Koc => "KOC",
        };
        let brief = format!(
            "briefs/{}/{}/{}.md",
            match brief_language {
                Language::En => "en",
                Language::Zh => "zh",
            },
            creator.role.keyword(),
            crate::model::file_name::for_handle(&creator.handle)
        );
        for (index, delivery) in creator.deliveries.iter().enumerate() {
            let (fee, currency) = match (&creator.fee, index) {
                (Some(fee), 0) => (
                    Value::Number(match fee.amount {
                        Amount::Whole(n) => n as f64,
                        Amount::Decimal(n) => n,
                    }),
                    Value::Text(fee.currency.clone()),
                ),
                _ => (Value::Empty, Value::Empty),
            };
            rows.push([
                Value::Text(creator.handle.clone()),
                Value::text(creator.xhs_id.as_ref()),
                Value::Text(role.to_string()),
                Value::Text(creator.serves.join(", ")),
                Value::Text(format_word(delivery.format, language).to_string()),
                Value::Number(f64::from(delivery.count)),
                Value::text(creator.dates.samples_arrive.as_ref()),
                Value::text(creator.dates.trial_start.as_ref()),
                Value::text(creator.dates.draft_due.as_ref()),
                Value::text(delivery.from.as_ref()),
                Value::text(delivery.to.as_ref().or(delivery.from.as_ref())),
                fee,
                currency,
                Value::Text(brief.clone()),
            ]);
        }
    }
    rows
}

/// The sheet as CSV: a byte-order mark, the header, the rows.
pub fn to_csv(campaign: &CampaignView, language: Language) -> Result<Vec<u8>, String> {
    let mut writer = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    writer
        .write_record(headers(language))
        .map_err(|e| e.to_string())?;
    for row in rows(campaign, language) {
        writer
            .write_record(row.iter().map(Value::to_text))
            .map_err(|e| e.to_string())?;
    }
    writer.into_inner().map_err(|e| e.to_string())
}

/// The sheet as an `.xlsx` workbook: one sheet, a bold header, dates as
/// text in ISO form (they sort and import the same everywhere).
pub fn to_xlsx(campaign: &CampaignView, language: Language) -> Result<Vec<u8>, String> {
    use rust_xlsxwriter::{Format as CellFormat, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let name = match language {
        Language::En => "Execution",
        Language::Zh => "执行表",
    };
    sheet.set_name(name).map_err(|e| e.to_string())?;
    let bold = CellFormat::new().set_bold();
    for (column, header) in headers(language).iter().enumerate() {
        sheet
            .write_string_with_format(0, column as u16, *header, &bold)
            .map_err(|e| e.to_string())?;
    }
    for (index, row) in rows(campaign, language).iter().enumerate() {
        let at = index as u32 + 1;
        for (column, value) in row.iter().enumerate() {
            let column = column as u16;
            match value {
                Value::Text(text) => sheet.write_string(at, column, text),
                Value::Number(n) => sheet.write_number(at, column, *n),
                Value::Empty => continue,
            }
            .map_err(|e| e.to_string())?;
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(|e| e.to_string())?;
    book.save_to_buffer().map_err(|e| e.to_string())
}
