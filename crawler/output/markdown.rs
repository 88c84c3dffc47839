//! Escaping untrusted text (licence names, notes, ids from the evidence) for Markdown tables,
//! where GitHub would otherwise render it as links, images, HTML or @-mentions.

/// `s` as literal text in one Markdown table cell: one line, with every character that
/// Markdown or GitHub would read as markup escaped (`|` included, so the cell stays one).
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' | '\r' => out.push(' '),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            // An escaped `@` still pings on GitHub; an entity does not.
            '@' => out.push_str("&#64;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '(' | ')' | '!' | '#' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// `s` as a code span in a Markdown table cell: between backticks nothing is markup, so
/// only what would end the span, the cell or the line is replaced (GitHub reads `\|` in a
/// table as `|`, in code spans too).
pub fn code(s: &str) -> String {
    format!("`{}`", s.replace('`', "'").replace('|', "\\|").replace(['\n', '\r'], " "))
}

/// `url` as an autolink (`<…>`) that cannot end early or break the table: the characters
/// that would (`|`, `<`, `>`, whitespace) are percent-encoded.
pub fn autolink(url: &str) -> String {
    let mut out = String::from("<");
    for c in url.chars() {
        match c {
            '|' | '<' | '>' | ' ' | '\t' | '\n' | '\r' => out.push_str(&format!("%{:02X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('>');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_untrusted_text_stays_text() {
        let evil = "[x](https://evil.example/) ![i](https://evil.example/p.png) <img src=x> @octocat a|b\nnext `code` *em* #1 & ~~s~~";
        let t = text(evil);
        for markup in ["[x](", "![i](", "<img", "@octocat", "a|b", "\n", "`code`", "*em*", "~~s~~"] {
            assert!(!t.contains(markup), "{markup:?} survives in {t}");
        }
        assert_eq!(text("apache-2.0"), "apache-2.0");
        assert_eq!(text("a|b"), "a\\|b");
        assert_eq!(code("widget_7b"), "`widget_7b`");
        assert_eq!(code("a`b|c"), "`a'b\\|c`");
        assert_eq!(autolink("https://x.example/a|b c>d"), "<https://x.example/a%7Cb%20c%3Ed>");
    }
}
