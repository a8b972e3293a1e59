//! JSON Lines output: one object per row, with the measure objects of `check --format json`.

use super::{Hire, Settings, Sink};
use crate::batch::summary::Summary;
use crate::engine::Outcome;
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
}

pub struct JsonlSink<'p> {
    out: Box<dyn Write>,
    settings: Settings<'p>,
}

impl<'p> JsonlSink<'p> {
    pub fn new(out: Box<dyn Write>, settings: Settings<'p>) -> JsonlSink<'p> {
        JsonlSink { out, settings }
    }

    fn write(&mut self, line: &Line) -> io::Result<()> {
        serde_json::to_writer(&mut self.out, line)?;
        self.out.write_all(b"\n")
    }
}

fn given(text: &str) -> Option<&str> {
    (!text.is_empty()).then_some(text)
}

impl Sink for JsonlSink<'_> {
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
        })
    }

    fn failed(&mut self, hire: &Hire, error: &str) -> io::Result<()> {
        self.write(&Line {
            row: hire.row,
            name: given(hire.name),
            id: given(hire.id),
            error: Some(error),
            measures: &[],
            totals: None,
        })
    }

    fn finish(mut self: Box<Self>, _: &Summary) -> io::Result<()> {
        self.out.flush()
    }
}
