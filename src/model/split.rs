//! The largest list body (50,000 persons, half a snapshot) read in chunks on both cores.
//!
//! The chunks start at guessed item boundaries: after an even share of the text, the next
//! place where `}` and `,` are followed by the first item's own opening (`{"DBID"`, with its
//! spacing), which nested objects seldom share. A guess is only trusted when the reading
//! before it, item by item from a boundary known to be one, ends exactly there; where it does
//! not (a guess inside a string or a nested object), that stretch is read again from where the
//! reading really stopped. Anything unusual (an escaped key, an unreadable item) gives `None`,
//! and the caller reads the body in one pass as before, with its exact verdicts and messages.

use serde::de::DeserializeOwned;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Below this size one core reads the body faster than two can share it. The fuzzer splits
/// every body, to find where chunks and the one pass disagree.
#[cfg(not(fuzzing))]
const MIN_BYTES: usize = 1 << 20;
#[cfg(fuzzing)]
const MIN_BYTES: usize = 0;
/// Chunks per body: enough that whichever core is free takes the next one.
const CHUNKS: usize = 16;

/// Where a body's list is and where its chunks start.
pub struct Split<'t> {
    text: &'t str,
    /// The offset of the list's `[`.
    open: usize,
    /// Each chunk's first byte: the first just past the `[`, then the guesses.
    starts: Vec<usize>,
    next: AtomicUsize,
}

/// One chunk as read: its items and where the reading stopped.
pub struct Chunk<T> {
    index: usize,
    items: Vec<T>,
    end: End,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum End {
    /// The first byte of the next item, the first at or past the next chunk's start.
    Next(usize),
    /// Just past the list's closing `]`.
    Close(usize),
}

impl<'t> Split<'t> {
    /// The chunks of the list under the top-level `key` of the object `text`; `None` when the
    /// body is small or the list cannot be found for sure.
    pub fn plan(text: &'t str, key: &str) -> Option<Split<'t>> {
        if text.len() < MIN_BYTES {
            return None;
        }
        let open = find_list(text, key)?;
        let bytes = text.as_bytes();
        let first = skip_ws(bytes, open + 1);
        let opening = item_opening(bytes, first)?;
        let finder = memchr::memmem::Finder::new(opening);
        let mut starts = vec![open + 1];
        let span = text.len() - open;
        for k in 1..CHUNKS {
            let last = starts[starts.len() - 1];
            let from = (open + k * span / CHUNKS).max(last + 1);
            if let Some(guess) = next_boundary(bytes, from, &finder) {
                starts.push(guess);
            }
        }
        Some(Split {
            text,
            open,
            starts,
            next: AtomicUsize::new(0),
        })
    }

    /// Reads chunks until none is left; both cores call it and share the chunks out.
    /// A chunk that cannot be read is left out, which `finish` notices.
    pub fn work<T: DeserializeOwned>(&self) -> Vec<Chunk<T>> {
        let mut done = Vec::new();
        loop {
            let index = self.next.fetch_add(1, Ordering::Relaxed);
            let Some(&start) = self.starts.get(index) else {
                return done;
            };
            let stop = self.starts.get(index + 1).copied().unwrap_or(usize::MAX);
            if let Some((items, end)) = read_chunk(self.text, start, stop, index == 0) {
                done.push(Chunk { index, items, end });
            }
        }
    }

    /// The list's items in order, and the body with an empty list in its place (for its
    /// status fields). The chunks are taken in order where each begins exactly where the
    /// reading before it ended; the stretch of a chunk that does not is read again here.
    pub fn finish<T: DeserializeOwned>(
        &self,
        parts: Vec<Vec<Chunk<T>>>,
    ) -> Option<(Vec<T>, String)> {
        let mut chunks: Vec<Option<Chunk<T>>> = self.starts.iter().map(|_| None).collect();
        for chunk in parts.into_iter().flatten() {
            if let Some(slot) = chunks.get_mut(chunk.index) {
                *slot = Some(chunk);
            }
        }
        let count = chunks.iter().flatten().map(|c| c.items.len()).sum();
        let mut items = Vec::with_capacity(count);
        // The first chunk starts at the list's start: it is always right.
        let first = chunks.first_mut()?.take()?;
        items.extend(first.items);
        let mut end = first.end;
        let close = loop {
            let at = match end {
                End::Close(close) => break close,
                End::Next(at) => at,
            };
            let k = self.starts.partition_point(|&s| s < at);
            if self.starts.get(k) == Some(&at)
                && let Some(chunk) = chunks.get_mut(k).and_then(Option::take)
            {
                items.extend(chunk.items);
                end = chunk.end;
                continue;
            }
            // Read on to the next chunk's start past here, where its reading may be taken.
            let stop = self.starts[k..]
                .iter()
                .copied()
                .find(|&s| s > at)
                .unwrap_or(usize::MAX);
            let (more, next) = read_chunk(self.text, at, stop, false)?;
            items.extend(more);
            end = next;
        };
        let rest = format!(
            "{}[]{}",
            self.text.get(..self.open)?,
            self.text.get(close..)?
        );
        Some((items, rest))
    }
}

/// Items from `start` (an item's first byte; for the first chunk, the byte past the `[`)
/// until the next item starts at or past `stop`, or the list closes.
fn read_chunk<T: DeserializeOwned>(
    text: &str,
    start: usize,
    stop: usize,
    first: bool,
) -> Option<(Vec<T>, End)> {
    let bytes = text.as_bytes();
    let mut items = Vec::new();
    let mut at = skip_ws(bytes, start);
    if first && bytes.get(at) == Some(&b']') {
        return Some((items, End::Close(at + 1)));
    }
    loop {
        let mut stream = serde_json::Deserializer::from_str(text.get(at..)?).into_iter::<T>();
        items.push(stream.next()?.ok()?);
        let after = skip_ws(bytes, at + stream.byte_offset());
        match bytes.get(after)? {
            b',' => {
                at = skip_ws(bytes, after + 1);
                if at >= stop {
                    return Some((items, End::Next(at)));
                }
            }
            b']' => return Some((items, End::Close(after + 1))),
            _ => return None,
        }
    }
}

/// An item's opening, from its `{` to the closing quote of its first key (`{"DBID"`).
fn item_opening(bytes: &[u8], open: usize) -> Option<&[u8]> {
    if bytes.get(open) != Some(&b'{') {
        return None;
    }
    let quote = skip_ws(bytes, open + 1);
    if bytes.get(quote) != Some(&b'"') {
        return None;
    }
    bytes.get(open..=string_end(bytes, quote)?)
}

/// The first item opening at or after `from` that follows `}` and `,` (whitespace between
/// allowed): where an item of the list may begin.
fn next_boundary(bytes: &[u8], from: usize, opening: &memchr::memmem::Finder) -> Option<usize> {
    let mut at = from;
    loop {
        let open = at + opening.find(bytes.get(at..)?)?;
        let comma = skip_ws_back(bytes, open);
        if comma.is_some_and(|c| bytes[c] == b',')
            && comma
                .and_then(|c| skip_ws_back(bytes, c))
                .is_some_and(|b| bytes[b] == b'}')
        {
            return Some(open);
        }
        at = open + 1;
    }
}

/// The offset of the last byte before `at` that is not whitespace.
fn skip_ws_back(bytes: &[u8], at: usize) -> Option<usize> {
    bytes
        .get(..at)?
        .iter()
        .rposition(|b| !matches!(b, b' ' | b'\n' | b'\r' | b'\t'))
}

/// The offset of the `[` that opens the value of `key` among the members of the top-level
/// object `text`; `None` when a key before it holds an escape (serde would read it as text
/// this byte scan does not compare), the first `key` does not hold a list, or it is absent.
fn find_list(text: &str, key: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = skip_ws(bytes, 0);
    if bytes.get(at) != Some(&b'{') {
        return None;
    }
    at += 1;
    // Depth 1 is the body's own members; a key is a string there after `{` or `,`.
    let (mut depth, mut expect_key) = (1usize, true);
    loop {
        at = skip_ws(bytes, at);
        match *bytes.get(at)? {
            b'"' => {
                let end = string_end(bytes, at)?;
                if depth == 1 && expect_key {
                    let name = bytes.get(at + 1..end)?;
                    if name.contains(&b'\\') {
                        return None;
                    }
                    let colon = skip_ws(bytes, end + 1);
                    if bytes.get(colon) != Some(&b':') {
                        return None;
                    }
                    if name == key.as_bytes() {
                        let value = skip_ws(bytes, colon + 1);
                        return (bytes.get(value) == Some(&b'[')).then_some(value);
                    }
                    expect_key = false;
                    at = colon + 1;
                } else {
                    at = end + 1;
                }
            }
            b'{' | b'[' => {
                depth += 1;
                at += 1;
            }
            b'}' | b']' => {
                depth = depth.checked_sub(1).filter(|&d| d > 0)?;
                at += 1;
            }
            b',' => {
                expect_key = depth == 1;
                at += 1;
            }
            _ => at += 1,
        }
    }
}

/// The offset of the quote that closes the string opened at `open`.
fn string_end(bytes: &[u8], open: usize) -> Option<usize> {
    let mut at = open + 1;
    loop {
        let found = at + memchr::memchr2(b'"', b'\\', bytes.get(at..)?)?;
        if bytes.get(found) == Some(&b'\\') {
            at = found + 2;
        } else {
            return Some(found);
        }
    }
}

fn skip_ws(bytes: &[u8], mut at: usize) -> usize {
    while matches!(bytes.get(at), Some(b' ' | b'\n' | b'\r' | b'\t')) {
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Person, Readable};
    use crate::snapshot::{Resource, Response};

    #[derive(serde::Deserialize)]
    struct Item {
        n: u32,
    }

    /// The items and the rest of `text` read in chunks from `starts` (the list's start first).
    fn read_from(text: &str, starts: Vec<usize>) -> Option<(Vec<u32>, String)> {
        let split = Split {
            text,
            open: find_list(text, "persons")?,
            starts,
            next: AtomicUsize::new(0),
        };
        let parts = vec![split.work::<Item>(), split.work::<Item>()];
        let (items, rest) = split.finish(parts)?;
        Some((items.into_iter().map(|i| i.n).collect(), rest))
    }

    fn list_start(text: &str) -> usize {
        find_list(text, "persons").unwrap() + 1
    }

    #[test]
    fn the_list_is_found_among_the_top_level_members_only() {
        let body =
            r#"{"statusCode":0,"x":{"persons":[9]},"s":"\"persons\":[","persons" : [{"n":1}]}"#;
        let open = find_list(body, "persons").unwrap();
        assert_eq!(&body[open..], r#"[{"n":1}]}"#);
        assert_eq!(
            find_list(r#"{"pers\u006fns":[],"persons":[]}"#, "persons"),
            None
        );
        assert_eq!(find_list(r#"{"persons":null}"#, "persons"), None);
        assert_eq!(find_list(r#"{"other":[1]}"#, "persons"), None);
        assert_eq!(find_list(r#"[1]"#, "persons"), None);
    }

    #[test]
    fn chunks_that_meet_give_the_list_and_the_rest_of_the_body() {
        let body = r#"{"statusCode":0, "persons": [ {"n":1} , {"n":2},{"n":3}
  ,{"n":4}], "statusMessage":"ok"}"#;
        let mut starts = vec![list_start(body)];
        starts.extend([r#"{"n":2}"#, r#"{"n":4}"#].map(|s| body.find(s).unwrap()));
        let (items, rest) = read_from(body, starts).unwrap();
        assert_eq!(items, [1, 2, 3, 4]);
        assert_eq!(
            rest,
            r#"{"statusCode":0, "persons": [], "statusMessage":"ok"}"#
        );
        let (items, _) = read_from(body, vec![list_start(body)]).unwrap();
        assert_eq!(items, [1, 2, 3, 4]);
        let empty = r#"{"persons":[]}"#;
        assert_eq!(
            read_from(empty, vec![list_start(empty)]).unwrap(),
            (vec![], empty.to_string())
        );
    }

    /// A guess inside a string or a nested object is not where the reading before it ends:
    /// that stretch is read again, and the list comes out whole and in order.
    #[test]
    fn a_wrong_guess_is_read_again() {
        let body =
            r#"{"persons":[{"n":1,"s":"},{\"n\":7}"},{"n":2,"x":[{"n":8},{"n":9}]},{"n":3}]}"#;
        let in_string = body.find(r#"{\"n\":7"#).unwrap();
        let nested = body.find(r#"{"n":9}"#).unwrap();
        let real = body.find(r#"{"n":3}"#).unwrap();
        let (items, _) = read_from(body, vec![list_start(body), in_string, nested, real]).unwrap();
        assert_eq!(items, [1, 2, 3]);
        // Unreadable items and broken lists are left to the one-pass reader.
        for bad in [
            r#"{"persons":[{"n":"x"}]}"#,
            r#"{"persons":[{"n":1},]}"#,
            r#"{"persons":[{"n":1} {"n":2}]}"#,
            r#"{"persons":[{"n":1}"#,
        ] {
            assert!(read_from(bad, vec![list_start(bad)]).is_none(), "{bad}");
        }
    }

    #[test]
    fn guesses_follow_a_closing_brace_and_a_comma() {
        let text = br#"[{"a":"}"}, {"a":1} ,{"b":{"a":0}},{"a":2}]"#;
        let finder = memchr::memmem::Finder::new(br#"{"a""#);
        let first = next_boundary(text, 1, &finder).unwrap();
        assert_eq!(&text[first..first + 6], br#"{"a":1"#);
        let second = next_boundary(text, first + 1, &finder).unwrap();
        assert_eq!(&text[second..second + 6], br#"{"a":2"#);
        assert_eq!(
            item_opening(b"{ \"DBID\" : 1}", 0),
            Some(&b"{ \"DBID\""[..])
        );
        assert_eq!(item_opening(b"[1]", 0), None);
    }

    /// Persons read in chunks are the persons the one pass reads, with the same verdict,
    /// however the body is shaped: spacing, members after the list, nested objects that open
    /// like a person, a failed status, an unreadable person far into the list.
    #[test]
    fn persons_read_in_chunks_are_the_one_pass_persons() {
        let person = |i: usize, sep: &str| {
            format!(
                r#"{{"DBID":{i},{sep}"userName":"u{i}","employeeID":"E{i}","agentInfo":{{"agentLogins":[{{"DBID":1}},{{"DBID":2}}]}},"userProperties":{{"interaction-workspace":{{"k{}":"v"}}}}}}"#,
                i % 7
            )
        };
        let list = |n: usize, sep: &str, join: &str| {
            (1..=n)
                .map(|i| person(i, sep))
                .collect::<Vec<_>>()
                .join(join)
        };
        let bodies = [
            format!(r#"{{"statusCode":0,"persons":[{}]}}"#, list(9_000, "", ",")),
            format!(
                "{{\n  \"persons\": [\n    {}\n  ],\n  \"statusCode\": 0\n}}",
                list(9_000, "\n      ", ",\n    ")
            ),
            format!(
                r#"{{"statusCode":1,"statusMessage":"no","persons":[{}]}}"#,
                list(9_000, "", ",")
            ),
            format!(
                r#"{{"persons":[{},{{"DBID":"x"}},{}]}}"#,
                list(8_000, "", ","),
                list(100, "", ",")
            ),
        ];
        let show = |read: &super::super::ListRead<Person>| match read {
            (Ok(items), part) => format!(
                "ok {} {:?} {:?}",
                items.len(),
                items
                    .iter()
                    .map(|p| (p.dbid, p.user_name().map(str::to_owned)))
                    .collect::<Vec<_>>(),
                part
            ),
            (Err(u), part) => format!("unavailable {} {part:?}", u.reason),
        };
        for (n, body) in bodies.iter().enumerate() {
            assert!(body.len() >= MIN_BYTES, "{}", body.len());
            // The chunks hold on every body (nested logins open like a person: their guesses
            // are read again); the unreadable person is judged after, as the one pass does.
            let again = Split::plan(body, "persons").unwrap();
            let parts = vec![again.work::<Person>(), again.work::<Person>()];
            assert!(again.finish(parts).is_some(), "body {n}");
            let raw = serde_json::value::RawValue::from_string(body.clone()).unwrap();
            let response = Response::new(Resource::Persons.path(), raw);
            let split = Split::plan(response.body.get(), "persons").unwrap();
            assert!(split.starts.len() > 8);
            let parts = vec![split.work::<Person>(), split.work::<Person>()];
            let chunked = super::super::finish_split(Resource::Persons, &response, &split, parts);
            let whole = super::super::parse_list::<Person>(Resource::Persons, Some(&response));
            assert_eq!(show(&chunked), show(&whole));
            assert!(
                chunked
                    .0
                    .as_ref()
                    .map_or(true, |p| p.iter().all(|p| p.readable().is_ok()))
            );
        }
    }
}
