//! One job: a serde serializer for the top level of a row (a struct, or a map when it has
//! flattened fields) that writes it as a CSV record, as a CSV header, or as a JSON line
//! whose document columns are copied from bytes serialized once per document.
//!
//! CSV (RFC 4180): strings are always quoted (so an empty string `""` differs from `null`,
//! an empty cell), numbers and booleans are bare, lists are JSON text in a quoted cell;
//! records end in CRLF.
//!
//! JSON: every row of a document starts with the same document columns (see
//! [`super::DocColumns`]); serializing them once per document instead of once per row is
//! most of what writing the rows costs. [`Prefix`] holds them as JSON (`{"doc":...,
//! "language":null`); [`write_json`] skips the row's first [`Prefix::columns`] fields and
//! copies the prefix instead. The caller guarantees that those fields are the prefix's
//! document columns (the rows share one `Arc`); the output is byte-identical to
//! `serde_json::to_vec` (a unit test and `tests/rows.rs` compare them).

use std::fmt;

use serde::ser::{self, Impossible, Serialize, SerializeMap, SerializeStruct};

/// Why a value could not be written as a record (only a non-struct row: never for the
/// row types of this module).
#[derive(Debug)]
pub struct CsvError(pub(crate) String);

impl fmt::Display for CsvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CsvError {}

impl ser::Error for CsvError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        CsvError(msg.to_string())
    }
}

/// Where a table's columns stand, the same for every row: computed once per table.
pub(crate) struct Layout {
    /// How many fields the document columns are.
    columns: usize,
    /// `,"name":` for each of the other columns, in order.
    keys: Vec<Vec<u8>>,
    /// Where the section columns stand in the row (first field index from 1, count), for
    /// rows that have them.
    section: Option<(usize, usize)>,
}

/// What the rows of one document and table have in common, serialized once.
pub(crate) struct Prefix<'l> {
    /// `{"doc":...,"language":null`: the JSON object without its closing brace.
    bytes: Vec<u8>,
    layout: &'l Layout,
}

/// The section columns of a row, serialized: `,"section_id":...,"section_titles":[...]`.
pub(crate) fn section_bytes(section: &super::SectionColumns) -> Result<Vec<u8>, CsvError> {
    let mut bytes = serde_json::to_vec(section).map_err(ser::Error::custom)?;
    if bytes.pop() != Some(b'}') || bytes.first() != Some(&b'{') {
        return Err(CsvError("section columns are not an object".into()));
    }
    if let Some(b) = bytes.first_mut() {
        *b = b',';
    }
    Ok(bytes)
}

impl Layout {
    /// The layout of rows like `row`.
    pub(crate) fn new<T: Serialize>(row: &T) -> Result<Layout, CsvError> {
        let names = |value: &dyn erased::Header| -> Result<Vec<String>, CsvError> {
            let mut header = Vec::new();
            value.header(&mut header)?;
            let header = String::from_utf8(header).map_err(ser::Error::custom)?;
            // Names are identifiers: no comma or quote inside.
            Ok(header
                .trim_end()
                .split(',')
                .map(|n| n.trim_matches('"').to_string())
                .collect())
        };
        let columns = names(&super::DocColumns::default())?.len();
        let row_names = names(row)?;
        let section_count = names(&super::SectionColumns::default())?.len();
        let section = row_names
            .iter()
            .position(|n| n == "section_id")
            .map(|i| (i + 1, section_count));
        let keys = row_names
            .iter()
            .skip(columns)
            .map(|n| {
                let mut k = b",".to_vec();
                serde_json::to_writer(&mut k, n).map_err(ser::Error::custom)?;
                k.push(b':');
                Ok(k)
            })
            .collect::<Result<_, CsvError>>()?;
        Ok(Layout {
            columns,
            keys,
            section,
        })
    }
}

impl<'l> Prefix<'l> {
    /// For rows of `layout` whose document columns are `cols`.
    pub(crate) fn new(cols: &super::DocColumns, layout: &'l Layout) -> Result<Self, CsvError> {
        let mut bytes = serde_json::to_vec(cols).map_err(ser::Error::custom)?;
        if bytes.pop() != Some(b'}') {
            return Err(CsvError("document columns are not an object".into()));
        }
        Ok(Prefix { bytes, layout })
    }
}

mod erased {
    /// `write_header` behind a trait object, for [`super::Prefix::new`].
    pub(super) trait Header {
        fn header(&self, out: &mut Vec<u8>) -> Result<(), super::CsvError>;
    }

    impl<T: serde::Serialize> Header for T {
        fn header(&self, out: &mut Vec<u8>) -> Result<(), super::CsvError> {
            super::write_header(self, out)
        }
    }
}

/// Appends one row as a JSON line; its first [`Prefix::columns`] fields must be the
/// prefix's document columns.
///
/// `section`: the row's section columns serialized by [`section_bytes`], copied in place of
/// its section fields (for rows that have them).
pub(crate) fn write_json<T: Serialize>(
    row: &T,
    prefix: &Prefix<'_>,
    section: Option<&[u8]>,
    out: &mut Vec<u8>,
) -> Result<(), CsvError> {
    row.serialize(Record {
        out,
        mode: Mode::Json(prefix, section),
        first: true,
        index: 0,
    })?;
    out.extend_from_slice(b"\n");
    Ok(())
}

/// The CSV cells of a document's columns (`"x.docx","CRC/C/...",...`), for
/// [`write_record_prefixed`].
pub(crate) fn csv_cells(cols: &super::DocColumns) -> Result<Vec<u8>, CsvError> {
    let mut out = Vec::new();
    write_record(cols, &mut out)?;
    out.truncate(out.len().saturating_sub(2)); // the CRLF
    Ok(out)
}

/// [`write_record`] for a row whose first `layout` columns are the document columns whose
/// cells are `cells`: copied instead of written again.
pub(crate) fn write_record_prefixed<T: Serialize>(
    row: &T,
    cells: &[u8],
    layout: &Layout,
    out: &mut Vec<u8>,
) -> Result<(), CsvError> {
    row.serialize(Record {
        out,
        mode: Mode::CsvPrefixed(cells, layout.columns),
        first: true,
        index: 0,
    })?;
    out.extend_from_slice(b"\r\n");
    Ok(())
}

/// Appends one record (the row's values) to `out`.
pub(crate) fn write_record<T: Serialize>(row: &T, out: &mut Vec<u8>) -> Result<(), CsvError> {
    row.serialize(Record {
        out,
        mode: Mode::Csv,
        first: true,
        index: 0,
    })?;
    out.extend_from_slice(b"\r\n");
    Ok(())
}

/// Appends the header (the row's column names) to `out`.
pub(crate) fn write_header<T: Serialize>(row: &T, out: &mut Vec<u8>) -> Result<(), CsvError> {
    row.serialize(Record {
        out,
        mode: Mode::Header,
        first: true,
        index: 0,
    })?;
    out.extend_from_slice(b"\r\n");
    Ok(())
}

fn quoted(s: &str, out: &mut Vec<u8>) {
    out.push(b'"');
    for (i, part) in s.split('"').enumerate() {
        if i > 0 {
            out.extend_from_slice(b"\"\""); // a quote inside is written twice
        }
        out.extend_from_slice(part.as_bytes());
    }
    out.push(b'"');
}

#[derive(Clone, Copy)]
enum Mode<'p> {
    Csv,
    Header,
    Json(&'p Prefix<'p>, Option<&'p [u8]>),
    /// CSV whose first `usize` cells are these bytes.
    CsvPrefixed(&'p [u8], usize),
}

struct Record<'a> {
    out: &'a mut Vec<u8>,
    mode: Mode<'a>,
    first: bool,
    /// Fields seen so far.
    index: usize,
}

impl Record<'_> {
    fn separator(&mut self) {
        if !self.first {
            self.out.push(b',');
        }
        self.first = false;
    }

    fn column<K: Serialize + ?Sized, T: Serialize + ?Sized>(
        &mut self,
        key: &K,
        value: &T,
    ) -> Result<(), CsvError> {
        self.index += 1;
        if let Mode::Json(prefix, section) = self.mode {
            if self.index <= prefix.layout.columns {
                return Ok(()); // a document column: in the prefix
            }
            if self.first {
                self.out.extend_from_slice(&prefix.bytes);
                self.first = false;
            }
            if let (Some((first, count)), Some(bytes)) = (prefix.layout.section, section) {
                if (first..first + count).contains(&self.index) {
                    if self.index == first {
                        self.out.extend_from_slice(bytes);
                    }
                    return Ok(()); // a section column: in the section's bytes
                }
            }
            match prefix
                .layout
                .keys
                .get(self.index - prefix.layout.columns - 1)
            {
                Some(k) => self.out.extend_from_slice(k),
                None => {
                    self.out.push(b',');
                    serde_json::to_writer(&mut *self.out, key).map_err(ser::Error::custom)?;
                    self.out.push(b':');
                }
            }
            return serde_json::to_writer(&mut *self.out, value).map_err(ser::Error::custom);
        }
        if let Mode::CsvPrefixed(cells, columns) = self.mode {
            if self.index <= columns {
                return Ok(()); // a document column: in the cells
            }
            if self.first {
                self.out.extend_from_slice(cells);
                self.first = false;
            }
        }
        self.separator();
        if let Mode::Header = self.mode {
            let name = match serde_json::to_value(key).map_err(ser::Error::custom)? {
                serde_json::Value::String(s) => s,
                other => other.to_string(),
            };
            quoted(&name, self.out);
            return Ok(());
        }
        let mark = self.out.len();
        match value.serialize(Cell { out: self.out }) {
            Ok(()) => Ok(()),
            Err(Compound::Nested) => {
                self.out.truncate(mark);
                let json = serde_json::to_string(value).map_err(ser::Error::custom)?;
                quoted(&json, self.out);
                Ok(())
            }
            Err(Compound::Error(e)) => Err(e),
        }
    }
}

fn not_a_row() -> CsvError {
    CsvError("a CSV row must be a struct or a map".into())
}

macro_rules! reject {
    ($($name:ident($($t:ty),*)),* $(,)?) => {
        $(fn $name(self, $(_: $t),*) -> Result<Self::Ok, Self::Error> { Err(not_a_row()) })*
    };
}

impl<'a> ser::Serializer for Record<'a> {
    type Ok = ();
    type Error = CsvError;
    type SerializeSeq = Impossible<(), CsvError>;
    type SerializeTuple = Impossible<(), CsvError>;
    type SerializeTupleStruct = Impossible<(), CsvError>;
    type SerializeTupleVariant = Impossible<(), CsvError>;
    type SerializeMap = RecordMap<'a>;
    type SerializeStruct = Self;
    type SerializeStructVariant = Impossible<(), CsvError>;

    reject!(
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
        serialize_unit_variant(&'static str, u32, &'static str),
    );

    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<(), CsvError> {
        Err(not_a_row())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), CsvError> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), CsvError> {
        Err(not_a_row())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, CsvError> {
        Err(not_a_row())
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, CsvError> {
        Err(not_a_row())
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, CsvError> {
        Err(not_a_row())
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, CsvError> {
        Err(not_a_row())
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, CsvError> {
        Ok(RecordMap { record: self })
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, CsvError> {
        Ok(self)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, CsvError> {
        Err(not_a_row())
    }
}

impl SerializeStruct for Record<'_> {
    type Ok = ();
    type Error = CsvError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), CsvError> {
        self.column(key, value)
    }
    fn end(self) -> Result<(), CsvError> {
        self.finish();
        Ok(())
    }
}

impl Record<'_> {
    /// Closes a JSON object (one with no column past the prefix still gets the prefix).
    fn finish(self) {
        if let Mode::Json(prefix, _) = self.mode {
            if self.first {
                self.out.extend_from_slice(&prefix.bytes);
            }
            self.out.push(b'}');
        }
    }
}

/// A row with `#[serde(flatten)]` fields serializes as a map.
pub(crate) struct RecordMap<'a> {
    record: Record<'a>,
}

impl SerializeMap for RecordMap<'_> {
    type Ok = ();
    type Error = CsvError;
    fn serialize_entry<K: Serialize + ?Sized, V: Serialize + ?Sized>(
        &mut self,
        key: &K,
        value: &V,
    ) -> Result<(), CsvError> {
        self.record.column(key, value)
    }
    fn serialize_key<T: Serialize + ?Sized>(&mut self, _: &T) -> Result<(), CsvError> {
        // Derived `Serialize` (flatten included) always calls `serialize_entry`.
        Err(CsvError("map keys must come with their values".into()))
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, _: &T) -> Result<(), CsvError> {
        Err(CsvError("map keys must come with their values".into()))
    }
    fn end(self) -> Result<(), CsvError> {
        self.record.finish();
        Ok(())
    }
}

/// Why a value is not one cell.
enum Compound {
    /// A list or object: written as JSON text instead.
    Nested,
    /// A real error.
    Error(CsvError),
}

impl fmt::Debug for Compound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Compound::Nested => f.write_str("Nested"),
            Compound::Error(e) => write!(f, "Error({e})"),
        }
    }
}

impl fmt::Display for Compound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

impl std::error::Error for Compound {}

impl ser::Error for Compound {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Compound::Error(CsvError(msg.to_string()))
    }
}

/// Writes a scalar value as one cell; compound values answer [`Compound::Nested`].
struct Cell<'a> {
    out: &'a mut Vec<u8>,
}

impl Cell<'_> {
    fn bare(self, v: impl fmt::Display) -> Result<(), Compound> {
        use std::io::Write;
        write!(self.out, "{v}").map_err(ser::Error::custom)
    }
}

impl ser::Serializer for Cell<'_> {
    type Ok = ();
    type Error = Compound;
    type SerializeSeq = Impossible<(), Compound>;
    type SerializeTuple = Impossible<(), Compound>;
    type SerializeTupleStruct = Impossible<(), Compound>;
    type SerializeTupleVariant = Impossible<(), Compound>;
    type SerializeMap = Impossible<(), Compound>;
    type SerializeStruct = Impossible<(), Compound>;
    type SerializeStructVariant = Impossible<(), Compound>;

    fn serialize_bool(self, v: bool) -> Result<(), Compound> {
        self.bare(v)
    }
    fn serialize_i8(self, v: i8) -> Result<(), Compound> {
        self.bare(v)
    }
    fn serialize_i16(self, v: i16) -> Result<(), Compound> {
        self.bare(v)
    }
    fn serialize_i32(self, v: i32) -> Result<(), Compound> {
        self.bare(v)
    }
    fn serialize_i64(self, v: i64) -> Result<(), Compound> {
        self.bare(v)
    }
    fn serialize_u8(self, v: u8) -> Result<(), Compound> {
        self.bare(v)
    }
    fn serialize_u16(self, v: u16) -> Result<(), Compound> {
        self.bare(v)
    }
    fn serialize_u32(self, v: u32) -> Result<(), Compound> {
        self.bare(v)
    }
    fn serialize_u64(self, v: u64) -> Result<(), Compound> {
        self.bare(v)
    }
    fn serialize_f32(self, v: f32) -> Result<(), Compound> {
        self.bare(v)
    }
    fn serialize_f64(self, v: f64) -> Result<(), Compound> {
        self.bare(v)
    }
    fn serialize_char(self, v: char) -> Result<(), Compound> {
        quoted(v.encode_utf8(&mut [0; 4]), self.out);
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Compound> {
        quoted(v, self.out);
        Ok(())
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Compound> {
        Err(Compound::Nested)
    }
    fn serialize_none(self) -> Result<(), Compound> {
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Compound> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Compound> {
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Compound> {
        Ok(())
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Compound> {
        quoted(variant, self.out);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Compound> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Compound> {
        Err(Compound::Nested)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Compound> {
        Err(Compound::Nested)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Compound> {
        Err(Compound::Nested)
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Compound> {
        Err(Compound::Nested)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Compound> {
        Err(Compound::Nested)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Compound> {
        Err(Compound::Nested)
    }
    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, Compound> {
        Err(Compound::Nested)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Compound> {
        Err(Compound::Nested)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Serialize, Default)]
    struct Inner {
        a: Option<String>,
        n: u32,
    }

    #[derive(serde::Serialize, Default)]
    struct Row {
        #[serde(flatten)]
        inner: Inner,
        text: String,
        list: Vec<Option<String>>,
        flag: Option<bool>,
    }

    #[test]
    fn quotes_strings_doubles_quotes_and_writes_lists_as_json() {
        let row = Row {
            inner: Inner { a: None, n: 7 },
            text: "say \"hi\", then\nleave".into(),
            list: vec![Some("x\"y".into()), None],
            flag: Some(true),
        };
        let mut out = Vec::new();
        write_header(&Row::default(), &mut out).unwrap();
        write_record(&row, &mut out).unwrap();
        write_record(&Row::default(), &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "\"a\",\"n\",\"text\",\"list\",\"flag\"\r\n\
             ,7,\"say \"\"hi\"\", then\nleave\",\"[\"\"x\\\"\"y\"\",null]\",true\r\n\
             ,0,\"\",\"[]\",\r\n"
        );
    }
}
