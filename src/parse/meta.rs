//! A plan's identity: title, locality, parent and status (its period is `parse::period`'s).

use crate::model::{DocumentStatus, Level, Locality};
use crate::parse::text::{Line, Skip, trim};
use crate::text::Lexicon;

/// The plan's title: an early short line naming a plan (…规划, …方案).
pub(crate) fn title(lines: &[Line], lex: &Lexicon) -> Option<(usize, String)> {
    lines
        .iter()
        .filter(|l| l.skip.is_none())
        .take(60)
        .find_map(|l| {
            let core = title_core(trim(&l.text), lex);
            let words = &lex.document.title;
            let n = core.chars().count();
            let named = words.kinds.suffix_of(core).is_some();
            let prose = words.not_in_title.any_in(core);
            (named && !prose && (6..=60).contains(&n)).then(|| (l.no, core.to_string()))
        })
}

/// A title line without its title marks and its note in parentheses: the draft note or
/// the years it covers. 《…规划》（征求意见稿） → …规划, …规划（2026—2030年） → …规划.
fn title_core<'a>(t: &'a str, lex: &Lexicon) -> &'a str {
    let titles = &lex.fold.titles;
    let closes = |c: char| titles.iter().any(|p| p.close == c);
    let t = t
        .trim_start_matches(|c| titles.iter().any(|p| p.open == c))
        .trim_end_matches(closes);
    without_note(t, lex).trim_end_matches(closes).trim_end()
}

/// A title without the note that ends it: 征求意见稿 in parentheses or not, or a span of
/// years in parentheses.
fn without_note<'a>(t: &'a str, lex: &Lexicon) -> &'a str {
    let parens = &lex.fold.parens;
    let is_open = |c: char| parens.iter().any(|p| p.open == c);
    let inner = t.trim_end_matches(|c| parens.iter().any(|p| p.close == c));
    let draft = lex.document.title.draft.as_str();
    if let Some(r) = inner.strip_suffix(draft).filter(|_| !draft.is_empty()) {
        return r.trim_end_matches(is_open).trim_end();
    }
    if inner.len() == t.len() {
        return t;
    }
    let Some((open_at, open)) = inner.char_indices().rfind(|(_, c)| is_open(*c)) else {
        return t;
    };
    let note = inner.get(open_at + open.len_utf8()..).unwrap_or("");
    match super::period::alone(note, lex) {
        Some(_) => inner.get(..open_at).unwrap_or(t).trim_end(),
        None => t,
    }
}

/// The place names a title or caption starts with: 肇庆市鼎湖区… → [肇庆市, 鼎湖区].
pub(crate) fn places(text: &str, lex: &Lexicon) -> Vec<String> {
    let titles = &lex.fold.titles;
    let text = trim(text).trim_start_matches(|c| titles.iter().any(|p| p.open == c));
    split_places(&text[..places_end(text, lex)], lex)
}

/// Where the place names of a title end: at the regulator's name (市场监管), a period's
/// name with its quotes (“十四五”), or a verb (贯彻, 关于); 0 when nothing ends them.
fn places_end(text: &str, lex: &Lexicon) -> usize {
    let stops = lex
        .document
        .places
        .stops
        .iter()
        .filter_map(|s| text.find(s));
    let periods = lex.periods.iter().filter_map(|p| {
        let at = text.find(p.name.as_str())?;
        // An opening quote before the period's name goes with it.
        let quote = text[..at]
            .chars()
            .next_back()
            .filter(|c| lex.fold.quotes.iter().any(|q| q.open == *c));
        Some(at - quote.map_or(0, char::len_utf8))
    });
    stops.chain(periods).min().unwrap_or(0)
}

/// Splits the head of a title into place names, each ending in a level character (省, 市 …).
fn split_places(head: &str, lex: &Lexicon) -> Vec<String> {
    let words = &lex.document.places;
    // 市 of 市场 ends no place.
    let ends_at = |k: usize, c: char| {
        words.ends.contains(c) && words.false_ends.prefix_of(&head[k..]).is_none()
    };
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut it = head.char_indices().peekable();
    while let Some((k, c)) = it.next() {
        cur.push(c);
        // 州 of 杭州市 is part of the city's name: the next end character ends the place.
        let next_ends = it.peek().is_some_and(|&(j, d)| ends_at(j, d));
        if ends_at(k, c) && !next_ends && cur.chars().count() >= 2 {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() && cur.chars().count() >= 2 && out.is_empty() {
        out.push(cur);
    }
    out
}

/// The level a place name suggests. A city under another city is a county-level city.
pub(crate) fn level_of(name: &str, under_city: bool, lex: &Lexicon) -> Level {
    let words = &lex.document.places;
    let ends = |l: &crate::text::WordList| l.suffix_of(name).is_some();
    if ends(&words.province) {
        Level::Province
    } else if ends(&words.zone) {
        Level::DevelopmentZone
    } else if ends(&words.county) {
        Level::CountyDistrict
    } else if ends(&words.city) {
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
pub(crate) fn locality(places: &[String], lex: &Lexicon) -> Option<(Locality, Option<Locality>)> {
    let is_city = |name: &str| lex.document.places.city.suffix_of(name).is_some();
    let last = places.last()?;
    let parent = (places.len() >= 2).then(|| {
        let p = &places[places.len() - 2];
        let grand_city = places.len() >= 3 && is_city(&places[places.len() - 3]);
        Locality::new(p.clone(), level_of(p, grand_city, lex))
    });
    let under_city = parent.as_ref().is_some_and(|p| is_city(&p.name));
    Some((
        Locality::new(last.clone(), level_of(last, under_city, lex)),
        parent,
    ))
}

/// Draft for comments, issued, or unknown.
pub(crate) fn status(lines: &[Line], lex: &Lexicon) -> DocumentStatus {
    let early = lines.iter().take(40);
    let mut issued = false;
    for l in early {
        let t = l.trimmed();
        if t.contains(lex.document.title.draft.as_str()) {
            return DocumentStatus::DraftForComments;
        }
        if l.skip == Some(Skip::FrontMatter) && t.contains(lex.document.chrome.notice_open.as_str())
        {
            issued = true;
        }
    }
    if issued {
        DocumentStatus::Issued
    } else {
        DocumentStatus::Unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn places(s: &str) -> Vec<String> {
        super::places(s, Lexicon::bundled())
    }

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
        let (l, p) = locality(
            &places("肇庆市鼎湖区市场监管现代化“十四五”规划"),
            Lexicon::bundled(),
        )
        .unwrap_or_else(|| panic!());
        assert_eq!(l.level, Level::CountyDistrict);
        assert_eq!(p.map(|p| p.level), Some(Level::PrefectureCity));
        assert_eq!(
            level_of("大亚湾经济技术开发区", false, Lexicon::bundled()),
            Level::DevelopmentZone
        );
    }

    #[test]
    fn a_title_with_its_years() {
        let lex = Lexicon::bundled();
        assert_eq!(
            title_core("《示例市市场监管现代化规划（2026—2030年）》", lex),
            "示例市市场监管现代化规划"
        );
        assert_eq!(
            title_core("示例市市场监管现代化规划（2026—2030年）", lex),
            "示例市市场监管现代化规划"
        );
        assert_eq!(
            title_core("《示例市市场监管现代化规划》（征求意见稿）", lex),
            "示例市市场监管现代化规划"
        );
        assert_eq!(
            title_core("示例市市场监管现代化规划（试行）", lex),
            "示例市市场监管现代化规划（试行）"
        );
        assert_eq!(places("示例市市场监管现代化“十五五”规划"), vec!["示例市"]);
    }

    #[test]
    fn places_of_other_provinces() {
        assert_eq!(places("广州市市场监管现代化“十四五”规划"), vec!["广州市"]);
        let lex = Lexicon::bundled();
        let (l, p) = locality(&places("恩施土家族苗族自治州恩施市市场监管规划"), lex)
            .unwrap_or_else(|| panic!());
        assert_eq!(l.level, Level::CountyDistrict);
        assert_eq!(p.map(|p| p.level), Some(Level::PrefectureCity));
        let (l, _) =
            locality(&places("阿拉善盟市场监管“十四五”规划"), lex).unwrap_or_else(|| panic!());
        assert_eq!(
            (l.name.as_str(), l.level),
            ("阿拉善盟", Level::PrefectureCity)
        );
        let (l, p) = locality(&places("浙江省杭州市余杭区市场监管“十四五”规划"), lex)
            .unwrap_or_else(|| panic!());
        assert_eq!(
            (l.name.as_str(), l.level),
            ("余杭区", Level::CountyDistrict)
        );
        assert_eq!(p.map(|p| p.level), Some(Level::PrefectureCity));
    }
}
