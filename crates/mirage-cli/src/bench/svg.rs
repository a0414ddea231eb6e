//! A grouped bar chart on a logarithmic axis, as hand-written SVG.

use std::fmt::Write as _;

/// What to draw: one group of bars per entry of `groups`, one bar per
/// entry of `series` in each group. `values[g][s]` is the bar's height;
/// `None` (a failed run) draws an "n/a" mark instead of a bar.
pub struct Chart<'a> {
    pub title: &'a str,
    pub subtitle: &'a str,
    pub y_label: &'a str,
    pub x_label: &'a str,
    /// A dashed reference line at 1 is labelled with this.
    pub one_label: &'a str,
    pub groups: &'a [String],
    pub series: &'a [String],
    pub values: &'a [Vec<Option<f64>>],
}

const COLORS: &[&str] = &[
    "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7",
    "#9c755f", "#bab0ac",
];

const BAR_W: f64 = 13.0;
const GROUP_GAP: f64 = 16.0;
const LEFT: f64 = 78.0;
const RIGHT: f64 = 24.0;
const TOP: f64 = 96.0;
const PLOT_H: f64 = 320.0;
const BOTTOM: f64 = 120.0;

/// Escapes text for XML content and attribute values.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && c != '\n' && c != '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The decade range `[lo, hi]` (exponents of 10) covering every value and 1.
fn decades(values: &[Vec<Option<f64>>]) -> (i32, i32) {
    let present = values
        .iter()
        .flatten()
        .flatten()
        .copied()
        .filter(|v| *v > 0.0 && v.is_finite());
    let (mut min, mut max) = (1.0f64, 1.0f64);
    for v in present {
        min = min.min(v);
        max = max.max(v);
    }
    let lo = min.log10().floor() as i32;
    let mut hi = max.log10().ceil() as i32;
    if hi <= lo {
        hi = lo + 1;
    }
    (lo, hi)
}

fn tick_label(e: i32) -> String {
    if (0..6).contains(&e) {
        format!("{}", 10u64.pow(e as u32))
    } else if (-4..0).contains(&e) {
        format!("{}", 10f64.powi(e))
    } else {
        format!("1e{e}")
    }
}

fn value_label(v: f64) -> String {
    if v < 10.0 {
        format!("{v:.2}")
    } else if v < 100.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.0}")
    }
}

/// The chart as a standalone SVG document.
pub fn bar_chart(c: &Chart) -> String {
    let n_series = c.series.len().max(1);
    let group_w = n_series as f64 * BAR_W + GROUP_GAP;
    let plot_w = (c.groups.len().max(1) as f64 * group_w).max(360.0);
    let width = LEFT + plot_w + RIGHT;
    let height = TOP + PLOT_H + BOTTOM;
    let (lo, hi) = decades(c.values);
    let span = f64::from(hi - lo);
    let bottom = TOP + PLOT_H;
    let y = |v: f64| bottom - (v.log10() - f64::from(lo)) / span * PLOT_H;

    let mut s = String::new();
    let _ = writeln!(s, r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" font-family="sans-serif" font-size="12">"#
    );
    let _ = writeln!(
        s,
        r#"<rect x="0" y="0" width="{width:.0}" height="{height:.0}" fill="white"/>"#
    );
    let _ = writeln!(
        s,
        r#"<text x="{:.1}" y="22" text-anchor="middle" font-size="16" font-weight="bold">{}</text>"#,
        width / 2.0,
        xml_escape(c.title)
    );
    let _ = writeln!(
        s,
        r##"<text x="{:.1}" y="40" text-anchor="middle" font-size="11" fill="#555">{}</text>"##,
        width / 2.0,
        xml_escape(c.subtitle)
    );

    // Legend: one swatch per series, then the reference line.
    let mut lx = LEFT;
    let ly = 60.0;
    s.push_str("<g class=\"legend\">\n");
    for (i, name) in c.series.iter().enumerate() {
        let _ = writeln!(
            s,
            r#"<rect x="{lx:.1}" y="{:.1}" width="12" height="12" fill="{}"/><text x="{:.1}" y="{:.1}">{}</text>"#,
            ly - 10.0,
            COLORS[i % COLORS.len()],
            lx + 16.0,
            ly,
            xml_escape(name)
        );
        lx += 16.0 + 7.0 * name.chars().count() as f64 + 18.0;
    }
    let _ = writeln!(
        s,
        r##"<line x1="{lx:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="#333" stroke-dasharray="4 3"/><text x="{:.1}" y="{ly:.1}">{}</text>"##,
        ly - 4.0,
        lx + 22.0,
        ly - 4.0,
        lx + 28.0,
        xml_escape(c.one_label)
    );
    s.push_str("</g>\n");

    // Grid and y axis: a labelled line per decade, light lines at 2..9.
    s.push_str("<g class=\"grid\">\n");
    for e in lo..=hi {
        let base = 10f64.powi(e);
        let yy = y(base);
        let _ = writeln!(
            s,
            r##"<line x1="{LEFT:.1}" y1="{yy:.1}" x2="{:.1}" y2="{yy:.1}" stroke="#bbb"/><text x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"##,
            LEFT + plot_w,
            LEFT - 6.0,
            yy + 4.0,
            tick_label(e)
        );
        if e < hi {
            for m in 2..10 {
                let ym = y(base * f64::from(m));
                let _ = writeln!(
                    s,
                    r##"<line x1="{LEFT:.1}" y1="{ym:.1}" x2="{:.1}" y2="{ym:.1}" stroke="#eee"/>"##,
                    LEFT + plot_w
                );
            }
        }
    }
    s.push_str("</g>\n");

    // Bars.
    s.push_str("<g class=\"bars\">\n");
    for (g, group) in c.groups.iter().enumerate() {
        let gx = LEFT + g as f64 * group_w + GROUP_GAP / 2.0;
        for (i, name) in c.series.iter().enumerate() {
            let x = gx + i as f64 * BAR_W;
            let v = c
                .values
                .get(g)
                .and_then(|row| row.get(i))
                .copied()
                .flatten()
                .filter(|v| *v > 0.0 && v.is_finite());
            match v {
                Some(v) => {
                    let top = y(v);
                    let _ = writeln!(
                        s,
                        r#"<rect class="bar" x="{x:.1}" y="{top:.1}" width="{:.1}" height="{:.1}" fill="{}"><title>{}, {}: {}</title></rect>"#,
                        BAR_W - 1.0,
                        (bottom - top).max(0.5),
                        COLORS[i % COLORS.len()],
                        xml_escape(group),
                        xml_escape(name),
                        value_label(v)
                    );
                    let tx = x + BAR_W / 2.0 + 3.0;
                    let ty = top - 3.0;
                    let _ = writeln!(
                        s,
                        r#"<text x="{tx:.1}" y="{ty:.1}" font-size="8" transform="rotate(-90 {tx:.1} {ty:.1})">{}</text>"#,
                        value_label(v)
                    );
                }
                None => {
                    let tx = x + BAR_W / 2.0 + 3.0;
                    let ty = bottom - 3.0;
                    let _ = writeln!(
                        s,
                        r##"<text class="missing" x="{tx:.1}" y="{ty:.1}" font-size="8" fill="#c00" transform="rotate(-90 {tx:.1} {ty:.1})">n/a</text>"##
                    );
                }
            }
        }
        let cx = gx + n_series as f64 * BAR_W / 2.0;
        let cy = bottom + 14.0;
        let _ = writeln!(
            s,
            r#"<text x="{cx:.1}" y="{cy:.1}" text-anchor="end" transform="rotate(-40 {cx:.1} {cy:.1})">{}</text>"#,
            xml_escape(group)
        );
    }
    s.push_str("</g>\n");

    // Reference line at 1, axes and axis titles.
    let y1 = y(1.0);
    let _ = writeln!(
        s,
        r##"<line x1="{LEFT:.1}" y1="{y1:.1}" x2="{:.1}" y2="{y1:.1}" stroke="#333" stroke-dasharray="4 3"/>"##,
        LEFT + plot_w
    );
    let _ = writeln!(
        s,
        r##"<line x1="{LEFT:.1}" y1="{TOP:.1}" x2="{LEFT:.1}" y2="{bottom:.1}" stroke="#333"/><line x1="{LEFT:.1}" y1="{bottom:.1}" x2="{:.1}" y2="{bottom:.1}" stroke="#333"/>"##,
        LEFT + plot_w
    );
    let ym = TOP + PLOT_H / 2.0;
    let _ = writeln!(
        s,
        r#"<text x="18" y="{ym:.1}" text-anchor="middle" transform="rotate(-90 18 {ym:.1})">{}</text>"#,
        xml_escape(c.y_label)
    );
    let _ = writeln!(
        s,
        r#"<text x="{:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
        LEFT + plot_w / 2.0,
        height - 10.0,
        xml_escape(c.x_label)
    );
    s.push_str("</svg>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small XML well-formedness check: balanced, properly nested tags,
    /// quoted attributes, entities only in escaped form, one root element.
    fn check_xml(doc: &str) -> Result<(), String> {
        let mut stack: Vec<String> = Vec::new();
        let mut roots = 0;
        let mut rest = doc;
        let check_text = |t: &str| -> Result<(), String> {
            if t.contains('>') {
                return Err(format!("raw '>' in text {t:?}"));
            }
            for (i, _) in t.match_indices('&') {
                let ent = &t[i..];
                if !["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"]
                    .iter()
                    .any(|e| ent.starts_with(e))
                {
                    return Err(format!("bad entity in {t:?}"));
                }
            }
            Ok(())
        };
        while let Some(open) = rest.find('<') {
            let text = &rest[..open];
            if stack.is_empty() && !text.trim().is_empty() {
                return Err(format!("text outside the root: {text:?}"));
            }
            check_text(text)?;
            let close = rest[open..].find('>').ok_or("unterminated tag")? + open;
            let tag = &rest[open + 1..close];
            rest = &rest[close + 1..];
            if let Some(pi) = tag.strip_prefix('?') {
                if !pi.ends_with('?') || roots > 0 || !stack.is_empty() {
                    return Err(format!("bad processing instruction {tag:?}"));
                }
                continue;
            }
            if let Some(name) = tag.strip_prefix('/') {
                match stack.pop() {
                    Some(open) if open == name.trim() => continue,
                    other => return Err(format!("</{name}> closes {other:?}")),
                }
            }
            let self_closing = tag.ends_with('/');
            let body = tag.strip_suffix('/').unwrap_or(tag);
            let name_end = body.find(char::is_whitespace).unwrap_or(body.len());
            let name = &body[..name_end];
            if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || c == '-') {
                return Err(format!("bad element name in {tag:?}"));
            }
            let mut attrs = body[name_end..].trim_start();
            let mut seen = Vec::new();
            while !attrs.is_empty() {
                let eq = attrs
                    .find('=')
                    .ok_or(format!("attribute without value: {tag:?}"))?;
                let an = &attrs[..eq];
                if an.is_empty() || an.contains(char::is_whitespace) || seen.contains(&an) {
                    return Err(format!("bad attribute name {an:?} in {tag:?}"));
                }
                seen.push(an);
                let after = attrs[eq + 1..]
                    .strip_prefix('"')
                    .ok_or(format!("unquoted attribute in {tag:?}"))?;
                let q = after.find('"').ok_or("unterminated attribute")?;
                let value = &after[..q];
                if value.contains('<') {
                    return Err(format!("'<' in attribute {value:?}"));
                }
                check_text(value)?;
                let next = &after[q + 1..];
                if !next.is_empty() && !next.starts_with(char::is_whitespace) {
                    return Err(format!("no space between attributes in {tag:?}"));
                }
                attrs = next.trim_start();
            }
            if stack.is_empty() {
                roots += 1;
                if roots > 1 {
                    return Err("more than one root element".into());
                }
            }
            if !self_closing {
                stack.push(name.to_string());
            }
        }
        if !rest.trim().is_empty() {
            return Err(format!("trailing text {rest:?}"));
        }
        if !stack.is_empty() {
            return Err(format!("unclosed elements {stack:?}"));
        }
        if roots != 1 {
            return Err("no root element".into());
        }
        Ok(())
    }

    fn strings(xs: &[&str]) -> Vec<String> {
        xs.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn checker_rejects_bad_xml() {
        assert!(check_xml("<a><b></a></b>").is_err());
        assert!(check_xml("<a x=1/>").is_err());
        assert!(check_xml("<a>x & y</a>").is_err());
        assert!(check_xml("<a/><b/>").is_err());
        assert!(check_xml("<a x=\"1\" x=\"2\"/>").is_err());
        assert!(check_xml("<?xml version=\"1.0\"?>\n<a b=\"&lt;\">t &amp; u</a>\n").is_ok());
    }

    #[test]
    fn one_bar_per_program_and_mode() {
        let groups = strings(&["sieve", "fib", "a&b <c>"]);
        let series = strings(&["interp", "interp-no-code"]);
        let values = vec![
            vec![Some(31.5), Some(33.0)],
            vec![Some(0.8), Some(1250.0)],
            vec![Some(2.0), Some(1.0)],
        ];
        let svg = bar_chart(&Chart {
            title: "mirage vs gcc -O2",
            subtitle: "x86_64, \"Intel\" <cpu> & co",
            y_label: "run time / gcc -O2 (log scale)",
            x_label: "program",
            one_label: "gcc -O2",
            groups: &groups,
            series: &series,
            values: &values,
        });
        check_xml(&svg).unwrap_or_else(|e| panic!("{e}\n{svg}"));
        assert_eq!(svg.matches("<rect class=\"bar\"").count(), 6);
        assert_eq!(svg.matches("class=\"missing\"").count(), 0);
        assert!(svg.contains("a&amp;b &lt;c&gt;"));
        // Decades 0.1 .. 10000 are labelled; the legend names every series.
        for t in [
            ">0.1</text>",
            ">1</text>",
            ">10000</text>",
            ">interp-no-code</text>",
        ] {
            assert!(svg.contains(t), "missing {t}");
        }
    }

    #[test]
    fn failed_runs_are_marked_not_drawn() {
        let groups = strings(&["fib", "nbody"]);
        let series = strings(&["interp", "jit", "lazy"]);
        let values = vec![vec![None, Some(1.5), Some(2.0)], vec![None, None, None]];
        let svg = bar_chart(&Chart {
            title: "t",
            subtitle: "s",
            y_label: "y",
            x_label: "x",
            one_label: "1",
            groups: &groups,
            series: &series,
            values: &values,
        });
        check_xml(&svg).unwrap_or_else(|e| panic!("{e}\n{svg}"));
        assert_eq!(svg.matches("<rect class=\"bar\"").count(), 2);
        assert_eq!(svg.matches("class=\"missing\"").count(), 4);
    }

    #[test]
    fn empty_chart_is_well_formed() {
        let svg = bar_chart(&Chart {
            title: "t",
            subtitle: "s",
            y_label: "y",
            x_label: "x",
            one_label: "1",
            groups: &[],
            series: &[],
            values: &[],
        });
        check_xml(&svg).unwrap_or_else(|e| panic!("{e}\n{svg}"));
    }

    #[test]
    fn decade_range() {
        assert_eq!(decades(&[vec![Some(1.0)]]), (0, 1));
        assert_eq!(decades(&[vec![Some(35.0), Some(0.5)]]), (-1, 2));
        assert_eq!(decades(&[vec![Some(100.0), None]]), (0, 2));
        assert_eq!(tick_label(-2), "0.01");
        assert_eq!(tick_label(3), "1000");
        assert_eq!(tick_label(7), "1e7");
    }
}
