//! Analytics rows as columns: for each table, one Python list per column (in the CLI's column
//! order), built from the Rust rows with no JSON in between. The Python half hands them to
//! pyarrow (`pa.table` with the table's schema), so an Arrow table costs one pass over the
//! values and no row dicts.
//!
//! A row is a struct whose fields (flattened document and section columns included) come in
//! the same order in every row; each field's value becomes the Python object `json.loads`
//! would give for it (see [`crate::pyser`]), appended to its column.

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use serde::ser::{self, Impossible, Serialize};

use treatydoc::writers::rows::{Rows, Table};

use crate::pyser::{Error, Keys, Ser};

type Result<T> = std::result::Result<T, Error>;

/// The columns of one table being filled.
pub(crate) struct Columns<'py> {
    /// Column names, known after the first row (the CLI's order).
    names: Vec<String>,
    values: Vec<Vec<Bound<'py, PyAny>>>,
    rows: usize,
}

impl<'py> Columns<'py> {
    pub(crate) fn new() -> Self {
        Columns {
            names: Vec::new(),
            values: Vec::new(),
            rows: 0,
        }
    }

    /// Appends one row.
    pub(crate) fn push<T: Serialize>(
        &mut self,
        py: Python<'py>,
        keys: &mut Keys,
        row: &T,
    ) -> PyResult<()> {
        let first = self.rows == 0;
        row.serialize(RowSer {
            py,
            keys,
            cols: self,
            at: 0,
            first,
        })?;
        self.rows += 1;
        Ok(())
    }

    /// `{column: [value, ...]}` in column order; `None` when no row was pushed (the names
    /// come from the rows).
    pub(crate) fn into_dict(self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDict>>> {
        if self.rows == 0 {
            return Ok(None);
        }
        let d = PyDict::new(py);
        for (name, vals) in self.names.iter().zip(self.values) {
            d.set_item(name, PyList::new(py, vals)?)?;
        }
        Ok(Some(d))
    }
}

/// Every table of one or more documents, filled in [`Table::ALL`] order.
pub(crate) struct TableColumns<'py> {
    tables: Vec<Columns<'py>>,
}

impl<'py> TableColumns<'py> {
    pub(crate) fn new() -> Self {
        TableColumns {
            tables: Table::ALL.iter().map(|_| Columns::new()).collect(),
        }
    }

    /// Appends the rows of one document to every table (or to `only`).
    pub(crate) fn extend(
        &mut self,
        py: Python<'py>,
        keys: &mut Keys,
        rows: &Rows,
        only: Option<Table>,
    ) -> PyResult<()> {
        for (t, cols) in Table::ALL.into_iter().zip(self.tables.iter_mut()) {
            if only.is_some_and(|o| o != t) {
                continue;
            }
            match t {
                Table::Documents => cols.push(py, keys, &rows.document)?,
                Table::Headings => push_all(cols, py, keys, &rows.headings)?,
                Table::Paragraphs => push_all(cols, py, keys, &rows.paragraphs)?,
                Table::Items => push_all(cols, py, keys, &rows.items)?,
                Table::Footnotes => push_all(cols, py, keys, &rows.footnotes)?,
                Table::Refs => push_all(cols, py, keys, &rows.refs)?,
                Table::Warnings => push_all(cols, py, keys, &rows.warnings)?,
            }
        }
        Ok(())
    }

    /// `{table: {column: [value, ...]} or None}` (`None` for a table without rows: the
    /// Python half makes its empty table from the schema), every table or `only`.
    pub(crate) fn into_dict(
        self,
        py: Python<'py>,
        only: Option<Table>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for (t, cols) in Table::ALL.into_iter().zip(self.tables) {
            if only.is_some_and(|o| o != t) {
                continue;
            }
            d.set_item(t.name(), cols.into_dict(py)?)?;
        }
        Ok(d)
    }
}

fn push_all<'py, T: Serialize>(
    cols: &mut Columns<'py>,
    py: Python<'py>,
    keys: &mut Keys,
    rows: &[T],
) -> PyResult<()> {
    for r in rows {
        cols.push(py, keys, r)?;
    }
    Ok(())
}

fn not_a_row() -> Error {
    Error::from(PyRuntimeError::new_err(
        "treatydoc bug: a row is not a struct of columns",
    ))
}

/// Serializes one row into its columns.
struct RowSer<'py, 'a, 'k> {
    py: Python<'py>,
    keys: &'k mut Keys,
    cols: &'a mut Columns<'py>,
    /// The next column.
    at: usize,
    /// Whether this is the table's first row (which names the columns).
    first: bool,
}

impl<'py> RowSer<'py, '_, '_> {
    /// Appends `value` to the column named `name`, the next one.
    fn cell<T: ?Sized + Serialize>(&mut self, name: &str, value: &T) -> Result<()> {
        let v = value.serialize(Ser {
            py: self.py,
            keys: self.keys,
        })?;
        if self.first {
            self.cols.names.push(name.to_string());
            self.cols.values.push(Vec::new());
        } else if self.cols.names.get(self.at).map(String::as_str) != Some(name) {
            // Every row of a table has the same columns in the same order.
            return Err(not_a_row());
        }
        match self.cols.values.get_mut(self.at) {
            Some(col) => col.push(v),
            None => return Err(not_a_row()),
        }
        self.at += 1;
        Ok(())
    }

    fn done(self) -> Result<()> {
        if self.at == self.cols.names.len() {
            Ok(())
        } else {
            Err(not_a_row())
        }
    }
}

impl<'py, 'a, 'k> ser::Serializer for RowSer<'py, 'a, 'k> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Impossible<(), Error>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = RowMap<'py, 'a, 'k>;
    type SerializeStruct = RowMap<'py, 'a, 'k>;
    type SerializeStructVariant = Impossible<(), Error>;

    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap> {
        Ok(RowMap {
            row: self,
            key: None,
        })
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeStruct> {
        self.serialize_map(None)
    }

    fn serialize_bool(self, _v: bool) -> Result<()> {
        Err(not_a_row())
    }
    fn serialize_i8(self, _v: i8) -> Result<()> {
        Err(not_a_row())
    }
    fn serialize_i16(self, _v: i16) -> Result<()> {
        Err(not_a_row())
    }
    fn serialize_i32(self, _v: i32) -> Result<()> {
        Err(not_a_row())
    }
    fn serialize_i64(self, _v: i64) -> Result<()> {
        Err(not_a_row())
    }
    fn serialize_u8(self, _v: u8) -> Result<()> {
        Err(not_a_row())
    }
    fn serialize_u16(self, _v: u16) -> Result<()> {
        Err(not_a_row())
    }
    fn serialize_u32(self, _v: u32) -> Result<()> {
        Err(not_a_row())
    }
    fn serialize_u64(self, _v: u64) -> Result<()> {
        Err(not_a_row())
    }
    fn serialize_f32(self, _v: f32) -> Result<()> {
        Err(not_a_row())
    }
    fn serialize_f64(self, _v: f64) -> Result<()> {
        Err(not_a_row())
    }
    fn serialize_char(self, _v: char) -> Result<()> {
        Err(not_a_row())
    }
    fn serialize_str(self, _v: &str) -> Result<()> {
        Err(not_a_row())
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result<()> {
        Err(not_a_row())
    }
    fn serialize_none(self) -> Result<()> {
        Err(not_a_row())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, _value: &T) -> Result<()> {
        Err(not_a_row())
    }
    fn serialize_unit(self) -> Result<()> {
        Err(not_a_row())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<()> {
        Err(not_a_row())
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
    ) -> Result<()> {
        Err(not_a_row())
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<()> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<()> {
        Err(not_a_row())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq> {
        Err(not_a_row())
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple> {
        Err(not_a_row())
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        Err(not_a_row())
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Err(not_a_row())
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant> {
        Err(not_a_row())
    }
}

/// The fields of one row (a struct, or the map serde makes of a struct with flattened
/// fields).
struct RowMap<'py, 'a, 'k> {
    row: RowSer<'py, 'a, 'k>,
    /// The key of `serialize_key`, waiting for its value.
    key: Option<String>,
}

impl ser::SerializeMap for RowMap<'_, '_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<()> {
        self.key = Some(key.serialize(KeyText)?);
        Ok(())
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
        let k = self.key.take().ok_or_else(not_a_row)?;
        self.row.cell(&k, value)
    }
    fn end(self) -> Result<()> {
        self.row.done()
    }
}

impl ser::SerializeStruct for RowMap<'_, '_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<()> {
        self.row.cell(key, value)
    }
    fn end(self) -> Result<()> {
        self.row.done()
    }
}

/// A column name (a string map key) as text.
struct KeyText;

impl ser::Serializer for KeyText {
    type Ok = String;
    type Error = Error;
    type SerializeSeq = Impossible<String, Error>;
    type SerializeTuple = Impossible<String, Error>;
    type SerializeTupleStruct = Impossible<String, Error>;
    type SerializeTupleVariant = Impossible<String, Error>;
    type SerializeMap = Impossible<String, Error>;
    type SerializeStruct = Impossible<String, Error>;
    type SerializeStructVariant = Impossible<String, Error>;

    fn serialize_str(self, v: &str) -> Result<String> {
        Ok(v.to_string())
    }
    fn serialize_bool(self, _v: bool) -> Result<String> {
        Err(not_a_row())
    }
    fn serialize_i8(self, _v: i8) -> Result<String> {
        Err(not_a_row())
    }
    fn serialize_i16(self, _v: i16) -> Result<String> {
        Err(not_a_row())
    }
    fn serialize_i32(self, _v: i32) -> Result<String> {
        Err(not_a_row())
    }
    fn serialize_i64(self, _v: i64) -> Result<String> {
        Err(not_a_row())
    }
    fn serialize_u8(self, _v: u8) -> Result<String> {
        Err(not_a_row())
    }
    fn serialize_u16(self, _v: u16) -> Result<String> {
        Err(not_a_row())
    }
    fn serialize_u32(self, _v: u32) -> Result<String> {
        Err(not_a_row())
    }
    fn serialize_u64(self, _v: u64) -> Result<String> {
        Err(not_a_row())
    }
    fn serialize_f32(self, _v: f32) -> Result<String> {
        Err(not_a_row())
    }
    fn serialize_f64(self, _v: f64) -> Result<String> {
        Err(not_a_row())
    }
    fn serialize_char(self, _v: char) -> Result<String> {
        Err(not_a_row())
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result<String> {
        Err(not_a_row())
    }
    fn serialize_none(self) -> Result<String> {
        Err(not_a_row())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, _value: &T) -> Result<String> {
        Err(not_a_row())
    }
    fn serialize_unit(self) -> Result<String> {
        Err(not_a_row())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<String> {
        Err(not_a_row())
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
    ) -> Result<String> {
        Err(not_a_row())
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        _value: &T,
    ) -> Result<String> {
        Err(not_a_row())
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<String> {
        Err(not_a_row())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq> {
        Err(not_a_row())
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple> {
        Err(not_a_row())
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        Err(not_a_row())
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Err(not_a_row())
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap> {
        Err(not_a_row())
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeStruct> {
        Err(not_a_row())
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant> {
        Err(not_a_row())
    }
}
