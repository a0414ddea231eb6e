//! Calls and returns: interpreted calls on the explicit frame stack, native
//! calls through [`LinkEnv::call_native`], indirect calls, `jcall`/`jret`,
//! and the interpreter's own `setjmp`/`longjmp`.
//!
//! A call to an interpreted function pushes a frame and *continues the
//! dispatch chain in the callee* (no Rust recursion); `ret` pops it, writes
//! the results into the caller's slots (narrow integers extended by the
//! callee's result type, then by the prototype's, spec §3.4) and continues
//! after the call.
//!
//! `setjmp(buf)` records the calling frame (depth and activation serial),
//! the resume point and the stack position, keyed by the buffer address, and
//! writes a token naming it into `buf`; `longjmp(buf, v)` checks the token,
//! checks that the recorded activation is still live, drops the frames above
//! it, restores the stack position and resumes after the `setjmp` call with
//! `v` (0 becomes 1). A `jmp_buf` filled by C code, or one whose function has
//! returned, or one from another interpreter activation (beyond a native
//! frame) gives [`crate::Trap::BadLongJmp`] instead of
//! undefined behaviour.
//!
//! [`LinkEnv::call_native`]: crate::LinkEnv::call_native

use crate::exec::{
    copy_consts, ext_kind, ext_ty, ext_val, frame_mark, new_frame, next, pop_frame,
    push_frame_fast, rd, rd_val, set_params_site, trap, trap_pending, wr, wr_val, Cx, Frame,
    JmpRec, FRAME_HDR, ICACHE,
};
use crate::icode::{
    CallSite, Code, Exit, Inst, IntArg, RetVal, Target, RET_INT, RET_NONE, RET_ONE, SLOT,
};
use crate::program::Callee;
use crate::trap::{Trap, TrapKind};
use mirage_ir::abi::{ArgKind, Val};
use mirage_ir::Type;
use std::sync::atomic::Ordering;

#[inline(always)]
unsafe fn site<'a>(ip: *const Inst) -> &'a CallSite {
    &*((*ip).x as *const CallSite)
}

/// Ends a call handler whose new frame `nfp` has its record and
/// parameters set: continues at the callee's entry, first filling the
/// constant slots if it has any. The copy is a separate function reached
/// by a jump, so that handlers calling functions without constants carry
/// no loop (and save no registers).
#[inline(always)]
unsafe fn enter_code<const T: bool>(code: &Code, nfp: *mut u8, cx: &mut Cx) -> Exit {
    if !code.consts.is_empty() {
        return consts_then_enter::<T>(code, nfp, cx);
    }
    next!(T, code.entry(), nfp, cx)
}

#[inline(never)]
unsafe fn consts_then_enter<const T: bool>(code: &Code, nfp: *mut u8, cx: &mut Cx) -> Exit {
    copy_consts(code, nfp);
    next!(T, code.entry(), nfp, cx)
}

/// Enters `code` for call site `cs` at `ip` of the frame at `fp`.
#[inline(always)]
unsafe fn enter<const T: bool>(
    ip: *const Inst,
    fp: *mut u8,
    cx: &mut Cx,
    cs: &CallSite,
    code: &Code,
) -> Exit {
    let nfp = new_frame(cx, code, ip.add(1), cs.retpack);
    if nfp.is_null() {
        return trap_pending(cx, ip);
    }
    if !set_params_site(cx, code, nfp, fp, cs) {
        pop_frame(cx);
        return trap_pending(cx, ip);
    }
    next!(T, code.entry(), nfp, cx)
}

/// Enters a [`Code::simple`] function (the callee of an indirect call):
/// each argument converted per the prototype, then re-extended per the
/// callee's parameter type, straight into the parameter slots.
#[inline(always)]
unsafe fn enter_simple<const T: bool>(
    ip: *const Inst,
    fp: *mut u8,
    cx: &mut Cx,
    cs: &CallSite,
    code: &Code,
) -> Exit {
    let Some(at) = cx.stack.try_alloc(FRAME_HDR + code.frame_size as usize) else {
        return enter::<T>(ip, fp, cx, cs, code);
    };
    let nfp = push_frame_fast(cx, at, fp, code, ip.add(1), cs.retpack);
    for (k, (p, a)) in code.params.iter().zip(cs.args.iter()).enumerate() {
        let dst = nfp.add(k * SLOT as usize);
        match p.ty {
            Type::LD => (dst as *mut Val).write(rd_val(fp, a.off)),
            ty => (dst as *mut u64).write(ext_ty(ty, ext_kind(a.kind, rd(fp, a.off)))),
        }
    }
    enter_code::<T>(code, nfp, cx)
}

#[cold]
#[inline(never)]
unsafe fn resolve_code(cx: &mut Cx, cs: &CallSite, f: crate::FuncIdx) -> *const Code {
    let prog = cx.prog;
    match (*prog).code(f) {
        Ok(c) => {
            let p = c as *const Code;
            cs.fsize
                .store(FRAME_HDR as u64 + c.frame_size as u64, Ordering::Relaxed);
            cs.code.store(p as *mut Code, Ordering::Release);
            cs.entry.store(c.entry() as *mut Inst, Ordering::Release);
            p
        }
        Err(t) => {
            cx.trap = Some(TrapKind::Done(t));
            std::ptr::null()
        }
    }
}

/// The code of `f` (null with `cx.trap` set if it cannot be lowered). Out
/// of line: the `Result` it unpacks is returned through memory, and a local
/// whose address escapes would keep the calling handler from tail-calling.
#[inline(always)]
unsafe fn code_of(cx: &mut Cx, f: crate::FuncIdx) -> *const Code {
    let c = (*cx.prog).ready_code(f);
    if !c.is_null() {
        return c;
    }
    lower_now(cx, f)
}

#[inline(never)]
unsafe fn lower_now(cx: &mut Cx, f: crate::FuncIdx) -> *const Code {
    let prog = cx.prog;
    match (*prog).code(f) {
        Ok(c) => c,
        Err(t) => {
            cx.trap = Some(TrapKind::Done(t));
            std::ptr::null()
        }
    }
}

/// Direct call of an interpreted function.
pub(crate) unsafe fn call_interp<const T: bool>(ip: *const Inst, fp: *mut u8, cx: &mut Cx) -> Exit {
    let cs = site(ip);
    let mut code = cs.code.load(Ordering::Acquire) as *const Code;
    if code.is_null() {
        let Target::Direct(Callee::Interp(f)) = cs.target else {
            return trap(cx, ip, TrapKind::Unsupported("bad call site".into()));
        };
        code = resolve_code(cx, cs, f);
        if code.is_null() {
            return trap_pending(cx, ip);
        }
    }
    enter::<T>(ip, fp, cx, cs, &*code)
}

/// Calls native code at `addr` for call site `cs`. False with `cx.trap`
/// set on failure.
#[inline(never)]
unsafe fn native(cx: &mut Cx, fp: *mut u8, cs: &CallSite, addr: u64) -> bool {
    let n = cs.sig.results.len() + cs.args.len();
    if n <= 8 {
        // The common case: the slots on the machine stack.
        let mut buf = [Val::ZERO; 8];
        return native_with(cx, fp, cs, addr, &mut buf[..n]);
    }
    let mut slots = std::mem::take(&mut cx.scratch);
    slots.clear();
    slots.resize(n, Val::ZERO);
    let ok = native_with(cx, fp, cs, addr, &mut slots);
    cx.scratch = slots;
    ok
}

#[inline(always)]
unsafe fn native_with(
    cx: &mut Cx,
    fp: *mut u8,
    cs: &CallSite,
    addr: u64,
    slots: &mut [Val],
) -> bool {
    let nres = cs.sig.results.len();
    for (a, s) in cs.args.iter().zip(&mut slots[nres..]) {
        let v = rd_val(fp, a.off);
        *s = match a.kind {
            ArgKind::I8
            | ArgKind::U8
            | ArgKind::I16
            | ArgKind::U16
            | ArgKind::I32
            | ArgKind::U32 => Val::from_i64(ext_kind(a.kind, v.i64() as u64) as i64),
            _ => v,
        };
    }
    let prog = cx.prog;
    let env = &(*prog).env;
    let mut tok = cs.ff.load(Ordering::Relaxed);
    if tok == u64::MAX {
        tok = env.prepare_native(&cs.sig);
        cs.ff.store(tok, Ordering::Relaxed);
    }
    // SAFETY: `tok` is 0 or what `prepare_native` returned for this
    // site's signature.
    match env.call_native_prepared(tok, addr, &cs.sig, slots) {
        Ok(()) => {
            for (d, v) in cs.results.iter().zip(slots.iter()) {
                wr_val(fp, d.off, ext_val(d.ty, *v));
            }
            true
        }
        Err(Trap::Host(m)) => {
            cx.trap = Some(TrapKind::Native(m));
            false
        }
        Err(t) => {
            cx.trap = Some(TrapKind::Done(t));
            false
        }
    }
}

/// Direct call of native code.
pub(crate) unsafe fn call_native<const T: bool>(ip: *const Inst, fp: *mut u8, cx: &mut Cx) -> Exit {
    let cs = site(ip);
    let Target::Direct(Callee::Native(addr)) = cs.target else {
        return trap(cx, ip, TrapKind::Unsupported("bad call site".into()));
    };
    if !native(cx, fp, cs, addr) {
        return trap_pending(cx, ip);
    }
    next!(T, ip.add(1), fp, cx)
}

/// The [`Cx::icache`] entry for `addr`: a multiplicative hash (function
/// addresses are often evenly spaced, so their low bits collide).
#[inline(always)]
fn icache_index(addr: u64) -> usize {
    const _: () = assert!(ICACHE.is_power_of_two());
    (addr.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - ICACHE.trailing_zeros())) as usize
}

/// What `addr` is, through a small direct-mapped cache.
#[inline(always)]
fn resolve_addr(cx: &mut Cx, addr: u64) -> Callee {
    let mut i = icache_index(addr);
    if cx.icache[i].0 != addr {
        i = resolve_miss(cx, addr);
    }
    cx.icache[i].1
}

/// Asks the environment about `addr` and caches the answer; returns the
/// cache index. Out of line and returning a scalar: the `Callee` comes back
/// from the `dyn` call through memory, and a local whose address escapes
/// would keep the calling handler from tail-calling.
#[inline(never)]
fn resolve_miss(cx: &mut Cx, addr: u64) -> usize {
    let i = icache_index(addr);
    let c = cx.prog().env.callee_at(addr);
    cx.icache[i] = (addr, c, std::ptr::null());
    i
}

#[inline(always)]
unsafe fn dispatch<const T: bool>(
    ip: *const Inst,
    fp: *mut u8,
    cx: &mut Cx,
    cs: &CallSite,
    callee: Callee,
) -> Exit {
    match callee {
        Callee::Interp(f) => {
            let code = code_of(cx, f);
            if code.is_null() {
                return trap_pending(cx, ip);
            }
            let code = &*code;
            if code.simple && cs.args.len() >= code.params.len() && cx.depth < cx.max_depth {
                return enter_simple::<T>(ip, fp, cx, cs, code);
            }
            enter::<T>(ip, fp, cx, cs, code)
        }
        Callee::Native(addr) => {
            if !native(cx, fp, cs, addr) {
                return trap_pending(cx, ip);
            }
            next!(T, ip.add(1), fp, cx)
        }
        Callee::SetJmp => setjmp_at::<T>(ip, fp, cx, cs),
        Callee::LongJmp => longjmp_at::<T>(ip, fp, cx, cs),
    }
}

/// Indirect call through the address in a slot. The common case (a cached
/// interpreted callee already lowered, [`Code::simple`], within the limits
/// and with room in the current stack chunk) is handled here without any
/// call, so this handler saves no registers; everything else goes to
/// [`call_ind_slow`].
pub(crate) unsafe fn call_ind<const T: bool>(ip: *const Inst, fp: *mut u8, cx: &mut Cx) -> Exit {
    let cs = site(ip);
    if let Target::Indirect(off) = cs.target {
        let addr = rd(fp, off);
        let e = *cx.icache.get_unchecked(icache_index(addr));
        if e.0 == addr {
            let code = e.2;
            if !code.is_null() {
                let code = &*code;
                if code.simple
                    && !code.ld_params
                    && cs.ind_args
                    && cs.args.len() >= code.params.len()
                    && cx.depth < cx.max_depth
                {
                    if let Some(at) = cx.stack.try_alloc(FRAME_HDR + code.frame_size as usize) {
                        let nfp = push_frame_fast(cx, at, fp, code, ip.add(1), cs.retpack);
                        // Branch-free extensions: per the argument's kind,
                        // then per the parameter's type.
                        for (k, p) in code.pext.iter().enumerate() {
                            let a = *cs.iargs.get_unchecked(k);
                            (nfp.add(k * SLOT as usize) as *mut u64)
                                .write(p.ext(a.ext(rd(fp, a.off))));
                        }
                        return enter_code::<T>(code, nfp, cx);
                    }
                }
            }
        }
    }
    call_ind_slow::<T>(ip, fp, cx)
}

#[inline(never)]
unsafe fn call_ind_slow<const T: bool>(ip: *const Inst, fp: *mut u8, cx: &mut Cx) -> Exit {
    let cs = site(ip);
    let addr = match cs.target {
        Target::Indirect(off) => rd(fp, off),
        Target::Direct(Callee::Native(a)) => a,
        Target::Direct(c) => return dispatch::<T>(ip, fp, cx, cs, c),
    };
    let callee = resolve_addr(cx, addr);
    if let Callee::Interp(f) = callee {
        // Cache the code with the address for `call_ind`'s fast path.
        let code = code_of(cx, f);
        let i = icache_index(addr);
        if !code.is_null() && cx.icache[i].0 == addr {
            cx.icache[i].2 = code;
        }
    }
    dispatch::<T>(ip, fp, cx, cs, callee)
}

/// Copies `n` bytes; blocks passed by value are mostly a few words, for
/// which a call to `memcpy` costs more than the copy.
/// Sizes 8 to 32 take two possibly overlapping word copies (the ends of
/// the block), as `memcpy` implementations do.
#[inline(always)]
pub(crate) unsafe fn copy_small(src: *const u8, dst: *mut u8, n: usize) {
    if (8..=16).contains(&n) {
        let (a, b) = (
            (src as *const u64).read_unaligned(),
            (src.add(n - 8) as *const u64).read_unaligned(),
        );
        (dst as *mut u64).write_unaligned(a);
        (dst.add(n - 8) as *mut u64).write_unaligned(b);
    } else if (17..=32).contains(&n) {
        let (a, b) = (
            (src as *const u128).read_unaligned(),
            (src.add(n - 16) as *const u128).read_unaligned(),
        );
        (dst as *mut u128).write_unaligned(a);
        (dst.add(n - 16) as *mut u128).write_unaligned(b);
    } else {
        std::ptr::copy_nonoverlapping(src, dst, n);
    }
}

/// Return from the entry frame: the results go to `cx.results` (out of
/// line, keeping the hot path of [`ret`] small).
#[inline(never)]
unsafe fn ret_entry(fp: *mut u8, cx: &mut Cx, vals: &[RetVal]) -> Exit {
    cx.results.clear();
    for v in vals {
        cx.results.push(ext_val(v.ty, rd_val(fp, v.off)));
    }
    pop_frame(cx);
    Exit::Return
}

/// `ret`: values listed at x (pointer) / b (count).
pub(crate) unsafe fn ret<const T: bool>(ip: *const Inst, fp: *mut u8, cx: &mut Cx) -> Exit {
    let i = &*ip;
    let vals: &[RetVal] = std::slice::from_raw_parts(i.x as *const RetVal, i.b as usize);
    let top = cx.top;
    if top.is_null() {
        return trap(cx, ip, TrapKind::Unsupported("ret without a frame".into()));
    }
    let (ret_ip, mark, prev) = ((*top).ret_ip, frame_mark(cx, top), (*top).prev);
    if ret_ip.is_null() {
        return ret_entry(fp, cx, vals);
    }
    // The call instruction precedes the return address.
    let cs = &*((*ret_ip.sub(1)).x as *const CallSite);
    if cs.jcall {
        return trap(
            cx,
            ip,
            TrapKind::Unsupported("ret in a function entered by jcall (use jret)".into()),
        );
    }
    // A frame with a return address always has a caller below it.
    let cfp = Frame::fp(prev);
    for (d, v) in cs.results.iter().zip(vals) {
        wr_val(cfp, d.off, ext_val(d.ty, ext_val(v.ty, rd_val(fp, v.off))));
    }
    cx.top = prev;
    cx.depth -= 1;
    cx.stack.release(mark);
    next!(T, ret_ip, cfp, cx)
}

/// Direct call of an interpreted function with a simple signature (the
/// prototype matches the callee's parameters, no varargs; chosen at
/// lowering): the frame record, slots and by-value block copies come from
/// one allocation, one extension per scalar argument. Anything unusual
/// (first call, depth or memory limit) goes through [`call_interp`].
pub(crate) unsafe fn call_fast<const T: bool>(ip: *const Inst, fp: *mut u8, cx: &mut Cx) -> Exit {
    let cs = site(ip);
    let code = cs.code.load(Ordering::Acquire) as *const Code;
    if code.is_null() || cx.depth >= cx.max_depth {
        return call_interp::<T>(ip, fp, cx);
    }
    let code = &*code;
    let size = code.frame_size as usize;
    let Some(at) = cx.stack.try_alloc(FRAME_HDR + size + cs.extra as usize) else {
        return call_interp::<T>(ip, fp, cx);
    };
    let nfp = push_frame_fast(cx, at, fp, code, ip.add(1), cs.retpack);
    let mut blk = nfp.add(size);
    for (k, a) in cs.args.iter().enumerate() {
        let dst = nfp.add(k * SLOT as usize);
        match a.conv {
            Type::LD => (dst as *mut Val).write(rd_val(fp, a.off)),
            Type::Blk0 | Type::Blk1 | Type::Blk2 | Type::Blk3 | Type::Blk4 => {
                let n = match a.kind {
                    ArgKind::Blk { size, .. } => size as usize,
                    _ => 0,
                };
                copy_small(rd(fp, a.off) as *const u8, blk, n);
                (dst as *mut u64).write(blk as u64);
                blk = blk.add((n + 15) & !15);
            }
            ty => (dst as *mut u64).write(ext_ty(ty, rd(fp, a.off))),
        }
    }
    enter_code::<T>(code, nfp, cx)
}

/// [`call_fast`] for `N` scalar arguments and no block copies (chosen at
/// lowering): one extension per argument from the packed
/// [`CallSite::iargs`], unrolled.
pub(crate) unsafe fn call_int<const T: bool, const N: usize>(
    ip: *const Inst,
    fp: *mut u8,
    cx: &mut Cx,
) -> Exit {
    let cs = site(ip);
    // The entry and frame size cached in the site (set with the code on
    // the first call) keep the callee's `Code` off the dispatch path.
    let entry = cs.entry.load(Ordering::Acquire) as *const Inst;
    if entry.is_null() || cx.depth >= cx.max_depth {
        return call_cold::<T>(ip, fp, cx);
    }
    let code = &*cs.code.load(Ordering::Relaxed);
    // No room in the current chunk: the general path gets a new one (no
    // call on this path keeps the handler free of register saves).
    let Some(at) = cx
        .stack
        .try_alloc(cs.fsize.load(Ordering::Relaxed) as usize)
    else {
        return call_cold::<T>(ip, fp, cx);
    };
    let nfp = push_frame_fast(cx, at, fp, code, ip.add(1), cs.retpack);
    copy_consts(code, nfp);
    for k in 0..N {
        let a = cs.iargs[k];
        (nfp.add(k * SLOT as usize) as *mut u64).write(a.ext(rd(fp, a.off)));
    }
    next!(T, entry, nfp, cx)
}

/// [`call_interp`] from a fast call handler (out of line and cold, so the
/// fast path falls through).
#[cold]
#[inline(never)]
unsafe fn call_cold<const T: bool>(ip: *const Inst, fp: *mut u8, cx: &mut Cx) -> Exit {
    call_interp::<T>(ip, fp, cx)
}

/// `ret` of at most one value (b: count, a: its offset): the common case,
/// a return to a call site expecting no result or one, inline; anything
/// else goes through [`ret`].
pub(crate) unsafe fn ret_fast<const T: bool>(ip: *const Inst, fp: *mut u8, cx: &mut Cx) -> Exit {
    // The entry frame and explicit frames have `RET_SLOW` here.
    let top = Frame::of(fp);
    let pack = (*top).retpack;
    let i = &*ip;
    match pack as u8 {
        RET_INT => {
            // A direct call: the callee returns exactly one value (b = 1).
            let r = IntArg {
                off: (pack >> 32) as u32,
                sh: (pack >> 8) as u8,
                sgn: pack & 1 << 16 != 0,
            };
            let cfp = Frame::fp((*top).prev);
            let src = fp.add(i.a as usize) as *const u64;
            let dst = cfp.add(r.off as usize) as *mut u64;
            let (lo, hi) = (src.read(), src.add(1).read());
            dst.write(r.ext(lo));
            dst.add(1).write(if r.sh == 0 { hi } else { 0 });
        }
        RET_NONE => {}
        RET_ONE if i.b != 0 => {
            let cs = site((*top).ret_ip.sub(1));
            let cfp = Frame::fp((*top).prev);
            let (ty, d) = ((*(i.x as *const RetVal)).ty, cs.results.get_unchecked(0));
            wr_val(cfp, d.off, ext_val(d.ty, ext_val(ty, rd_val(fp, i.a))));
        }
        RET_ONE => {}
        _ => return ret::<T>(ip, fp, cx),
    }
    // An implicit frame: the stack top before it was its record.
    let (ret_ip, prev) = ((*top).ret_ip, (*top).prev);
    cx.top = prev;
    cx.depth -= 1;
    cx.stack.set_top(top as *mut u8);
    next!(T, ret_ip, Frame::fp(prev), cx)
}

/// `jcall`: enter the callee; it ends with `jret` to a label of this
/// function.
pub(crate) unsafe fn jcall<const T: bool>(ip: *const Inst, fp: *mut u8, cx: &mut Cx) -> Exit {
    let cs = site(ip);
    let callee = match cs.target {
        Target::Direct(c) => c,
        Target::Indirect(off) => resolve_addr(cx, rd(fp, off)),
    };
    match callee {
        Callee::Interp(f) => {
            let code = code_of(cx, f);
            if code.is_null() {
                return trap_pending(cx, ip);
            }
            enter::<T>(ip, fp, cx, cs, &*code)
        }
        _ => trap(
            cx,
            ip,
            TrapKind::Unsupported("jcall to native code or setjmp".into()),
        ),
    }
}

/// `jret`: pop the frame and continue at the label address in slot a of
/// the caller's function.
pub(crate) unsafe fn jret<const T: bool>(ip: *const Inst, fp: *mut u8, cx: &mut Cx) -> Exit {
    let to = rd(fp, (*ip).a);
    let caller = (*cx.top).prev;
    if caller.is_null() {
        return trap(
            cx,
            ip,
            TrapKind::Unsupported("jret in a function called from the host".into()),
        );
    }
    if !(*(*caller).code).is_label_address(to) {
        return trap(cx, ip, TrapKind::BadJump(to));
    }
    pop_frame(cx);
    next!(T, to as usize as *const Inst, Frame::fp(caller), cx)
}

// ---------------------------------------------------------------------------
// setjmp / longjmp.

const JMP_MAGIC: u64 = 0x6d69_7261_6765_4a42; // "mirageJB"

/// Direct call of `setjmp`.
pub(crate) unsafe fn setjmp<const T: bool>(ip: *const Inst, fp: *mut u8, cx: &mut Cx) -> Exit {
    setjmp_at::<T>(ip, fp, cx, site(ip))
}

/// Direct call of `longjmp`.
pub(crate) unsafe fn longjmp<const T: bool>(ip: *const Inst, fp: *mut u8, cx: &mut Cx) -> Exit {
    longjmp_at::<T>(ip, fp, cx, site(ip))
}

#[inline(always)]
unsafe fn setjmp_at<const T: bool>(
    ip: *const Inst,
    fp: *mut u8,
    cx: &mut Cx,
    cs: &CallSite,
) -> Exit {
    if !do_setjmp(ip, fp, cx, cs) {
        return trap_pending(cx, ip);
    }
    next!(T, ip.add(1), fp, cx)
}

#[inline(always)]
unsafe fn longjmp_at<const T: bool>(
    ip: *const Inst,
    fp: *mut u8,
    cx: &mut Cx,
    cs: &CallSite,
) -> Exit {
    let (to, tfp) = do_longjmp(ip, fp, cx, cs);
    if to.is_null() {
        return trap_pending(cx, ip);
    }
    next!(T, to, tfp, cx)
}

/// Records a setjmp point (out of line, see [`code_of`]).
#[inline(never)]
unsafe fn do_setjmp(ip: *const Inst, fp: *mut u8, cx: &mut Cx, cs: &CallSite) -> bool {
    let Some(a) = cs.args.first() else {
        cx.trap = Some(TrapKind::Unsupported("setjmp without a buffer".into()));
        return false;
    };
    let buf = rd(fp, a.off);
    let frame = cx.top;
    if (*frame).serial == 0 {
        cx.serial += 1;
        (*frame).serial = cx.serial;
    }
    let (depth, serial) = (cx.depth, (*frame).serial);
    cx.jmp_gen += 1;
    if cx.jmps.len() > 64 + 2 * cx.depth {
        let live: std::collections::HashSet<u64> =
            cx.frames().map(|f| unsafe { (*f).serial }).collect();
        cx.jmps.retain(|_, r| live.contains(&r.serial));
    }
    let res = cs.results.first().copied();
    cx.jmps.insert(
        buf,
        JmpRec {
            frame,
            depth,
            serial,
            resume: ip.add(1),
            fp,
            res,
            top: cx.stack.mark(),
            gen: cx.jmp_gen,
        },
    );
    let p = buf as *mut u64;
    p.write_unaligned(JMP_MAGIC);
    p.add(1).write_unaligned(cx.id);
    p.add(2).write_unaligned(buf);
    p.add(3).write_unaligned(cx.jmp_gen);
    if let Some(r) = res {
        wr(fp, r.off, 0);
    }
    true
}

/// Performs a longjmp: returns where to continue (null ip with `cx.trap`
/// set if it cannot be done).
#[inline(never)]
unsafe fn do_longjmp(
    _ip: *const Inst,
    fp: *mut u8,
    cx: &mut Cx,
    cs: &CallSite,
) -> (*const Inst, *mut u8) {
    let fail = |cx: &mut Cx, why: &str| {
        cx.trap = Some(TrapKind::LongJmp(why.to_string()));
        (std::ptr::null(), std::ptr::null_mut())
    };
    if cs.args.len() < 2 {
        cx.trap = Some(TrapKind::Unsupported("longjmp needs two arguments".into()));
        return (std::ptr::null(), std::ptr::null_mut());
    }
    let buf = rd(fp, cs.args[0].off) as *const u64;
    let a1 = &cs.args[1];
    let mut v = ext_kind(a1.kind, rd(fp, a1.off));
    if v == 0 {
        v = 1;
    }
    if buf.read_unaligned() != JMP_MAGIC || buf.add(1).read_unaligned() != cx.id {
        return fail(
            cx,
            "the jmp_buf was not filled by setjmp in this interpreter activation",
        );
    }
    let key = buf.add(2).read_unaligned();
    let gen = buf.add(3).read_unaligned();
    let Some(rec) = cx.jmps.get(&key) else {
        return fail(cx, "the jmp_buf is stale");
    };
    if rec.gen != gen {
        return fail(cx, "the jmp_buf is stale (setjmp was called again on it)");
    }
    // The recorded frame is live if the frame at its depth is it.
    let live = rec.depth <= cx.depth && {
        let target = cx.frames().nth(cx.depth - rec.depth);
        target == Some(rec.frame) && (*rec.frame).serial == rec.serial
    };
    if !live {
        return fail(cx, "the function that called setjmp has returned");
    }
    let (frame, depth, resume, rfp, res, top) =
        (rec.frame, rec.depth, rec.resume, rec.fp, rec.res, rec.top);
    cx.top = frame;
    cx.depth = depth;
    cx.stack.release(top);
    if let Some(r) = res {
        wr(rfp, r.off, ext_ty(r.ty, v));
    }
    (resume, rfp)
}
