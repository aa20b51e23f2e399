//! The small corpus the HTML report's tests draw: a province with a known table, a city
//! under it, a district under the city, and a district whose city's plan is cited but
//! missing (so that it is judged against the province).
#![allow(dead_code)]

use planalign::Level;
use planalign::corpus::{Corpus, LocalityEntry};

/// A plan: its title, one goal, and its table rows (name, unit, baseline, target,
/// attribute).
pub fn plan_text(
    title: &str,
    cites: Option<&str>,
    rows: &[(&str, &str, &str, &str, &str)],
) -> String {
    let mut s = format!("{title}\n");
    if let Some(c) = cites {
        s.push_str(&format!(
            "根据《{c}市场监管现代化“十四五”规划》，结合实际，制定本规划。\n"
        ));
    }
    s.push_str("第二章 发展目标\n到2025年，市场监管现代化水平明显提升。\n主要指标表\n序号\t指标名称\t单位\t2020年\t2025年\t属性\n");
    for (k, (name, unit, base, target, attr)) in rows.iter().enumerate() {
        s.push_str(&format!(
            "{}\t{name}\t{unit}\t{base}\t{target}\t{attr}\n",
            k + 1
        ));
    }
    s
}

fn entry(name: &str, level: Level, parent: Option<&str>) -> LocalityEntry {
    let mut e = LocalityEntry::new(name, level);
    e.parent = parent.map(str::to_string);
    e
}

/// The fixture corpus: province, city, district, and a district under a missing city.
pub fn corpus() -> Corpus {
    const FOOD: &str = "食品抽检合格率";
    const PATENTS: &str = "每万人口高价值发明专利拥有量";
    const KITCHEN: &str = "“明厨亮灶”覆盖率";
    const STANDARDS: &str = "企业标准数";
    let mut b = Corpus::builder();
    for e in [
        entry("示例省", Level::Province, None),
        entry("示例市", Level::PrefectureCity, Some("示例省")),
        entry("示例区", Level::CountyDistrict, Some("示例市")),
        entry("缺失市", Level::PrefectureCity, Some("示例省")),
        entry("其他区", Level::CountyDistrict, Some("缺失市")),
    ] {
        b.add_locality(e).expect("a locality");
    }
    b.add_text(
        "province",
        &plan_text(
            "示例省市场监管现代化“十四五”规划",
            None,
            &[
                (FOOD, "%", "98", "98.5", "约束性"),
                (PATENTS, "件", "2", "4", "预期性"),
                (KITCHEN, "%", "60", "90", "约束性"),
            ],
        ),
    );
    b.add_text(
        "city",
        &plan_text(
            "示例市市场监管现代化“十四五”规划",
            Some("示例省"),
            &[
                (FOOD, "%", "98", "99", "约束性"),
                (PATENTS, "件", "1.5", "3", "预期性"),
                (STANDARDS, "项", "100", "200", "预期性"),
            ],
        ),
    );
    b.add_text(
        "district",
        &plan_text(
            "示例市示例区市场监管现代化“十四五”规划",
            Some("示例市"),
            &[
                (FOOD, "%", "98", "99", "约束性"),
                (KITCHEN, "%", "70", "≥90", "约束性"),
            ],
        ),
    );
    b.add_text(
        "other",
        &plan_text(
            "其他区市场监管现代化“十四五”规划",
            Some("缺失市"),
            &[(PATENTS, "件", "2", "4", "预期性")],
        ),
    );
    b.build().expect("the fixture corpus")
}
