//! Analytics rows as Arrow columns built in Rust: for each column, its Arrow buffers
//! (validity bitmap, offsets, values) in the Arrow columnar format, made on the worker
//! threads without the GIL and handed to pyarrow as `bytes` (`pa.Array.from_buffers`, which
//! wraps them without converting value by value). No arrow crate and no `unsafe`: the
//! buffers are plain byte vectors laid out as the format says.
//!
//! The column types come from Python (`treatydoc.arrow_schema`, derived from the tables'
//! JSON Schemas) as kind names; a value that does not fit its column's kind is an error,
//! never a silent null.

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyTuple};
use serde::ser::{self, Impossible, Serialize};

use treatydoc::writers::rows::{Rows, Table};

/// Why a row could not be laid out (a bug: the kinds come from the same schema as the rows).
#[derive(Debug)]
pub(crate) struct LayoutError(String);

impl std::fmt::Display for LayoutError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for LayoutError {}

impl ser::Error for LayoutError {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        LayoutError(msg.to_string())
    }
}

type Result<T> = std::result::Result<T, LayoutError>;

fn mismatch(what: &str) -> LayoutError {
    LayoutError(format!("a {what} does not fit its Arrow column"))
}

/// The Arrow type of a column, as `treatydoc.arrow_schema` names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Kind {
    Utf8,
    Bool,
    /// An integer `bytes` wide, signed or not.
    Int {
        bytes: u8,
        signed: bool,
    },
    List(Box<Kind>),
}

impl Kind {
    /// Parses `utf8`, `bool`, `u8`..`u64`, `i8`..`i64` or `list:KIND`.
    pub(crate) fn parse(name: &str) -> Option<Kind> {
        if let Some(item) = name.strip_prefix("list:") {
            return Kind::parse(item).map(|k| Kind::List(Box::new(k)));
        }
        let int = |bytes, signed| Some(Kind::Int { bytes, signed });
        match name {
            "utf8" => Some(Kind::Utf8),
            "bool" => Some(Kind::Bool),
            "u8" => int(1, false),
            "u16" => int(2, false),
            "u32" => int(4, false),
            "u64" => int(8, false),
            "i8" => int(1, true),
            "i16" => int(2, true),
            "i32" => int(4, true),
            "i64" => int(8, true),
            _ => None,
        }
    }
}

/// The columns of one table: names and kinds, in the CLI's order.
pub(crate) type Layout = Vec<(String, Kind)>;

/// A bitmap, least significant bit first, as Arrow's validity and boolean buffers are.
#[derive(Default)]
struct Bits {
    bytes: Vec<u8>,
    len: usize,
    zeros: usize,
}

impl Bits {
    fn push(&mut self, bit: bool) {
        if self.len.is_multiple_of(8) {
            self.bytes.push(0);
        }
        if bit {
            if let Some(last) = self.bytes.last_mut() {
                *last |= 1 << (self.len % 8);
            }
        } else {
            self.zeros += 1;
        }
        self.len += 1;
    }
}

/// One column being filled.
enum Builder {
    Utf8 {
        valid: Bits,
        offsets: Vec<i32>,
        data: Vec<u8>,
    },
    Bool {
        valid: Bits,
        values: Bits,
    },
    Int {
        valid: Bits,
        bytes: u8,
        signed: bool,
        data: Vec<u8>,
    },
    List {
        valid: Bits,
        offsets: Vec<i32>,
        child: Box<Builder>,
    },
}

/// The length of a variable-size buffer as an Arrow (32-bit) offset.
fn offset(len: usize) -> Result<i32> {
    i32::try_from(len)
        .map_err(|_| LayoutError("a column exceeds 2 GiB: use fewer documents per table".into()))
}

impl Builder {
    fn new(kind: &Kind) -> Builder {
        match kind {
            Kind::Utf8 => Builder::Utf8 {
                valid: Bits::default(),
                offsets: vec![0],
                data: Vec::new(),
            },
            Kind::Bool => Builder::Bool {
                valid: Bits::default(),
                values: Bits::default(),
            },
            Kind::Int { bytes, signed } => Builder::Int {
                valid: Bits::default(),
                bytes: *bytes,
                signed: *signed,
                data: Vec::new(),
            },
            Kind::List(item) => Builder::List {
                valid: Bits::default(),
                offsets: vec![0],
                child: Box::new(Builder::new(item)),
            },
        }
    }

    fn push_null(&mut self) -> Result<()> {
        match self {
            Builder::Utf8 {
                valid,
                offsets,
                data,
            } => {
                valid.push(false);
                offsets.push(offset(data.len())?);
            }
            Builder::Bool { valid, values } => {
                valid.push(false);
                values.push(false);
            }
            Builder::Int {
                valid, bytes, data, ..
            } => {
                valid.push(false);
                data.extend(std::iter::repeat_n(0, usize::from(*bytes)));
            }
            Builder::List {
                valid,
                offsets,
                child,
            } => {
                valid.push(false);
                offsets.push(offset(child.len())?);
            }
        }
        Ok(())
    }

    fn len(&self) -> usize {
        match self {
            Builder::Utf8 { valid, .. }
            | Builder::Bool { valid, .. }
            | Builder::Int { valid, .. }
            | Builder::List { valid, .. } => valid.len,
        }
    }

    fn push_str(&mut self, v: &str) -> Result<()> {
        match self {
            Builder::Utf8 {
                valid,
                offsets,
                data,
            } => {
                data.extend_from_slice(v.as_bytes());
                offsets.push(offset(data.len())?);
                valid.push(true);
                Ok(())
            }
            _ => Err(mismatch("string")),
        }
    }

    fn push_int(&mut self, v: i128) -> Result<()> {
        match self {
            Builder::Int {
                valid,
                bytes,
                signed,
                data,
            } => {
                let bits = u32::from(*bytes) * 8;
                let (lo, hi) = if *signed {
                    (-(1i128 << (bits - 1)), (1i128 << (bits - 1)) - 1)
                } else {
                    (0, (1i128 << bits) - 1)
                };
                if v < lo || v > hi {
                    return Err(mismatch("number out of range"));
                }
                // Little endian, as Arrow (and every platform pyarrow supports) lays it out.
                let le = v.to_le_bytes();
                data.extend(le.iter().take(usize::from(*bytes)));
                valid.push(true);
                Ok(())
            }
            _ => Err(mismatch("number")),
        }
    }

    fn push_bool(&mut self, v: bool) -> Result<()> {
        match self {
            Builder::Bool { valid, values } => {
                values.push(v);
                valid.push(true);
                Ok(())
            }
            _ => Err(mismatch("boolean")),
        }
    }

    /// The column for Python: `(length, null count, validity or None, buffers...)`, a list
    /// column ending with its items' tuple.
    fn into_py<'py>(self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let validity = |v: &Bits| {
            if v.zeros == 0 {
                py.None().into_bound(py)
            } else {
                PyBytes::new(py, &v.bytes).into_any()
            }
        };
        let i32s = |o: &[i32]| {
            let mut b = Vec::with_capacity(o.len() * 4);
            for x in o {
                b.extend_from_slice(&x.to_le_bytes());
            }
            PyBytes::new(py, &b)
        };
        match self {
            Builder::Utf8 {
                valid,
                offsets,
                data,
            } => (
                valid.len,
                valid.zeros,
                validity(&valid),
                i32s(&offsets),
                PyBytes::new(py, &data),
            )
                .into_pyobject(py),
            Builder::Bool { valid, values } => (
                valid.len,
                valid.zeros,
                validity(&valid),
                PyBytes::new(py, &values.bytes),
            )
                .into_pyobject(py),
            Builder::Int { valid, data, .. } => (
                valid.len,
                valid.zeros,
                validity(&valid),
                PyBytes::new(py, &data),
            )
                .into_pyobject(py),
            Builder::List {
                valid,
                offsets,
                child,
            } => (
                valid.len,
                valid.zeros,
                validity(&valid),
                i32s(&offsets),
                child.into_py(py)?,
            )
                .into_pyobject(py),
        }
    }
}

/// The columns of one table being filled.
struct TableBuilder {
    names: Vec<String>,
    cols: Vec<Builder>,
    rows: usize,
}

impl TableBuilder {
    fn new(layout: &Layout) -> TableBuilder {
        TableBuilder {
            names: layout.iter().map(|(n, _)| n.clone()).collect(),
            cols: layout.iter().map(|(_, k)| Builder::new(k)).collect(),
            rows: 0,
        }
    }

    fn push<T: Serialize>(&mut self, row: &T) -> Result<()> {
        row.serialize(RowSer { table: self, at: 0 })?;
        self.rows += 1;
        Ok(())
    }
}

/// The Arrow columns of every table (or of one) of some documents, built without the GIL.
pub(crate) struct ArrowTables {
    tables: Vec<(Table, TableBuilder)>,
}

impl ArrowTables {
    /// Empty columns for the tables of `layouts` (`(table, layout)`, in [`Table::ALL`] order).
    pub(crate) fn new(layouts: &[(Table, Layout)]) -> ArrowTables {
        ArrowTables {
            tables: layouts
                .iter()
                .map(|(t, l)| (*t, TableBuilder::new(l)))
                .collect(),
        }
    }

    /// Appends one document's rows.
    pub(crate) fn extend(&mut self, rows: &Rows) -> Result<()> {
        for (t, b) in &mut self.tables {
            match t {
                Table::Documents => b.push(&rows.document)?,
                Table::Headings => rows.headings.iter().try_for_each(|r| b.push(r))?,
                Table::Paragraphs => rows.paragraphs.iter().try_for_each(|r| b.push(r))?,
                Table::Items => rows.items.iter().try_for_each(|r| b.push(r))?,
                Table::Footnotes => rows.footnotes.iter().try_for_each(|r| b.push(r))?,
                Table::Refs => rows.refs.iter().try_for_each(|r| b.push(r))?,
                Table::Warnings => rows.warnings.iter().try_for_each(|r| b.push(r))?,
            }
        }
        Ok(())
    }

    /// `{table: [column tuple, ...] or None}` (`None`: no rows; see [`Builder::into_py`]).
    pub(crate) fn into_py<'py>(self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for (t, b) in self.tables {
            if b.rows == 0 {
                d.set_item(t.name(), py.None())?;
                continue;
            }
            let cols = b
                .cols
                .into_iter()
                .map(|c| c.into_py(py))
                .collect::<PyResult<Vec<_>>>()?;
            d.set_item(t.name(), cols)?;
        }
        Ok(d)
    }
}

/// The layouts Python gives (`{table: [(column, kind), ...]}`), for the tables asked for.
pub(crate) fn layouts(
    spec: &Bound<'_, PyDict>,
    only: Option<Table>,
) -> PyResult<Vec<(Table, Layout)>> {
    let mut out = Vec::new();
    for t in Table::ALL {
        if only.is_some_and(|o| o != t) {
            continue;
        }
        let cols: Vec<(String, String)> = spec
            .get_item(t.name())?
            .ok_or_else(|| {
                pyo3::exceptions::PyValueError::new_err(format!("no Arrow layout for {}", t.name()))
            })?
            .extract()?;
        let layout = cols
            .into_iter()
            .map(|(name, kind)| {
                let k = Kind::parse(&kind).ok_or_else(|| {
                    pyo3::exceptions::PyValueError::new_err(format!("unknown Arrow kind {kind:?}"))
                })?;
                Ok((name, k))
            })
            .collect::<PyResult<Layout>>()?;
        out.push((t, layout));
    }
    Ok(out)
}

/// Serializes one row into its table's columns.
struct RowSer<'a> {
    table: &'a mut TableBuilder,
    at: usize,
}

impl RowSer<'_> {
    fn cell<T: ?Sized + Serialize>(&mut self, name: &str, value: &T) -> Result<()> {
        if self.table.names.get(self.at).map(String::as_str) != Some(name) {
            return Err(LayoutError(format!(
                "column {name:?} is not where the Arrow schema has it"
            )));
        }
        let col = self
            .table
            .cols
            .get_mut(self.at)
            .ok_or_else(|| LayoutError("more columns than the Arrow schema".into()))?;
        value.serialize(CellSer(col))?;
        self.at += 1;
        Ok(())
    }
}

macro_rules! not_a_row {
    ($($f:ident($($t:ty),*)),*) => {
        $(fn $f(self, $(_: $t),*) -> Result<()> { Err(mismatch("row that is not a struct")) })*
    };
}

impl<'a> ser::Serializer for RowSer<'a> {
    type Ok = ();
    type Error = LayoutError;
    type SerializeSeq = Impossible<(), LayoutError>;
    type SerializeTuple = Impossible<(), LayoutError>;
    type SerializeTupleStruct = Impossible<(), LayoutError>;
    type SerializeTupleVariant = Impossible<(), LayoutError>;
    type SerializeMap = RowMap<'a>;
    type SerializeStruct = RowMap<'a>;
    type SerializeStructVariant = Impossible<(), LayoutError>;

    fn serialize_map(self, _len: Option<usize>) -> Result<RowMap<'a>> {
        Ok(RowMap {
            row: self,
            key: None,
        })
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<RowMap<'a>> {
        self.serialize_map(None)
    }
    not_a_row!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_char(char),
        serialize_str(&str),
        serialize_bytes(&[u8]),
        serialize_none(),
        serialize_unit(),
        serialize_unit_struct(&'static str),
        serialize_unit_variant(&'static str, u32, &'static str)
    );
    fn serialize_some<T: ?Sized + Serialize>(self, _value: &T) -> Result<()> {
        Err(mismatch("row that is not a struct"))
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
        Err(mismatch("row that is not a struct"))
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq> {
        Err(mismatch("row that is not a struct"))
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple> {
        Err(mismatch("row that is not a struct"))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        Err(mismatch("row that is not a struct"))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Err(mismatch("row that is not a struct"))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant> {
        Err(mismatch("row that is not a struct"))
    }
}

/// The fields of one row (a struct, or the map serde makes of one with flattened fields).
struct RowMap<'a> {
    row: RowSer<'a>,
    key: Option<String>,
}

impl RowMap<'_> {
    fn done(self) -> Result<()> {
        if self.row.at == self.row.table.cols.len() {
            Ok(())
        } else {
            Err(LayoutError("fewer columns than the Arrow schema".into()))
        }
    }
}

impl ser::SerializeMap for RowMap<'_> {
    type Ok = ();
    type Error = LayoutError;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<()> {
        let mut k = Key(None);
        key.serialize(&mut k)?;
        self.key = k.0;
        Ok(())
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
        let k = self
            .key
            .take()
            .ok_or_else(|| LayoutError("a column without a name".into()))?;
        self.row.cell(&k, value)
    }
    fn end(self) -> Result<()> {
        self.done()
    }
}

impl ser::SerializeStruct for RowMap<'_> {
    type Ok = ();
    type Error = LayoutError;
    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<()> {
        self.row.cell(key, value)
    }
    fn end(self) -> Result<()> {
        self.done()
    }
}

/// A column name (a string map key).
struct Key(Option<String>);

macro_rules! not_a_key {
    ($($f:ident($($t:ty),*)),*) => {
        $(fn $f(self, $(_: $t),*) -> Result<()> { Err(mismatch("column name that is not a string")) })*
    };
}

impl ser::Serializer for &mut Key {
    type Ok = ();
    type Error = LayoutError;
    type SerializeSeq = Impossible<(), LayoutError>;
    type SerializeTuple = Impossible<(), LayoutError>;
    type SerializeTupleStruct = Impossible<(), LayoutError>;
    type SerializeTupleVariant = Impossible<(), LayoutError>;
    type SerializeMap = Impossible<(), LayoutError>;
    type SerializeStruct = Impossible<(), LayoutError>;
    type SerializeStructVariant = Impossible<(), LayoutError>;

    fn serialize_str(self, v: &str) -> Result<()> {
        self.0 = Some(v.to_string());
        Ok(())
    }
    not_a_key!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_char(char),
        serialize_bytes(&[u8]),
        serialize_none(),
        serialize_unit(),
        serialize_unit_struct(&'static str),
        serialize_unit_variant(&'static str, u32, &'static str)
    );
    fn serialize_some<T: ?Sized + Serialize>(self, _value: &T) -> Result<()> {
        Err(mismatch("column name that is not a string"))
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
        Err(mismatch("column name that is not a string"))
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq> {
        Err(mismatch("column name that is not a string"))
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple> {
        Err(mismatch("column name that is not a string"))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        Err(mismatch("column name that is not a string"))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Err(mismatch("column name that is not a string"))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap> {
        Err(mismatch("column name that is not a string"))
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeStruct> {
        Err(mismatch("column name that is not a string"))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant> {
        Err(mismatch("column name that is not a string"))
    }
}

/// One cell: its value appended to its column.
struct CellSer<'a>(&'a mut Builder);

/// The items of a list cell.
struct ListCell<'a> {
    valid: &'a mut Bits,
    offsets: &'a mut Vec<i32>,
    child: &'a mut Builder,
}

impl<'a> ser::Serializer for CellSer<'a> {
    type Ok = ();
    type Error = LayoutError;
    type SerializeSeq = ListCell<'a>;
    type SerializeTuple = ListCell<'a>;
    type SerializeTupleStruct = Impossible<(), LayoutError>;
    type SerializeTupleVariant = Impossible<(), LayoutError>;
    type SerializeMap = Impossible<(), LayoutError>;
    type SerializeStruct = Impossible<(), LayoutError>;
    type SerializeStructVariant = Impossible<(), LayoutError>;

    fn serialize_bool(self, v: bool) -> Result<()> {
        self.0.push_bool(v)
    }
    fn serialize_i8(self, v: i8) -> Result<()> {
        self.0.push_int(i128::from(v))
    }
    fn serialize_i16(self, v: i16) -> Result<()> {
        self.0.push_int(i128::from(v))
    }
    fn serialize_i32(self, v: i32) -> Result<()> {
        self.0.push_int(i128::from(v))
    }
    fn serialize_i64(self, v: i64) -> Result<()> {
        self.0.push_int(i128::from(v))
    }
    fn serialize_u8(self, v: u8) -> Result<()> {
        self.0.push_int(i128::from(v))
    }
    fn serialize_u16(self, v: u16) -> Result<()> {
        self.0.push_int(i128::from(v))
    }
    fn serialize_u32(self, v: u32) -> Result<()> {
        self.0.push_int(i128::from(v))
    }
    fn serialize_u64(self, v: u64) -> Result<()> {
        self.0.push_int(i128::from(v))
    }
    fn serialize_f32(self, _v: f32) -> Result<()> {
        Err(mismatch("float"))
    }
    fn serialize_f64(self, _v: f64) -> Result<()> {
        Err(mismatch("float"))
    }
    fn serialize_char(self, v: char) -> Result<()> {
        let mut buf = [0u8; 4];
        self.0.push_str(v.encode_utf8(&mut buf))
    }
    fn serialize_str(self, v: &str) -> Result<()> {
        self.0.push_str(v)
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result<()> {
        Err(mismatch("byte string"))
    }
    fn serialize_none(self) -> Result<()> {
        self.0.push_null()
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<()> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<()> {
        self.0.push_null()
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<()> {
        self.0.push_null()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<()> {
        // An enum is its name, as in the JSON.
        self.0.push_str(variant)
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
        Err(mismatch("tagged value"))
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<ListCell<'a>> {
        match self.0 {
            Builder::List {
                valid,
                offsets,
                child,
            } => Ok(ListCell {
                valid,
                offsets,
                child,
            }),
            _ => Err(mismatch("list")),
        }
    }
    fn serialize_tuple(self, len: usize) -> Result<ListCell<'a>> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        Err(mismatch("tuple"))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Err(mismatch("tuple"))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap> {
        Err(mismatch("map"))
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeStruct> {
        Err(mismatch("struct"))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant> {
        Err(mismatch("struct"))
    }
}

impl ListCell<'_> {
    fn item<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
        value.serialize(CellSer(self.child))
    }
    fn close(self) -> Result<()> {
        self.offsets.push(offset(self.child.len())?);
        self.valid.push(true);
        Ok(())
    }
}

impl ser::SerializeSeq for ListCell<'_> {
    type Ok = ();
    type Error = LayoutError;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
        self.item(value)
    }
    fn end(self) -> Result<()> {
        self.close()
    }
}

impl ser::SerializeTuple for ListCell<'_> {
    type Ok = ();
    type Error = LayoutError;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
        self.item(value)
    }
    fn end(self) -> Result<()> {
        self.close()
    }
}
