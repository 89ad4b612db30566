//! Rows the templates read one at a time. A roster of ten thousand made into
//! template values up front is tens of MiB alive while the overview renders;
//! made from the model only when a template asks for one, it is a list of
//! indexes. A row asked for twice is made twice.

use std::fmt;
use std::sync::Arc;

use minijinja::value::{Enumerator, Object, ObjectRepr};
use minijinja::Value;
use serde::Serialize;

use crate::model::{Campaign, Creator};

/// A sequence of rows that behaves as a list in any template (`length`,
/// `for` with `loop`, `selectattr`, indexing; empty is false).
pub(crate) struct LazyRows {
    len: usize,
    /// Row `i` as a template value, made when asked for.
    row: Box<dyn Fn(usize) -> Option<Value> + Send + Sync>,
}

impl LazyRows {
    /// Rows already made, as a template value: for the tests.
    #[cfg(test)]
    pub(crate) fn value<T>(rows: Vec<T>) -> Value
    where
        T: Serialize + Send + Sync + 'static,
    {
        Value::from_object(LazyRows {
            len: rows.len(),
            // Serialized on its own, a row is the same map as inside a list.
            row: Box::new(move |i| rows.get(i).map(Value::from_serialize)),
        })
    }

    /// A row for each of the campaign's creators `picks` names (indexes,
    /// in the order shown), made from the model by `row` when a template
    /// reads it: no more than the indexes is held.
    pub(crate) fn of_creators<T, F>(campaign: &Arc<Campaign>, picks: Vec<usize>, row: F) -> Value
    where
        T: Serialize,
        F: Fn(&Creator) -> T + Send + Sync + 'static,
    {
        let campaign = Arc::clone(campaign);
        Value::from_object(LazyRows {
            len: picks.len(),
            row: Box::new(move |i| {
                let creator = campaign.creators.get(*picks.get(i)?)?;
                Some(Value::from_serialize(row(creator)))
            }),
        })
    }
}

// Not derived: the rows are made on demand, and printing them all is no help.
impl fmt::Debug for LazyRows {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "LazyRows({})", self.len)
    }
}

impl Object for LazyRows {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Seq
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        (self.row)(key.as_usize()?)
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Seq(self.len)
    }
}

#[cfg(test)]
mod tests {
    use super::LazyRows;
    use minijinja::{context, Environment};
    use serde::Serialize;

    #[derive(Serialize)]
    struct Row {
        name: &'static str,
        due: Option<&'static str>,
    }

    fn rows() -> Vec<Row> {
        vec![
            Row {
                name: "@a",
                due: None,
            },
            Row {
                name: "@b",
                due: Some("5 Dec"),
            },
            Row {
                name: "@c",
                due: Some("9 Dec"),
            },
        ]
    }

    fn render(source: &str, rows: Vec<Row>) -> String {
        let env = Environment::new();
        env.render_str(source, context! { rows => LazyRows::value(rows) })
            .unwrap_or_else(|e| e.to_string())
    }

    #[test]
    fn lazy_rows_read_as_a_list() {
        let source = "{{ rows | length }}|\
            {% for r in rows %}{{ loop.index }}{{ r.name }}{% if not loop.last %},{% endif %}{% endfor %}|\
            {{ rows | selectattr('due') | map(attribute='name') | join(',') }}|\
            {{ rows | list | length }}|{{ (rows | first).name }}|{{ rows[2].due }}|\
            {{ rows[-1].name }}|{{ rows[1] }}|{% if rows %}yes{% endif %}|\
            {{ (rows + rows) | length }}";
        assert_eq!(
            render(source, rows()),
            "3|1@a,2@b,3@c|@b,@c|3|@a|9 Dec|@c|\
             {\"name\": \"@b\", \"due\": \"5 Dec\"}|yes|6"
        );
    }

    #[test]
    fn no_rows_are_false() {
        let source = "{% if rows %}some{% else %}none{% endif %}|{{ rows | length }}|\
            {% for r in rows %}{{ r }}{% else %}empty{% endfor %}|{{ rows | first is undefined }}";
        assert_eq!(render(source, Vec::new()), "none|0|empty|True");
    }
}
