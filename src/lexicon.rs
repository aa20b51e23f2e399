//! The public face of the [`Lexicon`]: loading and extending it, with the crate's errors.

use crate::error::Error;
use crate::text::Lexicon;

impl Lexicon {
    /// A lexicon from a whole TOML file with every section of `data/lexicon.toml`.
    pub fn from_toml(text: &str) -> Result<Lexicon, Error> {
        Lexicon::from_table(table(text)?).map_err(|e| Error::toml("lexicon", text, &e))
    }

    /// Replaces the lists `text` gives: each list named there replaces the bundled one
    /// whole; lists it does not name are kept. The lexicon is unchanged on error.
    ///
    /// ```
    /// use planalign::Lexicon;
    /// let mut lex = Lexicon::bundled().clone();
    /// lex.extend_toml("[scope]\nwords = [\"全旗\"]\ntime = []")?;
    /// # Ok::<(), planalign::Error>(())
    /// ```
    pub fn extend_toml(&mut self, text: &str) -> Result<(), Error> {
        *self = self
            .merged(table(text)?)
            .map_err(|e| Error::toml("lexicon", text, &e))?;
        Ok(())
    }

    /// [`Lexicon::extend_toml`] with a file's text.
    pub fn extend_file(&mut self, path: impl AsRef<std::path::Path>) -> Result<(), Error> {
        Error::reading(path.as_ref(), |text| self.extend_toml(text))
    }
}

/// The TOML table of a user's text, with the position of a syntax error.
fn table(text: &str) -> Result<toml::Table, Error> {
    toml::from_str(text).map_err(|e| Error::toml("lexicon", text, &e))
}
