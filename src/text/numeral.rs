//! Numbers as plans write them: Chinese numerals (三, 十二, 一百零五, 两), Arabic digits in
//! full or half width, and the scanners that read a number off a slice of characters.
//! The digits and numeral units are the lexicon's `[numerals]`.

use super::Lexicon;
use super::fold::width;

/// The value of one Chinese digit (一 … 九, 两, 零, 〇).
pub(crate) fn cn_digit(lex: &Lexicon, c: char) -> Option<u32> {
    lex.numerals
        .digits
        .get_char(c)
        .and_then(|d| u32::try_from(d).ok())
}

/// The value of a Chinese numeral unit (十 百 千 万 亿).
fn cn_unit(lex: &Lexicon, c: char) -> Option<f64> {
    lex.numerals
        .units
        .get_char(c)
        .map(|p| 10f64.powi(p.clamp(0, 300) as i32))
}

/// Whether `c` can be part of a Chinese numeral.
#[inline]
pub(crate) fn is_cn_numeral(lex: &Lexicon, c: char) -> bool {
    // The lexicon's bit table, or the lists for a char outside it.
    lex.numerals
        .chars
        .get(c)
        .unwrap_or_else(|| lex.numerals.listed(c))
}

/// The value of a Chinese numeral such as 三, 十二, 二十, 一百零五, 三千, 一万五千.
///
/// `None` for text that is not a well-formed numeral, such as two digits side by side
/// (十四五, which names a plan period, reads as 十四 then 五 and is refused).
pub(crate) fn cn_value(lex: &Lexicon, chars: &[char]) -> Option<f64> {
    if chars.is_empty() || chars.len() > 12 {
        return None;
    }
    let mut total = 0.0;
    let mut section = 0.0;
    let mut digit: Option<f64> = None;
    let mut after_zero = false;
    for &c in chars {
        if let Some(d) = cn_digit(lex, c) {
            if d == 0 {
                after_zero = true;
                continue;
            }
            if digit.is_some() {
                return None;
            }
            digit = Some(f64::from(d));
            after_zero = false;
        } else if let Some(u) = cn_unit(lex, c) {
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

/// A numeral written digit by digit (二〇三五 = 2035), as years are.
pub(crate) fn cn_digits(lex: &Lexicon, chars: &[char]) -> Option<f64> {
    if chars.len() < 2 || chars.len() > 15 {
        return None;
    }
    let mut v = 0.0;
    for &c in chars {
        v = v * 10.0 + f64::from(cn_digit(lex, c)?);
    }
    Some(v)
}

/// An Arabic number (digits with an optional decimal part) starting at `i`: its value and
/// the index after it. `chars` must already be folded.
pub(crate) fn arabic_at(chars: &[char], i: usize) -> Option<(f64, usize)> {
    let digits = chars
        .get(i..)
        .unwrap_or(&[])
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    if digits == 0 || digits > 15 {
        return None;
    }
    // The number's text, at most 30 bytes: 15 digits, a point and 14 more.
    let mut text = [0u8; 30];
    let mut len = 0;
    let mut j = i;
    for &c in &chars[i..i + digits] {
        text[len] = c as u8;
        len += 1;
        j += 1;
    }
    if chars.get(j) == Some(&'.') && chars.get(j + 1).is_some_and(char::is_ascii_digit) {
        text[len] = b'.';
        len += 1;
        j += 1;
        while let Some(&c) = chars.get(j) {
            if c.is_ascii_digit() && len < 30 {
                text[len] = c as u8;
                len += 1;
                j += 1;
            } else {
                break;
            }
        }
    }
    std::str::from_utf8(&text[..len])
        .ok()
        .and_then(|t| t.parse::<f64>().ok())
        .map(|v| (v, j))
}

/// A Chinese numeral starting at `i` (at most 8 characters): its value and the index after it.
pub(crate) fn cn_at(lex: &Lexicon, chars: &[char], i: usize) -> Option<(f64, usize)> {
    let mut j = i;
    while j < chars.len() && j - i < 8 && chars.get(j).is_some_and(|c| is_cn_numeral(lex, *c)) {
        j += 1;
    }
    let run = chars.get(i..j)?;
    // Try the longest run first, then shorter ones: 两家 is 两, 十四五 is refused whole.
    let mut end = j;
    while end > i {
        if let Some(v) = run.get(..end - i).and_then(|r| cn_value(lex, r)) {
            return Some((v, end));
        }
        end -= 1;
    }
    None
}

/// The value of a whole numeral: Arabic digits (either width) or a Chinese numeral,
/// whether written as a number (二十) or digit by digit (二〇三五).
pub(crate) fn value_of(lex: &Lexicon, s: &str) -> Option<f64> {
    let chars: Vec<char> = s.chars().map(width).collect();
    if !chars.is_empty() && chars.iter().all(char::is_ascii_digit) {
        let t: String = chars.iter().collect();
        return t.parse().ok();
    }
    cn_value(lex, &chars).or_else(|| cn_digits(lex, &chars))
}

/// The number of a heading as written: Arabic digits or a Chinese numeral.
pub(crate) fn heading_value(lex: &Lexicon, s: &str) -> Option<u32> {
    let chars: Vec<char> = s.chars().map(width).collect();
    if chars.iter().all(char::is_ascii_digit) {
        return s.parse().ok().or_else(|| {
            let t: String = chars.iter().collect();
            t.parse().ok()
        });
    }
    let v = cn_value(lex, &chars)?;
    if (0.0..10_000.0).contains(&v) {
        Some(v as u32)
    } else {
        None
    }
}

/// A Chinese numeral for a small number, for messages (第五章).
pub(crate) fn cn_name(lex: &Lexicon, n: u32) -> String {
    let written: Vec<char> = lex.numerals.written.chars().collect();
    let digit = |d: u32| {
        written
            .get(d as usize)
            .map(char::to_string)
            .unwrap_or_default()
    };
    let ten = lex.numerals.units.word_for(1).unwrap_or("");
    match n {
        0..=9 => digit(n).to_string(),
        10..=19 => format!(
            "{ten}{}",
            if n == 10 {
                String::new()
            } else {
                digit(n - 10)
            }
        ),
        20..=99 => format!(
            "{}{ten}{}",
            digit(n / 10),
            if n % 10 == 0 {
                String::new()
            } else {
                digit(n % 10)
            }
        ),
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cv(s: &str) -> Option<f64> {
        cn_value(Lexicon::bundled(), &s.chars().collect::<Vec<_>>())
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
        let lex = Lexicon::bundled();
        let c: Vec<char> = "3.12万户".chars().collect();
        assert_eq!(arabic_at(&c, 0), Some((3.12, 4)));
        let c: Vec<char> = "两家".chars().collect();
        assert_eq!(cn_at(lex, &c, 0), Some((2.0, 1)));
        let c: Vec<char> = "十四五".chars().collect();
        assert_eq!(cn_at(lex, &c, 0), Some((14.0, 2)));
        assert_eq!(heading_value(lex, "十二"), Some(12));
        assert_eq!(heading_value(lex, "１２"), Some(12));
        assert_eq!(cn_name(lex, 11), "十一");
        assert_eq!(cn_name(lex, 25), "二十五");
        assert_eq!(value_of(lex, "二〇三五"), Some(2035.0));
        assert_eq!(value_of(lex, "2035"), Some(2035.0));
    }
}
