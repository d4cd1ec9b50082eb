//! CSV (RFC 4180) from the row types: a small serde serializer that writes one record per
//! row. Strings are always quoted (so an empty string `""` differs from `null`, an empty
//! cell), numbers and booleans are bare, lists are JSON text in a quoted cell. Records end
//! in CRLF.

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

/// Appends one record (the row's values) to `out`.
pub(crate) fn write_record<T: Serialize>(row: &T, out: &mut Vec<u8>) -> Result<(), CsvError> {
    row.serialize(Record {
        out,
        header: false,
        first: true,
    })?;
    out.extend_from_slice(b"\r\n");
    Ok(())
}

/// Appends the header (the row's column names) to `out`.
pub(crate) fn write_header<T: Serialize>(row: &T, out: &mut Vec<u8>) -> Result<(), CsvError> {
    row.serialize(Record {
        out,
        header: true,
        first: true,
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

struct Record<'a> {
    out: &'a mut Vec<u8>,
    header: bool,
    first: bool,
}

impl Record<'_> {
    fn separator(&mut self) {
        if !self.first {
            self.out.push(b',');
        }
        self.first = false;
    }

    fn column<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result<(), CsvError> {
        self.separator();
        if self.header {
            quoted(key, self.out);
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
        Ok(RecordMap {
            record: self,
            key: String::new(),
        })
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
        Ok(())
    }
}

/// A row with `#[serde(flatten)]` fields serializes as a map.
pub(crate) struct RecordMap<'a> {
    record: Record<'a>,
    key: String,
}

impl SerializeMap for RecordMap<'_> {
    type Ok = ();
    type Error = CsvError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), CsvError> {
        // Only the header needs the names.
        if self.record.header {
            self.key = match serde_json::to_value(key).map_err(ser::Error::custom)? {
                serde_json::Value::String(s) => s,
                other => other.to_string(),
            };
        }
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), CsvError> {
        let key = std::mem::take(&mut self.key);
        self.record.column(&key, value)
    }
    fn end(self) -> Result<(), CsvError> {
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
