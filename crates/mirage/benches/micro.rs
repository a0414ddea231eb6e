//! Micro-benchmarks (divan): reader throughput, ICode lowering speed,
//! generator speed per optimization level, and the cost of a call through a
//! thunk. Run with `cargo bench -p mirage --bench micro`.
//!
//! These measure; they assert nothing. The end-to-end numbers (programs
//! against gcc -O2) come from `mirage bench`.

use divan::counter::{BytesCount, ItemsCount};
use divan::Bencher;
use mirage::{CodegenOptions, Context, Mode};
use mirage_ir::{ItemKind, Module, ReadOptions};

fn main() {
    divan::main();
}

/// A c2m-style module: `n` functions with loops, typed memory operands with
/// index, scale and aliases, calls through protos, and data items.
fn c2m_text(n: usize) -> String {
    let mut s = String::from("m:\tmodule\n\timport\tprintf\np_printf:\tproto\ti32, p:fmt, ...\n");
    s.push_str("tab:\ti32\t1, 2, 3, 4, 5, 6, 7, 8\n");
    for f in 0..n {
        s.push_str(&format!(
            "\texport\tf{f}\nf{f}:\tfunc\ti64, p:a, i64:n\n\
             \tlocal\ti64:i, i64:s, i64:t, i64:u, d:x, d:y\n\
             \tmov\ti, 0\n\tmov\ts, 0\n\tdmov\tx, 0.0\n\
             L{f}_top:\n\tbge\tL{f}_end, i, n\n\
             \tmov\tt, i32:(a, i, 4):al\n\tadds\ts, s, t\n\tmuls\tu, t, 7\n\
             \tmov\ti32:(a, i, 4):al, u\n\ti2d\ty, t\n\tdadd\tx, x, y\n\
             \tand\tt, t, 255\n\tble\tL{f}_skip, t, 3\n\tsub\ts, s, 1\n\
             L{f}_skip:\n\tadd\ti, i, 1\n\tjmp\tL{f}_top\n\
             L{f}_end:\n\tcall\tp_printf, printf, t, \"%ld\\n\", s\n\
             \td2i\tt, x\n\tadd\ts, s, t\n\tret\ts\n\tendfunc\n"
        ));
    }
    s.push_str("\tendmodule\n");
    s
}

fn mir_insns(ms: &[Module]) -> usize {
    ms.iter()
        .flat_map(|m| &m.items)
        .filter_map(|it| match &it.kind {
            ItemKind::Func(f) => Some(f.num_insns()),
            _ => None,
        })
        .sum()
}

#[divan::bench]
fn read_and_verify(b: Bencher) {
    let text = c2m_text(2000);
    b.counter(BytesCount::new(text.len()))
        .bench(|| mirage_ir::read_modules(text.as_bytes(), &ReadOptions::default()).unwrap());
}

#[divan::bench]
fn lower_to_icode(b: Bencher) {
    let text = c2m_text(500);
    let n = mir_insns(&mirage_ir::read_modules(text.as_bytes(), &ReadOptions::default()).unwrap());
    b.counter(ItemsCount::new(n))
        .with_inputs(|| {
            let mut ctx = Context::new();
            ctx.load_text(text.as_bytes(), None).unwrap();
            ctx.link(Mode::Interp).unwrap();
            ctx
        })
        .bench_local_values(|ctx| ctx.prepare_all().unwrap());
}

#[divan::bench(args = [0, 1, 2])]
fn generate(b: Bencher, level: u8) {
    let text = c2m_text(200);
    let ms = mirage_ir::read_modules(text.as_bytes(), &ReadOptions::default()).unwrap();
    let n = mir_insns(&ms);
    let opts = CodegenOptions::level(level);
    let names: Vec<String> = (0..200).map(|f| format!("f{f}")).collect();
    b.counter(ItemsCount::new(n)).bench(|| {
        for name in &names {
            mirage::compile_detached(&ms, name, &opts).unwrap();
        }
    });
}

extern "C" fn add1_native(x: i64) -> i64 {
    x + 1
}

#[divan::bench]
fn call_direct(b: Bencher) {
    let f: extern "C" fn(i64) -> i64 = divan::black_box(add1_native);
    b.bench(|| f(divan::black_box(41)));
}

#[divan::bench]
fn call_through_thunk(b: Bencher) {
    let mut ctx = Context::new();
    ctx.load_text(
        b"m: module\n export add1\nadd1: func i64, i64:x\n add x, x, 1\n ret x\n endfunc\n endmodule\n",
        None,
    )
    .unwrap();
    ctx.link(Mode::Jit).unwrap();
    let f = ctx
        .get_fn::<unsafe extern "C" fn(i64) -> i64>("add1")
        .unwrap();
    // SAFETY: the signature was checked against the prototype.
    b.bench(|| unsafe { f(divan::black_box(41)) });
}

#[divan::bench]
fn call_through_thunk_into_interpreter(b: Bencher) {
    let mut ctx = Context::new();
    ctx.load_text(
        b"m: module\n export add1\nadd1: func i64, i64:x\n add x, x, 1\n ret x\n endfunc\n endmodule\n",
        None,
    )
    .unwrap();
    ctx.link(Mode::Interp).unwrap();
    let f = ctx
        .get_fn::<unsafe extern "C" fn(i64) -> i64>("add1")
        .unwrap();
    // SAFETY: the signature was checked against the prototype.
    b.bench(|| unsafe { f(divan::black_box(41)) });
}
