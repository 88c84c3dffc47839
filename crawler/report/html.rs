//! The review page: one self-contained HTML file (inline CSS and a small inline sorting
//! script; no network, no external fonts, scripts or styles).
//!
//! Every piece of text that comes from the evidence (names, notes, snippets, URLs) goes
//! through [`escape`]; only `http(s)` URLs become links ([`safe_href`]).

use super::{class_counts, disagrees, openness_score, ReportData};
use crate::output::json::ModelReport;
use crate::verdict::{Class, Confidence, Verdict};
use openness_sources::text::counted;

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The escaped `href` value for `url` when it is an absolute `http(s)` URL; `None`
/// otherwise (`javascript:`, `data:`, relative or malformed URLs never become links).
pub fn safe_href(url: &str) -> Option<String> {
    let u = url::Url::parse(url.trim()).ok()?;
    matches!(u.scheme(), "http" | "https").then(|| escape(u.as_str()))
}

/// A link to `url` showing `text`, or the escaped text alone when `url` is not http(s).
fn link(url: &str, text: &str) -> String {
    match safe_href(url) {
        Some(h) => format!("<a href=\"{h}\" rel=\"noopener noreferrer nofollow\">{}</a>", escape(text)),
        None => format!("<span class=\"nolink\">{}</span>", escape(text)),
    }
}

fn class_css(c: Option<Class>) -> &'static str {
    match c {
        Some(Class::Open) => "open",
        Some(Class::Partial) => "partial",
        Some(Class::Closed) => "closed",
        Some(Class::NotApplicable) => "na",
        None => "none",
    }
}

fn class_word(c: Class) -> &'static str {
    match c {
        Class::NotApplicable => "n/a",
        c => c.as_str(),
    }
}

fn sort_value(score: Option<f64>) -> String {
    score.map(|s| format!("{s:.3}")).unwrap_or_else(|| "-1".into())
}

const STYLE: &str = r#"
body{font:13px/1.35 system-ui,-apple-system,"Segoe UI",sans-serif;margin:1.2em;color:#222;background:#fafafa}
h1{font-size:1.4em;margin:0 0 .3em}
.meta{color:#555;margin-bottom:.8em}
.legend span{display:inline-block;padding:.1em .6em;margin-right:.4em;border-radius:3px}
table{border-collapse:collapse;background:#fff}
th,td{border:1px solid #ccc;vertical-align:top;padding:4px 6px}
thead th{position:sticky;top:0;background:#eee;cursor:pointer;user-select:none;font-size:.85em}
thead th.sorted-asc::after{content:" ▲"}thead th.sorted-desc::after{content:" ▼"}
th.model{text-align:left;min-width:12em;max-width:18em;font-weight:normal}
th.model b{display:block}
td.cell{width:9.5em;min-width:9.5em;max-width:12em;font-size:.8em}
.first{white-space:nowrap;overflow:hidden;text-overflow:ellipsis;max-width:13em}
.open{background:#c6efce}.partial{background:#ffd8a8}.closed{background:#ffc7ce}.na{background:#eee}.none{background:#fff}
.cls{font-weight:bold;text-transform:uppercase;font-size:.9em}
.conf{color:#444}
.human{margin-top:2px;padding:1px 4px;border-radius:3px;display:inline-block}
td.disagree{outline:3px solid #7b1fa2;outline-offset:-3px}
td.low{border:2px dashed #555}
.flag{color:#7b1fa2;font-weight:bold}
details{margin-top:3px}summary{cursor:pointer;color:#333}
blockquote{margin:3px 0 3px 4px;padding:2px 4px;border-left:3px solid #999;background:rgba(255,255,255,.6);white-space:pre-wrap;word-break:break-word}
.ev{margin:4px 0}.digest{color:#777;font-size:.8em;word-break:break-all}
.notes{white-space:pre-wrap;word-break:break-word}
.nolink{color:#555;word-break:break-all}
a{word-break:break-all}
h2{font-size:1.15em;margin:1.2em 0 .4em}table.changes td{font-size:.85em}
td.score{text-align:right;font-variant-numeric:tabular-nums}
.problems{color:#a00;font-size:.85em}
"#;

const SCRIPT: &str = r#"
(function(){
  var table=document.getElementById('report');if(!table)return;
  var heads=table.tHead.rows[0].cells;
  function sortBy(i,desc){
      var th=heads[i];
      for(var j=0;j<heads.length;j++){heads[j].classList.remove('sorted-asc','sorted-desc');}
      th.classList.add(desc?'sorted-desc':'sorted-asc');
      var body=table.tBodies[0],rows=Array.prototype.slice.call(body.rows);
      rows.sort(function(a,b){
        var x=a.cells[i].getAttribute('data-sort'),y=b.cells[i].getAttribute('data-sort');
        var nx=parseFloat(x),ny=parseFloat(y),r;
        if(!isNaN(nx)&&!isNaN(ny)){r=nx-ny;}else{r=String(x).localeCompare(String(y));}
        return desc?-r:r;
      });
      rows.forEach(function(r){body.appendChild(r);});
  }
  for(var i=0;i<heads.length;i++){(function(i){
    heads[i].addEventListener('click',function(){sortBy(i,!heads[i].classList.contains('sorted-desc'));});
  })(i);}
  // report.html#sort=1 (descending) or #sort=1-asc: sorted on opening.
  var m=/^#sort=(\d+)(-asc)?$/.exec(location.hash);
  if(m&&+m[1]<heads.length){sortBy(+m[1],!m[2]);}
})();
"#;

/// Base64 of the SHA-256 of the inline script, for the Content-Security-Policy.
fn script_hash() -> String {
    use sha2::Digest as _;
    base64(&sha2::Sha256::digest(SCRIPT.as_bytes()))
}

/// Standard base64 with padding.
fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ABC[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Renders the whole page.
pub fn render(data: &ReportData) -> String {
    let mut s = String::with_capacity(64 * 1024);
    let with_index = !data.human.is_empty();
    s.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    // Only the page's own script may run (by its hash): no injected script, no event handler attribute.
    s.push_str(&format!("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{}'; img-src 'none'\">\n", script_hash()));
    s.push_str(&format!("<title>openness report — run {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n", escape(&data.run.id)));
    s.push_str("<h1>Provisional openness verdicts</h1>\n");
    let disagreements: usize = data
        .models
        .iter()
        .map(|m| data.columns.iter().filter(|c| m.verdicts.get(&c.key).is_some_and(|v| disagrees(v.class, data.human(&m.id, &c.key)))).count())
        .sum();
    s.push_str(&format!(
        "<div class=\"meta\">Run <code>{}</code> ({}, schema {}, started {}{}) — {} models.{}</div>\n",
        escape(&data.run.id),
        escape(&data.run.status.to_string()),
        escape(&data.run.schema),
        escape(&data.run.started_at.format("%Y-%m-%d %H:%M UTC").to_string()),
        if data.run.offline { ", offline" } else { "" },
        data.models.len(),
        if with_index { format!(" Index verdicts loaded for {} models; <span class=\"flag\">{}</span> outlined.", data.human.len(), counted(disagreements, "disagreement")) } else { String::new() },
    ));
    s.push_str("<div class=\"legend\"><span class=\"open\">open</span><span class=\"partial\">partial</span><span class=\"closed\">closed</span><span class=\"na\">n/a</span>");
    s.push_str(" Dashed cells: low confidence, review first.");
    if with_index {
        s.push_str(" Outlined cells: the crawler and the index disagree.");
    }
    s.push_str(" Click a column header to sort (Score: open 1, partial ½, closed 0); <code>#sort=1</code> in the address sorts by score on opening.</div>\n");

    s.push_str("<table id=\"report\">\n<thead><tr><th>Model</th><th title=\"mean openness score of the crawler's verdicts\">Score</th>");
    if with_index {
        s.push_str("<th title=\"mean openness score of the index's verdicts\">Index score</th>");
    }
    for c in &data.columns {
        s.push_str(&format!("<th title=\"{} ({})\">{}</th>", escape(&c.key), escape(&c.group), escape(&c.name)));
    }
    s.push_str("</tr></thead>\n<tbody>\n");
    for m in &data.models {
        row(&mut s, data, m, with_index);
    }
    s.push_str("</tbody>\n</table>\n");
    changes(&mut s, data);
    s.push_str("<p class=\"meta\">Generated by openness from stored snapshots. Verdicts are provisional: every one needs a reviewer's reading of its evidence.</p>\n");
    s.push_str(&format!("<script>{SCRIPT}</script>\n</body>\n</html>\n"));
    s
}

fn row(s: &mut String, data: &ReportData, m: &ModelReport, with_index: bool) {
    let classes: Vec<Class> = data.columns.iter().filter_map(|c| m.verdicts.get(&c.key).map(|v| v.class)).collect();
    let score = openness_score(&classes);
    let [o, p, c] = class_counts(m);
    s.push_str("<tr>");
    s.push_str(&format!("<th class=\"model\" data-sort=\"{}\"><b>{}</b><code>{}</code>", escape(&m.name.to_lowercase()), escape(&m.name), escape(&m.id)));
    if !m.metadata.link.is_empty() {
        s.push_str(&format!("<div class=\"first\">{}</div>", link(&m.metadata.link, &short_url(&m.metadata.link))));
    }
    if !m.metadata.license.is_empty() {
        s.push_str(&format!("<div>licence: {}</div>", escape(&m.metadata.license)));
    }
    if !m.metadata.org.is_empty() {
        s.push_str(&format!("<div>org: {}</div>", escape(&m.metadata.org)));
    }
    s.push_str(&format!("<div><small>{o} open · {p} partial · {c} closed</small></div>"));
    if !m.problems.is_empty() {
        s.push_str(&format!("<details class=\"problems\"><summary>{} evidence problems</summary><ul>", m.problems.len()));
        for pr in &m.problems {
            s.push_str(&format!("<li>{}</li>", escape(pr)));
        }
        s.push_str("</ul></details>");
    }
    s.push_str("</th>");
    s.push_str(&format!("<td class=\"score\" data-sort=\"{}\">{}</td>", sort_value(score), score.map(|x| format!("{:.0}%", x * 100.0)).unwrap_or_else(|| "–".into())));
    if with_index {
        let human: Vec<Class> = data.columns.iter().filter_map(|c| data.human(&m.id, &c.key).and_then(|h| h.class)).collect();
        let hs = openness_score(&human);
        s.push_str(&format!("<td class=\"score\" data-sort=\"{}\">{}</td>", sort_value(hs), hs.map(|x| format!("{:.0}%", x * 100.0)).unwrap_or_else(|| "–".into())));
    }
    for col in &data.columns {
        cell(s, data, m, &col.key, m.verdicts.get(&col.key));
    }
    s.push_str("</tr>\n");
}

fn cell(s: &mut String, data: &ReportData, m: &ModelReport, key: &str, v: Option<&Verdict>) {
    let human = data.human(&m.id, key);
    let Some(v) = v else {
        s.push_str("<td class=\"cell none\" data-sort=\"-1\">not judged</td>");
        return;
    };
    let disagree = disagrees(v.class, human);
    s.push_str(&format!(
        "<td class=\"cell {}{}{}\" data-sort=\"{}\">",
        class_css(Some(v.class)),
        if disagree { " disagree" } else { "" },
        if v.confidence == Confidence::Low { " low" } else { "" },
        sort_value(v.class.score())
    ));
    let conf = format!("{:?}", v.confidence).to_lowercase();
    s.push_str(&format!("<span class=\"cls\">{}</span> <span class=\"conf\" title=\"{} confidence: {}\">· {}</span>", class_word(v.class), escape(&conf), escape(&v.confidence_reason), escape(&conf)));
    if let Some(h) = human {
        let word = h.class.map(class_word).unwrap_or("?");
        s.push_str(&format!(
            "<br><span class=\"human {}\" title=\"the index's verdict\">index: {}{}</span>",
            class_css(h.class),
            escape(word),
            if disagree { " <b class=\"flag\">≠</b>" } else { "" }
        ));
    }
    if let Some(l) = v.links.first() {
        s.push_str(&format!("<div class=\"first\">{}</div>", link(l, &short_url(l))));
    }
    s.push_str(&format!("<details><summary>evidence ({})</summary>", v.evidence.len()));
    s.push_str(&format!("<div class=\"notes\"><i>{} confidence: {}</i></div>", escape(&conf), escape(&v.confidence_reason)));
    if v.links.len() > 1 {
        s.push_str("<div>Links:");
        for l in &v.links {
            s.push_str(&format!("<br>{}", link(l, l)));
        }
        s.push_str("</div>");
    }
    if !v.notes.is_empty() {
        s.push_str(&format!("<div class=\"notes\">{}</div>", escape(&v.notes)));
    }
    for e in &v.evidence {
        s.push_str("<div class=\"ev\">");
        s.push_str(&link(&e.url, &e.url));
        if !e.snippet.is_empty() {
            s.push_str(&format!("<blockquote>{}</blockquote>", escape(&e.snippet)));
        }
        if let Some(d) = &e.digest {
            s.push_str(&format!("<div class=\"digest\">snapshot {}</div>", escape(d)));
        }
        s.push_str("</div>");
    }
    if let Some(h) = human {
        if !h.notes.is_empty() || !h.links.is_empty() {
            s.push_str("<div><b>Index:</b> ");
            s.push_str(&format!("<span class=\"notes\">{}</span>", escape(&h.notes)));
            for l in &h.links {
                s.push_str(&format!("<br>{}", link(l, l)));
            }
            s.push_str("</div>");
        }
    }
    s.push_str("</details></td>");
}

/// The changes since the previous complete run, when known.
fn changes(s: &mut String, data: &ReportData) {
    let Some((before, events)) = &data.changes else { return };
    s.push_str(&format!("<h2>Changes since run <code>{}</code></h2>\n", escape(before)));
    if events.is_empty() {
        s.push_str("<p>No verdict or evidence changed.</p>\n");
        return;
    }
    s.push_str("<table class=\"changes\"><thead><tr><th>Model</th><th>Parameter</th><th>Change</th><th>Before</th><th>After</th><th>Evidence</th><th>Snapshots</th></tr></thead><tbody>\n");
    for e in events {
        s.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
            escape(&e.model),
            escape(e.parameter.as_deref().unwrap_or("")),
            escape(&e.kind.to_string()),
            escape(e.before.as_deref().unwrap_or("")),
            escape(e.after.as_deref().unwrap_or("")),
            e.evidence.as_deref().map(|u| link(u, &short_url(u))).unwrap_or_default(),
            e.snapshots_shown(|d| format!("<code>{}</code>", escape(d))),
        ));
    }
    s.push_str("</tbody></table>\n");
    if events.iter().any(crate::changes::Event::has_body_change) {
        s.push_str("<p>Snapshots: the first characters of the SHA-256 digests of the stored bodies, before → after; <code>openness snapshot diff BEFORE AFTER</code> shows what changed.</p>\n");
    }
}

/// A short link text: `host/first/second/…`, at most about 40 characters.
fn short_url(u: &str) -> String {
    let t = match url::Url::parse(u) {
        Ok(p) => {
            let host = p.host_str().unwrap_or("").trim_start_matches("www.").to_string();
            let segs: Vec<&str> = p.path_segments().map(|s| s.filter(|x| !x.is_empty()).collect()).unwrap_or_default();
            match segs.as_slice() {
                [] => host,
                [a] => format!("{host}/{a}"),
                [a, b] => format!("{host}/{a}/{b}"),
                [a, b, ..] => format!("{host}/{a}/{b}/…"),
            }
        }
        Err(_) => u.to_string(),
    };
    if t.chars().count() <= 40 {
        t
    } else {
        format!("{}…", t.chars().take(39).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{sample, sample_data};
    use super::super::HumanVerdict;
    use super::*;

    #[test]
    fn escapes_every_special_character() {
        assert_eq!(escape("<script>alert(1)</script>"), "&lt;script&gt;alert(1)&lt;/script&gt;");
        assert_eq!(escape("a & b \"c\" 'd'"), "a &amp; b &quot;c&quot; &#39;d&#39;");
        assert_eq!(escape("plain — text"), "plain — text");
        assert_eq!(escape(""), "");
    }

    #[test]
    fn base64_and_script_hash() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(script_hash().len(), 44);
        let page = render(&sample_data(vec![]));
        assert!(page.contains(&format!("script-src 'sha256-{}'", script_hash())));
        assert!(page.contains(&format!("<script>{SCRIPT}</script>")), "the hashed text is exactly the script's content");
    }

    #[test]
    fn low_confidence_cells_are_dashed() {
        let mut m = sample("w", "x");
        m.verdicts.get_mut("modelcard").unwrap().confidence = Confidence::Low;
        let page = render(&sample_data(vec![m]));
        assert!(page.contains("cell partial low\""), "the low modelcard cell is marked");
        assert!(page.contains("cell open\""), "the high rlweights cell is not");
        assert!(page.contains("Dashed cells: low confidence, review first."));
    }

    #[test]
    fn only_http_urls_become_links() {
        assert_eq!(safe_href("https://example.org/a?b=1&c=2").as_deref(), Some("https://example.org/a?b=1&amp;c=2"));
        assert!(safe_href("javascript:alert(1)").is_none());
        assert!(safe_href(" JavaScript:alert(1)").is_none());
        assert!(safe_href("data:text/html,<script>").is_none());
        assert!(safe_href("/relative").is_none());
        let h = safe_href("https://example.org/\"onmouseover=\"x").unwrap();
        assert!(!h.contains('"'), "{h}");
        assert!(link("javascript:alert(1)", "x").starts_with("<span"));
    }

    #[test]
    fn evidence_text_is_shown_as_text() {
        let evil = "<script>alert(1)</script> and <img src=x onerror=alert(1)>";
        let mut m = sample("w", evil);
        m.name = "<b>bold</b>".into();
        m.problems.push("<iframe src=x>".into());
        let mut data = sample_data(vec![m]);
        let mut h = std::collections::BTreeMap::new();
        h.insert("modelcard".to_string(), HumanVerdict { class: Some(Class::Open), links: vec!["javascript:alert(2)".into()], notes: "<svg onload=alert(3)>".into() });
        data.human.insert("w".into(), h);
        let page = render(&data);
        for raw in ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<b>bold</b>", "<iframe", "<svg", "href=\"javascript:"] {
            assert!(!page.contains(raw), "raw `{raw}` in the page");
        }
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(page.contains("&lt;img src=x onerror=alert(1)&gt;"));
        assert!(page.contains("&lt;svg onload=alert(3)&gt;"));
        // The page's own script is the only one.
        assert_eq!(page.matches("<script>").count(), 1);
        // Disagreement (partial vs index open) is outlined; the sort keys are the scores.
        assert!(page.contains("cell partial disagree\" data-sort=\"0.500\""));
        assert!(page.contains("cell open\" data-sort=\"1.000\""));
        assert!(page.contains("1 disagreement</span>"), "one disagreement, counted in English");
        assert_eq!(short_url("https://huggingface.co/acme/widget-7b-chat/tree/main"), "huggingface.co/acme/widget-7b-chat/…");
        assert_eq!(short_url("https://www.vendor.example/"), "vendor.example");
        data.changes = Some(("r0".into(), vec![crate::changes::Event::new("w", Some("modelcard"), crate::changes::Kind::HumanDisagrees, Some("<b>".into()), Some("open".into()), Some("javascript:x".into()))]));
        let page = render(&data);
        assert!(page.contains("Changes since run <code>r0</code>"));
        assert!(page.contains("<td>&lt;b&gt;</td>") && !page.contains("href=\"javascript:"));
        assert!(page.contains("<td>—</td></tr>") && !page.contains("openness snapshot diff"), "no snapshots, no word on diffs");
        let mut swapped = crate::changes::Event::new("w", Some("license"), crate::changes::Kind::LicenseChanged, Some("mit".into()), Some("other".into()), None);
        (swapped.before_snapshot, swapped.after_snapshot) = (Some("ab".repeat(32)), Some("cd".repeat(32)));
        data.changes = Some(("r0".into(), vec![swapped]));
        let page = render(&data);
        assert!(page.contains("<td><code>abababababab</code> → <code>cdcdcdcdcdcd</code></td>") && page.contains("openness snapshot diff BEFORE AFTER"), "{page}");
    }
}
