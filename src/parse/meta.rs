//! A plan's identity: title, locality, parent, status.

use crate::model::{Level, Locality, Status};
use crate::parse::text::{Line, Skip, trim};

/// The plan's title: an early short line naming a plan (…规划, …方案).
pub(crate) fn title(lines: &[Line]) -> Option<(usize, String)> {
    lines
        .iter()
        .filter(|l| l.skip.is_none())
        .take(60)
        .find_map(|l| {
            let t = trim(&l.text);
            let t = t.trim_start_matches('《').trim_end_matches('》');
            let core = t
                .trim_end_matches(['）', ')'])
                .trim_end_matches("征求意见稿")
                .trim_end_matches(['（', '('])
                .trim_end();
            let n = core.chars().count();
            let named = ["规划", "方案", "计划", "纲要"]
                .iter()
                .any(|s| core.ends_with(s));
            let prose = ["，", "。", ",", "关于印发", "通知", "根据"]
                .iter()
                .any(|p| core.contains(p));
            (named && !prose && (6..=60).contains(&n)).then(|| (l.no, core.to_string()))
        })
}

/// The place names a title or caption starts with: 肇庆市鼎湖区… → [肇庆市, 鼎湖区].
pub(crate) fn places(text: &str) -> Vec<String> {
    let text = trim(text).trim_start_matches('《');
    let stops = [
        "市场监管",
        "市场监督",
        "“十四五”",
        "\"十四五\"",
        "十四五",
        "“十五五”",
        "十五五",
        "贯彻",
        "关于",
    ];
    let cut = stops.iter().filter_map(|s| text.find(s)).min().unwrap_or(0);
    let head = &text[..cut];
    let mut out = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = head.chars().collect();
    for (k, c) in chars.iter().enumerate() {
        cur.push(*c);
        let next_is_end = k + 1 == chars.len();
        let boundary = match c {
            '省' | '县' | '州' | '盟' | '旗' => true,
            '市' | '区' => next_is_end || !matches!(chars.get(k + 1), Some('场')),
            _ => false,
        };
        if boundary && cur.chars().count() >= 2 {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() && cur.chars().count() >= 2 && out.is_empty() {
        out.push(cur);
    }
    out
}

/// The level a place name suggests. A 市 under another 市 is a county-level city.
pub(crate) fn level_of(name: &str, under_city: bool) -> Level {
    let zone = [
        "开发区",
        "新区",
        "高新区",
        "园区",
        "试验区",
        "合作区",
        "管委会",
        "保税区",
    ];
    if name.ends_with('省') || name.ends_with("自治区") {
        Level::Province
    } else if zone.iter().any(|z| name.ends_with(z)) {
        Level::DevelopmentZone
    } else if name.ends_with('区') || name.ends_with('县') || name.ends_with('旗') {
        Level::CountyDistrict
    } else if name.ends_with('市') || name.ends_with('州') || name.ends_with('盟') {
        if under_city {
            Level::CountyDistrict
        } else {
            Level::PrefectureCity
        }
    } else {
        Level::Unknown
    }
}

/// The locality and its parent, from the places a title names.
pub(crate) fn locality(places: &[String]) -> Option<(Locality, Option<Locality>)> {
    let last = places.last()?;
    let parent = (places.len() >= 2).then(|| {
        let p = &places[places.len() - 2];
        let grand_city = places.len() >= 3 && places[places.len() - 3].ends_with('市');
        Locality::new(p.clone(), level_of(p, grand_city))
    });
    let under_city = parent.as_ref().is_some_and(|p| p.name.ends_with('市'));
    Some((
        Locality::new(last.clone(), level_of(last, under_city)),
        parent,
    ))
}

/// Draft for comments, issued, or unknown.
pub(crate) fn status(lines: &[Line]) -> Status {
    let early = lines.iter().take(40);
    let mut issued = false;
    for l in early {
        let t = l.trimmed();
        if t.contains("征求意见稿") {
            return Status::DraftForComments;
        }
        if l.skip == Some(Skip::FrontMatter) && t.contains("关于印发") {
            issued = true;
        }
    }
    if issued {
        Status::Issued
    } else {
        Status::Unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_in_titles() {
        assert_eq!(
            places("肇庆市鼎湖区市场监管现代化“十四五”规划"),
            vec!["肇庆市", "鼎湖区"]
        );
        assert_eq!(places("中山市市场监管现代化“十四五”规划"), vec!["中山市"]);
        assert_eq!(
            places("大亚湾开发区“十四五”市场监管主要指标表"),
            vec!["大亚湾开发区"]
        );
        assert_eq!(places("广东省市场监管现代化“十四五”规划"), vec!["广东省"]);
    }

    #[test]
    fn levels() {
        let (l, p) =
            locality(&places("肇庆市鼎湖区市场监管现代化“十四五”规划")).unwrap_or_else(|| panic!());
        assert_eq!(l.level, Level::CountyDistrict);
        assert_eq!(p.map(|p| p.level), Some(Level::PrefectureCity));
        assert_eq!(
            level_of("大亚湾经济技术开发区", false),
            Level::DevelopmentZone
        );
    }
}
