//! A synthetic corpus for corpus-scale lineage: plans derived from the bundled ones, each
//! from a planted source, with the source of each recorded.
//!
//! The bundled local plans are the roots. Every other plan is derived from an earlier
//! plan (a root a third of the time, otherwise an earlier synthetic plan, so that
//! sources form chains up to [`MAX_GENERATION`] deep) in one of three ways:
//!
//! - one level down (a city's plan adapted by a district: same period, the source
//!   higher), when the source is above county level;
//! - the next period at the same level (a 十五五 plan from a 十四五 one: the source
//!   earlier; years in the text move five years on);
//! - the same period and level ([`SAME_RANK`] of the plans: a neighbour's plan copied,
//!   where periods and levels cannot tell the direction).
//!
//! The text is changed as local plans change what they adapt: the chapters are reordered
//! (every chapter's block of paragraphs, in a random order), the source's name becomes the
//! plan's own and its scope words are moved one level down (全市 → 全区), numbers change
//! (a sentence with figures, [`NUMBERS`] of the time: each figure other than a year gets
//! new digits), sentences are dropped ([`DROP`]), and fresh sentences are inserted after a
//! sentence ([`FRESH`]) or as a new paragraph. Fresh sentences are generated from word
//! lists (three or four clauses of policy words in random order), not taken from any plan:
//! they are new text, which the plan's own descendants inherit.
//!
//! A synthetic plan carries what lineage reads: identity, locality, period, paragraphs and
//! the outline's headings (chapter and section texts, indicators and projects are left
//! empty). Everything follows from the seed.

#![allow(dead_code, reason = "each user takes what it needs")]

use planalign::model::{Chapter, Paragraph};
use planalign::reuse::{Direction, Lineage};
use planalign::{Level, Locality, Period, Plan};

/// How deep a chain of derivations goes: a root is generation 0.
pub const MAX_GENERATION: u32 = 6;

/// The share of plans derived at their source's own period and level.
pub const SAME_RANK: f64 = 0.15;

/// The chance that a sentence with figures has its figures changed.
pub const NUMBERS: f64 = 0.3;

/// The chance that a sentence is dropped.
pub const DROP: f64 = 0.08;

/// The chance that a fresh sentence follows a sentence.
pub const FRESH: f64 = 0.06;

/// The chance that a fresh paragraph follows a paragraph.
pub const FRESH_PARAGRAPH: f64 = 0.02;

/// A small, seeded pseudo-random generator (SplitMix64): the same seed gives the same
/// corpus on every machine.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        (self.next_u64() % n as u64) as usize
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64 / ((1u64 << 53) as f64)) < p
    }

    /// One of the items.
    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

/// How a plan was derived from its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Derivation {
    /// One level down, same period.
    Lower,
    /// Same level, the next period.
    Later,
    /// Same level and period.
    SameRank,
}

/// A synthetic corpus: the plans, roots first, and the planted source of each.
#[derive(Debug, Clone)]
pub struct Synthetic {
    /// The plans: the bundled roots, then the derived plans in the order made.
    pub plans: Vec<Plan>,
    /// For each plan, the index of the plan it was derived from (`None` for a root).
    pub planted: Vec<Option<usize>>,
    /// For each plan, how it was derived (`None` for a root).
    pub derivation: Vec<Option<Derivation>>,
    /// The number of roots (the first plans).
    pub roots: usize,
}

/// The bundled local plans that have text: the roots of every synthetic corpus.
pub fn roots() -> Result<Vec<Plan>, planalign::Error> {
    let corpus = planalign::corpus::guangdong()?;
    Ok(corpus
        .plans()
        .iter()
        .filter(|p| !p.paragraphs.is_empty())
        .cloned()
        .collect())
}

/// A corpus of `n` plans (the roots included; at least the roots) from `seed`.
pub fn corpus(n: usize, seed: u64) -> Result<Synthetic, planalign::Error> {
    Ok(corpus_from(roots()?, n, seed))
}

/// A corpus of `n` plans (at least the roots) derived from the given roots.
pub fn corpus_from(roots: Vec<Plan>, n: usize, seed: u64) -> Synthetic {
    let mut rng = Rng::new(seed);
    let count = roots.len();
    let mut generation: Vec<u32> = vec![0; count];
    let mut out = Synthetic {
        planted: vec![None; count],
        derivation: vec![None; count],
        plans: roots,
        roots: count,
    };
    while out.plans.len() < n.max(count) {
        let k = out.plans.len();
        let source = pick_source(&mut rng, &generation, count);
        let derivation = pick_derivation(&mut rng, &out.plans[source]);
        let plan = derive(&mut rng, &out.plans[source], k, derivation);
        out.plans.push(plan);
        out.planted.push(Some(source));
        out.derivation.push(Some(derivation));
        generation.push(generation[source] + 1);
    }
    out
}

/// A root a third of the time, otherwise an earlier synthetic plan not too deep.
fn pick_source(rng: &mut Rng, generation: &[u32], roots: usize) -> usize {
    let synthetic = generation.len() - roots;
    if synthetic > 0 && !rng.chance(1.0 / 3.0) {
        for _ in 0..8 {
            let k = roots + rng.below(synthetic);
            if generation[k] < MAX_GENERATION {
                return k;
            }
        }
    }
    rng.below(roots)
}

fn pick_derivation(rng: &mut Rng, source: &Plan) -> Derivation {
    if rng.chance(SAME_RANK) {
        return Derivation::SameRank;
    }
    let above_county = source.locality.level.depth().is_some_and(|d| d < 3);
    if above_county && rng.chance(0.7) {
        Derivation::Lower
    } else {
        Derivation::Later
    }
}

/// Syllables of synthetic place names (none of them in a bundled plan's place names).
const SYLLABLES: [char; 40] = [
    '青', '松', '云', '岭', '泉', '溪', '桂', '梅', '兰', '竹', '峰', '川', '禾', '丰', '宁', '安',
    '平', '和', '顺', '永', '乐', '兴', '隆', '泰', '康', '瑞', '祥', '福', '源', '林', '石', '河',
    '沙', '洲', '阳', '明', '文', '武', '德', '仁',
];

/// The unique name stem of plan `k`.
fn stem(k: usize) -> String {
    let n = SYLLABLES.len();
    let mut s: String = [SYLLABLES[k % n], SYLLABLES[(k / n) % n]].iter().collect();
    if k >= n * n {
        s.push(SYLLABLES[(k / (n * n)) % n]);
    }
    s
}

/// The suffix of a locality's name at a level.
fn suffix(level: Level) -> &'static str {
    match level {
        Level::Province => "省",
        Level::PrefectureCity => "市",
        Level::DevelopmentZone => "开发区",
        _ => "区",
    }
}

/// The stem of a locality's name: the name without its level's suffix.
fn stem_of(name: &str) -> &str {
    for s in ["经济技术开发区", "开发区", "新区", "省", "市", "区", "县"] {
        if let Some(stem) = name.strip_suffix(s) {
            if !stem.is_empty() {
                return stem;
            }
        }
    }
    name
}

/// The scope words moved one level down (city to district, province to city).
fn scope_down(level: Level) -> &'static [(&'static str, &'static str)] {
    match level {
        Level::Province => &[
            ("全省", "全市"),
            ("省委", "市委"),
            ("省政府", "市政府"),
            ("我省", "我市"),
        ],
        Level::PrefectureCity => &[
            ("全市", "全区"),
            ("市委", "区委"),
            ("市政府", "区政府"),
            ("我市", "我区"),
            ("市级", "区级"),
        ],
        _ => &[],
    }
}

/// The level one step below.
fn lower(level: Level) -> Level {
    match level {
        Level::National => Level::Province,
        Level::Province => Level::PrefectureCity,
        _ => Level::CountyDistrict,
    }
}

/// The five-year period's name (十四五 for 2021–2025).
fn period_name(end: u16) -> String {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    // The 14th period ends in 2025.
    let ordinal = (i32::from(end) - 2025) / 5 + 14;
    let ordinal = ordinal.clamp(1, 99) as usize;
    let tens = if ordinal >= 20 {
        format!("{}十", DIGITS[ordinal / 10])
    } else if ordinal >= 10 {
        "十".to_string()
    } else {
        String::new()
    };
    format!("{tens}{}五", DIGITS[ordinal % 10])
}

/// Plan number `k` derived from `source`.
fn derive(rng: &mut Rng, source: &Plan, k: usize, how: Derivation) -> Plan {
    let level = match how {
        Derivation::Lower => lower(source.locality.level),
        _ => source.locality.level,
    };
    let period = match how {
        Derivation::Later => Period::new(source.period.start + 5, source.period.end + 5),
        _ => source.period,
    };
    let name = format!("{}{}", stem(k), suffix(level));
    let mut plan = Plan::new(
        format!("{name}市场监管现代化“{}”规划", period_name(period.end)),
        Locality::new(name.clone(), level),
    );
    plan.id = Some(format!("s{k:04}"));
    plan.period = period;
    plan.status = source.status;
    plan.parent = match how {
        Derivation::Lower => Some(source.locality.clone()),
        _ => source.parent.clone(),
    };
    let edit = Edit {
        replacements: replacements(source, &name, how, period),
        shift_years: how == Derivation::Later,
    };
    let (paragraphs, chapters) = rewrite(rng, source, &edit);
    plan.paragraphs = paragraphs;
    plan.chapters = chapters;
    plan
}

/// The words replaced in the text: the source's name and stem by the plan's, its period's
/// name by the plan's, and the scope words one level down.
fn replacements(
    source: &Plan,
    name: &str,
    how: Derivation,
    period: Period,
) -> Vec<(String, String)> {
    let mut r: Vec<(String, String)> = Vec::new();
    let old = source.locality.name.as_str();
    r.push((old.to_string(), name.to_string()));
    let (old_stem, new_stem) = (stem_of(old), stem_of(name));
    if old_stem != old {
        r.push((old_stem.to_string(), new_stem.to_string()));
    }
    if how == Derivation::Later {
        r.push((period_name(source.period.end), period_name(period.end)));
    }
    if how == Derivation::Lower {
        for (a, b) in scope_down(source.locality.level) {
            r.push(((*a).to_string(), (*b).to_string()));
        }
    }
    r
}

/// What is changed in every sentence kept.
struct Edit {
    replacements: Vec<(String, String)>,
    shift_years: bool,
}

/// Where a paragraph goes: before every chapter, or in a chapter's block.
fn block_of(chapter_lines: &[(usize, usize)], line: usize) -> Option<usize> {
    let n = chapter_lines.partition_point(|(l, _)| *l <= line);
    n.checked_sub(1).map(|k| chapter_lines[k].1)
}

/// The source's paragraphs rewritten, the chapters' blocks in a new order, and the outline
/// with its lines moved to match.
fn rewrite(rng: &mut Rng, source: &Plan, edit: &Edit) -> (Vec<Paragraph>, Vec<Chapter>) {
    // Chapters with a line, by line: (line, index).
    let mut chapter_lines: Vec<(usize, usize)> = source
        .chapters
        .iter()
        .enumerate()
        .filter(|(_, c)| c.line > 0)
        .map(|(k, c)| (c.line, k))
        .collect();
    chapter_lines.sort_unstable();
    let mut preamble: Vec<&Paragraph> = Vec::new();
    let mut blocks: Vec<Vec<&Paragraph>> = vec![Vec::new(); source.chapters.len()];
    for p in &source.paragraphs {
        match block_of(&chapter_lines, p.line) {
            Some(k) => blocks[k].push(p),
            None => preamble.push(p),
        }
    }
    let mut order: Vec<usize> = chapter_lines.iter().map(|(_, k)| *k).collect();
    for i in (1..order.len()).rev() {
        order.swap(i, rng.below(i + 1));
    }
    let heading_lines: Vec<usize> = source
        .chapters
        .iter()
        .flat_map(|c| std::iter::once(c.line).chain(c.sections.iter().map(|s| s.line)))
        .collect();
    let mut out = Output::default();
    for p in preamble {
        out.paragraph(rng, edit, p, &heading_lines);
    }
    let mut chapters = Vec::new();
    for k in order {
        let c = &source.chapters[k];
        // Old lines of the block's headings and paragraphs, in order, mapped to new ones.
        let mut lines: Vec<usize> = std::iter::once(c.line)
            .chain(c.sections.iter().map(|s| s.line).filter(|l| *l > 0))
            .chain(blocks[k].iter().map(|p| p.line))
            .collect();
        lines.sort_unstable();
        lines.dedup();
        let base = out.line;
        let new_line = |old: usize| {
            lines
                .binary_search(&old)
                .map_or(0, |rank| base + 2 * (rank + 1))
        };
        out.line = base + 2 * (lines.len() + 1);
        let mut chapter = c.clone();
        chapter.title = edit.apply(&c.title);
        chapter.text.clear();
        chapter.line = new_line(c.line);
        for s in &mut chapter.sections {
            s.title = edit.apply(&s.title);
            s.text.clear();
            s.items.clear();
            s.line = new_line(s.line);
        }
        chapter.sections.retain(|s| s.line > 0);
        for p in &blocks[k] {
            out.paragraph_at(rng, edit, p, new_line(p.line), &heading_lines);
        }
        chapters.push(chapter);
    }
    // Chapters in the order of their lines, as a parsed plan lists them.
    chapters.sort_by_key(|c| c.line);
    (out.paragraphs, chapters)
}

/// The rewritten paragraphs as they are made.
#[derive(Default)]
struct Output {
    paragraphs: Vec<Paragraph>,
    /// The last line used.
    line: usize,
}

impl Output {
    /// A paragraph before every chapter, on the next free lines.
    fn paragraph(&mut self, rng: &mut Rng, edit: &Edit, p: &Paragraph, headings: &[usize]) {
        let line = self.line + 2;
        self.line += 2;
        self.paragraph_at(rng, edit, p, line, headings);
    }

    /// A paragraph rewritten at `line`, and maybe a fresh one after it (on `line + 1`).
    fn paragraph_at(
        &mut self,
        rng: &mut Rng,
        edit: &Edit,
        p: &Paragraph,
        line: usize,
        headings: &[usize],
    ) {
        let heading = headings.contains(&p.line);
        let text = if heading {
            edit.apply(&p.text)
        } else {
            rewrite_sentences(rng, edit, &p.text)
        };
        if !text.is_empty() {
            self.paragraphs.push(Paragraph { text, line });
        }
        if !heading && rng.chance(FRESH_PARAGRAPH) {
            let n = 2 + rng.below(3);
            let text: String = (0..n).map(|_| fresh_sentence(rng)).collect();
            self.paragraphs.push(Paragraph {
                text,
                line: line + 1,
            });
        }
    }
}

/// The sentences of a paragraph, each ending at 。；！？ (or the paragraph's end).
pub fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if matches!(c, '。' | '；' | '！' | '？' | ';') {
            let end = i + c.len_utf8();
            out.push(&text[start..end]);
            start = end;
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

fn rewrite_sentences(rng: &mut Rng, edit: &Edit, text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    for s in sentences(text) {
        if rng.chance(DROP) {
            continue;
        }
        let mut s = edit.apply(s);
        if s.chars().any(|c| c.is_ascii_digit()) && rng.chance(NUMBERS) {
            s = new_figures(rng, &s);
        }
        out.push_str(&s);
        if rng.chance(FRESH) {
            out.push_str(&fresh_sentence(rng));
        }
    }
    out
}

impl Edit {
    /// The replacements, and years moved five on when the plan is of the next period.
    fn apply(&self, text: &str) -> String {
        let mut s = text.to_string();
        for (a, b) in &self.replacements {
            if s.contains(a.as_str()) {
                s = s.replace(a.as_str(), b);
            }
        }
        if self.shift_years {
            s = map_figures(&s, |figure| {
                let year: u32 = figure.parse().ok()?;
                (figure.len() == 4 && (2000..2100).contains(&year)).then(|| (year + 5).to_string())
            });
        }
        s
    }
}

/// Each run of ASCII digits passed to `f`, replaced by what it returns (kept on `None`).
fn map_figures(text: &str, mut f: impl FnMut(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String, f: &mut dyn FnMut(&str) -> Option<String>| {
        if !run.is_empty() {
            match f(run) {
                Some(new) => out.push_str(&new),
                None => out.push_str(run),
            }
            run.clear();
        }
    };
    for c in text.chars() {
        if c.is_ascii_digit() {
            run.push(c);
        } else {
            flush(&mut run, &mut out, &mut f);
            out.push(c);
        }
    }
    flush(&mut run, &mut out, &mut f);
    out
}

/// Every figure that is not a year given new digits (as many, the first not 0).
fn new_figures(rng: &mut Rng, text: &str) -> String {
    map_figures(text, |figure| {
        let is_year = figure.len() == 4 && figure.starts_with("20");
        if is_year {
            return None;
        }
        Some(
            (0..figure.len())
                .map(|k| {
                    let d = if k == 0 && figure.len() > 1 {
                        1 + rng.below(9)
                    } else {
                        rng.below(10)
                    };
                    char::from(b'0' + d as u8)
                })
                .collect(),
        )
    })
}

/// Words of fresh sentences: verbs, modifiers and nouns of market-regulation prose.
const VERBS: [&str; 32] = [
    "推进", "完善", "健全", "强化", "优化", "提升", "加快", "深化", "落实", "开展", "建立", "探索",
    "推动", "拓展", "规范", "整治", "培育", "引导", "支持", "鼓励", "夯实", "统筹", "压实", "织密",
    "打通", "畅通", "联动", "筑牢", "盘活", "激活", "贯通", "迭代",
];
const MODIFIERS: [&str; 24] = [
    "全面", "持续", "重点", "综合", "智慧", "数字", "绿色", "协同", "精准", "常态", "分类", "分级",
    "联合", "跨域", "一体", "长效", "闭环", "立体", "动态", "穿透", "前置", "柔性", "包容", "审慎",
];
const NOUNS: [&str; 72] = [
    "企业", "市场", "主体", "产品", "质量", "标准", "计量", "认证", "检验", "检测", "食品", "药品",
    "特种", "设备", "价格", "广告", "商标", "专利", "网络", "平台", "消费", "信用", "执法", "服务",
    "窗口", "数据", "信息", "系统", "机制", "体系", "队伍", "基层", "园区", "社区", "农村", "乡镇",
    "街道", "行业", "协会", "电商", "直播", "冷链", "进口", "餐饮", "学校", "医院", "药店", "加油",
    "电梯", "锅炉", "气瓶", "燃气", "充电", "渔港", "茶园", "果蔬", "海鲜", "民宿", "夜市", "集市",
    "快递", "外卖", "物业", "驾校", "网吧", "书店", "花卉", "陶瓷", "家具", "灯饰", "五金", "纺织",
];

/// A fresh sentence: three or four clauses of a verb, maybe a modifier, and two to four
/// nouns, separated by commas and ended by 。.
pub fn fresh_sentence(rng: &mut Rng) -> String {
    let clauses = 3 + rng.below(2);
    let mut s = String::new();
    for c in 0..clauses {
        if c > 0 {
            s.push('，');
        }
        s.push_str(rng.pick(&VERBS));
        if rng.chance(0.5) {
            s.push_str(rng.pick(&MODIFIERS));
        }
        for _ in 0..2 + rng.below(3) {
            s.push_str(rng.pick(&NOUNS));
        }
    }
    s.push('。');
    s
}

/// A lineage's edges scored against the planted ones.
///
/// A *planted* edge is a pair (plan, its planted source), one for every derived plan. A
/// *recovered* edge is a pair (plan, source) of the lineage's edges, except those between
/// two roots (whose sources are not planted, so not known). A recovered edge is *correct*
/// when it is a planted edge, or when its direction is undetermined and it is a planted
/// edge turned round (the lineage then says that the two plans are source and adaptation
/// without saying which is which). Precision is correct / recovered; recall is the planted
/// edges matched by a correct recovered edge / planted.
#[derive(Debug, Clone)]
pub struct Score {
    /// The number of planted edges.
    pub planted: usize,
    /// The number of recovered edges scored.
    pub recovered: usize,
    /// How many of them are of undetermined direction.
    pub undetermined: usize,
    /// How many of them are correct.
    pub correct: usize,
    /// The number of planted edges matched.
    pub matched: usize,
    /// The number of derived plans whose planted source is among their listed sources.
    pub listed: usize,
    /// For each plan, whether its planted edge was matched.
    pub hit: Vec<bool>,
    derivation: Vec<Option<Derivation>>,
}

impl Score {
    /// The score of `found`, the lineage of `corpus.plans`.
    pub fn of(corpus: &Synthetic, found: &Lineage) -> Score {
        let n = corpus.plans.len();
        let mut hit = vec![false; n];
        let (mut recovered, mut undetermined, mut correct) = (0, 0, 0);
        for e in found.edges() {
            let (p, s) = (e.plan(), e.source());
            if p < corpus.roots && s < corpus.roots {
                continue;
            }
            recovered += 1;
            let undirected = e.direction() == Direction::Undetermined;
            undetermined += usize::from(undirected);
            if corpus.planted.get(p) == Some(&Some(s)) {
                correct += 1;
                hit[p] = true;
            } else if undirected && corpus.planted.get(s) == Some(&Some(p)) {
                correct += 1;
                hit[s] = true;
            }
        }
        let listed = (0..n)
            .filter(|&p| {
                corpus.planted[p].is_some_and(|s| found.sources(p).iter().any(|x| x.source() == s))
            })
            .count();
        Score {
            planted: corpus.planted.iter().flatten().count(),
            recovered,
            undetermined,
            correct,
            matched: hit.iter().filter(|h| **h).count(),
            listed,
            hit,
            derivation: corpus.derivation.clone(),
        }
    }

    /// correct / recovered (1 when nothing was recovered).
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.recovered)
    }

    /// matched / planted (1 when nothing was planted).
    pub fn recall(&self) -> f64 {
        ratio(self.matched, self.planted)
    }

    /// The planted edges of one derivation matched, and their number.
    pub fn by_derivation(&self, how: Derivation) -> (usize, usize) {
        let of: Vec<usize> = (0..self.hit.len())
            .filter(|&p| self.derivation[p] == Some(how))
            .collect();
        (of.iter().filter(|&&p| self.hit[p]).count(), of.len())
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}
