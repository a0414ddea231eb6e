//! The printed Markdown table, `latest.json` and the chart's data.

use super::json::Json;
use super::stats::{geomean, median};
use super::sysinfo::Machine;
use super::{EngineResult, ProgramResult};

/// A Markdown table whose columns are padded for the terminal.
pub struct Table {
    pub header: Vec<String>,
    /// Right-align this column (numbers).
    pub right: Vec<bool>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    pub fn render(&self) -> String {
        let cell = |s: &str| s.replace('|', "\\|");
        let ncols = self.header.len();
        let mut width: Vec<usize> = self
            .header
            .iter()
            .map(|h| cell(h).chars().count())
            .collect();
        for row in &self.rows {
            for (i, c) in row.iter().enumerate().take(ncols) {
                width[i] = width[i].max(cell(c).chars().count());
            }
        }
        for w in &mut width {
            *w = (*w).max(3);
        }
        let line = |cells: &[String]| {
            let mut s = String::from("|");
            for (i, w) in width.iter().enumerate() {
                let c = cell(cells.get(i).map_or("", String::as_str));
                let pad = " ".repeat(w - c.chars().count());
                if self.right.get(i).copied().unwrap_or(false) {
                    s.push_str(&format!(" {pad}{c} |"));
                } else {
                    s.push_str(&format!(" {c}{pad} |"));
                }
            }
            s.push('\n');
            s
        };
        let mut out = line(&self.header);
        out.push('|');
        for (i, w) in width.iter().enumerate() {
            if self.right.get(i).copied().unwrap_or(false) {
                out.push_str(&format!(" {}: |", "-".repeat(w - 1)));
            } else {
                out.push_str(&format!(" {} |", "-".repeat(*w)));
            }
        }
        out.push('\n');
        for row in &self.rows {
            out.push_str(&line(row));
        }
        out
    }
}

/// Seconds with about three significant digits.
pub fn fmt_secs(x: f64) -> String {
    if x < 10.0 {
        format!("{x:.3}")
    } else if x < 100.0 {
        format!("{x:.2}")
    } else {
        format!("{x:.1}")
    }
}

/// A ratio with about three significant digits.
pub fn fmt_ratio(x: f64) -> String {
    if x < 10.0 {
        format!("{x:.2}")
    } else if x < 100.0 {
        format!("{x:.1}")
    } else {
        format!("{x:.0}")
    }
}

/// Milliseconds.
pub fn fmt_ms(x: f64) -> String {
    if x < 10.0 {
        format!("{x:.2}")
    } else if x < 100.0 {
        format!("{x:.1}")
    } else {
        format!("{x:.0}")
    }
}

/// KiB as MiB.
pub fn fmt_mb(kb: u64) -> String {
    format!("{:.1}", kb as f64 / 1024.0)
}

fn pct(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

/// `mode`'s ratios to gcc over the programs where both succeeded.
fn ratios(results: &[ProgramResult], engine: usize) -> Vec<f64> {
    results.iter().filter_map(|p| p.ratio(engine)).collect()
}

/// The geometric mean of `engine`'s ratios and how many programs it covers.
pub fn geomean_ratio(results: &[ProgramResult], engine: usize) -> (Option<f64>, usize) {
    let r = ratios(results, engine);
    (geomean(&r), r.len())
}

/// The median over programs of `engine`'s run-to-run spread.
pub fn median_spread(results: &[ProgramResult], engine: usize) -> Option<f64> {
    let s: Vec<f64> = results
        .iter()
        .filter_map(|p| p.engines.get(engine)?.spread())
        .collect();
    median(&s)
}

/// The results table: per program gcc's time and memory, then per mode its
/// median time, ratio to gcc, peak memory and (if measured) compile-only
/// time; then a geomean row and a run-to-run spread row.
pub fn results_table(results: &[ProgramResult], modes: &[String], with_compile: bool) -> Table {
    let mut header = vec!["program".to_string(), "gcc -O2 s".into(), "gcc MB".into()];
    for m in modes {
        header.push(format!("{m} s"));
        header.push(format!("{m} ×gcc"));
        header.push(format!("{m} MB"));
        if with_compile {
            header.push(format!("{m} compile ms"));
        }
    }
    let mut right = vec![true; header.len()];
    right[0] = false;
    let per_mode = if with_compile { 4 } else { 3 };
    let time_col = |engine: usize| {
        if engine == 0 {
            1
        } else {
            3 + (engine - 1) * per_mode
        }
    };

    let mut rows = Vec::new();
    for p in results {
        let mut row = vec![p.name.clone()];
        for (i, e) in p.engines.iter().enumerate().take(modes.len() + 1) {
            row.push(match (&e.failure, e.median()) {
                (Some(f), _) => f.kind.cell().to_string(),
                (None, Some(t)) => fmt_secs(t),
                (None, None) => "-".into(),
            });
            if i > 0 {
                row.push(p.ratio(i).map_or("-".into(), fmt_ratio));
            }
            row.push(e.peak_rss_kb().map_or("-".into(), fmt_mb));
            if i > 0 && with_compile {
                row.push(if e.compile_failure.is_some() {
                    "FAIL".into()
                } else {
                    e.compile_median_ms().map_or("-".into(), fmt_ms)
                });
            }
        }
        rows.push(row);
    }

    let mut geo = vec![String::new(); header.len()];
    geo[0] = "geomean".into();
    let mut spread = vec![String::new(); header.len()];
    spread[0] = "median spread".into();
    for engine in 0..=modes.len() {
        if engine > 0 {
            let (g, n) = geomean_ratio(results, engine);
            geo[time_col(engine) + 1] = match g {
                Some(g) if n == results.len() => fmt_ratio(g),
                Some(g) => format!("{} ({n}/{})", fmt_ratio(g), results.len()),
                None => "-".into(),
            };
        }
        spread[time_col(engine)] = median_spread(results, engine).map_or("-".into(), pct);
    }
    rows.push(geo);
    rows.push(spread);
    Table {
        header,
        right,
        rows,
    }
}

/// Everything `latest.json` records besides the results.
pub struct Meta<'a> {
    pub date: &'a str,
    pub machine: &'a Machine,
    pub command: &'a str,
    pub runs: u32,
    pub timeout_s: f64,
    pub modes: &'a [String],
    pub mirage_exe: &'a str,
    pub mirage_profile: &'a str,
    pub gcc_version: &'a str,
    pub compile_only: bool,
}

fn engine_json(p: &ProgramResult, i: usize) -> Json {
    let e: &EngineResult = &p.engines[i];
    let status = e.failure.as_ref().map_or("ok", |f| f.kind.json());
    Json::obj([
        ("engine", Json::str(&e.engine)),
        ("status", Json::str(status)),
        (
            "error",
            Json::opt_str(e.failure.as_ref().map(|f| f.detail.as_str())),
        ),
        ("times_s", Json::nums(e.times.iter().copied())),
        ("median_s", Json::opt_num(e.median())),
        ("ratio", Json::opt_num(p.ratio(i))),
        ("spread", Json::opt_num(e.spread())),
        ("cpu_times_s", Json::nums(e.cpu_times.iter().copied())),
        (
            "cpu_median_s",
            Json::opt_num(e.failure.is_none().then(|| median(&e.cpu_times)).flatten()),
        ),
        ("rss_kb", Json::nums(e.rss_kb.iter().map(|&k| k as f64))),
        (
            "peak_rss_mb",
            Json::opt_num(e.peak_rss_kb().map(|k| k as f64 / 1024.0)),
        ),
        ("compile_ms", Json::nums(e.compile_ms.iter().copied())),
        ("compile_median_ms", Json::opt_num(e.compile_median_ms())),
        ("compile_error", Json::opt_str(e.compile_failure.as_deref())),
    ])
}

/// The contents of `latest.json`.
pub fn results_json(meta: &Meta, results: &[ProgramResult]) -> Json {
    let engines: Vec<String> = std::iter::once("gcc".to_string())
        .chain(meta.modes.iter().cloned())
        .collect();
    let programs = results
        .iter()
        .map(|p| {
            Json::obj([
                ("name", Json::str(&p.name)),
                ("size", Json::Num(p.size as f64)),
                (
                    "engines",
                    Json::Arr((0..p.engines.len()).map(|i| engine_json(p, i)).collect()),
                ),
            ])
        })
        .collect();
    let geo = (1..engines.len())
        .map(|i| {
            let (g, n) = geomean_ratio(results, i);
            (
                engines[i].clone(),
                Json::obj([
                    ("geomean", Json::opt_num(g)),
                    ("programs", Json::Num(n as f64)),
                ]),
            )
        })
        .collect();
    let spread = (0..engines.len())
        .map(|i| {
            (
                engines[i].clone(),
                Json::opt_num(median_spread(results, i).map(|s| s * 100.0)),
            )
        })
        .collect();
    Json::obj([
        ("date", Json::str(meta.date)),
        (
            "machine",
            Json::obj([
                ("arch", Json::str(&meta.machine.arch)),
                ("cpu", Json::str(&meta.machine.cpu)),
                ("nproc", Json::Num(meta.machine.nproc as f64)),
                ("loadavg_1min_at_start", Json::opt_num(meta.machine.loadavg)),
            ]),
        ),
        ("command", Json::str(meta.command)),
        ("runs", Json::Num(f64::from(meta.runs))),
        ("timeout_s", Json::Num(meta.timeout_s)),
        ("gcc", Json::str(meta.gcc_version)),
        ("mirage", Json::str(meta.mirage_exe)),
        ("mirage_profile", Json::str(meta.mirage_profile)),
        ("compile_only_measured", Json::Bool(meta.compile_only)),
        (
            "engines",
            Json::Arr(engines.iter().map(|e| Json::str(e)).collect()),
        ),
        ("programs", Json::Arr(programs)),
        ("ratio_to_gcc", Json::Obj(geo)),
        ("median_spread_pct", Json::Obj(spread)),
    ])
}

/// The chart's bar heights: ratio to gcc per program per mode.
pub fn chart_values(results: &[ProgramResult], modes: &[String]) -> Vec<Vec<Option<f64>>> {
    results
        .iter()
        .map(|p| (1..=modes.len()).map(|i| p.ratio(i)).collect())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::{FailKind, Failure};
    use super::*;

    fn engine(name: &str, times: &[f64], rss_kb: u64, compile: &[f64]) -> EngineResult {
        EngineResult {
            engine: name.into(),
            times: times.to_vec(),
            rss_kb: vec![rss_kb; times.len()],
            cpu_times: times.to_vec(),
            compile_ms: compile.to_vec(),
            failure: None,
            compile_failure: None,
        }
    }

    fn sample() -> Vec<ProgramResult> {
        let mut wrong = engine("interp", &[], 0, &[1.0]);
        wrong.failure = Some(Failure {
            kind: FailKind::Wrong,
            detail: "line 1 differs".into(),
        });
        vec![
            ProgramResult {
                name: "fib".into(),
                size: 42,
                engines: vec![
                    engine("gcc", &[0.5, 0.4, 0.6], 1536, &[]),
                    engine("interp", &[10.0, 12.0, 11.0], 4096, &[2.0, 3.0, 4.0]),
                ],
            },
            ProgramResult {
                name: "sieve".into(),
                size: 1000,
                engines: vec![engine("gcc", &[2.0, 2.0, 2.0], 40960, &[]), wrong],
            },
        ]
    }

    #[test]
    fn table_is_markdown() {
        let modes = vec!["interp".to_string()];
        let t = results_table(&sample(), &modes, true).render();
        let want = "\
| program       | gcc -O2 s | gcc MB | interp s | interp ×gcc | interp MB | interp compile ms |
| ------------- | --------: | -----: | -------: | ----------: | --------: | ----------------: |
| fib           |     0.500 |    1.5 |    11.00 |        22.0 |       4.0 |              3.00 |
| sieve         |     2.000 |   40.0 |    WRONG |           - |         - |              1.00 |
| geomean       |           |        |          |  22.0 (1/2) |           |                   |
| median spread |     25.0% |        |    20.0% |             |           |                   |
";
        assert_eq!(t, want);
    }

    #[test]
    fn table_without_compile_column() {
        let modes = vec!["interp".to_string()];
        let t = results_table(&sample(), &modes, false);
        assert_eq!(t.header.len(), 6);
        assert!(t.rows.iter().all(|r| r.len() == 6));
    }

    #[test]
    fn cells_escape_pipes() {
        let t = Table {
            header: vec!["a|b".into(), "n".into()],
            right: vec![false, true],
            rows: vec![vec!["x".into(), "1".into()]],
        };
        assert_eq!(
            t.render(),
            "| a\\|b |   n |\n| ---- | --: |\n| x    |   1 |\n"
        );
    }

    #[test]
    fn number_formats() {
        assert_eq!(fmt_secs(0.4412), "0.441");
        assert_eq!(fmt_secs(12.345), "12.35");
        assert_eq!(fmt_secs(123.45), "123.5");
        assert_eq!(fmt_ratio(1.234), "1.23");
        assert_eq!(fmt_ratio(45.67), "45.7");
        assert_eq!(fmt_ratio(1234.5), "1234");
        assert_eq!(fmt_mb(1536), "1.5");
        assert_eq!(fmt_ms(2.345_67), "2.35");
        assert_eq!(fmt_ms(1234.5), "1234");
    }

    #[test]
    fn json_has_results() {
        let machine = Machine {
            arch: "x86_64".into(),
            cpu: "Some \"CPU\"".into(),
            nproc: 2,
            loadavg: Some(1.5),
        };
        let modes = vec!["interp".to_string()];
        let meta = Meta {
            date: "2024-01-01T00:00:00Z",
            machine: &machine,
            command: "mirage bench --runs 3",
            runs: 3,
            timeout_s: 600.0,
            modes: &modes,
            mirage_exe: "/x/mirage",
            mirage_profile: "release",
            gcc_version: "gcc 12",
            compile_only: true,
        };
        let j = results_json(&meta, &sample()).render();
        assert!(j.contains("\"cpu\": \"Some \\\"CPU\\\"\""));
        assert!(j.contains("\"times_s\": [10, 12, 11]"));
        assert!(j.contains("\"median_s\": 11"));
        assert!(j.contains("\"ratio\": 22"));
        assert!(j.contains("\"status\": \"wrong-output\""));
        assert!(j.contains("\"error\": \"line 1 differs\""));
        assert!(j.contains("\"interp\": {\n      \"geomean\": 22"));
        assert_eq!(
            chart_values(&sample(), &modes),
            vec![vec![Some(22.0)], vec![None]]
        );
    }
}
