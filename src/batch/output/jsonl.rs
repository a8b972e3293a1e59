//! JSON Lines output: one object per row, with the measure objects of `check --format json`.

use super::{Hire, Rows, Settings, TextRows};
use crate::engine::Outcome;
use crate::messages::Msg;
use crate::report::{MeasureReport, Totals};
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
struct Line<'a> {
    row: u64,
    name: Option<&'a str>,
    id: Option<&'a str>,
    error: Option<&'a str>,
    measures: &'a [MeasureReport],
    totals: Option<Totals>,
    pending_totals: Option<Totals>,
}

pub struct JsonlRows<'p> {
    out: Vec<u8>,
    settings: Settings<'p>,
}

impl<'p> JsonlRows<'p> {
    pub fn new(settings: Settings<'p>) -> JsonlRows<'p> {
        JsonlRows {
            out: Vec::new(),
            settings,
        }
    }

    fn write(&mut self, line: &Line) -> io::Result<()> {
        serde_json::to_writer(&mut self.out, line)?;
        self.out.write_all(b"\n")
    }
}

fn given(text: &str) -> Option<&str> {
    (!text.is_empty()).then_some(text)
}

impl Rows for JsonlRows<'_> {
    fn evaluated(
        &mut self,
        hire: &Hire,
        outcomes: &[Outcome],
        reports: &[MeasureReport],
    ) -> io::Result<()> {
        self.write(&Line {
            row: hire.row,
            name: given(hire.name),
            id: given(hire.id),
            error: None,
            measures: reports,
            totals: Some(Totals::of(self.settings.policy, outcomes)),
            pending_totals: Some(Totals::pending(self.settings.policy, outcomes)),
        })
    }

    fn failed(&mut self, hire: &Hire, error: &Msg) -> io::Result<()> {
        let error = error.render(self.settings.lang);
        self.write(&Line {
            row: hire.row,
            name: given(hire.name),
            id: given(hire.id),
            error: Some(&error),
            measures: &[],
            totals: None,
            pending_totals: None,
        })
    }
}

impl TextRows for JsonlRows<'_> {
    fn take(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.out)
    }
}
