//! The tidy tables as one Excel workbook (the `xlsx` feature): a sheet per table and the
//! keys × plans matrix of canonical targets, each with its header row frozen, filters on,
//! and numbers as typed number cells.

use rust_xlsxwriter::{
    CustomSerializeField, Format, SerializeFieldOptions, Workbook, Worksheet, XlsxError,
};
use serde::Serialize;

use super::tidy::{Table, TidyTables};
use crate::error::Error;

/// The name of the matrix's sheet.
pub(crate) const MATRIX: &str = "matrix";

/// Percent cells (shares, rates) and ratio cells (two decimals), by column; every other
/// number is General, which shows it as written.
const PERCENT: &str = "0.0%";
const RATIO: &str = "0.00";

fn formats(table: Table) -> &'static [(&'static str, &'static str)] {
    match table {
        Table::Comparisons => &[
            ("target_ratio", RATIO),
            ("child_growth", RATIO),
            ("parent_growth", RATIO),
            ("child_annual_rate", PERCENT),
            ("parent_annual_rate", PERCENT),
        ],
        Table::Reuse => &[("similarity", PERCENT)],
        Table::Lineage => &[("share", PERCENT)],
        _ => &[],
    }
}

/// Columns are fitted to their text up to this many characters wide (passages of text
/// are longer).
const MAX_WIDTH: u32 = 60;

impl TidyTables {
    /// The tables as an Excel workbook (`.xlsx` bytes): one sheet per [`Table`], named by
    /// [`Table::name`], then a `matrix` sheet of keys × plans holding each plan's target
    /// in the key's canonical unit ([`TidyTables::target_matrix`]). Every sheet has its
    /// header row frozen and filters on; numbers are number cells, missing values blank.
    ///
    /// ```
    /// # use planalign::compare::Comparer;
    /// # let corpus = planalign::corpus::guangdong()?;
    /// # let comparer = Comparer::default();
    /// let tables = planalign::report::corpus_report(&comparer, &corpus)?.tidy(&comparer, &corpus);
    /// let bytes = tables.xlsx()?;
    /// assert!(bytes.starts_with(b"PK")); // a zip archive, as every .xlsx is
    /// # Ok::<(), planalign::Error>(())
    /// ```
    pub fn xlsx(&self) -> Result<Vec<u8>, Error> {
        self.workbook()
            .map_err(|e| Error::write("the Excel workbook", e))
    }

    fn workbook(&self) -> Result<Vec<u8>, XlsxError> {
        let mut wb = Workbook::new();
        for table in Table::ALL {
            let ws = wb.add_worksheet();
            ws.set_name(table.name())?;
            match table {
                Table::Indicators => sheet(ws, table, &self.indicators)?,
                Table::Comparisons => sheet(ws, table, &self.comparisons)?,
                Table::Attainment => sheet(ws, table, &self.attainment)?,
                Table::Reuse => sheet(ws, table, &self.reuse)?,
                Table::Lineage => sheet(ws, table, &self.lineage)?,
            }
        }
        self.matrix_sheet(wb.add_worksheet())?;
        wb.save_to_buffer()
    }

    fn matrix_sheet(&self, ws: &mut Worksheet) -> Result<(), XlsxError> {
        ws.set_name(MATRIX)?;
        let bold = Format::new().set_bold();
        let head = ["key", "name", "canonical_unit"];
        for (col, h) in head.iter().enumerate() {
            ws.write_string_with_format(0, col as u16, *h, &bold)?;
        }
        let first = head.len() as u16;
        for (k, plan) in self.matrix_plans().iter().enumerate() {
            ws.write_string_with_format(0, first + k as u16, plan, &bold)?;
        }
        let rows = self.target_matrix();
        for (r, row) in rows.iter().enumerate() {
            let r = r as u32 + 1;
            ws.write_string(r, 0, &row.key)?;
            ws.write_string(r, 1, &row.name)?;
            if let Some(u) = &row.canonical_unit {
                ws.write_string(r, 2, u)?;
            }
            for (k, t) in row.targets.iter().enumerate() {
                if let Some(t) = t {
                    ws.write_number(r, first + k as u16, *t)?;
                }
            }
        }
        let last_col = (first as usize + self.matrix_plans().len()).saturating_sub(1) as u16;
        finish(ws, rows.len(), last_col)
    }
}

/// One table's sheet: the header from serde's field names, then a row per record.
fn sheet<T: Serialize + Default>(
    ws: &mut Worksheet,
    table: Table,
    records: &[T],
) -> Result<(), XlsxError> {
    let custom: Vec<CustomSerializeField> = formats(table)
        .iter()
        .map(|(col, f)| {
            CustomSerializeField::new(*col).set_value_format(Format::new().set_num_format(*f))
        })
        .collect();
    let options = SerializeFieldOptions::new()
        .set_header_format(Format::new().set_bold())
        .set_custom_headers(&custom);
    ws.serialize_headers_with_options(0, 0, &T::default(), &options)?;
    for r in records {
        ws.serialize(r)?;
    }
    let columns = match serde_json::to_value(T::default()) {
        Ok(serde_json::Value::Object(m)) => m.len(),
        _ => 1,
    };
    finish(ws, records.len(), columns.saturating_sub(1) as u16)
}

/// The header frozen, filters over every column, columns fitted to their text.
fn finish(ws: &mut Worksheet, rows: usize, last_col: u16) -> Result<(), XlsxError> {
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, rows as u32, last_col)?;
    ws.set_autofit_max_width(MAX_WIDTH * 7).autofit();
    Ok(())
}
