//! Tables: a table block of the .docx reader, and the rows a text export writes as
//! tab-separated lines (two or more in a row make a table).

use super::classify::Builder;
use super::normalize::squash;
use super::tree::Entry;

impl Builder {
    pub(super) fn table(&mut self, rows: Vec<Vec<String>>) {
        self.flush_rows();
        self.push_table(
            rows.into_iter()
                .map(|r| r.iter().map(|c| squash(c)).collect())
                .collect(),
        );
    }

    pub(super) fn push_table(&mut self, rows: Vec<Vec<String>>) {
        self.item_kinds.clear();
        self.entries.push(Entry::Table(rows));
    }

    /// Tab-separated lines of a text export: two or more in a row are a table (POI writes a
    /// row per line, cells joined by tabs; a cell of two paragraphs adds a cell, so widths
    /// may differ); a lone one is text.
    pub(super) fn flush_rows(&mut self) {
        let rows = std::mem::take(&mut self.rows);
        if rows.len() >= 2 {
            self.push_table(rows.into_iter().map(|(_, cells)| cells).collect());
        } else {
            for (para, _) in rows {
                let skip = para.text.len() - para.text.trim_start_matches(['\t', ' ']).len();
                self.text(&para, skip, None);
            }
        }
    }
}

/// Cells of a tab-separated line with no label, `None` when there is no inner tab.
pub(super) fn table_row(body: &str) -> Option<Vec<String>> {
    let t = body.trim_end_matches(['\t', ' ', '\n']);
    if !t.contains('\t') {
        return None;
    }
    Some(t.split('\t').map(squash).collect())
}
