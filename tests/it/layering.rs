//! The crate's modules import each other without a cycle (what `cargo modules dependencies --lib
//! --acyclic` checks, without installing cargo-modules): every source file under `src/` (not
//! `src/bin`) is a module, its `use` trees and inline paths are edges, and the strongly
//! connected components of that graph are printed when one has more than one module.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

mod parser_tests;
mod source_text;

use source_text::code_of;

/// A module's path from the crate root (`["lake", "model"]` is `lake::model`; empty is the root).
type ModulePath = Vec<String>;

/// The module graph: each module with the modules it uses.
type Graph = BTreeMap<ModulePath, BTreeSet<ModulePath>>;

/// Whether `c` is a word character (what `\w` matches).
fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// One `use` item found in a module's code.
struct UseItem {
    /// `pub use` or `pub(..) use`: its names are re-exported.
    public: bool,
    /// The tree after `use`, up to the `;`.
    tree: String,
}

/// Every `use` item in `code`, and the code with them removed.
fn use_items(code: &str) -> (Vec<UseItem>, String) {
    let chars: Vec<char> = code.chars().collect();
    let mut items = Vec::new();
    let mut rest = String::new();
    let mut at = 0;
    while at < chars.len() {
        match use_item_at(&chars, at) {
            Some((item, end)) => {
                items.push(item);
                at = end;
            }
            None => {
                rest.push(chars[at]);
                at += 1;
            }
        }
    }
    (items, rest)
}

/// The `use` item that starts at `at` (`pub(..)? use tree;`), with the index after its `;`.
fn use_item_at(chars: &[char], at: usize) -> Option<(UseItem, usize)> {
    let starts = |i: usize, word: &str| word.chars().enumerate().all(|(k, c)| chars.get(i + k) == Some(&c));
    let skip_space = |mut i: usize| {
        while chars.get(i).is_some_and(|c| c.is_whitespace()) {
            i += 1;
        }
        i
    };
    let after_pub = || {
        let mut i = at + 3;
        if !starts(at, "pub") {
            return None;
        }
        if chars.get(i) == Some(&'(') {
            let close = (i..chars.len()).find(|&k| chars[k] == ')')?;
            i = close + 1;
        }
        let spaced = skip_space(i);
        (spaced > i && starts(spaced, "use")).then_some(spaced)
    };
    let (public, use_at) = match after_pub() {
        Some(i) => (true, i),
        None => (false, at),
    };
    if !starts(use_at, "use") {
        return None;
    }
    let tree_start = use_at + 3;
    let spaced = skip_space(tree_start);
    if spaced == tree_start {
        return None;
    }
    let semicolon = (tree_start..chars.len()).find(|&k| chars[k] == ';')?;
    if semicolon == tree_start + 1 && spaced > semicolon {
        return None;
    }
    let tree: String = chars[spaced.min(semicolon)..semicolon].iter().collect();
    Some((UseItem { public, tree }, semicolon + 1))
}

/// Splits a use-tree list at its top-level commas.
fn split_top(list: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut depth = 0;
    let mut current = String::new();
    for c in list.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ => {}
        }
        if c == ',' && depth == 0 {
            parts.push(std::mem::take(&mut current));
        } else {
            current.push(c);
        }
    }
    if !current.trim().is_empty() {
        parts.push(current);
    }
    parts
}

/// Every path a use tree names, with the name it is bound to (`a::{b as c}` is `a::b` as `c`).
fn expand(tree: &str, prefix: &[String]) -> Vec<(Vec<String>, String)> {
    let tree = tree.trim();
    if tree.is_empty() {
        return Vec::new();
    }
    if tree.starts_with('{') {
        let inner = &tree[1..tree.rfind('}').unwrap_or(tree.len())];
        return split_top(inner).iter().flat_map(|part| expand(part, prefix)).collect();
    }
    if let Some((head, rest)) = tree.split_once("::") {
        let mut longer = prefix.to_vec();
        longer.push(head.trim().to_owned());
        return expand(rest, &longer);
    }
    let mut pieces = tree.split(" as ");
    let name = pieces.next().unwrap_or_default().trim().to_owned();
    let alias = pieces.next().map_or_else(|| name.clone(), |alias| alias.trim().to_owned());
    let mut path = prefix.to_vec();
    path.push(name);
    vec![(path, alias)]
}

/// The source files read as modules, with what each names.
struct Modules {
    /// Each module's code.
    code: BTreeMap<ModulePath, String>,
}

impl Modules {
    /// The names of the modules directly inside `module`.
    fn children(&self, module: &[String]) -> BTreeSet<&str> {
        self.code
            .keys()
            .filter(|k| k.len() == module.len() + 1 && k.starts_with(module))
            .map(|k| k[module.len()].as_str())
            .collect()
    }

    /// The absolute path `segments` names in `module`, or `None` for another crate's path.
    fn absolute(&self, module: &[String], segments: &[String]) -> Option<Vec<String>> {
        let first = segments.first()?;
        match first.as_str() {
            "crate" => Some(segments[1..].to_vec()),
            "self" => Some([module, &segments[1..]].concat()),
            "super" => {
                let supers = segments.iter().take_while(|s| *s == "super").count();
                let base = &module[..module.len().saturating_sub(supers)];
                Some([base, &segments[supers..]].concat())
            }
            _ if self.children(module).contains(first.as_str()) => Some([module, segments].concat()),
            _ => None,
        }
    }
}

/// The ASCII identifier (`[A-Za-z_][A-Za-z0-9_]*`) that starts at `at`, its end index.
fn identifier_end(chars: &[char], at: usize) -> Option<usize> {
    let first = *chars.get(at)?;
    if !(first.is_ascii_alphabetic() || first == '_') {
        return None;
    }
    (at + 1..=chars.len()).find(|&k| chars.get(k).is_none_or(|c| !(c.is_ascii_alphanumeric() || *c == '_')))
}

/// The `::ident` segments that follow `at` (at least one), and their end index.
fn path_tail(chars: &[char], mut at: usize) -> Option<(Vec<String>, usize)> {
    let mut segments = Vec::new();
    while chars.get(at) == Some(&':') && chars.get(at + 1) == Some(&':') {
        let Some(end) = identifier_end(chars, at + 2) else { break };
        segments.push(chars[at + 2..end].iter().collect());
        at = end;
    }
    (!segments.is_empty()).then_some((segments, at))
}

/// Inline paths that start with `crate::`, `super::` or `self::` (after a word boundary).
fn keyword_paths(body: &[char]) -> Vec<Vec<String>> {
    scan(body, |at| {
        let boundary = at == 0 || !is_word(body[at - 1]);
        boundary
            .then(|| {
                ["crate", "super", "self"].iter().find_map(|keyword| {
                    let word: Vec<char> = keyword.chars().collect();
                    let after = at + word.len();
                    (body.get(at..after) == Some(&word[..])).then_some(after)?;
                    let (tail, end) = path_tail(body, after)?;
                    Some(([vec![keyword.to_string()], tail].concat(), end))
                })
            })
            .flatten()
    })
}

/// Inline paths `name::..` whose first name is a lowercase identifier not after `:` or a word
/// character (the caller keeps those that name a child module).
fn relative_paths(body: &[char]) -> Vec<Vec<String>> {
    scan(body, |at| {
        let free = at == 0 || !(body[at - 1] == ':' || is_word(body[at - 1]));
        let starts = body[at].is_ascii_lowercase() || body[at] == '_';
        (free && starts)
            .then(|| {
                let end = (at..=body.len()).find(|&k| {
                    body.get(k).is_none_or(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_'))
                })?;
                let (tail, tail_end) = path_tail(body, end)?;
                Some(([vec![body[at..end].iter().collect()], tail].concat(), tail_end))
            })
            .flatten()
    })
}

/// Every path `path_at` finds in `body`, trying each position from the left and going on after
/// the end of each path found.
fn scan(body: &[char], path_at: impl Fn(usize) -> Option<(Vec<String>, usize)>) -> Vec<Vec<String>> {
    let mut paths = Vec::new();
    let mut at = 0;
    while at < body.len() {
        match path_at(at) {
            Some((path, end)) => {
                paths.push(path);
                at = end;
            }
            None => at += 1,
        }
    }
    paths
}

/// The module graph of the given modules (path and source text each).
fn module_graph(files: &[(ModulePath, String)]) -> Graph {
    let modules = Modules { code: files.iter().map(|(path, text)| (path.clone(), code_of(text))).collect() };
    let mut uses: BTreeMap<ModulePath, Vec<Vec<String>>> = BTreeMap::new();
    let mut reexports: HashMap<ModulePath, HashMap<String, Vec<String>>> = HashMap::new();
    for (module, code) in &modules.code {
        let mut named = Vec::new();
        let (items, body) = use_items(code);
        for item in items {
            for (segments, alias) in expand(&item.tree, &[]) {
                let Some(path) = modules.absolute(module, &segments) else { continue };
                if item.public {
                    reexports.entry(module.clone()).or_default().insert(alias, path.clone());
                }
                named.push(path);
            }
        }
        let body: Vec<char> = body.chars().collect();
        named.extend(keyword_paths(&body).iter().filter_map(|path| modules.absolute(module, path)));
        let children = modules.children(module);
        named.extend(
            relative_paths(&body)
                .into_iter()
                .filter(|path| children.contains(path[0].as_str()))
                .map(|path| [module.clone(), path].concat()),
        );
        uses.insert(module.clone(), named);
    }
    let resolve = |path: &[String]| {
        let mut path = path.to_vec();
        for depth in 0.. {
            let deepest = (0..=path.len()).rev().find(|&i| modules.code.contains_key(&path[..i])).unwrap_or(0);
            let (module, rest) = path.split_at(deepest);
            let target = rest.first().and_then(|name| reexports.get(module)?.get(name));
            match target {
                Some(target) if depth < 10 && *target != path => path = [target, &rest[1..]].concat(),
                _ => return module.to_vec(),
            }
        }
        unreachable!()
    };
    let mut graph = Graph::new();
    for (module, named) in &uses {
        let edges = graph.entry(module.clone()).or_default();
        edges.extend(named.iter().map(|path| resolve(path)).filter(|target| target != module));
    }
    graph
}

/// The strongly connected components of more than one module (Tarjan's algorithm).
fn cycles(graph: &Graph) -> Vec<BTreeSet<ModulePath>> {
    struct Search<'g> {
        graph: &'g Graph,
        index: HashMap<&'g ModulePath, usize>,
        low: HashMap<&'g ModulePath, usize>,
        stack: Vec<&'g ModulePath>,
        on_stack: BTreeSet<&'g ModulePath>,
        found: Vec<BTreeSet<ModulePath>>,
    }
    impl<'g> Search<'g> {
        fn visit(&mut self, node: &'g ModulePath) {
            let number = self.index.len();
            self.index.insert(node, number);
            self.low.insert(node, number);
            self.stack.push(node);
            self.on_stack.insert(node);
            for next in self.graph.get(node).into_iter().flatten() {
                if !self.index.contains_key(next) {
                    self.visit(next);
                    self.low.insert(node, self.low[node].min(self.low[next]));
                } else if self.on_stack.contains(next) {
                    self.low.insert(node, self.low[node].min(self.index[next]));
                }
            }
            if self.low[node] == self.index[node] {
                let mut component = BTreeSet::new();
                while let Some(member) = self.stack.pop() {
                    self.on_stack.remove(member);
                    component.insert(member.clone());
                    if member == node {
                        break;
                    }
                }
                if component.len() > 1 {
                    self.found.push(component);
                }
            }
        }
    }
    let mut search = Search {
        graph,
        index: HashMap::new(),
        low: HashMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for node in graph.keys() {
        if !search.index.contains_key(node) {
            search.visit(node);
        }
    }
    search.found.sort();
    search.found
}

/// A module's name as Rust spells it (`crate` for the root).
fn name(module: &[String]) -> String {
    if module.is_empty() { "crate".to_owned() } else { module.join("::") }
}

/// A sorted list of names as `['a', 'b']`.
fn name_list<'a>(modules: impl Iterator<Item = &'a ModulePath>) -> String {
    let mut names: Vec<String> = modules.map(|m| format!("'{}'", name(m))).collect();
    names.sort();
    format!("[{}]", names.join(", "))
}

/// Each cycle with its modules, then each module with its edges inside the cycle.
fn describe(graph: &Graph, found: &[BTreeSet<ModulePath>]) -> String {
    let mut out = String::new();
    for component in found {
        out += &format!("{} {}\n", component.len(), name_list(component.iter()));
        let mut members: Vec<&ModulePath> = component.iter().collect();
        members.sort_by_key(|m| name(m));
        for member in members {
            let inside = graph[member].iter().filter(|m| component.contains(*m));
            out += &format!("    {} -> {}\n", name(member), name_list(inside));
        }
    }
    out
}

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The crate's modules read from `src/` (`a/b.rs` and `a/b/mod.rs` are `a::b`, `lib.rs` the root).
fn crate_modules() -> Vec<(ModulePath, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut modules = Vec::new();
    for file in files {
        let relative = file.strip_prefix(&src).unwrap().with_extension("");
        if relative.to_string_lossy().starts_with("bin") {
            continue;
        }
        let mut path: ModulePath =
            relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
        if path.last().is_some_and(|last| last == "mod") {
            path.pop();
        }
        if path == ["lib"] {
            path.clear();
        }
        modules.push((path, std::fs::read_to_string(&file).unwrap()));
    }
    modules
}

#[test]
fn the_modules_have_no_import_cycle() {
    let graph = module_graph(&crate_modules());
    let edges: usize = graph.values().map(BTreeSet::len).sum();
    assert!(graph.len() > 60 && edges > 100, "the source files were not read: {} modules, {edges} edges", graph.len());
    let found = cycles(&graph);
    assert!(found.is_empty(), "import cycles between modules:\n{}", describe(&graph, &found));
}
