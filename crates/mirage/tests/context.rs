//! The Context API end to end: loading, linking, symbol resolution, typed
//! lookups, callbacks from C, the function table for closures, W^X, and a
//! context without code generation mapping no executable page at all.

use mirage::{Context, ContextOptions, Error, Mode, Val};
use std::sync::Mutex;

/// Tests that read /proc/self/maps or resident memory must not overlap.
static SERIAL: Mutex<()> = Mutex::new(());

fn ctx_from(src: &str) -> Context {
    let mut ctx = Context::new();
    ctx.load_text(src.as_bytes(), Some("test.mir"))
        .expect("valid MIR");
    ctx.link(Mode::Interp).expect("links");
    ctx
}

const FACT: &str = "m: module
    export fact
fact: func i64, i64:n
    local i64:r
    mov r, 1
top: ble done, n, 1
    mul r, r, n
    sub n, n, 1
    jmp top
done: ret r
    endfunc
    endmodule
";

#[test]
fn typed_lookup_calls_through_the_thunk() {
    let ctx = ctx_from(FACT);
    let fact = ctx
        .get_fn::<unsafe extern "C" fn(i64) -> i64>("fact")
        .unwrap();
    // SAFETY: the signature was checked against the prototype.
    assert_eq!(unsafe { fact(20) }, 2432902008176640000);
    // The address is permanent.
    assert_eq!(
        ctx.func_address("fact").unwrap(),
        ctx.func_address("fact").unwrap()
    );
}

#[test]
fn typed_lookup_refuses_mismatches() {
    let ctx = ctx_from(FACT);
    let e = ctx
        .get_fn::<unsafe extern "C" fn(f64) -> i64>("fact")
        .unwrap_err();
    assert!(matches!(e, Error::Signature { .. }), "{e}");
    assert!(e.to_string().contains("argument 0"), "{e}");
    let e = ctx
        .get_fn::<unsafe extern "C" fn(i64, i64) -> i64>("fact")
        .unwrap_err();
    assert!(e.to_string().contains("takes 1 argument"), "{e}");
    let e = ctx.get_fn::<unsafe extern "C" fn(i64)>("fact").unwrap_err();
    assert!(e.to_string().contains("returns 1 value"), "{e}");
    let e = ctx
        .get_fn::<unsafe extern "C" fn(i64) -> i64>("nope")
        .unwrap_err();
    assert!(matches!(e, Error::NoSuchFunction(_)), "{e}");
}

#[test]
fn unresolved_import_is_named() {
    let mut ctx = Context::new();
    ctx.load_text(
        b"m: module\n import no_such_symbol_xyz\np: proto\nf: func\n call p, no_such_symbol_xyz\n ret\n endfunc\n endmodule\n",
        None,
    )
    .unwrap();
    let e = ctx.link(Mode::Interp).unwrap_err();
    assert!(
        e.to_string()
            .contains("undefined symbol 'no_such_symbol_xyz'"),
        "{e}"
    );
}

extern "C" fn triple(x: i64) -> i64 {
    3 * x
}

#[test]
fn externals_then_resolver_then_process_symbols() {
    let src = "m: module
    import triple, quad, strlen
p1: proto i64, i64:x
ps: proto i64, p:s
    export f
f: func i64, i64:x
    local i64:a, i64:b, i64:c
    call p1, triple, a, x
    call p1, quad, b, x
    call ps, strlen, c, \"hello\"
    add a, a, b
    add a, a, c
    ret a
    endfunc
    endmodule
";
    extern "C" fn quad(x: i64) -> i64 {
        4 * x
    }
    let mut ctx = Context::new();
    ctx.load_external("triple", triple as *const u8);
    ctx.set_resolver(|name| (name == "quad").then_some(quad as *const () as usize));
    ctx.load_text(src.as_bytes(), None).unwrap();
    ctx.link(Mode::Interp).unwrap();
    let r = ctx.call("f", &[Val::from_i64(10)]).unwrap();
    assert_eq!(r[0].i64(), 30 + 40 + 5);
}

#[test]
fn modules_link_to_each_other_and_data_is_laid_out() {
    let src = "a: module
    export counter, bump
counter: i64 40
bump: func i64, i64:d
    local i64:p, i64:v
    mov p, counter
    add v, i64:(p), d
    mov i64:(p), v
    ret v
    endfunc
    endmodule
b: module
    import counter, bump
pb: proto i64, i64:d
tab: ref counter, 0
    export g
g: func i64
    local i64:r, i64:p
    call pb, bump, r, 2
    mov p, tab
    mov p, i64:(p)
    mov r, i64:(p)
    ret r
    endfunc
    endmodule
";
    let ctx = ctx_from(src);
    assert_eq!(ctx.call("g", &[]).unwrap()[0].i64(), 42);
    assert_eq!(ctx.call("g", &[]).unwrap()[0].i64(), 44);
}

extern "C" {
    fn bl_call_cb12(cb: *const u8, got: *mut f64) -> i32;
}

#[test]
fn c_calls_back_a_mir_function_with_twelve_mixed_arguments() {
    // CbS {int64, double} is INTEGER then SSE: block case 3.
    let src = "m: module
    export cb
cb: func d, i8:a, u16:b, i32:c, i64:d, u8:e, i64:f, i32:g, f:h, d:i, ld:j, blk3:16(k), i16:l
    local d:r, d:t, i64:x, ld:lt, f:ft
    i2d r, a
    i2d t, b
    dmul t, t, 2.0
    dadd r, r, t
    i2d t, c
    dmul t, t, 3.0
    dadd r, r, t
    rsh x, d, 20
    i2d t, x
    dmul t, t, 4.0
    dadd r, r, t
    i2d t, e
    dmul t, t, 5.0
    dadd r, r, t
    i2d t, f
    dmul t, t, 6.0
    dadd r, r, t
    i2d t, g
    dmul t, t, 7.0
    dadd r, r, t
    fmul ft, h, 8.0f
    f2d t, ft
    dadd r, r, t
    dmul t, i, 9.0
    dadd r, r, t
    ldmul lt, j, 10.0L
    ld2d t, lt
    dadd r, r, t
    mov x, i64:(k)
    i2d t, x
    dadd t, t, d:8(k)
    dmul t, t, 11.0
    dadd r, r, t
    i2d t, l
    dmul t, t, 12.0
    dadd r, r, t
    ret r
    endfunc
    endmodule
";
    let ctx = ctx_from(src);
    let cb = ctx.func_address("cb").unwrap();
    let mut got = 0.0;
    // SAFETY: bl_call_cb12 calls `cb` with the C signature it was written
    // for, which is the MIR function's signature.
    let ok = unsafe { bl_call_cb12(cb, &mut got) };
    assert_eq!(ok, 1, "callback computed {got}");
}

#[test]
fn closures_call_through_the_function_table() {
    // A closure object is {function index, captured value}; the call loads
    // the slot from the table and calls it: two loads and an indirect call.
    let src = "m: module
    export add1, times3, apply
add1: func i64, i64:env, i64:x
    local i64:r
    add r, x, env
    ret r
    endfunc
times3: func i64, i64:env, i64:x
    local i64:r
    mul r, x, env
    ret r
    endfunc
pc: proto i64, i64:env, i64:x
apply: func i64, p:table, p:clo, i64:x
    local i64:idx, i64:fn, i64:env, i64:r
    mov idx, i64:(clo)
    mov env, i64:8(clo)
    mov fn, i64:(table, idx, 8)
    call pc, fn, r, env, x
    ret r
    endfunc
    endmodule
";
    let ctx = ctx_from(src);
    let (i_add, base) = ctx.table_slot("add1").unwrap();
    let (i_mul, base2) = ctx.table_slot("times3").unwrap();
    assert_eq!(base, base2);
    let apply = ctx
        .get_fn::<unsafe extern "C" fn(*const u8, *const i64, i64) -> i64>("apply")
        .unwrap();
    let c1 = [i_add as i64, 1];
    let c2 = [i_mul as i64, 3];
    // SAFETY: checked signature; the closures are valid for the calls.
    unsafe {
        assert_eq!(apply(base, c1.as_ptr(), 41), 42);
        assert_eq!(apply(base, c2.as_ptr(), 14), 42);
    }
    // From the interpreter too.
    let r = ctx
        .call(
            "apply",
            &[
                Val::from_i64(base as i64),
                Val::from_i64(c2.as_ptr() as i64),
                Val::from_i64(5),
            ],
        )
        .unwrap();
    assert_eq!(r[0].i64(), 15);
}

fn executable_mappings() -> Vec<String> {
    std::fs::read_to_string("/proc/self/maps")
        .unwrap()
        .lines()
        .filter(|l| l.split_whitespace().nth(1).is_some_and(|p| p.contains('x')))
        .map(|l| l.to_string())
        .collect()
}

#[test]
fn no_mapping_is_writable_and_executable() {
    let _g = SERIAL.lock().unwrap();
    let mut src = String::from("m: module\n");
    for i in 0..300 {
        src.push_str(&format!(
            "    export f{i}\nf{i}: func i64, i64:x\n    add x, x, {i}\n    ret x\n    endfunc\n"
        ));
    }
    src.push_str("    endmodule\n");
    let ctx = ctx_from(&src);
    let f = ctx
        .get_fn::<unsafe extern "C" fn(i64) -> i64>("f299")
        .unwrap();
    // SAFETY: checked signature.
    assert_eq!(unsafe { f(1) }, 300);
    for l in executable_mappings() {
        let perms = l.split_whitespace().nth(1).unwrap();
        assert!(!perms.contains('w'), "writable and executable: {l}");
    }
}

#[test]
fn without_code_generation_no_executable_page_is_mapped() {
    let _g = SERIAL.lock().unwrap();
    let src = "m: module
    import printf, snprintf
pf: proto i32, p:buf, i64:n, p:fmt, ...
    export main
main: func i64
    local i64:buf, i64:r
    alloca buf, 64
    call pf, snprintf, r, buf, 64, \"%d-%s\", 42, \"x\"
    ret r
    endfunc
    endmodule
";
    let before = executable_mappings();
    let mut ctx = Context::with_options(ContextOptions {
        code_generation: false,
        ..ContextOptions::default()
    });
    ctx.load_text(src.as_bytes(), None).unwrap();
    ctx.link(Mode::Interp).unwrap();
    let r = ctx.call("main", &[]).unwrap();
    assert_eq!(r[0].i64(), 4);
    let after = executable_mappings();
    assert_eq!(before, after, "an executable mapping appeared");
    // And there is no native address to hand out.
    assert!(ctx.func_address("main").is_err());
}

#[test]
fn without_code_generation_callbacks_are_refused_clearly() {
    let src = "m: module
    import qsort
pq: proto p:base, i64:n, i64:size, p:cmp
    export cmp, main
cmp: func i32, p:a, p:b
    ret 0
    endfunc
main: func i64
    local i64:buf
    alloca buf, 16
    call pq, qsort, buf, 2, 8, cmp
    ret 0
    endfunc
    endmodule
";
    let mut ctx = Context::with_options(ContextOptions {
        code_generation: false,
        ..ContextOptions::default()
    });
    ctx.load_text(src.as_bytes(), None).unwrap();
    ctx.link(Mode::Interp).unwrap();
    let e = ctx.call("main", &[]).unwrap_err();
    assert!(e.to_string().contains("needs code generation"), "{e}");
}

fn resident_kb() -> u64 {
    let s = std::fs::read_to_string("/proc/self/statm").unwrap();
    let pages: u64 = s.split_whitespace().nth(1).unwrap().parse().unwrap();
    pages * 4
}

#[test]
fn ten_thousand_contexts_keep_resident_memory_flat() {
    let _g = SERIAL.lock().unwrap();
    let round = |n: usize| {
        for i in 0..n {
            let ctx = ctx_from(FACT);
            let fact = ctx
                .get_fn::<unsafe extern "C" fn(i64) -> i64>("fact")
                .unwrap();
            // SAFETY: checked signature.
            assert_eq!(unsafe { fact(5) }, 120, "context {i}");
        }
    };
    round(500); // warm up allocator pools
    let start = resident_kb();
    round(10_000);
    let end = resident_kb();
    assert!(
        end < start + 8 * 1024,
        "resident memory grew from {start} kB to {end} kB"
    );
}

#[test]
fn generator_modes_need_code_generation() {
    let mut ctx = Context::with_options(ContextOptions {
        code_generation: false,
        ..ContextOptions::default()
    });
    ctx.load_text(FACT.as_bytes(), None).unwrap();
    let e = ctx.link(Mode::Jit).unwrap_err();
    assert!(e.to_string().contains("without code generation"), "{e}");
}

#[test]
fn every_mode_gives_the_same_results() {
    for mode in [Mode::Interp, Mode::Jit, Mode::Lazy] {
        let mut ctx = Context::new();
        ctx.load_text(FACT.as_bytes(), None).unwrap();
        ctx.link(mode).unwrap();
        let fact = ctx
            .get_fn::<unsafe extern "C" fn(i64) -> i64>("fact")
            .unwrap();
        // SAFETY: checked signature.
        assert_eq!(unsafe { fact(15) }, 1307674368000, "{mode:?}");
        assert_eq!(
            ctx.call("fact", &[Val::from_i64(10)]).unwrap()[0].i64(),
            3628800,
            "{mode:?}"
        );
    }
}
