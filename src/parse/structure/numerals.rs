//! Numbers as plans write them: Chinese numerals (三, 十二, 一百零五, 两), Arabic digits in
//! full or half width, and the scanner that reads a number off a slice of characters.

/// The value of one Chinese digit (一 … 九, 两, 零, 〇).
pub(crate) fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// The power of ten of a Chinese numeral unit (十 百 千 万 亿).
fn cn_unit(c: char) -> Option<f64> {
    Some(match c {
        '十' => 10.0,
        '百' => 100.0,
        '千' => 1000.0,
        '万' => 1e4,
        '亿' => 1e8,
        _ => return None,
    })
}

/// Whether `c` can be part of a Chinese numeral.
pub(super) fn is_cn_numeral(c: char) -> bool {
    cn_digit(c).is_some() || cn_unit(c).is_some()
}

/// The value of a Chinese numeral such as 三, 十二, 二十, 一百零五, 三千, 一万五千.
///
/// `None` for text that is not a well-formed numeral, such as two digits side by side
/// (十四五, which names a plan period, reads as 十四 then 五 and is refused).
pub(super) fn cn_value(chars: &[char]) -> Option<f64> {
    if chars.is_empty() || chars.len() > 12 {
        return None;
    }
    let mut total = 0.0;
    let mut section = 0.0;
    let mut digit: Option<f64> = None;
    let mut after_zero = false;
    for &c in chars {
        if let Some(d) = cn_digit(c) {
            if d == 0 {
                after_zero = true;
                continue;
            }
            if digit.is_some() {
                return None;
            }
            digit = Some(f64::from(d));
            after_zero = false;
        } else if let Some(u) = cn_unit(c) {
            if u >= 1e4 {
                total = (total + section + digit.take().unwrap_or(0.0)) * u;
                section = 0.0;
            } else {
                let d = match digit.take() {
                    Some(d) => d,
                    // 十二: a leading 十 means one ten.
                    None if u == 10.0 && section == 0.0 && total == 0.0 => 1.0,
                    None if u == 10.0 && after_zero => 1.0,
                    None => return None,
                };
                section += d * u;
            }
            after_zero = false;
        } else {
            return None;
        }
    }
    Some(total + section + digit.unwrap_or(0.0))
}

/// Folds a full-width digit, point or percent sign into ASCII; other characters pass.
pub(super) fn fold(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '．' => '.',
        '％' => '%',
        '＞' => '>',
        '＜' => '<',
        '～' => '~',
        '－' => '-',
        _ => c,
    }
}

/// An Arabic number (digits with an optional decimal part) starting at `i`: its value and
/// the index after it. `chars` must already be folded.
pub(super) fn arabic_at(chars: &[char], i: usize) -> Option<(f64, usize)> {
    let mut j = i;
    let mut text = String::new();
    while let Some(&c) = chars.get(j) {
        if c.is_ascii_digit() {
            text.push(c);
            j += 1;
        } else {
            break;
        }
    }
    if text.is_empty() || text.len() > 15 {
        return None;
    }
    if chars.get(j) == Some(&'.') && chars.get(j + 1).is_some_and(char::is_ascii_digit) {
        text.push('.');
        j += 1;
        while let Some(&c) = chars.get(j) {
            if c.is_ascii_digit() && text.len() < 30 {
                text.push(c);
                j += 1;
            } else {
                break;
            }
        }
    }
    text.parse::<f64>().ok().map(|v| (v, j))
}

/// A Chinese numeral starting at `i` (at most 8 characters): its value and the index after it.
pub(super) fn cn_at(chars: &[char], i: usize) -> Option<(f64, usize)> {
    let mut j = i;
    while j < chars.len() && j - i < 8 && chars.get(j).is_some_and(|c| is_cn_numeral(*c)) {
        j += 1;
    }
    let run = chars.get(i..j)?;
    // Try the longest run first, then shorter ones: 两家 is 两, 十四五 is refused whole.
    let mut end = j;
    while end > i {
        if let Some(v) = run.get(..end - i).and_then(cn_value) {
            return Some((v, end));
        }
        end -= 1;
    }
    None
}

/// The number of a heading as written: Arabic digits or a Chinese numeral.
pub(super) fn heading_value(s: &str) -> Option<u32> {
    let chars: Vec<char> = s.chars().map(fold).collect();
    if chars.iter().all(char::is_ascii_digit) {
        return s.parse().ok().or_else(|| {
            let t: String = chars.iter().collect();
            t.parse().ok()
        });
    }
    let v = cn_value(&chars)?;
    if (0.0..10_000.0).contains(&v) {
        Some(v as u32)
    } else {
        None
    }
}

/// A Chinese numeral for a small number, for messages (第五章).
pub(super) fn cn_name(n: u32) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let digit = |d: u32| DIGITS.get(d as usize).copied().unwrap_or("");
    match n {
        0..=9 => digit(n).to_string(),
        10..=19 => format!("十{}", if n == 10 { "" } else { digit(n - 10) }),
        20..=99 => format!(
            "{}十{}",
            digit(n / 10),
            if n % 10 == 0 { "" } else { digit(n % 10) }
        ),
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cv(s: &str) -> Option<f64> {
        cn_value(&s.chars().collect::<Vec<_>>())
    }

    #[test]
    fn chinese_numerals() {
        assert_eq!(cv("三"), Some(3.0));
        assert_eq!(cv("十"), Some(10.0));
        assert_eq!(cv("十二"), Some(12.0));
        assert_eq!(cv("二十"), Some(20.0));
        assert_eq!(cv("九十"), Some(90.0));
        assert_eq!(cv("一百零五"), Some(105.0));
        assert_eq!(cv("三千"), Some(3000.0));
        assert_eq!(cv("一万五千"), Some(15000.0));
        assert_eq!(cv("两"), Some(2.0));
        assert_eq!(cv("十四五"), None);
        assert_eq!(cv("百"), None);
        assert_eq!(cv(""), None);
    }

    #[test]
    fn scanning() {
        let c: Vec<char> = "3.12万户".chars().collect();
        assert_eq!(arabic_at(&c, 0), Some((3.12, 4)));
        let c: Vec<char> = "两家".chars().collect();
        assert_eq!(cn_at(&c, 0), Some((2.0, 1)));
        let c: Vec<char> = "十四五".chars().collect();
        assert_eq!(cn_at(&c, 0), Some((14.0, 2)));
        assert_eq!(heading_value("十二"), Some(12));
        assert_eq!(heading_value("１２"), Some(12));
        assert_eq!(cn_name(11), "十一");
        assert_eq!(cn_name(25), "二十五");
        assert_eq!(fold('１'), '1');
    }
}
