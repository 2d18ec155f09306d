//! One case per class of validation error: each breaks the fixture tree one way and asserts the
//! file, line (and where it matters, column) and message of the problem reported.

use dopdeck::content::{self, Problem, RawFile, source};

fn fixture() -> Vec<RawFile> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tree");
    source::directory(&root).expect("fixture tree is readable")
}

/// The fixture with `from` replaced by `to` in `file` (which must contain `from`).
fn broken(file: &str, from: &str, to: &str) -> Vec<RawFile> {
    let mut files = fixture();
    let f = files.iter_mut().find(|f| f.path == file).unwrap_or_else(|| panic!("no fixture file {file}"));
    let text = String::from_utf8(f.bytes.clone()).unwrap();
    assert!(text.contains(from), "{file} does not contain {from:?}");
    f.bytes = text.replacen(from, to, 1).into_bytes();
    files
}

fn problems(files: &[RawFile]) -> Vec<Problem> {
    match content::load(files) {
        Ok(_) => panic!("expected problems, the tree validated"),
        Err(p) => p,
    }
}

/// Asserts one problem in `file` at `line` whose message contains `needle`.
fn expect(files: &[RawFile], file: &str, line: usize, needle: &str) -> Problem {
    let all = problems(files);
    all.iter()
        .find(|p| p.file == file && p.line == line && p.message.contains(needle))
        .cloned()
        .unwrap_or_else(|| panic!("no problem at {file}:{line} containing {needle:?}; got:\n{all:#?}"))
}

fn line_of(file: &str, needle: &str) -> usize {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tree");
    let text = std::fs::read_to_string(root.join(file)).unwrap();
    text.lines().position(|l| l.contains(needle)).expect("needle in fixture") + 1
}

const ALPHA: &str = "content/topics/alpha.toml";
const QUESTIONS: &str = "content/questions/sdlc/fixture.toml";

#[test]
fn the_fixture_is_valid() {
    let catalog = content::load(&fixture()).expect("fixture validates");
    assert_eq!(catalog.topics().len(), 2);
    assert_eq!(catalog.questions().len(), 2);
}

#[test]
fn toml_syntax_error() {
    let files = broken(ALPHA, "title = \"Basics\"", "title = \"Basics");
    let p = expect(&files, ALPHA, line_of(ALPHA, "title = \"Basics\""), "TOML syntax error");
    assert!(p.column > 1);
}

#[test]
fn unknown_key_is_located_at_the_key() {
    let files = broken(ALPHA, "tags = [\"basics\"]", "tags = [\"basics\"]\ncolour = \"red\"");
    let line = line_of(ALPHA, "tags = [\"basics\"]") + 1;
    let p = expect(&files, ALPHA, line, "unknown key `colour`");
    assert_eq!(p.column, 1);
    assert!(p.message.starts_with("[[card]]"), "{}", p.message);
}

#[test]
fn missing_key() {
    let files = broken(ALPHA, "back = \"A fixture.\"\n", "");
    expect(&files, ALPHA, line_of(ALPHA, "[[card]]"), "missing key `back`");
}

#[test]
fn duplicate_ids_within_a_topic() {
    let files = broken(ALPHA, "id = \"startup\"", "id = \"what\"");
    let p = expect(&files, ALPHA, line_of(ALPHA, "id = \"what\""), "duplicate card id `what`");
    assert!(p.message.contains(&format!("alpha.toml:{}:", line_of(ALPHA, "id = \"startup\""))), "{}", p.message);
    // Reported once, not again as a duplicate item id.
    assert_eq!(problems(&files).len(), 1);
}

#[test]
fn duplicate_question_ids_across_files() {
    let mut files = fixture();
    let q = files.iter().find(|f| f.path == QUESTIONS).unwrap().clone();
    files.push(RawFile { path: "content/questions/sdlc/copy.toml".into(), bytes: q.bytes });
    let p = expect(&files, "content/questions/sdlc/copy.toml", 2, "duplicate id `q-sdlc-fx-0001`");
    assert!(p.message.contains("content/questions/sdlc/fixture.toml:2:"), "{}", p.message);
}

#[test]
fn unknown_task() {
    let files = broken(ALPHA, "task = \"1.4\"\nfront", "task = \"9.9\"\nfront");
    let p = expect(&files, ALPHA, line_of(ALPHA, "front = \"What is Alpha?\"") - 1, "unknown task `9.9`");
    assert_eq!(p.column, 8);
}

#[test]
fn choose_disagrees_with_correct_options() {
    let files = broken(QUESTIONS, "why = \"Causes an outage.\"", "correct = true\nwhy = \"Causes an outage.\"");
    expect(&files, QUESTIONS, line_of(QUESTIONS, "choose = 1"), "choose = 1 but 2 options are marked correct");
}

#[test]
fn multiple_choice_needs_exactly_four_options() {
    let files = broken(QUESTIONS, "[[question.option]]\ntext = \"Do nothing.\"\nwhy = \"Does not deploy.\"\n", "");
    expect(&files, QUESTIONS, line_of(QUESTIONS, "choose = 1"), "exactly 4 options, not 3");
}

#[test]
fn multiple_response_needs_five_options_and_two_correct() {
    let files =
        broken(QUESTIONS, "[[question.option]]\ntext = \"Stop every instance.\"\nwhy = \"Zero capacity.\"\n", "");
    expect(&files, QUESTIONS, line_of(QUESTIONS, "choose = 2"), "5 or more options, not 4");
}

#[test]
fn more_options_than_letters_is_a_problem_not_a_panic() {
    // Every shell names options A–J; an 11th option once indexed past the letters and panicked.
    let extra: String =
        (1..=6).map(|n| format!("\n[[question.option]]\ntext = \"Extra {n}.\"\nwhy = \"No.\"\n")).collect();
    let files = broken(QUESTIONS, "why = \"Zero capacity.\"\n", &format!("why = \"Zero capacity.\"\n{extra}"));
    expect(&files, QUESTIONS, line_of(QUESTIONS, "choose = 2"), "has 11 options; at most 10 (A–J) can be shown");
}

#[test]
fn option_without_why() {
    let files = broken(QUESTIONS, "why = \"Destroys everything.\"\n", "");
    expect(&files, QUESTIONS, line_of(QUESTIONS, "text = \"Delete the stack.\"") - 1, "option 3 has no `why`");
}

#[test]
fn unknown_topic_reference() {
    let files = broken(ALPHA, "related = [\"beta\"]", "related = [\"beta\", \"gamma\"]");
    let p = expect(&files, ALPHA, line_of(ALPHA, "related ="), "unknown topic `gamma`");
    assert_eq!(p.column, 20, "the opening quote of \"gamma\"");
}

#[test]
fn table_row_wider_than_its_columns() {
    let files = broken(ALPHA, "[\"Gadget size\", \"5 MB\"]", "[\"Gadget size\", \"5 MB\", \"extra\"]");
    expect(&files, ALPHA, line_of(ALPHA, "Gadget size"), "row has 3 cells but table `quotas` has 2 columns");
}

#[test]
fn limits_table_without_as_of_or_source() {
    let files = broken(ALPHA, "as_of = \"2026-11\"\nsource = \"https://example.com/alpha/quotas\"\n", "");
    let line = line_of(ALPHA, "id = \"quotas\"");
    expect(&files, ALPHA, line, "has no `as_of`");
    expect(&files, ALPHA, line, "has no `source`");
}

#[test]
fn deck_that_selects_nothing() {
    let files = broken("decks/beta-only.toml", "topics = [\"beta\"]", "topics = [\"beta\"]\nkinds = [\"sequence\"]");
    expect(&files, "decks/beta-only.toml", 1, "selects nothing");
}

#[test]
fn question_in_the_wrong_domain_folder() {
    let files = broken(QUESTIONS, "task = \"1.4\"", "task = \"6.1\"");
    expect(&files, QUESTIONS, 3, "sits in the folder of domain 1");
}

#[test]
fn empty_file() {
    let mut files = fixture();
    files.push(RawFile { path: "content/topics/empty.toml".into(), bytes: b"\n  \n".to_vec() });
    expect(&files, "content/topics/empty.toml", 1, "file is empty");
}

#[test]
fn comments_only_file() {
    let mut files = fixture();
    files.push(RawFile { path: "content/topics/notes.toml".into(), bytes: b"# just a comment\n".to_vec() });
    expect(&files, "content/topics/notes.toml", 1, "no keys");
}

#[test]
fn not_utf8() {
    let mut files = fixture();
    files.push(RawFile {
        path: "content/topics/latin1.toml".into(),
        bytes: b"name = \"ok\"\nsummary = \"caf\xe9\"\n".to_vec(),
    });
    let p = expect(&files, "content/topics/latin1.toml", 2, "not UTF-8");
    assert_eq!(p.column, 15);
}

#[test]
fn not_toml_at_all() {
    let mut files = fixture();
    files.push(RawFile {
        path: "content/topics/page.toml".into(),
        bytes: b"<html><body>hello</body></html>\n".to_vec(),
    });
    expect(&files, "content/topics/page.toml", 1, "TOML syntax error");
}

#[test]
fn every_problem_in_one_run() {
    // Two broken questions in one file and a broken topic: all three are reported.
    let mut files = broken(QUESTIONS, "why = \"Destroys everything.\"\n", "bogus = 1\n");
    let q = files.iter_mut().find(|f| f.path == QUESTIONS).unwrap();
    let text = String::from_utf8(q.bytes.clone()).unwrap().replacen("choose = 2", "choose = 3", 1);
    q.bytes = text.into_bytes();
    let a = files.iter_mut().find(|f| f.path == ALPHA).unwrap();
    a.bytes = String::from_utf8(a.bytes.clone()).unwrap().replacen("\"beta\"]", "\"nope\"]", 1).into_bytes();
    let all = problems(&files);
    assert!(all.iter().any(|p| p.file == QUESTIONS && p.message.contains("unknown key `bogus`")), "{all:#?}");
    assert!(all.iter().any(|p| p.file == QUESTIONS && p.message.contains("choose = 3 but 2")), "{all:#?}");
    assert!(all.iter().any(|p| p.file == ALPHA && p.message.contains("unknown topic `nope`")), "{all:#?}");
}

#[test]
fn unexpected_file_location() {
    let mut files = fixture();
    files.push(RawFile { path: "content/misc.toml".into(), bytes: b"a = 1\n".to_vec() });
    expect(&files, "content/misc.toml", 1, "unexpected file");
}

#[test]
fn derived_ids_are_stable() {
    let catalog = content::load(&fixture()).unwrap();
    let ids: Vec<&str> = catalog.items().iter().map(|i| i.id.as_str()).collect();
    for id in [
        "alpha/what",
        "alpha/quotas/widgets-per-account",
        "alpha/quotas/gadget-size",
        "alpha/startup",
        "alpha-vs-beta/speed",
        "beta/why",
        "q-sdlc-fx-0001",
    ] {
        assert!(ids.contains(&id), "missing {id} in {ids:?}");
    }
    // Reordering rows does not change their ids.
    let files = broken(
        ALPHA,
        "  [\"Widgets per account\", \"100\"],\n  [\"Gadget size\", \"5 MB\"],",
        "  [\"Gadget size\", \"5 MB\"],\n  [\"Widgets per account\", \"100\"],",
    );
    let reordered = content::load(&files).unwrap();
    let item = reordered.item("alpha/quotas/gadget-size").unwrap();
    assert_eq!(reordered.prompt(item).back, "5 MB");
}

#[test]
fn duplicate_row_keys_in_a_carded_table() {
    let files = broken(ALPHA, "[\"Gadget size\", \"5 MB\"]", "[\"Widgets per-account\", \"5 MB\"]");
    expect(&files, ALPHA, line_of(ALPHA, "Gadget size"), "duplicate id `alpha/quotas/widgets-per-account`");
}
