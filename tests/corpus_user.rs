//! The researcher's own corpus: plans from texts, files, folders and manifests; the
//! hierarchy merged with the bundled one or inferred from the plans; positioned errors.

use std::path::{Path, PathBuf};

use planalign::corpus::{Corpus, CorpusBuilder};
use planalign::{ErrorKind, Level};

/// A small city plan: a title, a goal, a table of two rows.
fn city_plan(title: &str) -> String {
    format!(
        "{title}\n第二章 发展目标\n到2025年，市场监管现代化水平明显提升。\n主要指标表\n序号\t指标名称\t单位\t2020年\t2025年\t属性\n1\t食品抽检合格率\t%\t98\t98.5\t约束性\n2\t每万人口高价值发明专利拥有量\t件\t2\t4\t预期性\n"
    )
}

/// A fresh folder under the test target's scratch space.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("corpus_user")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    dir
}

#[test]
fn a_city_plan_slots_in_under_the_province_and_above_its_district() {
    let mut builder = CorpusBuilder::guangdong().expect("the bundled corpus");
    builder.add_text("zhaoqing", &city_plan("肇庆市市场监管现代化“十四五”规划"));
    let corpus = builder.build().expect("a corpus");
    let bundled = planalign::corpus::guangdong().expect("the bundled corpus");
    // The same locality, given a plan: not a second 肇庆市.
    assert_eq!(corpus.localities().len(), bundled.localities().len());
    let zhaoqing = corpus.locality("肇庆市").expect("肇庆市");
    assert_eq!(zhaoqing.plan.as_deref(), Some("zhaoqing"));
    assert_eq!(zhaoqing.parent.as_deref(), Some("广东省"));
    let chain = corpus.ancestors("dinghu").expect("dinghu");
    assert_eq!(chain[0].plan.as_deref(), Some("zhaoqing"));
    assert_eq!(chain[1].plan.as_deref(), Some("guangdong"));
    let placed = corpus.plan("zhaoqing").expect("zhaoqing");
    assert_eq!(
        placed.parent.as_ref().map(|p| p.name.as_str()),
        Some("广东省")
    );
    // Placed by its title, and the corpus says so.
    assert!(
        corpus
            .notes()
            .iter()
            .any(|n| n.plan.as_deref() == Some("zhaoqing") && n.message.contains("title")),
        "{:?}",
        corpus.notes()
    );
}

#[test]
fn a_locality_no_entry_declares_is_inferred_from_the_title_with_its_parent() {
    let mut builder = Corpus::builder();
    builder.add_text("a", &city_plan("示例市示例区市场监管现代化“十四五”规划"));
    let corpus = builder.build().expect("a corpus");
    let district = corpus.locality("示例区").expect("inferred");
    assert_eq!(district.level, Level::CountyDistrict);
    assert_eq!(district.parent.as_deref(), Some("示例市"));
    assert!(corpus.locality("示例市").is_some());
    let note = corpus
        .notes()
        .iter()
        .find(|n| n.plan.as_deref() == Some("a"));
    assert!(
        note.is_some_and(|n| n.message.contains("inferred") && n.message.contains("示例市")),
        "{:?}",
        corpus.notes()
    );
}

#[test]
fn a_parent_is_inferred_from_the_plan_it_cites() {
    let text = "示例区市场监管现代化“十四五”规划\n根据《示例市市场监管现代化“十四五”规划》，结合本区实际，制定本规划。\n主要指标表\n序号\t指标名称\t单位\t2020年\t2025年\t属性\n1\t食品抽检合格率\t%\t98\t98.5\t约束性\n";
    let mut builder = Corpus::builder();
    builder.add_text("district", text);
    let corpus = builder.build().expect("a corpus");
    let district = corpus.locality("示例区").expect("inferred");
    assert_eq!(district.parent.as_deref(), Some("示例市"));
    assert!(
        corpus
            .notes()
            .iter()
            .any(|n| n.message.contains("cites at line 2")),
        "{:?}",
        corpus.notes()
    );
}

#[test]
fn a_manifest_locality_merges_into_the_bundled_one() {
    let dir = scratch("merge");
    std::fs::write(
        dir.join("zq.txt"),
        city_plan("肇庆市市场监管现代化“十四五”规划"),
    )
    .unwrap();
    std::fs::write(
        dir.join("corpus.toml"),
        "[[plan]]\nid = \"zhaoqing\"\nfile = \"zq.txt\"\nlocality = \"肇庆\"\n\n[[locality]]\nname = \"肇庆市\"\nlevel = \"prefecture_city\"\nparent = \"广东省\"\naliases = [\"肇庆\"]\n",
    )
    .unwrap();
    let mut builder = CorpusBuilder::guangdong().expect("bundled");
    builder.add_dir(&dir).expect("the folder");
    let corpus = builder.build().expect("a corpus");
    let bundled = planalign::corpus::guangdong().expect("bundled");
    assert_eq!(corpus.localities().len(), bundled.localities().len());
    let zq = corpus.locality("肇庆").expect("by its alias");
    assert_eq!(zq.name, "肇庆市");
    assert_eq!(zq.plan.as_deref(), Some("zhaoqing"));
    assert_eq!(
        corpus.ancestors("dinghu").unwrap()[0].plan.as_deref(),
        Some("zhaoqing")
    );
    // Declared, not inferred: no note about it.
    assert!(corpus.notes().is_empty(), "{:?}", corpus.notes());
}

#[test]
fn a_manifest_that_contradicts_the_bundled_level_is_an_error_at_its_line() {
    let dir = scratch("level");
    std::fs::write(
        dir.join("corpus.toml"),
        "[[locality]]\nname = \"肇庆市\"\nlevel = \"province\"\n",
    )
    .unwrap();
    let mut builder = CorpusBuilder::guangdong().expect("bundled");
    let e = builder.add_dir(&dir).err().expect("a conflict");
    assert!(e.is_conflict(), "{e}");
    assert!(e.file().is_some_and(|f| f.ends_with("corpus.toml")), "{e}");
    assert_eq!(e.position().map(|p| p.line), Some(2), "{e}");
}

#[test]
fn a_folder_without_a_manifest_reads_every_plan_file_and_skips_what_is_no_plan() {
    let dir = scratch("folder");
    std::fs::write(
        dir.join("a.txt"),
        city_plan("甲市市场监管现代化“十四五”规划"),
    )
    .unwrap();
    std::fs::write(
        dir.join("b.md"),
        city_plan("乙市市场监管现代化“十四五”规划"),
    )
    .unwrap();
    std::fs::write(dir.join("README.md"), "notes for myself\n").unwrap();
    std::fs::write(dir.join("data.csv"), "a,b\n").unwrap();
    let corpus = Corpus::load(&dir).expect("a corpus");
    let ids: Vec<&str> = corpus.ids().collect();
    assert_eq!(ids, ["a", "b"]);
    assert!(
        corpus
            .notes()
            .iter()
            .any(|n| n.file.as_deref().is_some_and(|f| f.ends_with("README.md"))),
        "{:?}",
        corpus.notes()
    );
    // Two cities of no known province: peers of one period.
    assert_eq!(corpus.peers("a").unwrap(), ["b"]);
}

#[test]
fn an_unknown_id_lists_the_ids_the_corpus_has() {
    let corpus = planalign::corpus::guangdong().expect("bundled");
    let e = corpus.plan("qingyan").unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::UnknownId(id) if id == "qingyan"));
    assert!(e.help().is_some_and(|h| h.contains("qingyuan")), "{e}");
    assert!(e.to_string().contains("dinghu"), "{e}");
}

#[test]
fn a_plan_of_another_period_is_no_ancestor_and_pairs_for_attainment() {
    let mut builder = CorpusBuilder::guangdong().expect("bundled");
    let text = "清远市市场监管现代化“十五五”规划\n第二章 发展目标\n到2030年，市场监管现代化水平全面提升。\n主要指标表\n序号\t指标名称\t单位\t2025年\t2030年\t属性\n1\t食品抽检合格率\t%\t98.5\t99\t约束性\n";
    builder.add_text("qingyuan15", text);
    let corpus = builder.build().expect("a corpus");
    let later = corpus.plan("qingyuan15").unwrap();
    assert_eq!((later.period.start, later.period.end), (2026, 2030));
    let chain = corpus.ancestors("qingyuan15").unwrap();
    assert_eq!(chain[0].locality.name, "广东省");
    assert!(chain[0].plan.is_none(), "{chain:?}");
    assert!(
        chain[0]
            .note
            .as_deref()
            .is_some_and(|n| n.contains("another period"))
    );
    // Peers are of one period.
    assert!(!corpus.peers("zhongshan").unwrap().contains(&"qingyuan15"));
    let pairs: Vec<(&str, &str)> = corpus
        .consecutive()
        .into_iter()
        .map(|(a, b)| (a.label(), b.label()))
        .collect();
    assert_eq!(pairs, [("qingyuan", "qingyuan15")]);
    assert_eq!(
        corpus.locality("清远市").unwrap().plan.as_deref(),
        Some("qingyuan15")
    );
}

/// A fixture folder of tests/fixtures.
fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path)
}

/// Loads an error fixture; the error, its file's name and its line.
fn load_error(name: &str) -> (planalign::Error, String, Option<usize>) {
    let e = Corpus::load(fixture(&format!("corpus-errors/{name}"))).expect_err("an error");
    let file = e.file().unwrap_or_default().to_string();
    let line = e.position().map(|p| p.line);
    (e, file, line)
}

#[test]
fn a_plan_file_that_cannot_be_read_is_an_error_naming_it_and_the_manifest_line() {
    let (e, file, line) = load_error("missing-file");
    assert!(e.is_io(), "{e}");
    assert!(file.ends_with("missing-file/corpus.toml"), "{e}");
    assert_eq!(line, Some(11), "{e}");
    assert!(e.to_string().contains("sihui.txt"), "{e}");
}

#[test]
fn a_parent_not_in_the_hierarchy_is_an_error_at_the_parent() {
    let (e, file, line) = load_error("unknown-parent");
    assert!(e.is_data(), "{e}");
    assert!(file.ends_with("unknown-parent/corpus.toml"), "{e}");
    assert_eq!(line, Some(18), "{e}");
    assert!(e.to_string().contains("肇庆地区"), "{e}");
}

#[test]
fn a_cycle_of_parents_is_an_error_naming_the_chain() {
    let (e, file, line) = load_error("cycle");
    assert!(e.is_data(), "{e}");
    assert!(file.ends_with("cycle/corpus.toml"), "{e}");
    assert!(matches!(line, Some(14 | 20)), "{e}");
    let message = e.to_string();
    assert!(
        message.contains("cycle") && message.contains("端州区 → 高要区 → 端州区"),
        "{e}"
    );
}

#[test]
fn two_plans_claiming_one_id_is_an_error_naming_both() {
    let (e, file, line) = load_error("duplicate-id");
    assert!(e.is_conflict(), "{e}");
    assert!(file.ends_with("duplicate-id/corpus.toml"), "{e}");
    assert_eq!(line, Some(13), "{e}");
    assert!(e.to_string().contains("line 7"), "{e}");
}

/// The acceptance case: the fixture 肇庆市 plan added to the bundled corpus becomes 鼎湖's
/// nearest ancestor with a plan, and its designed verdicts (tests/zhaoqing.rs holds the
/// design) come out of the corpus-wide answers.
#[test]
fn dinghu_is_judged_against_its_own_city_in_the_corpus() {
    use planalign::compare::{Comparer, Relation, Status, Verdict};
    let mut builder = CorpusBuilder::guangdong().expect("bundled");
    builder.add_dir(fixture("zhaoqing")).expect("the fixture");
    let corpus = builder.build().expect("a corpus");
    let chain = corpus.ancestors("dinghu").expect("dinghu");
    assert_eq!(chain[0].locality.name, "肇庆市");
    assert_eq!(chain[0].plan.as_deref(), Some("zhaoqing"));
    let comparer = Comparer::default();
    let against = comparer
        .against_ancestors(&corpus, "dinghu")
        .expect("dinghu");
    let c = against[0]
        .comparison
        .as_ref()
        .expect("compared with 肇庆市");
    assert_eq!(c.relation, Relation::Ancestor);
    let verdict = |key: &str| {
        c.indicators
            .iter()
            .find(|i| i.key == key)
            .and_then(|i| i.verdict)
    };
    assert_eq!(
        verdict("food.bright_kitchen.coverage"),
        Some(Verdict::Looser)
    );
    let count = |v| c.indicators.iter().filter(|i| i.verdict == Some(v)).count();
    assert!(
        count(Verdict::Stricter) >= 2 && count(Verdict::Equal) >= 2,
        "{c:#?}"
    );
    let gaps: Vec<&str> = c.binding_gaps().map(|g| g.key.as_str()).collect();
    assert_eq!(gaps.len(), 1, "{gaps:?}");
    assert!(gaps[0].starts_with("special_equipment."), "{gaps:?}");
    assert!(c.indicators.iter().any(|i| i.status == Status::InProse));
    // The corpus report judges 鼎湖 against its city key by key.
    let report = planalign::report::corpus_report(&comparer, &corpus).expect("a report");
    let md = report.to_markdown();
    assert!(
        md.contains("### dinghu against zhaoqing (ancestor)"),
        "{md}"
    );
}

/// Runs the report example with `args`; its exit status, stdout and stderr.
fn report(args: &[&str]) -> (Option<i32>, String, String) {
    let manifest = concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml");
    let out = std::process::Command::new(env!("CARGO"))
        .args([
            "run",
            "--quiet",
            "--manifest-path",
            manifest,
            "--example",
            "report",
            "--",
        ])
        .args(args)
        .output()
        .expect("cargo runs");
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.code(), text(&out.stdout), text(&out.stderr))
}

fn json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(path).expect("written")).expect("JSON")
}

/// The acceptance cases through the command line: the fixture 肇庆市 plan with the bundled
/// corpus gives 鼎湖 its city as parent in comparisons.json; the fixture 十五五 plan gives
/// attainment.json; an unknown flag is an error that lists the accepted ones.
#[test]
fn the_report_command_runs_on_the_users_folder() {
    let out = scratch("report-zhaoqing");
    let dir = fixture("zhaoqing");
    let (code, md, err) = report(&[
        "--corpus",
        dir.to_str().unwrap(),
        "--with-bundled",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        md.contains("### dinghu against zhaoqing (ancestor)"),
        "{md}"
    );
    let comparisons = json(&out.join("comparisons.json"));
    let c = comparisons
        .as_array()
        .expect("an array")
        .iter()
        .find(|c| c["child"] == "dinghu" && c["parent"] == "zhaoqing")
        .expect("dinghu against zhaoqing");
    let verdict_of = |key: &str| {
        c["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["key"] == key)
            .map(|i| i["verdict"].clone())
    };
    assert_eq!(
        verdict_of("food.bright_kitchen.coverage"),
        Some("looser".into())
    );
    assert!(!out.join("attainment.json").exists());

    let out = scratch("report-fifteenth");
    let dir = fixture("fifteenth");
    let (code, _, err) = report(&[
        "--corpus",
        dir.to_str().unwrap(),
        "--with-bundled",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, Some(0), "{err}");
    let attainment = json(&out.join("attainment.json"));
    let a = &attainment[0];
    assert_eq!(
        (a["locality"].as_str(), a["earlier"].as_str()),
        (Some("清远市"), Some("qingyuan"))
    );
    let outcomes: Vec<&str> = a["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["outcome"].as_str().unwrap())
        .collect();
    for word in ["met", "exceeded", "missed", "not_comparable"] {
        assert!(outcomes.contains(&word), "{outcomes:?}");
    }
    assert!(a["rows"][0]["target"].is_string() && a["rows"][0]["achieved"].is_string());

    let (code, _, err) = report(&["--bogus"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("--bogus") && err.contains("--corpus") && err.contains("--with-bundled"),
        "{err}"
    );
    let (code, _, err) = report(&["--corpus", "/nonexistent/plans"]);
    assert_ne!(code, Some(0), "{err}");
    assert!(err.contains("/nonexistent/plans"), "{err}");
}

/// A registry file given to the report adds an alias that makes a renamed row of the
/// user's plan resolve in the report's comparisons; a withdrawal takes a bundled name away.
#[test]
fn the_reports_registry_files_add_and_withdraw_names() {
    let dir = scratch("registry-plans");
    std::fs::write(
        dir.join("shili.txt"),
        "肇庆市示例区市场监管现代化“十四五”规划\n第二章 发展目标\n到2025年，市场监管现代化水平明显提升。\n主要指标表\n序号\t指标名称\t单位\t2020年\t2025年\t属性\n1\t阳光厨房覆盖率\t%\t80\t95\t预期性\n2\t药品抽检合格率\t%\t98\t99\t约束性\n",
    )
    .unwrap();
    let files = scratch("registry-files");
    let alias = alias_file(&files);
    let withdraw = files.join("withdraw.toml");
    std::fs::write(
        &withdraw,
        "[[withdraw]]\nkey = \"drugs.sampling.pass_rate\"\nname = \"药品抽检合格率\"\nsource = \"a test: the name is taken away\"\n",
    )
    .unwrap();
    let keys_against_qingyuan = |registry: &[&Path]| {
        let out = scratch("registry-out");
        let mut args = vec!["--corpus", dir.to_str().unwrap(), "--with-bundled"];
        for r in registry {
            args.extend(["--registry", r.to_str().unwrap()]);
        }
        args.extend(["--out", out.to_str().unwrap()]);
        let (code, _, err) = report(&args);
        assert_eq!(code, Some(0), "{err}");
        let comparisons = json(&out.join("comparisons.json"));
        let c = comparisons
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["child"] == "shili" && c["parent"] == "qingyuan")
            .cloned()
            .expect("the plan against 清远");
        c["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|i| i["status"] == "aligned")
            .map(|i| i["key"].as_str().unwrap().to_string())
            .collect::<Vec<String>>()
    };
    let bright = "food.bright_kitchen.coverage".to_string();
    let drugs = "drugs.sampling.pass_rate".to_string();
    let plain = keys_against_qingyuan(&[]);
    assert!(
        !plain.contains(&bright) && plain.contains(&drugs),
        "{plain:?}"
    );
    let added = keys_against_qingyuan(&[&alias]);
    assert!(added.contains(&bright), "{added:?}");
    let both = keys_against_qingyuan(&[&alias, &withdraw]);
    assert!(both.contains(&bright) && !both.contains(&drugs), "{both:?}");
}

/// A registry file in `dir` giving 阳光厨房覆盖率 as a name of the bright-kitchen key.
fn alias_file(dir: &Path) -> std::path::PathBuf {
    let alias = dir.join("alias.toml");
    std::fs::write(
        &alias,
        "[[alias]]\nkey = \"food.bright_kitchen.coverage\"\nname = \"阳光厨房覆盖率\"\nsource = \"a county's own name for it\"\n",
    )
    .unwrap();
    alias
}

/// The resolve example takes the same registry files: the alias resolves there too.
#[test]
fn the_resolve_command_takes_registry_files() {
    use std::io::Write as _;
    let files = scratch("resolve-registry");
    let alias = alias_file(&files);
    let manifest = concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml");
    let run = |args: &[&str]| {
        let mut child = std::process::Command::new(env!("CARGO"))
            .args([
                "run",
                "--quiet",
                "--manifest-path",
                manifest,
                "--example",
                "resolve",
                "--",
            ])
            .args(args)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("cargo runs");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all("阳光厨房覆盖率\n".as_bytes())
            .expect("written");
        let out = child.wait_with_output().expect("ends");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let key_of = |line: String| line.split('\t').nth(1).unwrap_or_default().to_string();
    assert_ne!(key_of(run(&[])), "food.bright_kitchen.coverage");
    assert_eq!(
        key_of(run(&["--registry", alias.to_str().unwrap()])),
        "food.bright_kitchen.coverage"
    );
}
