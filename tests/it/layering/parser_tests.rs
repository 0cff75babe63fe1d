//! Unit tests of the layering check's parser: use trees, inline paths, re-exports and cycles,
//! each on a few made-up modules.

use super::{ModulePath, cycles, describe, module_graph, name};

/// Modules from (path, text) pairs, the path spelled `a::b` (empty for the root).
fn modules_of(files: &[(&str, &str)]) -> Vec<(ModulePath, String)> {
    files
        .iter()
        .map(|(path, text)| {
            let path = path.split("::").filter(|s| !s.is_empty()).map(str::to_owned).collect();
            (path, text.to_string())
        })
        .collect()
}

/// The edges of `module` in the graph of `files`, by name.
fn edges_of(files: &[(&str, &str)], module: &str) -> Vec<String> {
    let graph = module_graph(&modules_of(files));
    let key: ModulePath = module.split("::").filter(|s| !s.is_empty()).map(str::to_owned).collect();
    graph[&key].iter().map(|m| name(m)).collect()
}

#[test]
fn a_nested_super_tree_names_each_module() {
    let files = [("", "mod a;"), ("a", "mod b; mod c;"), ("a::b", "use super::{c::Thing, Other};"), ("a::c", "")];
    assert_eq!(edges_of(&files, "a::b"), ["a", "a::c"]);
}

#[test]
fn an_alias_and_inline_paths_are_edges_and_comments_are_not() {
    let files = [
        ("", "mod a; mod b; mod c; mod d;"),
        ("a", "use crate::b as bee;\n// crate::d::X\nfn f() { crate::c::run(); }"),
        ("b", ""),
        ("c", ""),
        ("d", ""),
    ];
    assert_eq!(edges_of(&files, "a"), ["b", "c"]);
    let files = [("", "mod a; mod b;\nfn f() { b::g(); }"), ("a", ""), ("b", "")];
    assert_eq!(edges_of(&files, ""), ["b"]);
}

#[test]
fn a_reexport_chain_resolves_to_where_the_name_is_defined() {
    let files = [
        ("", "mod a; mod b; pub use a::Thing;"),
        ("a", "mod inner; pub(crate) use inner::Thing;"),
        ("a::inner", "pub struct Thing;"),
        ("b", "use crate::Thing;"),
    ];
    assert_eq!(edges_of(&files, "b"), ["a::inner"]);
}

#[test]
fn a_cycle_is_found_and_printed_with_its_edges() {
    let files = [
        ("", "mod a; mod b; mod c;"),
        ("a", "use crate::b::X;"),
        ("b", "use crate::a::Y;\nuse crate::c::Z;"),
        ("c", ""),
    ];
    let graph = module_graph(&modules_of(&files));
    let found = cycles(&graph);
    assert_eq!(describe(&graph, &found), "2 ['a', 'b']\n    a -> ['b']\n    b -> ['a']\n");
}

#[test]
fn unit_tests_are_left_out() {
    let files = [("", "mod a; mod b;"), ("a", "fn f() {}\n#[cfg(test)]\nmod tests { use crate::b::X; }"), ("b", "")];
    assert!(edges_of(&files, "a").is_empty());
}

#[test]
fn a_double_slash_in_a_string_is_not_a_comment() {
    let files = [
        ("", "mod a; mod b; mod c;"),
        (
            "a",
            "fn f() { let url = \"s3://bucket/key\"; crate::b::run(url); }\nfn g() { let raw = r#\"//\"#; crate::c::run(raw); }",
        ),
        ("b", ""),
        ("c", ""),
    ];
    assert_eq!(edges_of(&files, "a"), ["b", "c"]);
}

#[test]
fn a_char_literal_or_lifetime_does_not_open_a_string_and_block_comments_are_left_out() {
    let files = [
        ("", "mod a; mod b; mod c; mod d;"),
        ("a", "fn f<'a>(s: &'a str) -> char { '\"' } // crate::c::X\nfn g() { let q = '\\''; crate::b::run(q); }"),
        ("b", ""),
        ("c", ""),
        ("d", ""),
    ];
    assert_eq!(edges_of(&files, "a"), ["b"]);
    let files = [("", "mod a; mod b;"), ("a", "/* crate::b::X /* nested */ crate::b::Y */ fn f() {}"), ("b", "")];
    assert!(edges_of(&files, "a").is_empty());
}

#[test]
fn code_after_the_unit_test_module_still_counts() {
    let files = [
        ("", "mod a; mod b; mod c;"),
        (
            "a",
            "fn f() {}\n#[cfg(test)]\nmod tests {\n    fn g() { let s = \"}\"; let c = '{'; }\n    use crate::c::X;\n}\nfn h() { crate::b::run(); }",
        ),
        ("b", ""),
        ("c", ""),
    ];
    assert_eq!(edges_of(&files, "a"), ["b"]);
}

#[test]
fn a_visibility_restricted_to_a_module_is_not_an_edge() {
    let files = [
        ("", "mod a; mod b;"),
        ("a", "pub(in crate::b) fn f() { crate::b::run(); }\npub(in crate::b) struct S;"),
        ("b", ""),
    ];
    assert_eq!(edges_of(&files, "a"), ["b"]);
    let files = [("", "mod a; mod b;"), ("a", "pub(in crate::b) fn f() {}"), ("b", "")];
    assert!(edges_of(&files, "a").is_empty());
}
