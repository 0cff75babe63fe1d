//! Checks on the JSON the mock reads (fixture files, a lake's model): objects that give each key
//! once, and errors that say how far into the value their JSON path goes.

use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};
use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

/// Marks the part of a check message that extends the JSON path (see `FixtureError`).
pub(crate) const SUBPATH: char = '\u{1}';

/// A custom error whose JSON path goes `sub` further than where it is raised.
pub(crate) fn at<E: de::Error>(sub: &str, message: impl fmt::Display) -> E {
    E::custom(format!("{SUBPATH}{sub}{SUBPATH}{message}"))
}

/// A JSON object read as a map that refuses a key given twice (serde_json would keep the last
/// value silently) and checks each entry with `check`.
struct UniqueMap<V> {
    check: fn(&str, &V) -> Option<String>,
    value: PhantomData<V>,
}

impl<'de, V: Deserialize<'de>> Visitor<'de> for UniqueMap<V> {
    type Value = BTreeMap<String, V>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = BTreeMap::new();
        while let Some(key) = map.next_key::<String>()? {
            let value: V = map.next_value()?;
            if out.contains_key(&key) {
                return Err(at(&key, duplicate_key(&key)));
            }
            if let Some(problem) = (self.check)(&key, &value) {
                return Err(at(&key, problem));
            }
            out.insert(key, value);
        }
        Ok(out)
    }
}

pub(crate) fn duplicate_key(key: &str) -> String {
    format!("the key `{key}` is given twice: JSON keeps only the last value, so remove or merge one of them")
}

pub(crate) fn unique_map_with<'de, D: Deserializer<'de>, V: Deserialize<'de>>(
    d: D,
    check: fn(&str, &V) -> Option<String>,
) -> Result<BTreeMap<String, V>, D::Error> {
    d.deserialize_map(UniqueMap { check, value: PhantomData })
}

/// A map of strings whose keys are unique.
pub(crate) fn unique_map<'de, D: Deserializer<'de>>(d: D) -> Result<Option<BTreeMap<String, String>>, D::Error> {
    unique_map_with(d, |_, _| None).map(Some)
}

/// A JSON value read as a structure only from a JSON object: serde's derived structures also
/// take a JSON array, member by member in declaration order, so `"AuditContext": ["job-7"]`
/// would read as `{"AdditionalAuditContext": "job-7"}`. The services refuse such a body; so does
/// the mock, with serde's `invalid type: sequence, expected a JSON object`.
pub(crate) struct Object<T>(pub(crate) T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Object<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::deserialize(ObjectOnly(d)).map(Object)
    }
}

/// For `#[serde(default, deserialize_with = "object")]` on an optional structure member.
pub(crate) fn object<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    Ok(Option::<Object<T>>::deserialize(d)?.map(|o| o.0))
}

/// A deserializer that gives a structure's visitor a JSON object and nothing else.
struct ObjectOnly<D>(D);

impl<'de, D: Deserializer<'de>> Deserializer<'de> for ObjectOnly<D> {
    type Error = D::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_any(visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_map(ObjectVisitor(visitor))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
        unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
    }
}

/// A structure's visitor that takes a map only, and expects "a JSON object".
struct ObjectVisitor<V>(V);

impl<'de, V: Visitor<'de>> Visitor<'de> for ObjectVisitor<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        self.0.visit_map(map)
    }
}
