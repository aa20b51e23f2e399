//! `[document]`: page chrome, titles, headings, goals and key-project boxes.

use super::super::{CharSet, WordList};
use serde::Deserialize;

/// `[document]`: page chrome, titles, headings, goals and key-project boxes.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DocumentWords {
    /// 。: the full stop that ends a goal's title and a box's sentence.
    #[serde(default)]
    pub full_stop: String,
    #[serde(default)]
    pub chrome: Chrome,
    #[serde(default)]
    pub title: Title,
    #[serde(default)]
    pub places: Places,
    #[serde(default)]
    pub headings: Headings,
    #[serde(default)]
    pub boxes: Boxes,
    #[serde(default)]
    pub goals: Goals,
    #[serde(default)]
    pub period: PeriodEvidence,
}

/// `[document.chrome]`: the debris of Word, web and PDF exports.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Chrome {
    /// 目录, 目次: the title of a table of contents.
    pub contents_titles: WordList,
    /// Leaders between a contents entry and its page number.
    pub leaders: CharSet,
    /// 第 of 第5页.
    pub page_open: String,
    /// 页 of 第5页.
    pub page_close: String,
    /// 页共 of 第5页共20页.
    pub page_of: String,
    /// Breadcrumbs and page tools of a web page (您现在的位置, 分享到, 打印本页).
    pub site_markers: WordList,
    /// Words in a web page element's id or class that mark it site chrome (nav, breadcrumb,
    /// share, footer): the element is left out.
    pub site_parts: WordList,
    /// 关于印发: the opening of an issuing notice's title.
    pub notice_open: String,
    /// 通知: how an issuing notice's title ends.
    pub notice_close: WordList,
    /// Sentences of a notice's body (印发给你们).
    pub notice_body: WordList,
    /// How the name of a notice's issuer ends (人民政府, 管委会).
    pub issuers: WordList,
    /// A date's characters.
    pub date: DateWords,
    /// 印发: the word that ends an issuing footer.
    pub issued: String,
}

/// The characters of a written date (2021年12月27日).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DateWords {
    /// 年
    pub year: String,
    /// 月
    pub month: String,
    /// 日
    pub day: String,
}

/// `[document.title]`: what makes a line the plan's title.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Title {
    /// 规划, 方案: the kinds of document a title names by its last word.
    pub kinds: WordList,
    /// Words and punctuation a title never holds (，, 通知).
    pub not_in_title: WordList,
    /// 征求意见稿: a draft for comments.
    pub draft: String,
}

/// `[document.places]`: the place names a title starts with and their levels.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Places {
    /// Words where a title's place names end (市场监管).
    pub stops: WordList,
    /// Characters that end a place name (省, 市, 区 …).
    pub ends: CharSet,
    /// Words that hold an end character without ending a place (市场).
    pub false_ends: WordList,
    /// Suffixes of a province (省, 自治区).
    pub province: WordList,
    /// Suffixes of a development zone (开发区, 新区, 管委会).
    pub zone: WordList,
    /// Suffixes of a county or district (区, 县, 旗).
    pub county: WordList,
    /// Suffixes of a city (市, 州, 盟).
    pub city: WordList,
}

/// `[document.headings]`: numbered headings and paragraphs.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Headings {
    /// 第 of 第三章.
    pub ordinal: String,
    /// 章: a chapter.
    pub chapter: String,
    /// 节: a section.
    pub section: String,
    /// Separators after an Arabic number (1. 1、).
    pub digit_marks: CharSet,
    /// Separators after a Chinese number (一、).
    pub cn_marks: CharSet,
    /// Characters before a title that are no part of it.
    pub title_lead: CharSet,
    /// Characters that end a heading's title.
    pub title_ends: CharSet,
    /// Characters after which a line's sentence is complete.
    pub line_ends: CharSet,
    /// Punctuation a heading's wrapped title never holds.
    pub title_breaks: CharSet,
    /// Dashes that open a dash item (——).
    pub item_dashes: CharSet,
    /// 附件, 附表: headings of the end matter.
    pub attachments: WordList,
    /// Colons that may follow an attachment's heading.
    pub colons: CharSet,
    /// Words of a chapter or section title that looks back at the previous period.
    pub background: WordList,
}

/// `[document.boxes]`: key-project boxes.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Boxes {
    /// 专栏: a box.
    pub word: String,
    /// Characters between a box's number and its title.
    pub title_lead: CharSet,
}

/// `[document.goals]`: the goals section and the outlook.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Goals {
    /// Heading titles that announce the goals (发展目标).
    pub headings: WordList,
    /// 目标: a heading that is this word alone announces them too.
    pub heading: String,
    /// Degree words that close a goal sentence (进一步, 更加).
    pub degree: WordList,
    /// Words before the outlook year that open the outlook (到2035年).
    pub outlook_before_year: WordList,
    /// Words that open the outlook whatever its year (展望远景).
    pub outlook_openers: WordList,
    /// Words after a year naming the long-range goals of that year (2035年远景目标).
    #[serde(default)]
    pub outlook_words: WordList,
}

/// `[document.period]`: what states the plan's period besides the period names.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PeriodEvidence {
    /// Words before a year that make it a target year (到2030年, 至2030年).
    pub target_openers: WordList,
}
